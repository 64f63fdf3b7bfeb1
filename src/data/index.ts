/**
 * Data loading and preparation (`nb.data`): in-memory datasets, splits, scalers, and readers
 * for IDX, CSV and PNG/JPEG files. Ready-made datasets live in `./datasets/index.ts`
 * (`nb.datasets`).
 */
export {
  Dataset,
  fromTensors,
  zip,
  type BatchOptions,
  type ShuffleOptions,
  type TensorContainer,
} from './dataset.js';
export { trainTestSplit, trainValTestSplit, type Split, type SplitOptions } from './split.js';
export {
  MinMaxScaler,
  StandardScaler,
  minMaxScaler,
  scalerFromJSON,
  standardScaler,
  type MinMaxScalerJSON,
  type MinMaxScalerOptions,
  type ScalerJSON,
  type StandardScalerJSON,
  type StandardScalerOptions,
} from './scalers.js';
export {
  decodeIdx,
  encodeIdx,
  readIdx,
  readIdxFile,
  type IdxArray,
  type IdxData,
  type IdxDType,
} from './idx.js';
export {
  csvToTensors,
  parseCsv,
  parseCsvRecords,
  readCsvFile,
  type CsvColumn,
  type CsvOptions,
  type CsvRecords,
  type CsvTable,
  type MissingPolicy,
} from './csv.js';
export {
  decodeGreyImage,
  decodeImage,
  readGreyImageFile,
  resizeGrey,
  toGrey,
  type GreyImageOptions,
  type RgbaImage,
} from './image.js';
export { gunzip, isGzip, maybeGunzip } from './gzip.js';
export { cacheDir, sha256File, sha256Hex, writeAtomic, writeFileAtomic } from './cache.js';
export { download, type DownloadOptions } from './download.js';
