import { describe, it } from 'node:test';
import { tensor, type Tensor } from '../../tensor/index.js';
import { assertClose } from '../../tensor/test-utils/gradcheck.js';
import { flat, layerFixture } from '../test-utils/fixtures.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { elu } from './elu.js';

describe('ELU', () => {
  it('passes the harness', () => {
    checkLayer({ make: elu, config: { alpha: 0.7 }, inputShape: [2, 3, 2], expectedParams: 0 });
  });
  it('matches PyTorch elu(x, 0.5) and the definition at hand-picked points', () => {
    const f = layerFixture('activations');
    const out = elu({ alpha: 0.5 }).apply(
      tensor(f['x'] as number[][], { dtype: 'float64' }),
    ) as Tensor;
    assertClose(out.dataSync(), flat(f['elu_0.5']), 1e-12);
    assertClose(
      (elu().apply(tensor([-1, 0, 2])) as Tensor).dataSync(),
      [Math.exp(-1) - 1, 0, 2],
      1e-6,
    );
  });
});
