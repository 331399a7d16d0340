/** The npm name of this package. */
export const packageName = '@onecycle/optim';

export { OptimError, OptimOptionError, HyperParamError } from './errors';
export type { Hyper } from '@onecycle/core-schedules';
export type { HyperHandle } from './hyperHandle';
export { hyperParams } from './hyperParams';
export { SGDW, sgdw } from './sgdw';
export type { SgdwOptions } from './sgdw';
export { AdamW, adamw } from './adamw';
export type { AdamwOptions } from './adamw';
export type { NamedTensor } from './slotVariable';
