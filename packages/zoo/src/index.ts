/** The npm name of this package. */
export const packageName = '@onecycle/zoo';

export { ModelInputError, ModelOptionError, ZooError } from './errors';
export type { ZooInput } from './zooInput';
export { mlp } from './mlp';
export type { MlpOptions } from './mlp';
export { lenet } from './lenet';
export { resnet } from './resnet';
export type { ResnetOptions, ShortcutKind } from './resnet';
export { ChannelZeroPad } from './channelZeroPad';
export type { ChannelZeroPadArgs } from './channelZeroPad';
export { MODEL_NAMES, buildModel, modelInputLayout, parseModelSpec } from './buildModel';
export type { ModelSpec } from './buildModel';
