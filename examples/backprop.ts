/**
 * The article's backpropagation worked example (section "Backpropagation Algorithm"), by
 * autograd, beside the article's numbers. The article's arithmetic slips at a3 (it writes
 * 0.4·1.1 = 0.66), and every later number inherits the slip.
 * Run: npx tsx examples/backprop.ts
 */
import * as nb from 'nabla';

/** The article's printed values and the correct ones (SPEC.md). */
export const ARTICLE: Record<string, string> = {
  a1: '1.1',
  a2: '1.3',
  a3: '1.38',
  loss: '0.0092',
  'dL/da3': '-0.12',
  w31: '0.4132',
  w32: '0.4132 (one weight)',
  b3: '0.212',
  w1: '0.5096',
  b1: '0.1048',
  w2: '0.8096',
  b2: '-0.2952',
};

/** Runs one forward pass, backpropagation and a gradient-descent step (lr 0.1) in float64. */
export function workedExample(): Record<string, number> {
  return nb.tidy(() => {
    const param = (v: number): nb.Tensor => nb.scalar(v, 'float64').requireGrad();
    const x = nb.scalar(2, 'float64');
    const y = nb.scalar(1.5, 'float64');
    const p = { w1: param(0.5), b1: param(0.1), w2: param(0.8), b2: param(-0.3), w31: param(0.4), w32: param(0.4), b3: param(0.2) };
    const a1 = x.mul(p.w1).add(p.b1).relu();
    const a2 = x.mul(p.w2).add(p.b2).relu();
    const a3 = a1.mul(p.w31).add(a2.mul(p.w32)).add(p.b3);
    const loss = y.sub(a3).square().mul(0.5);
    // dL/da3 through autograd on a3 itself: grad of the loss as a function of a3's value.
    const dLda3 = nb.grad((out: nb.Tensor) => y.sub(out).square().mul(0.5))(a3.detach());
    loss.backward();
    const lr = 0.1;
    const result: Record<string, number> = { a1: a1.item(), a2: a2.item(), a3: a3.item(), loss: loss.item(), 'dL/da3': dLda3.item() };
    for (const name of ['w31', 'w32', 'b3', 'w1', 'b1', 'w2', 'b2'] as const) {
      const w = p[name];
      result[name] = w.item() - lr * w.grad!.item();
      w.zeroGrad();
    }
    return result;
  });
}

function main(): void {
  const values = workedExample();
  console.log('quantity   article              nabla (correct)');
  for (const [name, value] of Object.entries(values)) {
    const printed = ARTICLE[name]!;
    const differs = Math.abs(parseFloat(printed) - value) > 5e-5 || printed.includes('one weight');
    console.log(`${name.padEnd(10)} ${printed.padEnd(20)} ${value.toFixed(4).padEnd(8)}${differs ? '  ← article differs' : ''}`);
  }
  console.log('\nWhere the article erred: it computes a3 = 0.4·1.1 + 0.4·1.3 + 0.2 as 1.38 (writing');
  console.log('0.4·1.1 = 0.66); the sum is 1.16. From there its loss (0.0092), dL/da3 (−0.12) and every');
  console.log('updated weight inherit the slip; it also updates only one output weight, while w31 and');
  console.log('w32 receive different gradients (a1 ≠ a2): 0.4374 and 0.4442.');
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
