import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accuracyOf, argmaxRows, confusionMatrix, formatBytes, formatConfusion } from './report.js';

describe('cli reports', () => {
  it('takes the first largest value of each row', () => {
    assert.deepEqual(argmaxRows([0.1, 0.7, 0.2, 0.5, 0.5, 0], 3), Int32Array.of(1, 0));
  });

  it('counts a confusion matrix and the accuracy', () => {
    const truth = [0, 0, 1, 2, 2, 2];
    const predicted = [0, 1, 1, 2, 0, 2];
    assert.deepEqual(confusionMatrix(truth, predicted, 3), [
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 2],
    ]);
    assert.deepEqual(accuracyOf(truth, predicted), { correct: 4, accuracy: 4 / 6 });
  });

  it('prints the matrix with the diagonal in brackets', () => {
    const text = formatConfusion(
      [
        [5, 1],
        [0, 12],
      ],
      ['cat', 'dog'],
    );
    assert.equal(
      text,
      [
        'true  │    0    1   ← predicted',
        '──────┼──────────',
        '0 cat │  [5]    1',
        '1 dog │    0 [12]',
      ].join('\n'),
    );
  });

  it('formats byte counts', () => {
    assert.deepEqual(
      [formatBytes(900), formatBytes(49_357), formatBytes(3_500_000)],
      ['900 B', '48.2 KB', '3.3 MB'],
    );
  });
});
