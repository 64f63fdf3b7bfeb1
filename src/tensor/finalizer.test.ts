/**
 * The finalizer safety net: a tensor is registered only once no `tidy` scope owns it, and then
 * a forgotten one is still freed after garbage collection.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as nb from './index.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Collects garbage until the live-tensor count drops to `target` (finalizers run later). */
async function settle(target: number): Promise<number> {
  for (let i = 0; i < 100 && nb.memory().numTensors > target; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return nb.memory().numTensors;
}

// Each case creates the tensor in a function so that no reference survives on the stack.
const cases: [string, () => void][] = [
  ['created outside any scope', () => void nb.ones([64])],
  ['returned from the outermost tidy', () => void nb.tidy(() => nb.ones([64]).add(1))],
  ['kept inside a tidy', () => void nb.tidy(() => void nb.keep(nb.ones([64]).mul(2)))],
  [
    'created in a tidy whose function threw',
    () => {
      assert.throws(() =>
        nb.tidy(() => {
          nb.ones([64]);
          throw new Error('boom');
        }),
      );
    },
  ],
];

describe('finalizer safety net', () => {
  for (const [label, make] of cases) {
    it(`frees a forgotten tensor ${label}`, async () => {
      const before = await settle(0);
      make();
      assert.ok(nb.memory().numTensors > before, 'the tensor is alive until collected');
      assert.equal(await settle(before), before);
    });
  }

  it('leaves tensors that tidy disposes alone, and a kept tensor alive while referenced', async () => {
    const before = await settle(0);
    const held = nb.tidy(() => {
      nb.ones([64]).add(1);
      return nb.ones([64]);
    });
    assert.equal(nb.memory().numTensors, before + 1);
    await settle(before);
    assert.equal(nb.memory().numTensors, before + 1, 'the returned tensor is still referenced');
    assert.equal(held.sum().item(), 64);
    held.dispose();
  });
});
