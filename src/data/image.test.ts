import { test } from 'node:test';
import assert from 'node:assert/strict';
import pngjs from 'pngjs';
import jpeg from 'jpeg-js';
import { decodeGreyImage, decodeImage, resizeGrey } from './image.js';

/** A PNG of `width × height` RGBA pixels made by `pixel(x, y)`. */
function png(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number, number],
  colorType: 0 | 2 | 6 = 6,
): Uint8Array {
  const img = new pngjs.PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) img.data.set(pixel(x, y), 4 * (y * width + x));
  }
  return new Uint8Array(pngjs.PNG.sync.write(img, { colorType }));
}

function close(actual: ArrayLike<number>, expected: number[], tol = 1e-6): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const message = `at ${i}: ${actual[i]} vs ${expected[i]}`;
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, message);
  }
}

test('a 28x28 grey PNG decodes to its values / 255, row-major', async () => {
  const level = (x: number, y: number): number => (x + 28 * y) % 256;
  const bytes = png(28, 28, (x, y) => [level(x, y), level(x, y), level(x, y), 255], 0);
  const out = await decodeGreyImage(bytes);
  assert.equal(out.length, 784);
  close(out, Array.from({ length: 784 }, (_, i) => (i % 256) / 255));
});

test('colour becomes ITU-R 601 luminance; transparency lies over the background', async () => {
  const bytes = png(2, 1, (x) => (x === 0 ? [255, 0, 0, 255] : [0, 0, 255, 0]));
  close(await decodeGreyImage(bytes, { width: 2, height: 1 }), [0.299, 0]);
  close(await decodeGreyImage(bytes, { width: 2, height: 1, background: 1 }), [0.299, 1]);
});

test('shrinking averages areas: a 56x56 image of 2x2 blocks gives the block values', async () => {
  const level = (bx: number, by: number): number => (bx * 7 + by * 3) % 256;
  const block = (x: number, y: number): number => level(Math.floor(x / 2), Math.floor(y / 2));
  const bytes = png(56, 56, (x, y) => [block(x, y), block(x, y), block(x, y), 255]);
  const out = await decodeGreyImage(bytes);
  const expected = Array.from({ length: 784 }, (_, i) => level(i % 28, Math.floor(i / 28)) / 255);
  close(out, expected);
});

test('resizeGrey: bilinear when growing, area when shrinking by a fraction', () => {
  // 2x1 → 4x1: centres at -0.25, 0.25, 0.75, 1.25 in input pixels, clamped at the edges.
  close(resizeGrey(Float32Array.of(0, 1), 2, 1, 4, 1), [0, 0.25, 0.75, 1]);
  // 3x1 → 2x1: each output covers 1.5 input cells.
  close(resizeGrey(Float32Array.of(0, 0.6, 0.9), 3, 1, 2, 1), [(0 + 0.3) / 1.5, (0.3 + 0.9) / 1.5]);
  close(resizeGrey(Float32Array.of(0.5), 1, 1, 1, 1), [0.5]);
});

test('invert: true always, auto only for a light background', async () => {
  const dot = (x: number, y: number): boolean => x === 1 && y === 1;
  const dark = png(4, 4, (x, y) => (dot(x, y) ? [0, 0, 0, 255] : [255, 255, 255, 255]));
  const inverted = await decodeGreyImage(dark, { width: 4, height: 4, invert: 'auto' });
  assert.equal(inverted[5], 1);
  assert.equal(inverted[0], 0);
  const plain = png(4, 4, () => [0, 0, 0, 255]);
  const auto = await decodeGreyImage(plain, { width: 4, height: 4, invert: 'auto' });
  close(auto, new Array(16).fill(0));
  close(await decodeGreyImage(plain, { width: 4, height: 4, invert: true }), new Array(16).fill(1));
});

test('a JPEG decodes close to its grey level', async () => {
  const data = new Uint8Array(28 * 28 * 4).map((_, i) => (i % 4 === 3 ? 255 : 128));
  const bytes = new Uint8Array(jpeg.encode({ width: 28, height: 28, data }, 95).data);
  const out = await decodeGreyImage(bytes);
  for (const v of out) assert.ok(Math.abs(v - 128 / 255) < 0.02, `got ${v}`);
  const rgba = await decodeImage(bytes);
  assert.equal(rgba.width, 28);
  assert.equal(rgba.data.length, 28 * 28 * 4);
});

test('unknown, truncated and corrupt images are refused naming the source', async () => {
  await assert.rejects(
    decodeGreyImage(new TextEncoder().encode('hello'), {}, 'note.txt'),
    /note\.txt: not a PNG or JPEG image \(it starts with 68 65 6c 6c\)/,
  );
  const good = png(28, 28, () => [1, 2, 3, 255]);
  await assert.rejects(
    decodeGreyImage(good.subarray(0, 40), {}, 'cut.png'),
    /cut\.png: cannot decode the png image \(the data ends early: truncated file\)/,
  );
  await assert.rejects(decodeGreyImage(good, { width: 0 }), /width must be a positive integer/);
});
