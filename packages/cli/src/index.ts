/** The npm name of this package. */
export const packageName = '@onecycle/cli';

// The command runner is the public surface; the rest is exported for the package's own tests.
// Data loaders live in @onecycle/datasets and models in @onecycle/zoo.
export { runCli, USAGE } from './cli/runCli';
export type { RunCliOptions } from './cli/runCli';
export type { CliCommand, CliIO, CommandContext, TextSink } from './cli/cliCommand';
export { cliVersion } from './cli/cliVersion';
export { defaultCommands } from './commands/defaultCommands';
export { KIND_FIELDS, SPEC_FILE_ONLY_KINDS, kebab } from './commands/kindFields';
export { specFromFlags } from './commands/specFromFlags';
export { parseTrainConfig } from './train/trainConfig';
export type { TrainConfig } from './train/trainConfig';
export type { TrainHistory } from './train/runTraining';
export { prepareData } from './train/prepareData';
export { augmentedBatches } from './train/augmentedBatches';
export { choosePeakLr } from './demo/choosePeakLr';
export { DEMO_TARGETS } from './demo/demoSummary';
export type { DemoSummary } from './demo/demoSummary';
