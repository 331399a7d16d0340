import { DatasetOptionError } from './errors';

/** Pixel storage of an {@link ImageDataset}: raw bytes, or floats scaled to [0, 1]. */
export type PixelArray = Float32Array | Uint8Array;

/** How pixels are delivered by a loader. @default 'float32' */
export type PixelDtype = 'float32' | 'uint8';

/**
 * Images and labels as plain typed arrays, ready for any framework.
 * Image `i` occupies `images[i * rows * cols * channels ...]` in row-major, channels-last
 * (height, width, channel) order — the layout tfjs expects.
 */
export interface ImageDataset<P extends PixelArray = PixelArray> {
  /** All pixels, `count * rows * cols * channels` values. */
  images: P;
  /** One class index per image. */
  labels: Uint8Array;
  /** Number of images. */
  count: number;
  /** Image height in pixels. */
  rows: number;
  /** Image width in pixels. */
  cols: number;
  /** Channels per pixel (1 for MNIST, 3 for CIFAR-10). */
  channels: number;
  /** Number of classes; every label is below it. */
  numClasses: number;
}

/** Options shared by the loaders. */
export interface LoadOptions {
  /** `'float32'` scales bytes to [0, 1]; `'uint8'` keeps the raw bytes. @default 'float32' */
  dtype?: PixelDtype;
}

/**
 * Turns raw bytes into the pixel array the caller asked for.
 *
 * @param bytes - raw pixel bytes (0-255)
 * @param dtype - `'float32'` scales to [0, 1]; `'uint8'` returns a copy of the bytes
 * @throws DatasetOptionError for any other dtype
 */
export function toPixels(bytes: Uint8Array, dtype: PixelDtype = 'float32'): PixelArray {
  if (dtype !== 'float32' && dtype !== 'uint8') {
    throw new DatasetOptionError('dtype', `must be 'float32' (pixels scaled to [0, 1]) or 'uint8' (raw bytes), got ${JSON.stringify(dtype)}`);
  }
  if (dtype === 'uint8') return Uint8Array.from(bytes);
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] ?? 0) / 255;
  return out;
}
