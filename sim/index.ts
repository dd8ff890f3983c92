// The library: the same functions the CLI calls. Browser-safe except where noted.
export { simulate, type SimulateOptions, type SimulateResult } from './run/simulateRun.ts';
export { run, compare } from './experiment/run.ts';
export type { Summary } from './run/summary.ts';
export { parseScenarioText, resolveScenario, applySet } from './scenario/load.ts';
export { scenarioSchema, scenarioJsonSchema, type Scenario, type ScenarioInput } from './scenario/schema.ts';
export { InputError, type InputProblem } from './scenario/errors.ts';
export { runComparison, summarizeComparison, comparisonCsv, runsCsv, repSeed, type Comparison, type PolicyChoice } from './experiment/compare.ts';
export { EXPERIMENT_METRICS, metricValue } from './experiment/metrics.ts';
export { BUILTIN_POLICIES, resolvePolicy } from './policies/registry.ts';
export type { Policy, PolicyContext, Routing } from './policies/types.ts';
export { buildTerritory, type Territory } from './territory/build.ts';
export { encodeBeidou, decodeBeidou, beidouParent } from './territory/beidou.ts';
export type { SimEvent, SimObserver } from './model/events.ts';
export type { Case } from './model/types.ts';
