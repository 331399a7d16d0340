import * as core from '@onecycle/core-schedules';

/** The npm name of this package. */
export const packageName = '@onecycle/lr-finder';

export { LrFinderError } from './errors';
export type { LrFinderOptions, ResolvedLrFinderOptions } from './lrFinderOptions';
export { LR_FINDER_OPTION_NAMES, resolveLrFinderOptions } from './lrFinderOptions';
export { finderLr } from './finderLr';
export type { DivergenceVerdict } from './divergenceTracker';
export { DivergenceTracker } from './divergenceTracker';
export type { SuggestionOptions } from './suggestions/prepareCurve';
export { prepareCurve } from './suggestions/prepareCurve';
export type { PreparedCurve } from './suggestions/prepareCurve';
export { minimum } from './suggestions/minimum';
export { steep, steepVerdict } from './suggestions/steep';
export { windowHalf } from './suggestions/fallingPart';
export type { Verdict } from './suggestions/fallingPart';
export { valley } from './suggestions/valley';
export type { SlideOptions } from './suggestions/slide';
export { slide } from './suggestions/slide';
export type { RangeOptions } from './suggestions/suggestRange';
export { suggestRange, rangeVerdict } from './suggestions/suggestRange';
export { suggestAll } from './suggestions/suggestAll';
// The result records live with the other record types in core-schedules (viz reads them too).
export type {
  LrFindResult, LrRange, RepeatsSummary, SuggestionName, Suggestions, SuggestionSpread, SweepResult,
} from '@onecycle/core-schedules';
export { LRFinder } from './lrFinder';
export { checkHyperSupport, finderHyper } from './checkHyperSupport';
export type { FindLrOptions } from './findLr';
export { findLr } from './findLr';
export { lrFind } from './lrFind';
export type { LrFindData } from './lrFind';
export { reshuffledBatches } from './reshuffledBatches';
export type { XYBatch } from './reshuffledBatches';
export type { SweepOptions } from './sweep';
export { sweep } from './sweep';
export { combineRepeats } from './combineRepeats';
export type { DatasetInput, FindLrInput, FitDatasetLike, TensorInput } from './findLrInput';

// The RNG and the EMA moved to @onecycle/core-schedules; declarations (not re-exports) keep the
// @deprecated tags in the bundled .d.ts.
/** @deprecated import from '@onecycle/core-schedules' */
export const DebiasedEma = core.DebiasedEma;
/** @deprecated import from '@onecycle/core-schedules' */
export type DebiasedEma = core.DebiasedEma;
/** @deprecated import from '@onecycle/core-schedules' */
export const mulberry32 = core.mulberry32;
/** @deprecated import from '@onecycle/core-schedules' */
export const seededPermutation = core.seededPermutation;
