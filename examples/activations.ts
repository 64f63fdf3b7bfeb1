/**
 * The article's activation-function examples, computed by nabla beside the article's printed
 * values. Run: npx tsx examples/activations.ts
 */
import * as nb from 'nabla';

const INPUT = [-2, -1, 0, 1, 2];

/** The article's printed values, and the correct ones (SPEC.md). */
export const ARTICLE = {
  sigmoid: [0.1192, 0.268, 0.5, 0.7311, 0.8808],
  relu: [0, 0, 0, 1, 2],
  leakyRelu: [-0.02, -0.01, 0, 1, 2],
};

/** Computes each activation of the article on its input, in float64. */
export function activationTable(): Record<string, number[]> {
  return nb.tidy(() => {
    const x = nb.tensor(INPUT, { dtype: 'float64' });
    const table: Record<string, nb.Tensor> = {
      sigmoid: x.sigmoid(),
      relu: x.relu(),
      leakyRelu: x.leakyRelu(0.01),
      tanh: x.tanh(),
      elu: x.elu(),
      selu: x.selu(),
      gelu: x.gelu(),
      silu: x.silu(),
      softplus: x.softplus(),
      softsign: x.softsign(),
      hardSigmoid: x.hardSigmoid(),
      softmax: x.softmax(),
    };
    return Object.fromEntries(Object.entries(table).map(([k, t]) => [k, Array.from(t.dataSync())]));
  });
}

function main(): void {
  const table = activationTable();
  const fmt = (v: number): string => v.toFixed(4).padStart(8);
  console.log(`input        ${INPUT.map(fmt).join('')}`);
  for (const [name, values] of Object.entries(table)) {
    console.log(`${name.padEnd(12)} ${values.map(fmt).join('')}`);
    const printed = ARTICLE[name as keyof typeof ARTICLE];
    if (printed) {
      console.log(`  article    ${printed.map(fmt).join('')}`);
      printed.forEach((p, i) => {
        if (Math.abs(p - values[i]!) > 5e-5) {
          console.log(`  ↳ the article prints ${p} for ${name}(${INPUT[i]}); the value is ${values[i]!.toFixed(4)}`);
        }
      });
    }
  }
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
