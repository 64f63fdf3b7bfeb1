/**
 * Training without `fit`, PyTorch style: the loop, the batches, the backward pass and the
 * optimizer step written by hand. Two forms: `loss.backward()` on a model's weights, and
 * `nb.valueAndGrad` on plain tensors.
 * Run: npx tsx examples/custom-loop.ts
 */
import * as nb from 'nabla';

/** Trains the digits MLP with a hand-written loop; returns each epoch's mean loss and the test accuracy. */
export async function trainByHand(epochs = 5): Promise<{ losses: number[]; testAccuracy: number }> {
  nb.setSeed(7);
  const { train, test } = await nb.datasets.digits();
  const x = train.x;
  const y = nb.oneHot(train.y, 10);
  const model = nb.sequential([
    nb.layers.dense({ units: 64, activation: 'relu', inputShape: [64] }),
    nb.layers.dense({ units: 10, activation: 'softmax' }),
  ]);
  const lossFn = nb.losses.categoricalCrossentropy();
  const optimizer = nb.optimizers.adam({ learningRate: 1e-3 });
  const weights = model.trainableWeights.map((w) => w.value);
  const rng = new nb.Random(0);
  const batchSize = 32;
  const n = x.shape[0]!;
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = Array.from(rng.permutation(n));
    let total = 0;
    for (let start = 0; start < n; start += batchSize) {
      const indices = order.slice(start, start + batchSize);
      // tidy frees the batch, the activations and the gradients' intermediates.
      total += nb.tidy(() => {
        const xb = x.gather(indices);
        const yb = y.gather(indices);
        const loss = lossFn.call(yb, model.apply(xb, { training: true }) as nb.Tensor);
        loss.backward();
        optimizer.applyGradients(weights.map((w) => [w.grad, w] as const));
        for (const w of weights) w.zeroGrad();
        return loss.item() * indices.length;
      });
    }
    losses.push(total / n);
  }
  const testAccuracy = nb.tidy(() => {
    const predicted = (model.apply(test.x) as nb.Tensor).argmax(-1);
    return predicted.eq(test.y).cast('float32').mean().item();
  });
  return { losses, testAccuracy };
}

/** Fits y = 3x − 1 with `valueAndGrad` on two plain tensors and SGD; returns [w, b]. */
export function fitLine(steps = 200): [number, number] {
  const x = nb.linspace(-1, 1, 32).reshape([32, 1]);
  const y = x.mul(3).sub(1);
  const w = nb.zeros([1, 1]);
  const b = nb.zeros([1]);
  const optimizer = nb.optimizers.sgd({ learningRate: 0.1 });
  const lossAndGrads = nb.valueAndGrad((wv: nb.Tensor, bv: nb.Tensor) =>
    x.matmul(wv).add(bv).sub(y).square().mean(),
  );
  for (let i = 0; i < steps; i++) {
    nb.tidy(() => {
      const [, [gw, gb]] = lossAndGrads(w, b) as [nb.Tensor, nb.Tensor[]];
      optimizer.applyGradients([
        [gw!, w],
        [gb!, b],
      ]);
    });
  }
  return [w.item(), b.item()];
}

async function main(): Promise<void> {
  const [w, b] = fitLine();
  console.log(
    `valueAndGrad + SGD: y = ${w.toFixed(3)}·x ${b < 0 ? '−' : '+'} ${Math.abs(b).toFixed(3)} (target 3·x − 1)`,
  );
  const { losses, testAccuracy } = await trainByHand();
  losses.forEach((l, i) => console.log(`epoch ${i + 1}: loss ${l.toFixed(4)}`));
  console.log(`test accuracy ${(100 * testAccuracy).toFixed(1)} %`);
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
