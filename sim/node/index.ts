// Node-only entry points (files, folders): what `gridgov run` and `gridgov compare` call.
export * from '../index.ts';
export { loadScenarioFile } from './cli/files.ts';
export { runToFolder, type RunToFolderOptions } from './cli/runOutputs.ts';
export { loadPolicyFile } from './cli/policyFile.ts';
export { sweepCommand, prepareSweep } from './cli/sweepCommand.ts';
export { sizeCommand } from './cli/sizeCommand.ts';
export { sensitivityCommand } from './cli/sensitivityCommand.ts';
export { mergeCommand } from './cli/mergeCommand.ts';
export { RunStore } from './cli/runStore.ts';
