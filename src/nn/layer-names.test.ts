import assert from 'node:assert/strict';
import { it } from 'node:test';
import { snakeCase } from './layer.js';

it('generates layer names as Keras does', () => {
  const names = ['Dense', 'Conv2D', 'MaxPooling2D', 'BatchNormalization', 'ReLU', 'LeakyReLU', 'Conv2DTranspose'];
  assert.deepEqual(names.map(snakeCase), ['dense', 'conv2d', 'max_pooling2d', 'batch_normalization', 're_lu', 'leaky_re_lu', 'conv2d_transpose']);
});
