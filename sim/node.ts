// Node-only entry points (files, folders): what `gridgov run` and `gridgov compare` call.
export * from './index.ts';
export { loadScenarioFile } from './cli/files.ts';
export { runToFolder, type RunToFolderOptions } from './cli/runOutputs.ts';
export { loadPolicyFile } from './cli/policyFile.ts';
