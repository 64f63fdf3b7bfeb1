/** Reverse-mode differentiation: `backward()` and the functional `grad` / `valueAndGrad`. */
import { NablaError, fmtShape } from '../../core/errors.js';
import { shapesEqual } from '../../core/shape.js';
import { endScope, keep, noGrad, startScope } from '../engine.js';
import { Tensor } from '../tensor.js';
import { add } from './binary.js';
import { cast, clone, detach } from './cast.js';
import { full } from './creation.js';

/** Tensors reachable from `root` through the graph, each after all of its inputs. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: [Tensor, number][] = [[root, 0]];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [t, next] = top;
    const inputs = t.node?.inputs ?? [];
    if (next < inputs.length) {
      top[1]++;
      const input = inputs[next]!;
      if (input.requiresGrad && !visited.has(input)) {
        visited.add(input);
        stack.push([input, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order;
}

/**
 * Backpropagates from `root`: accumulates `∂root/∂leaf` into `leaf.grad` for every leaf that
 * requires grad. `gradient` is the upstream gradient (required unless `root` has one element).
 * Intermediate gradients are freed; leaf gradients survive enclosing `tidy` scopes.
 */
export function backward(root: Tensor, gradient?: Tensor): void {
  root.assertAlive('backward');
  if (!root.requiresGrad) {
    throw new NablaError('backward', 'tensor does not require grad: no input of its graph has requiresGrad');
  }
  if (gradient === undefined && root.size !== 1) {
    throw new NablaError('backward', `a gradient is needed for non-scalar output ${fmtShape(root.shape)}`);
  }
  if (gradient !== undefined && !shapesEqual(gradient.shape, root.shape)) {
    throw new NablaError('backward', `gradient shape ${fmtShape(gradient.shape)} differs from output shape ${fmtShape(root.shape)}`);
  }
  const order = topologicalOrder(root);
  const assigned = new Set<Tensor>();
  startScope();
  try {
    noGrad(() => {
      const grads = new Map<Tensor, Tensor>();
      grads.set(root, gradient ? cast(gradient, root.dtype) : full(root.shape, 1, { dtype: root.dtype }));
      for (let i = order.length - 1; i >= 0; i--) {
        const t = order[i]!;
        const g = grads.get(t);
        if (!g) continue;
        if (t.node === null) {
          accumulateLeaf(t, g, assigned);
          continue;
        }
        const inputGrads = t.node.backward(g);
        t.node.inputs.forEach((input, j) => {
          const gi = inputGrads[j];
          if (!gi || !input.requiresGrad) return;
          let fitted = gi.dtype === input.dtype ? gi : cast(gi, input.dtype);
          if (!shapesEqual(fitted.shape, input.shape)) {
            throw new NablaError('backward', `internal: ${t.node!.op} produced gradient ${fmtShape(fitted.shape)} for input ${fmtShape(input.shape)}`);
          }
          const existing = grads.get(input);
          if (existing) fitted = add(existing, fitted);
          grads.set(input, fitted);
        });
      }
    });
  } finally {
    endScope([...assigned]);
  }
}

function accumulateLeaf(leaf: Tensor, g: Tensor, assigned: Set<Tensor>): void {
  if (!leaf.requiresGrad) return;
  if (leaf.grad === null) {
    // A gradient object may be shared (e.g. `a + b` passes one tensor to both); own a copy.
    const owned = assigned.has(g) || leaf === g ? clone(g) : g;
    leaf.grad = owned;
    assigned.add(owned);
  } else {
    const previous = leaf.grad;
    leaf.grad = add(previous, g);
    assigned.add(leaf.grad);
    previous.dispose();
  }
  keep(leaf.grad);
}

type GradsOf<A extends Tensor[]> = A extends [Tensor] ? Tensor : Tensor[];

function run<A extends Tensor[]>(f: (...args: A) => Tensor, args: A): [Tensor, Tensor[]] {
  args.forEach((a, i) => {
    if (!(a instanceof Tensor)) throw new NablaError('grad', `argument ${i} must be a Tensor`);
  });
  const leaves = args.map((a) => detach(a).requireGrad()) as A;
  try {
    const value = f(...leaves);
    if (!(value instanceof Tensor)) throw new NablaError('grad', 'the function must return a Tensor');
    if (value.size !== 1) throw new NablaError('grad', `the function must return a scalar, got ${fmtShape(value.shape)}`);
    if (!value.requiresGrad) {
      return [value, leaves.map((l) => full(l.shape, 0, { dtype: l.dtype }))];
    }
    backward(value);
    const grads = leaves.map((l) => {
      const g = l.grad ?? full(l.shape, 0, { dtype: l.dtype });
      l.grad = null;
      return g;
    });
    return [value, grads];
  } finally {
    for (const l of leaves) l.dispose();
  }
}

/**
 * Turns `f` (tensors → scalar tensor) into a function returning its gradient with respect to
 * each argument: one tensor for a one-argument `f`, an array otherwise.
 */
export function grad<A extends Tensor[]>(f: (...args: A) => Tensor): (...args: A) => GradsOf<A> {
  return (...args: A) => {
    const [value, grads] = run(f, args);
    value.dispose();
    return (args.length === 1 ? grads[0] : grads) as GradsOf<A>;
  };
}

/** Like `grad`, but also returns the value: `[value, grads]`. */
export function valueAndGrad<A extends Tensor[]>(f: (...args: A) => Tensor): (...args: A) => [Tensor, GradsOf<A>] {
  return (...args: A) => {
    const [value, grads] = run(f, args);
    return [detachValue(value), (args.length === 1 ? grads[0] : grads) as GradsOf<A>];
  };
}

function detachValue(value: Tensor): Tensor {
  value.node = null;
  value.requiresGrad = false;
  return value;
}
