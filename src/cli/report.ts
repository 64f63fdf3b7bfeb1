/** What the commands print: accuracy, a confusion matrix, class probabilities, sizes. */
import type { Tensor } from '../tensor/index.js';

/** The index of the largest value in each row of a `[n, k]` array. */
export function argmaxRows(values: ArrayLike<number>, k: number): Int32Array {
  const n = values.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (values[i * k + j]! > values[i * k + best]!) best = j;
    out[i] = best;
  }
  return out;
}

/** `matrix[t][p]`: how many samples of true class `t` were predicted as `p`. */
export function confusionMatrix(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  k: number,
): number[][] {
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < truth.length; i++) matrix[truth[i]!]![predicted[i]!]!++;
  return matrix;
}

/**
 * The matrix as a table: rows are true classes, columns predicted ones, the diagonal (correct)
 * cells in brackets so they stand out without colour.
 */
export function formatConfusion(matrix: number[][], names?: readonly string[]): string {
  const k = matrix.length;
  const labels = Array.from({ length: k }, (_, i) => String(i));
  const width = Math.max(4, ...matrix.flat().map((v) => String(v).length + 3));
  const rowLabel = Math.max(4, ...labels.map((l, i) => (names ? `${l} ${names[i]}` : l).length));
  const lines = [
    `${'true'.padEnd(rowLabel)} │${labels.map((l) => l.padStart(width)).join('')}` +
      '   ← predicted',
  ];
  lines.push(`${'─'.repeat(rowLabel)}─┼${'─'.repeat(width * k)}`);
  matrix.forEach((row, t) => {
    const cells = row.map((v, p) => (p === t ? `[${v}]` : String(v)).padStart(width)).join('');
    lines.push(`${(names ? `${t} ${names[t]}` : String(t)).padEnd(rowLabel)} │${cells}`);
  });
  return lines.join('\n');
}

/** Accuracy of predicted class indices against true ones. */
export function accuracyOf(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
): { correct: number; accuracy: number } {
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) correct++;
  return { correct, accuracy: truth.length === 0 ? NaN : correct / truth.length };
}

/** Predicted classes and the matrix for a model's probabilities `[n, k]` and labels `[n]`. */
export function classify(
  probabilities: Tensor,
  labels: Tensor,
): { predicted: Int32Array; matrix: number[][]; correct: number; accuracy: number } {
  const k = probabilities.shape[probabilities.shape.length - 1]!;
  const predicted = argmaxRows(probabilities.dataSync(), k);
  const truth = labels.dataSync();
  return {
    predicted,
    matrix: confusionMatrix(truth, predicted, k),
    ...accuracyOf(truth, predicted),
  };
}

/** A byte count as people read it: `48.2 KB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
