import { join } from 'node:path';
import type { SweepPlan } from '../../experiment/sweepPlan.ts';
import type { RunRecord } from '../../experiment/sweepTables.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { stableJson } from './files.ts';
import { runPlanned, type PlannedTask, type PlanRunOptions, type PlanRunResult } from './planRunner.ts';
import { claimPlan, RunStore } from './runStore.ts';
import { writeFileAtomic } from '../io/atomicWrite.ts';
import { writeSweepResults } from './sweepCommand.ts';

/**
 * The one place `gridgov sensitivity` touches the sweep's record machinery. Each stage of an
 * analysis (a one-at-a-time round, the Morris trajectories) is an ordinary sweep folder under
 * `<out>/<stage>/` — sweep.json, scenario.json, runs/, and sweep.csv once whole — so resuming,
 * sharding and `gridgov merge` work on it exactly as on a sweep. If the sweep's storage changes
 * (say, records in one JSON-lines file per shard), only this adapter follows.
 */
export class SensitivityStage {
  readonly dir: string;
  private readonly store: RunStore;

  constructor(
    outDir: string,
    readonly name: string,
    readonly plan: SweepPlan,
  ) {
    this.dir = join(outDir, name);
    this.store = new RunStore(this.dir, plan.sweepId);
  }

  /** Writes the stage's plan (or checks the one there is the same) and the resolved scenario. */
  claim(base: Scenario): void {
    claimPlan(this.dir, 'sweep.json', this.plan, 'sweepId');
    writeFileAtomic(join(this.dir, 'scenario.json'), stableJson(base));
  }

  /** The finished runs in the stage's folder, by key. */
  records(): Map<string, RunRecord> {
    return this.store.loadAll();
  }

  run(tasks: readonly PlannedTask[], o: PlanRunOptions): Promise<PlanRunResult> {
    return runPlanned(this.store, tasks, o);
  }

  /** The stage's sweep.csv and sweep-summary.csv, as a sweep of the same runs would write them. */
  finish(records: readonly RunRecord[]): void {
    writeSweepResults(this.dir, this.plan, records);
  }
}
