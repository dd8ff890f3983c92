import { EVENT } from '../../../sim/replay/format.ts';
import type { Replay } from '../../../sim/replay/reader.ts';

/** What a case mark shows. */
export const CASE_STATE = { unborn: 0, latent: 1, reported: 2, moving: 3, queued: 4, inWork: 5, resolved: 6, verifying: 7, closed: 8 } as const;
export const STATE_NAMES = ['unborn', 'latent', 'reported', 'moving', 'waiting', 'in work', 'resolved, awaiting check', 'being verified', 'closed'];

/**
 * The state of the sampled tracks at the clock's time: applies events forward as time goes on,
 * and starts again from the beginning when time goes back (a pass over the events is a few ms).
 */
export class ReplayCursor {
  /** Events [0, next) are applied. */
  next = 0;
  caseState: Uint8Array;
  caseDesk: Int32Array;
  /** Previous desk (for the path a mark moves along). */
  caseFrom: Int32Array;
  staffActivity: Uint8Array;
  staffOnDuty: Uint8Array;
  staffCase: Int32Array;
  /** Cases occurred and not closed, in no order; `slot` gives each one's place. */
  active: number[] = [];
  private slot: Int32Array;

  constructor(readonly replay: Replay) {
    this.caseState = new Uint8Array(0);
    this.caseDesk = new Int32Array(0);
    this.caseFrom = new Int32Array(0);
    this.slot = new Int32Array(0);
    this.staffActivity = new Uint8Array(replay.staffCount);
    this.staffOnDuty = new Uint8Array(replay.staffCount);
    this.staffCase = new Int32Array(replay.staffCount).fill(-1);
    this.reset();
  }

  private reset(): void {
    const n = this.replay.caseCount;
    this.caseState = new Uint8Array(n);
    this.caseDesk = new Int32Array(n).fill(-1);
    this.caseFrom = new Int32Array(n).fill(-1);
    this.slot = new Int32Array(n).fill(-1);
    this.staffActivity.fill(0);
    this.staffOnDuty.fill(0);
    this.staffCase.fill(-1);
    this.active = [];
    this.next = 0;
  }

  /** Brings the state to time t (events at t included). Returns whether it started over. */
  seek(t: number): boolean {
    const r = this.replay;
    let restarted = false;
    if (this.caseState.length < r.caseCount) this.grow();
    if (this.next > 0 && r.evT.data[this.next - 1]! > t) {
      this.reset();
      restarted = true;
    }
    const T = r.evT.data;
    const n = r.eventCount;
    while (this.next < n && T[this.next]! <= t) this.apply(this.next++);
    return restarted;
  }

  private grow(): void {
    const n = this.replay.caseCount;
    const grow = <A extends Uint8Array | Int32Array>(a: A, make: (n: number) => A, fill: number): A => {
      const b = make(n);
      b.fill(fill);
      b.set(a);
      return b;
    };
    this.caseState = grow(this.caseState, (k) => new Uint8Array(k), 0);
    this.caseDesk = grow(this.caseDesk, (k) => new Int32Array(k), -1);
    this.caseFrom = grow(this.caseFrom, (k) => new Int32Array(k), -1);
    this.slot = grow(this.slot, (k) => new Int32Array(k), -1);
  }

  private apply(i: number): void {
    const r = this.replay;
    const code = r.evCode.data[i]!;
    const a = r.evF[0]!.data[i]!;
    const b = r.evF[1]!.data[i]!;
    const S = CASE_STATE;
    switch (code) {
      case EVENT.occurred:
        this.caseState[a] = S.latent;
        this.slot[a] = this.active.length;
        this.active.push(a);
        break;
      case EVENT.reported:
        this.caseState[a] = S.reported;
        break;
      case EVENT.registered:
      case EVENT.verified:
      case EVENT.reopened:
        this.caseState[a] = S.moving;
        break;
      case EVENT.entered:
        this.caseDesk[a] = b;
        this.caseState[a] = r.evF[2]!.data[i] === 1 ? S.resolved : S.queued;
        break;
      case EVENT.left:
        this.caseFrom[a] = b;
        this.caseDesk[a] = -1;
        this.caseState[a] = S.moving;
        break;
      case EVENT.resolved:
        this.caseState[a] = S.resolved;
        break;
      case EVENT.closed: {
        this.caseState[a] = S.closed;
        this.caseDesk[a] = -1;
        const k = this.slot[a]!;
        const last = this.active.pop()!;
        if (last !== a) {
          this.active[k] = last;
          this.slot[last] = k;
        }
        this.slot[a] = -1;
        break;
      }
      case EVENT.work: {
        const c = r.evF[2]!.data[i]!;
        this.staffActivity[a] = b;
        this.staffCase[a] = c;
        if (c >= 0 && b >= 2) {
          const s = this.caseState[c]!;
          if (s === S.queued) this.caseState[c] = S.inWork;
          else if (s === S.resolved) this.caseState[c] = S.verifying;
        }
        break;
      }
      case EVENT.onDuty:
        this.staffOnDuty[a] = 1;
        break;
      case EVENT.offDuty:
        this.staffOnDuty[a] = 0;
        break;
      default:
    }
  }
}

/** Index of the first event strictly after t (binary search), or the event count. */
export function eventAfter(replay: Replay, t: number): number {
  const T = replay.evT.data;
  let lo = 0;
  let hi = replay.eventCount;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (T[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
