import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cnn, imageSide, mlp, parseHidden } from './architectures.js';

describe('cli architectures', () => {
  it("mlp is the article's network on vectors, with a flatten first for images", () => {
    const onVectors = mlp([64], 10);
    assert.deepEqual(
      onVectors.layers.map((l) => l.className),
      ['Dense', 'Dense', 'Dense'],
    );
    assert.deepEqual(onVectors.outputs[0]!.shape, [null, 10]);
    assert.equal(onVectors.countParams(), 64 * 64 + 64 + 64 * 128 + 128 + 128 * 10 + 10);
    const onImages = mlp([28, 28], 10, [256]);
    assert.deepEqual(
      onImages.layers.map((l) => l.className),
      ['Flatten', 'Dense', 'Dense'],
    );
    assert.equal(onImages.countParams(), 784 * 256 + 256 + 256 * 10 + 10);
    assert.equal(mlp([5], 3, []).countParams(), 5 * 3 + 3);
  });

  it('cnn takes the images as they come and ends in the classes', () => {
    const m = cnn([28, 28], 10);
    assert.deepEqual(m.inputs[0]!.shape, [null, 28, 28]);
    assert.deepEqual(m.outputs[0]!.shape, [null, 10]);
    // 28 → conv 26 → pool 13 → conv 11 → pool 5: 5·5·64 = 1600 inputs to the dense layer.
    assert.equal(m.getLayer(6).countParams(), 1600 * 128 + 128);
    assert.throws(() => cnn([64], 10), /--model cnn needs square grey images of at least 10×10/);
  });

  it('reads image sides and hidden widths', () => {
    assert.deepEqual([imageSide([784]), imageSide([28, 28]), imageSide([8, 8, 1])], [28, 28, 8]);
    assert.deepEqual(
      [imageSide([65]), imageSide([3, 4]), imageSide([8, 8, 3])],
      [null, null, null],
    );
    assert.deepEqual(parseHidden('256, 128'), [256, 128]);
    assert.throws(() => parseHidden('64,x'), /--hidden must be layer widths separated by commas/);
    assert.throws(() => parseHidden('0'), /--hidden must be/);
  });
});
