/** The per-variable state tensors of an optimizer, keyed by the variable tensor itself. */
import { backend, full, keep, setBackend, type Tensor } from '../tensor/index.js';

/**
 * Slots by variable, remembering the order variables were first seen in (the order of the
 * saved state). Slot tensors are kept out of any enclosing `tidy`: they live until `dispose`.
 */
export class SlotStore {
  private readonly byVariable = new Map<Tensor, Tensor[]>();
  private readonly order: Tensor[] = [];

  /** Number of variables with slots. */
  get size(): number {
    return this.order.length;
  }

  /** The slots of a variable, creating them with `build` the first time. */
  get(variable: Tensor, build: (variable: Tensor) => Tensor[]): Tensor[] {
    let slots = this.byVariable.get(variable);
    if (!slots) {
      slots = build(variable);
      for (const s of slots) keep(s);
      this.byVariable.set(variable, slots);
      this.order.push(variable);
    }
    return slots;
  }

  /** Every slot in Keras's order: the first kind for each variable, then the second kind, … */
  list(): Tensor[] {
    const out: Tensor[] = [];
    const kinds = Math.max(0, ...this.order.map((v) => this.byVariable.get(v)!.length));
    for (let k = 0; k < kinds; k++) {
      for (const v of this.order) {
        const slot = this.byVariable.get(v)![k];
        if (slot) out.push(slot);
      }
    }
    return out;
  }

  dispose(): void {
    for (const slots of this.byVariable.values()) for (const s of slots) s.dispose();
    this.byVariable.clear();
    this.order.length = 0;
  }
}

/**
 * A tensor shaped like `variable`, on its backend (whatever backend is active), filled with
 * `value` and named `<variable name>_<name>` as Keras names optimizer variables.
 */
export function createSlot(variable: Tensor, name: string, value: number, index: number): Tensor {
  const previous = backend();
  setBackend(variable.backend);
  try {
    const slot = full(variable.shape, value, { dtype: variable.dtype });
    const prefix = variable.name ? variable.name.replace(/[/:]/g, '_') : `variable${index}`;
    slot.name = `${prefix}_${name}`;
    return slot;
  } finally {
    setBackend(previous);
  }
}
