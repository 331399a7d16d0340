// Generated CIFAR-10-format files for the --smoke run: 3073-byte records (label byte, then the
// 1024 red, 1024 green and 1024 blue bytes of a 32x32 image), laid out like cifar-10-batches-bin.
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '@onecycle/core-schedules';

const SIDE = 32;
const PLANE = SIDE * SIDE;
const RECORD = 1 + 3 * PLANE;

/**
 * `count` records whose label is `(first + i) % 10`; each class has its own colour plus noise, so
 * a network can learn something from them.
 */
export function cifarRecords(count, { seed = 0, first = 0 } = {}) {
  const rand = mulberry32(seed);
  const bytes = new Uint8Array(count * RECORD);
  for (let i = 0; i < count; i++) {
    const label = (first + i) % 10;
    const base = i * RECORD;
    bytes[base] = label;
    for (let c = 0; c < 3; c++) {
      const tint = 40 + 20 * ((label + 3 * c) % 10);
      for (let p = 0; p < PLANE; p++) bytes[base + 1 + c * PLANE + p] = Math.min(255, Math.floor(tint + 40 * rand()));
    }
  }
  return bytes;
}

/**
 * Writes data_batch_1.bin … data_batch_5.bin (`train` records split as evenly as possible) and
 * test_batch.bin (`test` records) into `dir`.
 */
export function writeSmokeCifar(dir, { train = 64, test = 32, seed = 0 } = {}) {
  if (train < 5) throw new Error(`train must be at least 5 (one record per data_batch file), got ${train}`);
  const all = cifarRecords(train, { seed });
  let at = 0;
  for (let k = 0; k < 5; k++) {
    const n = Math.floor(train / 5) + (k < train % 5 ? 1 : 0);
    fs.writeFileSync(path.join(dir, `data_batch_${k + 1}.bin`), all.subarray(at * RECORD, (at + n) * RECORD));
    at += n;
  }
  fs.writeFileSync(path.join(dir, 'test_batch.bin'), cifarRecords(test, { seed: seed + 1, first: 3 }));
}
