export { AtomicWriteError } from './errors';
export { parseTempFileName } from './parseTempFileName';
export {
  removeStaleTempFiles,
  writeFileAtomic,
  writeJsonAtomic,
  type WriteFileAtomicOptions,
} from './writeFileAtomic';
