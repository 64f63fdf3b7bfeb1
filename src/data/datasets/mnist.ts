import type { TrainTest } from './digits.js';
import {
  loadIdxDatasetTensors,
  type IdxDatasetOptions,
  type IdxDatasetSpec,
} from './idx-dataset.js';

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 28×28 grey images of 10 kinds of clothing,
 * 60,000 for training and 10,000 for testing. Checksums are those of the files published in
 * the project's repository (`data/fashion/`).
 */
export const FASHION_MNIST: IdxDatasetSpec = {
  name: 'fashion-mnist',
  title: 'Fashion-MNIST',
  mirrors: [
    'https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/',
    'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
  ],
  trainImages: {
    name: 'train-images-idx3-ubyte.gz',
    sha256: '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84',
  },
  trainLabels: {
    name: 'train-labels-idx1-ubyte.gz',
    sha256: 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845',
  },
  testImages: {
    name: 't10k-images-idx3-ubyte.gz',
    sha256: '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073',
  },
  testLabels: {
    name: 't10k-labels-idx1-ubyte.gz',
    sha256: '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5',
  },
  // Debian's dataset-fashion-mnist package installs the four files here.
  systemDirs: ['/usr/share/datasets/fashion-mnist'],
  hint:
    'install Debian\'s package (apt-get install dataset-fashion-mnist) or put the four files ' +
    'in $NABLA_DATA/fashion-mnist',
};

/** Names of the Fashion-MNIST classes, by label. */
export const FASHION_MNIST_CLASSES: readonly string[] = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/**
 * MNIST (Y. LeCun, C. Cortes, C. Burges): 28×28 grey handwritten digits, 60,000 for training
 * and 10,000 for testing, from the mirrors TensorFlow and PyTorch use.
 */
export const MNIST: IdxDatasetSpec = {
  name: 'mnist',
  title: 'MNIST',
  mirrors: [
    'https://storage.googleapis.com/cvdf-datasets/mnist/',
    'https://ossci-datasets.s3.amazonaws.com/mnist/',
  ],
  trainImages: {
    name: 'train-images-idx3-ubyte.gz',
    sha256: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
  },
  trainLabels: {
    name: 'train-labels-idx1-ubyte.gz',
    sha256: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
  },
  testImages: {
    name: 't10k-images-idx3-ubyte.gz',
    sha256: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
  },
  testLabels: {
    name: 't10k-labels-idx1-ubyte.gz',
    sha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
  },
  systemDirs: [],
  hint: 'or put the four files in $NABLA_DATA/mnist',
};

/**
 * Fashion-MNIST as `{ train: {x, y}, test: {x, y} }`, like `keras.datasets.fashion_mnist`
 * (Node only). Looks in `$NABLA_DATA/fashion-mnist`, the cache directory and
 * `/usr/share/datasets/fashion-mnist` (Debian's `dataset-fashion-mnist`), and otherwise
 * downloads the files into the cache, verifying their SHA-256.
 * Shapes: `x` float32 `[60000, 28, 28]` / `[10000, 28, 28]` in [0, 1] (Keras gives uint8
 * 0..255; pass `normalize: false` for float32 0..255); `y` int32 `[n]`, labels 0..9 (see
 * `FASHION_MNIST_CLASSES`).
 *
 * @example
 * const { train, test } = await nb.datasets.fashionMnist();
 */
export async function fashionMnist(options: IdxDatasetOptions = {}): Promise<TrainTest> {
  return loadIdxDatasetTensors(FASHION_MNIST, options);
}

/**
 * MNIST as `{ train: {x, y}, test: {x, y} }`, like `keras.datasets.mnist` (Node only). Looks in
 * `$NABLA_DATA/mnist` and the cache directory, and otherwise downloads the files into the
 * cache, verifying their SHA-256.
 * Shapes: `x` float32 `[60000, 28, 28]` / `[10000, 28, 28]` in [0, 1] (`normalize: false`:
 * 0..255); `y` int32 `[n]`, digits 0..9.
 *
 * @example
 * const { train, test } = await nb.datasets.mnist();
 */
export async function mnist(options: IdxDatasetOptions = {}): Promise<TrainTest> {
  return loadIdxDatasetTensors(MNIST, options);
}
