// Writes a fixed, seeded subset of an IDX training set (Fashion-MNIST) to a folder laid out like
// the original release, with the test files linked in whole, so every `onecycle train` run and
// the LR finder read exactly the same images whatever the run's own seed.
import fs from 'node:fs';
import path from 'node:path';
import { seededPermutation } from '@onecycle/core-schedules';
import { loadFashionMnist, locateFashionMnist, takeSamples } from '@onecycle/datasets';
import { writeFileAtomic } from './common.mjs';

function idx(magic, dims, payload) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)]);
}

/**
 * Makes `dir` hold the first `count` images of Fashion-MNIST's training set in the order of
 * `seededPermutation(60000, seed)` (core-schedules' mulberry32 Fisher-Yates, as the CLI uses) as plain IDX files, plus
 * links to the whole 10,000-image test set. Does nothing when `dir/subset.json` already says so.
 * @returns the description written to `dir/subset.json`
 */
export async function fashionMnistSubset(dir, { count, seed, dataDir }) {
  const stamp = path.join(dir, 'subset.json');
  const want = { dataset: 'fashion-mnist', split: 'train', count, permutationSeed: seed, how: `first ${count} of seededPermutation(60000, ${seed}) (@onecycle/core-schedules)` };
  if (fs.existsSync(stamp)) {
    const have = JSON.parse(fs.readFileSync(stamp, 'utf8'));
    if (have.count === count && have.permutationSeed === seed && have.source === (dataDir ?? 'debian')) return have;
  }
  fs.mkdirSync(dir, { recursive: true });
  const train = await loadFashionMnist('train', { dtype: 'uint8', ...(dataDir === undefined ? {} : { dataDir }) });
  const sub = takeSamples(train, seededPermutation(train.count, seed).subarray(0, count));
  await writeFileAtomic(path.join(dir, 'train-images-idx3-ubyte'), idx(0x803, [count, sub.rows, sub.cols], sub.images));
  await writeFileAtomic(path.join(dir, 'train-labels-idx1-ubyte'), idx(0x801, [count], sub.labels));
  const test = locateFashionMnist('test', dataDir);
  for (const [file, name] of [[test.images, 'images'], [test.labels, 'labels']]) {
    const link = path.join(dir, `t10k-${name}-${name === 'images' ? 'idx3' : 'idx1'}-ubyte${file.endsWith('.gz') ? '.gz' : ''}`);
    fs.rmSync(link, { force: true });
    fs.symlinkSync(path.resolve(file), link);
  }
  const counts = Array.from({ length: sub.numClasses }, (_, k) => sub.labels.filter((l) => l === k).length);
  const out = { ...want, source: dataDir ?? 'debian', testFrom: path.dirname(test.images), classCounts: counts };
  await writeFileAtomic(stamp, JSON.stringify(out, null, 2) + '\n');
  return out;
}
