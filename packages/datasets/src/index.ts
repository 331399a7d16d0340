/** The npm name of this package. */
export const packageName = '@onecycle/datasets';

export {
  DatasetError, DatasetNotFoundError, DatasetOptionError, MalformedDatasetError, TruncatedFileError, WrongMagicError,
} from './errors';
export type { ImageDataset, LoadOptions, PixelArray, PixelDtype } from './imageDataset';
export { parseIdx, readIdxFile } from './parseIdx';
export type { IdxArray, IdxKind } from './parseIdx';
export { loadIdxDataset } from './loadIdxDataset';
export type { IdxFiles } from './loadIdxDataset';
export { DEBIAN_FASHION_MNIST_DIR, loadFashionMnist, locateFashionMnist, locateIdxSplit } from './loadFashionMnist';
export type { IdxSplit } from './loadFashionMnist';
export { CIFAR10_RECORD_BYTES, loadCifar10, loadCifar10Files, parseCifar10 } from './loadCifar10';
export { loadMnistDigits, mnistDigitsDir } from './loadMnistDigits';
export { splitDataset } from './splitDataset';
export type { SplitOptions } from './splitDataset';
export { takeSamples } from './takeSamples';
export { datasetToTensors } from './datasetToTensors';
export type { ToTensorsOptions } from './datasetToTensors';
export { readMaybeGzip } from './readMaybeGzip';
export { DATASET_NAMES, loadDataset } from './loadDataset';
export type { DatasetName, LoadDatasetOptions } from './loadDataset';
