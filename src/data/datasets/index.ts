/** Ready-made datasets, as `keras.datasets` offers them: `nb.datasets.digits()` and friends. */
export {
  digits,
  loadDigitsArrays,
  DIGITS_COUNT,
  DIGITS_URL,
  type DigitsArrays,
  type DigitsOptions,
  type LabelledTensors,
  type TrainTest,
} from './digits.js';
export { fashionMnist, mnist, FASHION_MNIST, FASHION_MNIST_CLASSES, MNIST } from './mnist.js';
export {
  loadIdxDataset,
  loadIdxDatasetTensors,
  type IdxDatasetArrays,
  type IdxDatasetOptions,
  type IdxDatasetSpec,
  type IdxFileSpec,
} from './idx-dataset.js';
