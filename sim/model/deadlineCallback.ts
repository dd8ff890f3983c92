import { sample } from '../random/distributions.ts';
import type { Rng } from '../random/stream.ts';
import type { DeadlineCallbackParams, Scenario } from '../scenario/schema.ts';
import type { SimEvent } from './events.ts';
import type { ExtensionHost, SimExtension } from './extensions.ts';
import { deadlineOf } from './deferral.ts';
import type { Case } from './types.ts';

/** Queue level a pressed case moves to: that of emergencies (0 is a whistle summons). */
const PRESSED_LEVEL = 1;
const CALL_LEVEL = 1;

/**
 * 到期回访: when the time limit of a case registered by the hotline passes (registration +
 * `timeLimitsHours[priority]`, moved by any deferral) and the case is neither resolved nor closed, a call-taker of its
 * district calls the resident back (`callHours`, default `service.callbackHours`, drawn from the
 * `deadlineCallback` stream). With `expedite`, the call also presses the unit holding the case
 * (督办): if the case is waiting in a queue when the call ends, it moves to the emergency level
 * of that queue. A case in transit or in work is not moved.
 */
export class DeadlineCallback implements SimExtension {
  private host!: ExtensionHost;
  private rng!: Rng;
  private readonly windowStart: number;
  calls = 0;
  expedited = 0;
  callHours = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly p: DeadlineCallbackParams = scenario.deadlineCallback!,
  ) {
    this.windowStart = scenario.warmupDays * 24;
  }

  start(host: ExtensionHost): void {
    this.host = host;
    this.rng = host.streams.stream('deadlineCallback');
  }

  readonly eventTypes = ['caseRegistered'] as const;

  onEvent(e: SimEvent): void {
    if (e.type !== 'caseRegistered' || e.case.registeredBy !== 'hotline' || !this.p.enabled) return;
    const c = e.case;
    this.schedule(c);
  }

  private schedule(c: Case): void {
    const due = deadlineOf(c, this.scenario);
    if (due >= this.scenario.horizonDays * 24) return;
    this.host.clock.scheduleAt(due, () => this.due(c));
  }

  private due(c: Case): void {
    if (c.state === 'closed' || c.state === 'resolved') return;
    // A deferral (延期) granted meanwhile moved the deadline: call when the new one passes.
    if (deadlineOf(c, this.scenario) > this.host.now) return this.schedule(c);
    const hours = sample(this.rng, this.p.callHours ?? this.scenario.service.callbackHours);
    const counted = this.host.now >= this.windowStart;
    if (counted) {
      this.calls++;
      this.callHours += hours;
    }
    const desk = this.host.world.hotlineDesk(c.grid);
    this.host.enqueueJob(
      desk,
      {
        kind: 'job',
        activity: 'call',
        hours,
        case: c,
        done: () => {
          if (this.p.expedite && this.host.expedite(c, PRESSED_LEVEL) && counted) this.expedited++;
        },
      },
      CALL_LEVEL,
    );
  }

  summarize(): Record<string, unknown> {
    return { deadlineCallbacks: { enabled: this.p.enabled, calls: this.calls, expedited: this.expedited, callHours: this.callHours } };
  }
}
