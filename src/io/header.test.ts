import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { upgradeHeader, validateHeader } from './header.js';

const fail = (why: string): never => {
  throw new Error(why);
};

function header(weights: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'nabla-model',
    kind: 'weights',
    nablaVersion: '0.1.0',
    model: null,
    training: null,
    weights,
    optimizerState: null,
    ...extra,
  };
}

const kernel = {
  name: 'd/kernel',
  layer: 'd',
  shape: [2, 3],
  dtype: 'float32',
  offset: 0,
  length: 24,
};
const bias = { name: 'd/bias', layer: 'd', shape: [3], dtype: 'float32', offset: 24, length: 12 };

describe('validateHeader', () => {
  it('accepts a consistent manifest', () => {
    const h = validateHeader(header([kernel, bias]), 40, fail);
    assert.deepEqual(
      h.weights.map((w) => w.name),
      ['d/kernel', 'd/bias'],
    );
    assert.equal(h.kind, 'weights');
  });

  const cases: [string, unknown, number, RegExp][] = [
    ['a foreign header', { format: 'keras' }, 40, /not a nabla model header/],
    ['an unknown kind', header([], { kind: 'dataset' }), 0, /unknown file kind "dataset"/],
    [
      'a model file without a model',
      header([], { kind: 'model' }),
      0,
      /model must be \{className, config\}/,
    ],
    [
      'a length that does not match the shape',
      header([{ ...kernel, length: 20 }]),
      40,
      /weight 0 'd\/kernel': length 20 does not match its shape \(24 bytes\)/,
    ],
    [
      'a weight beyond the payload',
      header([kernel, bias]),
      30,
      /weight 1 'd\/bias' lies outside the 30-byte payload/,
    ],
    [
      'overlapping weights',
      header([kernel, { ...bias, offset: 16 }]),
      40,
      /weights 'd\/kernel' and 'd\/bias' overlap/,
    ],
    ['a misaligned offset', header([{ ...kernel, offset: 4 }]), 40, /invalid offset 4/],
    ['an unknown dtype', header([{ ...kernel, dtype: 'float16' }]), 40, /unknown dtype "float16"/],
    ['a negative dimension', header([{ ...kernel, shape: [2, -3] }]), 40, /invalid shape \[2,-3\]/],
    [
      'a weight listed twice',
      header([kernel, { ...kernel, offset: 24 }]),
      48,
      /weight 'd\/kernel' appears twice/,
    ],
    ['a weight without a layer', header([{ ...kernel, layer: undefined }]), 40, /names no layer/],
    [
      'optimizer state that is not a list',
      header([kernel], { optimizerState: { variables: 'x', weights: [] } }),
      40,
      /optimizer state must be \{variables, weights\}/,
    ],
    [
      'optimizer state overlapping a weight',
      header([kernel], {
        optimizerState: {
          variables: ['d/kernel'],
          weights: [{ name: 'm', shape: [2], dtype: 'float64', offset: 16, length: 16 }],
        },
      }),
      40,
      /overlap/,
    ],
  ];
  for (const [what, h, payload, message] of cases) {
    it(`refuses ${what}`, () => {
      assert.throws(() => validateHeader(h, payload, fail), message);
    });
  }
});

describe('upgradeHeader', () => {
  it('passes a version-1 header through and refuses versions it does not know', () => {
    const h = header([kernel]);
    assert.equal(upgradeHeader(1, h, fail), h);
    assert.throws(() => upgradeHeader(0, h, fail), /unknown format version 0/);
    assert.throws(() => upgradeHeader(3, h, fail), /unknown format version 3/);
  });
});
