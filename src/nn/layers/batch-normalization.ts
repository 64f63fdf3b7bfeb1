import { NablaError, normAxis } from '../../core/errors.js';
import { noGrad, tidy, type Tensor } from '../../tensor/index.js';
import {
  getConstraint,
  serializeConstraint,
  type Constraint,
  type ConstraintIdentifier,
} from '../constraints/index.js';
import {
  getInitializer,
  serializeInitializer,
  type Initializer,
  type InitializerIdentifier,
} from '../initializers/index.js';
import {
  Layer,
  type CallOptions,
  type LayerConfig,
  type ShapeOrShapes,
  type Tensors,
} from '../layer.js';
import {
  getRegularizer,
  serializeRegularizer,
  type Regularizer,
  type RegularizerIdentifier,
} from '../regularizers/index.js';
import type { LayerShape } from '../symbolic.js';
import { describeShape } from './conv-base.js';

/** Configuration of `BatchNormalization` (defaults as in Keras 3). */
export interface BatchNormalizationConfig extends LayerConfig {
  /** The feature axis, normalised per entry (default -1: channels-last). */
  axis?: number;
  /** Share of the old value the moving statistics keep at each training step (default 0.99). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-3). */
  epsilon?: number;
  /** Add the learned offset `beta` (default true). */
  center?: boolean;
  /** Multiply by the learned scale `gamma` (default true). */
  scale?: boolean;
  /** Default `'zeros'`. */
  betaInitializer?: InitializerIdentifier;
  /** Default `'ones'`. */
  gammaInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  movingMeanInitializer?: InitializerIdentifier;
  /** Default `'ones'`. */
  movingVarianceInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: ConstraintIdentifier | null;
  gammaConstraint?: ConstraintIdentifier | null;
}

/**
 * Batch normalization: `y = gamma · (x − μ) / √(σ² + ε) + beta`, per feature along `axis`.
 *
 * In a training call (`{ training: true }`) of a trainable layer, μ and σ² are the batch's mean
 * and biased variance over every other axis, and the moving statistics are updated in place:
 * `moving = moving · momentum + batch · (1 − momentum)`. Otherwise — inference, or a frozen
 * layer (`trainable = false`, as Keras does for fine-tuning) — μ and σ² are the moving
 * statistics. With a mask `[batch, steps]` on a `[batch, steps, features]` input, training
 * statistics count only the unmasked steps.
 *
 * Shapes: unchanged; `gamma`, `beta`, `moving_mean`, `moving_variance` are `[features]`, the
 * last two non-trainable.
 *
 * @example nb.layers.batchNormalization() // after a Conv2D, before its activation
 */
export class BatchNormalization extends Layer {
  readonly className: string = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  readonly betaConstraint: Constraint | null;
  readonly gammaConstraint: Constraint | null;
  gamma: Tensor | null = null;
  beta: Tensor | null = null;
  movingMean: Tensor | null = null;
  movingVariance: Tensor | null = null;
  /** Input rank and feature size, known once built. */
  private geometry: { rank: number; axis: number; features: number } | null = null;

  constructor(config: BatchNormalizationConfig = {}) {
    super(config);
    const op = 'batchNormalization';
    this.axis = config.axis ?? -1;
    this.momentum = config.momentum ?? 0.99;
    this.epsilon = config.epsilon ?? 1e-3;
    if (!Number.isInteger(this.axis)) {
      throw new NablaError(op, `axis must be an integer, got ${this.axis}`);
    }
    if (!(this.momentum >= 0 && this.momentum <= 1)) {
      throw new NablaError(op, `momentum must be in [0, 1], got ${this.momentum}`);
    }
    if (!(this.epsilon > 0)) {
      throw new NablaError(op, `epsilon must be positive, got ${this.epsilon}`);
    }
    this.center = config.center ?? true;
    this.scale = config.scale ?? true;
    this.betaInitializer = getInitializer(config.betaInitializer ?? 'zeros');
    this.gammaInitializer = getInitializer(config.gammaInitializer ?? 'ones');
    this.movingMeanInitializer = getInitializer(config.movingMeanInitializer ?? 'zeros');
    this.movingVarianceInitializer = getInitializer(config.movingVarianceInitializer ?? 'ones');
    this.betaRegularizer = getRegularizer(config.betaRegularizer);
    this.gammaRegularizer = getRegularizer(config.gammaRegularizer);
    this.betaConstraint = getConstraint(config.betaConstraint);
    this.gammaConstraint = getConstraint(config.gammaConstraint);
    // Normalization is per position, so a mask passes through unchanged.
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeOrShapes): void {
    const shape = inputShape as LayerShape;
    const axis = normAxis(this.name, this.axis, shape.length);
    const features = shape[axis];
    if (typeof features !== 'number') {
      const message = `axis ${this.axis} must have a known size, got ${describeShape(shape)}`;
      throw new NablaError(this.name, message);
    }
    this.geometry = { rank: shape.length, axis, features };
    if (this.scale) {
      this.gamma = this.addWeight('gamma', [features], {
        initializer: this.gammaInitializer,
        regularizer: this.gammaRegularizer,
        constraint: this.gammaConstraint,
      });
    }
    if (this.center) {
      this.beta = this.addWeight('beta', [features], {
        initializer: this.betaInitializer,
        regularizer: this.betaRegularizer,
        constraint: this.betaConstraint,
      });
    }
    this.movingMean = this.addWeight('moving_mean', [features], {
      initializer: this.movingMeanInitializer,
      trainable: false,
    });
    this.movingVariance = this.addWeight('moving_variance', [features], {
      initializer: this.movingVarianceInitializer,
      trainable: false,
    });
    this.built = true;
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    const shape = inputShape as LayerShape;
    if (shape.length === 0 || Array.isArray(shape[0])) {
      const got = JSON.stringify(inputShape);
      throw new NablaError(this.name, `expects one input of rank ≥ 1, got ${got}`);
    }
    const built = this.geometry;
    if (!built) return;
    const got = shape.length === built.rank ? shape[built.axis] : undefined;
    if (got === undefined || (got !== null && got !== built.features)) {
      const expected = `rank ${built.rank} with ${built.features} features on axis ${built.axis}`;
      throw new NablaError(this.name, `was built for ${expected}, got ${describeShape(shape)}`);
    }
  }

  call(inputs: Tensors, options: CallOptions = {}): Tensor {
    const x = inputs as Tensor;
    const { rank, axis, features } = this.geometry!;
    // Parameters broadcast against x: [features] works as is on the last axis only.
    const asParam = (t: Tensor): Tensor =>
      axis === rank - 1 ? t : t.reshape(x.shape.map((_, i) => (i === axis ? features : 1)));
    let normalized: Tensor;
    if (options.training === true && this.trainable) {
      const [mean, variance] = this.batchMoments(x, options.mask ?? null);
      this.updateMovingStatistics(mean, variance);
      normalized = x.sub(mean).mul(variance.add(this.epsilon).rsqrt());
    } else {
      const inv = asParam(this.movingVariance!).add(this.epsilon).rsqrt();
      normalized = x.sub(asParam(this.movingMean!)).mul(inv);
    }
    const scaled = this.gamma ? normalized.mul(asParam(this.gamma)) : normalized;
    return this.beta ? scaled.add(asParam(this.beta)) : scaled;
  }

  /** The batch mean and biased variance over every axis but the feature axis (kept as 1s). */
  private batchMoments(x: Tensor, mask: Tensor | null): [Tensor, Tensor] {
    const { axis } = this.geometry!;
    const axes = x.shape.map((_, i) => i).filter((i) => i !== axis);
    if (!mask) {
      const mean = x.mean(axes, true);
      return [mean, x.sub(mean).square().mean(axes, true)];
    }
    if (mask.rank !== x.rank - 1 || axis !== x.rank - 1) {
      const needs = 'a mask [batch, steps] needs an input [batch, steps, features], axis -1';
      throw new NablaError(this.name, needs);
    }
    const weights = mask.cast(x.dtype).expandDims(-1);
    const count = weights.sum(axes, true);
    const mean = x.mul(weights).sum(axes, true).div(count);
    const variance = x.sub(mean).square().mul(weights).sum(axes, true).div(count);
    return [mean, variance];
  }

  private updateMovingStatistics(mean: Tensor, variance: Tensor): void {
    const m = this.momentum;
    const update = (moving: Tensor, batch: Tensor): void => {
      const fresh = batch.reshape([moving.size]).cast(moving.dtype);
      moving.assign(moving.mul(m).add(fresh.mul(1 - m)));
    };
    noGrad(() =>
      tidy(() => {
        update(this.movingMean!, mean);
        update(this.movingVariance!, variance);
      }),
    );
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: serializeInitializer(this.betaInitializer),
      gammaInitializer: serializeInitializer(this.gammaInitializer),
      movingMeanInitializer: serializeInitializer(this.movingMeanInitializer),
      movingVarianceInitializer: serializeInitializer(this.movingVarianceInitializer),
      betaRegularizer: serializeRegularizer(this.betaRegularizer),
      gammaRegularizer: serializeRegularizer(this.gammaRegularizer),
      betaConstraint: serializeConstraint(this.betaConstraint),
      gammaConstraint: serializeConstraint(this.gammaConstraint),
    };
  }
}

/** Creates a `BatchNormalization` layer. */
export function batchNormalization(config: BatchNormalizationConfig = {}): BatchNormalization {
  return new BatchNormalization(config);
}
