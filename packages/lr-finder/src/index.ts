/** The npm name of this package. */
export const packageName = '@onecycle/lr-finder';

export { LrFinderError } from './errors';
export type { LrFinderOptions, ResolvedLrFinderOptions } from './options';
export { resolveLrFinderOptions } from './options';
export { finderLr } from './finderLr';
/** @deprecated import `DebiasedEma` from '@onecycle/core-schedules'; this re-export goes in the next minor version. */
export { DebiasedEma } from '@onecycle/core-schedules';
export type { DivergenceVerdict } from './divergence';
export { DivergenceTracker } from './divergence';
export type { SuggestionOptions } from './suggestions/prepare';
export { prepareCurve } from './suggestions/prepare';
export type { PreparedCurve } from './suggestions/prepare';
export { minimum } from './suggestions/minimum';
export { steep } from './suggestions/steep';
export { valley } from './suggestions/valley';
export type { SlideOptions } from './suggestions/slide';
export { slide } from './suggestions/slide';
export type { RangeOptions } from './suggestions/suggestRange';
export { suggestRange } from './suggestions/suggestRange';
export { suggestAll } from './suggestions/suggestAll';
// The result records live with the other record types in core-schedules (viz reads them too).
export type {
  LrFindResult, LrRange, RepeatsSummary, SuggestionName, Suggestions, SuggestionSpread, SweepResult,
} from '@onecycle/core-schedules';
export { LRFinder } from './lrFinder';
export { checkHyperSupport, finderHyper } from './hyperSupport';
export type { FindLrOptions } from './findLr';
export { findLr } from './findLr';
export type { SweepOptions } from './sweep';
export { sweep } from './sweep';
export { combineRepeats } from './repeats';
export type { DatasetInput, FindLrInput, FitDatasetLike, TensorInput } from './dataSource';
/** @deprecated import `mulberry32` and `seededPermutation` from '@onecycle/core-schedules'; these re-exports go in the next minor version. */
export { mulberry32, seededPermutation } from '@onecycle/core-schedules';
