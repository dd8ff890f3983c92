import type { SimEvent, SimEventType } from './events.ts';
import type { Simulation } from './simulation.ts';

/**
 * What a model extension may use of a running simulation: the clock, the world, the scenario,
 * its own random streams, and the few actions the simulation offers for it (take a latent case
 * out of its grid, register or close a case, queue a job at a desk, press a waiting case).
 */
export type ExtensionHost = Pick<
  Simulation,
  'clock' | 'world' | 'scenario' | 'territory' | 'streams' | 'open' | 'now' | 'takeLatent' | 'registerCase' | 'closeSettled' | 'enqueueJob' | 'expedite'
>;

/**
 * A concept added to the model in its own file (self-management, top-down tasks, deadline
 * callbacks): `start` runs once after the simulation has scheduled its own start; `onEvent`, if
 * present, sees every event like an observer (it may schedule work on the clock, never change
 * the state it is told about in the middle of the announcement); `summarize` adds its section
 * to summary.json.
 */
export interface SimExtension {
  start(host: ExtensionHost): void;
  onEvent?(e: SimEvent): void;
  /** The event types `onEvent` needs (as SimObserver.eventTypes); absent: every type. */
  readonly eventTypes?: readonly SimEventType[];
  onFinish?(t: number): void;
  /** Its section of summary.json (key → value), computed after the run. */
  summarize?(): Record<string, unknown>;
}
