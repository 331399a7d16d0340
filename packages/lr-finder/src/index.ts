/** The npm name of this package. */
export const packageName = '@onecycle/lr-finder';

export { LrFinderError } from './errors';
export type { LrFinderOptions, ResolvedLrFinderOptions } from './options';
export { resolveLrFinderOptions } from './options';
export { finderLr } from './finderLr';
export { DebiasedEma } from './smoothing';
export type { DivergenceVerdict } from './divergence';
export { DivergenceTracker } from './divergence';
export type { SuggestionOptions } from './suggestions/prepare';
export { prepareCurve } from './suggestions/prepare';
export type { PreparedCurve } from './suggestions/prepare';
export { minimum } from './suggestions/minimum';
export { steep, steepVerdict } from './suggestions/steep';
export { windowHalf } from './suggestions/falling';
export type { Verdict } from './suggestions/falling';
export { valley } from './suggestions/valley';
export type { SlideOptions } from './suggestions/slide';
export { slide } from './suggestions/slide';
export type { LrRange, RangeOptions } from './suggestions/suggestRange';
export { suggestRange, rangeVerdict } from './suggestions/suggestRange';
export { suggestAll } from './suggestions/suggestAll';
export type {
  LrFindResult, RepeatsSummary, SuggestionName, Suggestions, SuggestionSpread, SweepResult,
} from './types';
export { LRFinder } from './lrFinder';
export { checkHyperSupport, finderHyper } from './hyperSupport';
export type { FindLrOptions } from './findLr';
export { findLr } from './findLr';
export { lrFind } from './lrFind';
export type { LrFindData } from './lrFind';
export { reshuffledBatches } from './reshuffledBatches';
export type { XYBatch } from './reshuffledBatches';
export type { SweepOptions } from './sweep';
export { sweep } from './sweep';
export { combineRepeats } from './repeats';
export type { DatasetInput, FindLrInput, FitDatasetLike, TensorInput } from './dataSource';
export { mulberry32, seededPermutation } from './seededPermutation';
