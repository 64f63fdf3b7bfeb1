/** Precision, recall, AUC and F-scores against hand-computed values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../tensor/index.js';
import { AUC, F1Score, FBetaScore, Precision, Recall } from './index.js';

const close = (a: number, b: number, tol = 1e-7): void => {
  assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);
};

test('precision: TP / (TP + FP), weights, 0 with nothing predicted', () => {
  const m = new Precision();
  close(m.result(), 0);
  m.updateState(tensor([0, 1, 1, 1]), tensor([1, 0, 1, 1]));
  close(m.result(), 2 / 3);
  m.resetState();
  m.updateState(tensor([0, 1, 1, 1]), tensor([1, 0, 1, 1]), tensor([0, 0, 1, 0]));
  close(m.result(), 1);
  m.resetState();
  m.updateState(tensor([1, 1]), tensor([0.2, 0.5]));
  close(m.result(), 0);
});

test('precision with topK keeps only the best k scores of each row (ties by index)', () => {
  const top2 = new Precision({ topK: 2 });
  top2.updateState(tensor([0, 0, 1, 1]), tensor([1, 1, 1, 1]));
  close(top2.result(), 0);
  const top4 = new Precision({ topK: 4 });
  top4.updateState(tensor([0, 0, 1, 1]), tensor([1, 1, 1, 1]));
  close(top4.result(), 0.5);
  const rows = new Precision({ topK: 1 });
  // Row best: class 1 (label 1) and class 0 (label 0) → 1 / 2.
  rows.updateState(tensor([[0, 1, 1], [0, 1, 0]]), tensor([[0.1, 0.7, 0.6], [0.9, 0.8, 0.1]]));
  close(rows.result(), 0.5);
});

test('recall: TP / (TP + FN), weights, classId', () => {
  const m = new Recall();
  m.updateState(tensor([0, 1, 1, 1]), tensor([1, 0, 1, 1]));
  close(m.result(), 2 / 3);
  m.resetState();
  m.updateState(tensor([0, 1, 1, 1]), tensor([1, 0, 1, 1]), tensor([0, 0, 1, 0]));
  close(m.result(), 1);
  const second = new Recall({ classId: 1 });
  // Class 1 labels [1, 1, 0], predictions [0.9 ✓, 0.2 ✗, 0.8] → recall 1/2; weights 1, 3, 1 → 1/4.
  const yTrue = tensor([[0, 1], [1, 1], [1, 0]]);
  const yPred = tensor([[0.9, 0.9], [0.6, 0.2], [0.1, 0.8]]);
  second.updateState(yTrue, yPred);
  close(second.result(), 0.5);
  second.resetState();
  second.updateState(yTrue, yPred, tensor([[1], [3], [1]]));
  close(second.result(), 0.25);
  const third = new Recall({ classId: 2 });
  assert.throws(() => third.updateState(yTrue, yPred), /classId 2 is out of range for 2 classes/);
  assert.throws(() => new Recall({ thresholds: [0.3, 0.5] as never }), /thresholds must be one/);
});

test('AUC with 3 thresholds, as worked out in Keras\'s documentation', () => {
  // thresholds [−1e-7, 0.5, 1 + 1e-7]: recall [1, 0.5, 0], false-positive rate [1, 0, 0].
  const m = new AUC({ numThresholds: 3 });
  m.updateState(tensor([0, 0, 1, 1]), tensor([0, 0.5, 0.3, 0.9]));
  close(m.result(), 0.75);
  m.resetState();
  m.updateState(tensor([0, 0, 1, 1]), tensor([0, 0.5, 0.3, 0.9]), tensor([1, 0, 0, 1]));
  close(m.result(), 1);
  const minoring = new AUC({ numThresholds: 3, summationMethod: 'minoring' });
  minoring.updateState(tensor([0, 0, 1, 1]), tensor([0, 0.5, 0.3, 0.9]));
  close(minoring.result(), 0.5);
  const majoring = new AUC({ numThresholds: 3, summationMethod: 'majoring' });
  majoring.updateState(tensor([0, 0, 1, 1]), tensor([0, 0.5, 0.3, 0.9]));
  close(majoring.result(), 1);
});

/** The exact ROC AUC (sklearn's): P(score of a positive > score of a negative), ties ½. */
function exactAuc(labels: number[], scores: number[], weights?: number[]): number {
  let wins = 0;
  let pairs = 0;
  labels.forEach((li, i) => {
    if (li !== 1) return;
    labels.forEach((lj, j) => {
      if (lj !== 0) return;
      const w = (weights?.[i] ?? 1) * (weights?.[j] ?? 1);
      pairs += w;
      if (scores[i]! > scores[j]!) wins += w;
      else if (scores[i] === scores[j]) wins += w / 2;
    });
  });
  return wins / pairs;
}

test('AUC (200 thresholds) is the exact ROC AUC when scores fall in distinct buckets', () => {
  const labels = [0, 0, 1, 1, 0, 1, 1, 0];
  const scores = [0.1, 0.4, 0.35, 0.8, 0.55, 0.9, 0.05, 0.62];
  // Positives 0.35, 0.8, 0.9, 0.05 beat 1, 4, 4 and 0 of the four negatives.
  assert.equal(exactAuc(labels, scores), 9 / 16);
  const m = new AUC();
  // Two batches accumulate into the same curve.
  m.updateState(tensor(labels.slice(0, 5)), tensor(scores.slice(0, 5)));
  m.updateState(tensor(labels.slice(5)), tensor(scores.slice(5)));
  close(m.result(), 9 / 16, 1e-12);
  // Sample weights weight each pair by the product of its two weights.
  const weights = [1, 2, 1, 0.5, 1, 3, 1, 2];
  m.resetState();
  m.updateState(tensor(labels), tensor(scores), tensor(weights));
  close(m.result(), exactAuc(labels, scores, weights), 1e-12);
  // Tied scores form one trapezoid: ½, as sklearn.
  const tied = new AUC();
  tied.updateState(tensor([0, 1, 1, 0]), tensor([0.5, 0.5, 0.9, 0.1]));
  close(tied.result(), exactAuc([0, 1, 1, 0], [0.5, 0.5, 0.9, 0.1]), 1e-12);
  // Logits go through a sigmoid first; with only one class the area is 0.
  const logits = new AUC({ fromLogits: true });
  logits.updateState(tensor([0, 0, 1, 1]), tensor([-3, 0.2, -0.1, 4]));
  close(logits.result(), 0.75, 1e-12);
  const oneClass = new AUC();
  oneClass.updateState(tensor([1, 1]), tensor([0.2, 0.8]));
  close(oneClass.result(), 0);
});

test('F1 score per class and averaged (micro, macro, weighted)', () => {
  const yTrue = tensor([[1, 1, 1], [1, 0, 0], [1, 1, 0]]);
  const yPred = tensor([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0.0]]);
  // At 0.5: class 0 TP 1 FN 2 → F1 ½; class 1 TP 2 FP 1 → 0.8; class 2 TP 1 FP 1 → ⅔.
  const none = new F1Score({ threshold: 0.5 });
  none.updateState(yTrue, yPred);
  none.resultPerClass().forEach((v, i) => close(v, [0.5, 0.8, 2 / 3][i]!, 1e-6));
  close(none.result(), (0.5 + 0.8 + 2 / 3) / 3, 1e-6);
  const macro = new F1Score({ threshold: 0.5, average: 'macro' });
  macro.updateState(yTrue, yPred);
  close(macro.result(), (0.5 + 0.8 + 2 / 3) / 3, 1e-6);
  const micro = new F1Score({ threshold: 0.5, average: 'micro' });
  micro.updateState(yTrue, yPred);
  close(micro.result(), 2 / 3, 1e-6);
  const weighted = new F1Score({ threshold: 0.5, average: 'weighted' });
  weighted.updateState(yTrue, yPred);
  close(weighted.result(), (0.5 * 3 + 0.8 * 2 + (2 / 3) * 1) / 6, 1e-6);
});

test('F1 score without a threshold takes each row\'s largest score; weights scale rows', () => {
  const m = new F1Score({ average: 'macro' });
  // Row maxima: class 2, class 1, class 1 (ties count both). Labels as one-hot.
  const yTrue = tensor([[0, 0, 1], [0, 1, 0], [1, 0, 0]]);
  const yPred = tensor([[0.1, 0.2, 0.7], [0.3, 0.4, 0.3], [0.2, 0.6, 0.2]]);
  m.updateState(yTrue, yPred);
  // Class 0: TP 0, FN 1 → 0. Class 1: TP 1, FP 1 → ⅔. Class 2: TP 1 → 1.
  close(m.result(), (0 + 2 / 3 + 1) / 3, 1e-6);
  m.resetState();
  m.updateState(yTrue, yPred, tensor([1, 1, 0]));
  // The third row no longer counts: class 0 has no support (F1 0), classes 1 and 2 are 1.
  close(m.result(), 2 / 3, 1e-6);
  const f2 = new FBetaScore({ beta: 2, threshold: 0.5, average: 'micro' });
  f2.updateState(tensor([[1, 0], [1, 1]]), tensor([[0.9, 0.1], [0.2, 0.7]]));
  // TP 2, FP 0, FN 1: P = 1, R = ⅔, F2 = 5·P·R / (4P + R) = (10/3) / (14/3) = 5/7.
  close(f2.result(), 5 / 7, 1e-6);
  assert.throws(
    () => m.updateState(tensor([1, 0]), tensor([0.2, 0.8])),
    /f1Score: yTrue \[2\] and yPred \[2\] must have the same shape \[batch, classes\]/,
  );
});
