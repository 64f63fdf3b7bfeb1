/**
 * The optimizer base: hyperparameters + per-variable state + one update rule. Subclasses create
 * their state in `build` and hold the math in `updateStep`; this class does everything shared,
 * in Keras's order: gradient clipping, decoupled weight decay, the update, the iteration count.
 */
import { NablaError, fmtShape } from '../core/errors.js';
import { shapesEqual } from '../core/shape.js';
import { noGrad, scalar, tidy, type Tensor } from '../tensor/index.js';
import {
  checkGradient,
  checkKeys,
  checkLearningRate,
  checkNumber,
  checkOptional,
  checkVariable,
} from './checks.js';
import { clipByGlobalNorm, clipByNorm, clipByValue } from './clip.js';
import { SlotStore, createSlot } from './slots.js';

/** A learning rate that changes with the step: `learningRate = schedule.call(iterations)`. */
export interface LearningRateSchedule {
  readonly className: string;
  /** The learning rate at optimizer step `step` (0-based: the first update uses step 0). */
  call(step: number): number;
  getConfig(): Record<string, unknown>;
}

/** Options every optimizer accepts (Keras names). Unset options are `undefined` or `null`. */
export interface OptimizerConfig {
  /** A constant, or a schedule of the step. Must be ≥ 0. */
  learningRate?: number | LearningRateSchedule;
  /** Clip each gradient to this L2 norm (> 0). At most one of the three clip options. */
  clipNorm?: number | null;
  /** Clip each gradient elementwise to [−clipValue, clipValue] (> 0). */
  clipValue?: number | null;
  /** Clip all gradients together to this global L2 norm (> 0). */
  globalClipNorm?: number | null;
  /**
   * Decoupled weight decay: before each update `w ← w − w · weightDecay · lr` (Keras applies it
   * for every optimizer, not only AdamW). Must be ≥ 0.
   */
  weightDecay?: number | null;
}

/** A named state tensor, for saving and restoring. */
export interface OptimizerWeight {
  readonly name: string;
  readonly value: Tensor;
}

/** A `[gradient, variable]` pair; a missing gradient skips the variable. */
export type GradientPair = readonly [Tensor | null | undefined, Tensor];

const BASE_KEYS = ['learningRate', 'clipNorm', 'clipValue', 'globalClipNorm', 'weightDecay'];

/** One entry of the saved state: how to read it and how to write it back. */
interface StateEntry {
  readonly name: string;
  readonly shape: readonly number[];
  read(): Tensor;
  write(value: Tensor): void;
}

/**
 * The base of every optimizer. `applyGradients([[g, w], …])` updates each variable in place,
 * without recording gradients, and frees every intermediate tensor.
 *
 * @example
 * const opt = nb.optimizers.adam({ learningRate: 1e-3 });
 * const [loss, grads] = nb.valueAndGrad(lossFn)(w, b);
 * opt.applyGradients([[grads[0], w], [grads[1], b]]);
 */
export abstract class Optimizer {
  /** The Keras class name (`'Adam'`), used by serialisation. */
  readonly className: string;
  /** Steps taken so far. */
  iterations = 0;
  readonly clipNorm: number | null;
  readonly clipValue: number | null;
  readonly globalClipNorm: number | null;
  readonly weightDecay: number | null;
  /** Use a backend's fused update kernel where one exists. `false` forces composed tensor ops. */
  useFusedKernels = true;
  private lr: number | LearningRateSchedule;
  private readonly slots = new SlotStore();
  private readonly decayExcluded = new Set<Tensor>();
  private decayExcludedNames: readonly string[] = [];

  /**
   * @param className the Keras class name, also the name in error messages.
   * @param ownKeys the option keys the subclass adds (anything else in `config` is an error).
   */
  constructor(
    className: string,
    config: OptimizerConfig,
    defaultLearningRate: number,
    ownKeys: readonly string[],
  ) {
    this.className = className;
    checkKeys(className, config, [...BASE_KEYS, ...ownKeys]);
    this.lr = checkLearningRate(className, config.learningRate ?? defaultLearningRate);
    const positive = { min: 0, minOpen: true };
    this.clipNorm = checkOptional(className, 'clipNorm', config.clipNorm, positive);
    this.clipValue = checkOptional(className, 'clipValue', config.clipValue, positive);
    const globalClip = config.globalClipNorm;
    this.globalClipNorm = checkOptional(className, 'globalClipNorm', globalClip, positive);
    this.weightDecay = checkOptional(className, 'weightDecay', config.weightDecay, { min: 0 });
    const clips = [this.clipNorm, this.clipValue, this.globalClipNorm].filter((c) => c !== null);
    if (clips.length > 1) {
      const message = 'only one of clipNorm, clipValue and globalClipNorm can be set';
      throw new NablaError(className, message);
    }
  }

  /** Creates the state tensors of one variable (use `addSlot`), in a fixed order. */
  protected abstract build(variable: Tensor): Tensor[];

  /**
   * The update rule: writes the new value of `variable` (and its `slots`) in place with
   * `assign`, from the (clipped) gradient and this step's learning rate. Runs under `noGrad`
   * inside a `tidy`. `this.iterations` is the number of earlier steps.
   */
  protected abstract updateStep(grad: Tensor, variable: Tensor, slots: Tensor[], lr: number): void;

  /** Called once per step before the variables are updated (Nadam's running product). */
  protected beforeUpdates(): void {}

  /** Optimizer-wide numbers beyond `iterations` that exact resumption needs, by name. */
  protected scalarState(): Record<string, number> {
    return {};
  }

  /** Restores one number of `scalarState`. */
  protected restoreScalar(_name: string, _value: number): void {}

  /** A state tensor shaped like `variable`, filled with `value`, named `<variable>_<name>`. */
  protected addSlot(variable: Tensor, name: string, value = 0): Tensor {
    return createSlot(variable, name, value, this.slots.size);
  }

  /**
   * Applies one update: each `[gradient, variable]` pair updates `variable` in place. Gradients
   * are clipped first (if configured), then weight decay and `updateStep` run per variable.
   */
  applyGradients(pairs: ReadonlyArray<GradientPair>): void {
    if (pairs.length === 0) return;
    const op = `${this.className}.applyGradients`;
    const grads: Tensor[] = [];
    const variables: Tensor[] = [];
    for (const [grad, variable] of pairs) {
      checkVariable(op, variable);
      if (grad === null || grad === undefined) continue;
      checkGradient(op, grad, variable);
      grads.push(grad);
      variables.push(variable);
    }
    if (variables.length === 0) throw new NablaError(op, 'no gradient was given for any variable');
    for (const v of variables) this.slotsOf(v);
    const lr = this.learningRate;
    noGrad(() =>
      tidy(() => {
        const clipped = this.clipGradients(grads);
        this.beforeUpdates();
        for (let i = 0; i < variables.length; i++) {
          const variable = variables[i]!;
          if (this.weightDecay && this.usesWeightDecay(variable)) {
            variable.assign(variable.sub(variable.mul(this.weightDecay * lr)));
          }
          this.updateStep(clipped[i]!, variable, this.slotsOf(variable), lr);
        }
      }),
    );
    this.iterations++;
  }

  /** Applies `v.grad` for each variable that has one (PyTorch's `step()`); no-op if none has. */
  step(variables: readonly Tensor[]): void {
    const pairs = variables.filter((v) => v.grad !== null).map((v) => [v.grad, v] as const);
    if (pairs.length > 0) this.applyGradients(pairs);
  }

  /** The learning rate the next step uses (a schedule is evaluated at `iterations`). */
  get learningRate(): number {
    return typeof this.lr === 'number' ? this.lr : this.lr.call(this.iterations);
  }

  /**
   * Replaces the learning rate. A number cannot replace a schedule (as in Keras): the schedule
   * owns the value; pass a new schedule instead.
   */
  set learningRate(value: number | LearningRateSchedule) {
    const checked = checkLearningRate(this.className, value);
    if (typeof checked === 'number' && typeof this.lr !== 'number') {
      throw new NablaError(
        this.className,
        `the learning rate is the schedule ${this.lr.className}; it cannot be set to a number`,
      );
    }
    this.lr = checked;
  }

  /** Keeps the given variables, or those whose name contains one of `varNames`, from decay. */
  excludeFromWeightDecay(options: {
    variables?: readonly Tensor[];
    varNames?: readonly string[];
  }): void {
    for (const v of options.variables ?? []) this.decayExcluded.add(v);
    this.decayExcludedNames = [...this.decayExcludedNames, ...(options.varNames ?? [])];
  }

  /** Serialisable options: `new Cls(getConfig())` rebuilds the optimizer without its state. */
  getConfig(): Record<string, unknown> {
    const lr = this.lr;
    return {
      learningRate:
        typeof lr === 'number' ? lr : { className: lr.className, config: lr.getConfig() },
      weightDecay: this.weightDecay,
      clipNorm: this.clipNorm,
      globalClipNorm: this.globalClipNorm,
      clipValue: this.clipValue,
    };
  }

  /**
   * Copies of the state in a stable order (Keras's): `iteration`, `learningRate` (when it is a
   * constant), each kind of slot for every variable in build order, then optimizer-wide numbers.
   * The caller owns the copies.
   */
  getWeights(): OptimizerWeight[] {
    return noGrad(() => this.stateEntries().map((e) => ({ name: e.name, value: e.read() })));
  }

  /**
   * Restores state saved by `getWeights`, creating the slots of `variables` (in the order the
   * optimizer saw them when saving) first. Training then resumes exactly where it stopped.
   */
  setWeights(weights: readonly OptimizerWeight[], variables: readonly Tensor[]): void {
    const op = `${this.className}.setWeights`;
    for (const v of variables) {
      checkVariable(op, v);
      this.slotsOf(v);
    }
    const entries = this.stateEntries();
    if (weights.length !== entries.length) {
      const names = entries.map((e) => e.name).join(', ');
      const message = `expected ${entries.length} weights (${names}), got ${weights.length}`;
      throw new NablaError(op, message);
    }
    // Check everything before writing anything, so a bad file leaves the state untouched.
    entries.forEach((entry, i) => {
      const shape = weights[i]!.value.shape;
      if (!shapesEqual(shape, entry.shape)) {
        const expected = `weight ${i} ('${entry.name}') has shape ${fmtShape(entry.shape)}`;
        throw new NablaError(op, `${expected}, got ${fmtShape(shape)}`);
      }
    });
    entries.forEach((entry, i) => entry.write(weights[i]!.value));
  }

  /** Frees the state tensors and resets `iterations`: if used again, it starts afresh. */
  dispose(): void {
    this.slots.dispose();
    this.iterations = 0;
  }

  private slotsOf(variable: Tensor): Tensor[] {
    return this.slots.get(variable, (v) => noGrad(() => this.build(v)));
  }

  private clipGradients(grads: Tensor[]): Tensor[] {
    if (this.clipNorm !== null) return grads.map((g) => clipByNorm(g, this.clipNorm!));
    if (this.globalClipNorm !== null) return clipByGlobalNorm(grads, this.globalClipNorm);
    if (this.clipValue !== null) return grads.map((g) => clipByValue(g, this.clipValue!));
    return grads;
  }

  private usesWeightDecay(variable: Tensor): boolean {
    if (this.decayExcluded.has(variable)) return false;
    const name = variable.name ?? '';
    return !this.decayExcludedNames.some((part) => name.includes(part));
  }

  private stateEntries(): StateEntry[] {
    const entries: StateEntry[] = [
      {
        name: 'iteration',
        shape: [],
        read: () => scalar(this.iterations, 'int32'),
        write: (t) => {
          this.iterations = checkNumber(this.className, 'iteration', t.item(), { min: 0 });
        },
      },
    ];
    if (typeof this.lr === 'number') {
      entries.push({
        name: 'learningRate',
        shape: [],
        read: () => scalar(this.learningRate, 'float64'),
        write: (t) => {
          this.lr = checkLearningRate(this.className, t.item());
        },
      });
    }
    this.slots.list().forEach((slot, i) => {
      entries.push({
        name: slot.name ?? `slot${i}`,
        shape: slot.shape,
        read: () => slot.clone(),
        write: (t) => slot.assign(t),
      });
    });
    for (const [name, value] of Object.entries(this.scalarState())) {
      entries.push({
        name,
        shape: [],
        read: () => scalar(value, 'float64'),
        write: (t) => this.restoreScalar(name, t.item()),
      });
    }
    return entries;
  }
}
