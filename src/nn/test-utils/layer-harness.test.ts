/** The harness must fail on broken layers, or its passes mean nothing. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keep, ones, type Tensor } from '../../tensor/index.js';
import { getInitializer } from '../initializers/index.js';
import { Layer, type LayerConfig, type ShapeOrShapes, type Tensors } from '../layer.js';
import type { LayerShape } from '../symbolic.js';
import { checkLayer } from './layer-harness.js';

interface ScaleConfig extends LayerConfig {
  scale?: number;
  flaw?: 'shape' | 'gradient' | 'config' | 'leak' | 'dtype' | 'none';
}

/** `scale · x · w`, with an optional deliberate flaw. */
class Scale extends Layer {
  readonly className = 'Scale';
  w: Tensor | null = null;
  constructor(private readonly config: ScaleConfig) {
    super(config);
  }
  override build(shape: ShapeOrShapes): void {
    const last = (shape as LayerShape).at(-1) as number;
    this.w = this.addWeight('w', [last], {
      initializer: getInitializer('glorotUniform'),
      dtype: this.config.flaw === 'dtype' ? 'float32' : this.dtype,
    });
  }
  call(inputs: Tensors): Tensor {
    const x = inputs as Tensor;
    const scale = this.config.scale ?? 1;
    if (this.config.flaw === 'gradient') return x.mul(x.detach()).mul(this.w!).mul(scale);
    if (this.config.flaw === 'leak') keep(ones([1]));
    return x.mul(this.w!).mul(scale);
  }
  override computeOutputShape(shape: ShapeOrShapes): LayerShape {
    return this.config.flaw === 'shape' ? [...(shape as LayerShape), 1] : (shape as LayerShape);
  }
  override getConfig(): Record<string, unknown> {
    const own = this.config.flaw === 'config' ? {} : { scale: this.config.scale };
    return { ...super.getConfig(), ...own, flaw: this.config.flaw };
  }
}

const make = (config: ScaleConfig): Scale => new Scale(config);

describe('layer harness', () => {
  it('passes a correct layer and reports what it checked', () => {
    const r = checkLayer({
      make,
      config: { scale: 3, flaw: 'none' },
      inputShape: [2, 3],
      expectedParams: 3,
    });
    assert.deepEqual(r.outputShapes, [[2, 3]]);
    assert.equal(r.gradientsChecked, 6 + 3);
    assert.ok(r.maxGradError < 1e-8);
  });
  it('catches a wrong computeOutputShape', () => {
    assert.throws(
      () => checkLayer({ make, config: { flaw: 'shape' }, inputShape: [2, 3] }),
      /computeOutputShape/,
    );
  });
  it('catches a wrong gradient', () => {
    assert.throws(
      () => checkLayer({ make, config: { flaw: 'gradient' }, inputShape: [2, 3] }),
      /gradient of input 0/,
    );
  });
  it('catches a config that loses a setting', () => {
    assert.throws(
      () => checkLayer({ make, config: { scale: 2, flaw: 'config' }, inputShape: [2, 3] }),
      /outputs after the round trip/,
    );
  });
  it('catches tensors left behind', () => {
    assert.throws(
      () => checkLayer({ make, config: { flaw: 'leak' }, inputShape: [2, 3] }),
      /left behind/,
    );
  });
  it('catches weights that ignore the dtype', () => {
    assert.throws(
      () => checkLayer({ make, config: { flaw: 'dtype' }, inputShape: [2, 3] }),
      /honours dtype/,
    );
  });
  it('catches a wrong expected parameter count', () => {
    assert.throws(
      () => checkLayer({ make, config: {}, inputShape: [2, 3], expectedParams: 4 }),
      /countParams/,
    );
  });
});
