import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor } from '../../tensor/index.js';
import { SymbolicTensor } from '../symbolic.js';
import { dense } from './dense.js';
import { InputLayer, input, inputLayer } from './input-layer.js';

describe('InputLayer / input()', () => {
  it('input() returns a placeholder with an unknown batch, produced by an InputLayer', () => {
    const x = input({ shape: [784], name: 'pixels' });
    assert.ok(x instanceof SymbolicTensor);
    assert.deepEqual(x.shape, [null, 784]);
    assert.equal(x.dtype, 'float32');
    assert.ok(x.sourceLayer instanceof InputLayer);
    assert.equal(x.sourceLayer.name, 'pixels');
    assert.equal(x.node?.inputs.length, 0);
    assert.deepEqual(
      x.sourceLayer.inboundNodes.map((n) => n.outputs[0]),
      [x],
    );
  });
  it('takes batchSize, batchShape, dtype and unknown sample dimensions', () => {
    assert.deepEqual(input({ shape: [3], batchSize: 8 }).shape, [8, 3]);
    assert.deepEqual(input({ batchShape: [null, null, 16] }).shape, [null, null, 16]);
    assert.equal(input({ shape: [10], dtype: 'int32' }).dtype, 'int32');
  });
  it('layers applied to it give symbolic outputs with inferred shapes', () => {
    const x = input({ shape: [5] });
    const h = dense({ units: 7 }).apply(x) as SymbolicTensor;
    assert.deepEqual(h.shape, [null, 7]);
    assert.equal(h.node?.inputs[0], x);
  });
  it('passes data through unchanged and has no weights', () => {
    const layer = inputLayer({ shape: [2] });
    const data = tensor([[1, 2]]);
    assert.equal(layer.apply(data), data);
    assert.equal(layer.countParams(), 0);
  });
  it('round-trips its config', () => {
    const layer = inputLayer({ shape: [4, 2], name: 'in', dtype: 'float64' });
    const config = layer.getConfig();
    assert.deepEqual(config, { name: 'in', dtype: 'float64', batchShape: [null, 4, 2] });
    const copy = InputLayer.fromConfig(JSON.parse(JSON.stringify(config)));
    assert.deepEqual(copy.getConfig(), config);
    assert.deepEqual(copy.output.shape, [null, 4, 2]);
  });
  it('needs a shape and rejects bad dimensions', () => {
    assert.throws(() => input({}), /needs `shape`/);
    assert.throws(() => input({ shape: [-1] }), /invalid dimension -1/);
  });
});
