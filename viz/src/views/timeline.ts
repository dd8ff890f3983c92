import type { Replay } from '../../../sim/replay/reader.ts';
import { Clock, clockLabel, SPEEDS } from '../state/clock.ts';
import { eventAfter } from '../state/cursor.ts';
import { el } from './dom.ts';

/** Play / pause, speed, scrub bar, step to the next event, and the clock and counters. */
export class Timeline {
  readonly root = el('div', { class: 'timeline' });
  private readonly play = el('button', { type: 'button', id: 'play', title: 'play / pause (space); ← → step an hour (shift: a day); Home, End' }, 'play');
  private readonly scrub = el('input', { type: 'range', id: 'scrub', min: '0', max: '1', step: 'any', value: '0', 'aria-label': 'time' });
  private readonly label = el('span', { id: 'clock', class: 'clock' });
  readonly counters = el('span', { id: 'counters', class: 'counters' });
  private readonly speed: HTMLSelectElement;

  constructor(
    readonly clock: Clock,
    readonly replays: Replay[],
  ) {
    const speed = (this.speed = el('select', { id: 'speed', 'aria-label': 'speed' }));
    SPEEDS.forEach(([v, name]) => speed.append(el('option', { value: String(v), ...(v === clock.speed ? { selected: '' } : {}) }, name)));
    speed.onchange = () => (clock.speed = Number(speed.value));
    const next = el('button', { type: 'button', id: 'next-event', title: 'step to the next event' }, 'next event');
    this.play.onclick = () => clock.toggle();
    next.onclick = () => {
      clock.pause();
      const times = replays.map((r) => {
        const i = eventAfter(r, clock.t);
        return i < r.eventCount ? r.evT.data[i]! : Infinity;
      });
      const t = Math.min(...times);
      if (Number.isFinite(t)) clock.seek(t);
    };
    this.scrub.oninput = () => clock.seek(Number(this.scrub.value));
    this.root.append(this.play, speed, next, this.scrub, this.label, this.counters);
  }

  draw(t: number): void {
    this.play.textContent = this.clock.playing ? 'pause' : 'play';
    if (this.speed.value !== String(this.clock.speed)) this.speed.value = String(this.clock.speed);
    this.scrub.max = String(this.clock.end);
    if (document.activeElement !== this.scrub) this.scrub.value = String(t);
    this.label.textContent = clockLabel(t, this.replays[0]!.meta.startDayOfWeek);
  }
}

/** Cases created, closed and open by the last full hour (all cases, exact). */
export function totalsAt(r: Replay, t: number): { created: number; closed: number; open: number } {
  const done = Math.max(0, Math.min(Math.floor(t), r.hoursDone));
  let created = 0;
  let closed = 0;
  for (let h = 0; h < done; h++) {
    created += r.totals.created[h]!;
    closed += r.totals.closed[h]!;
  }
  return { created, closed, open: created - closed };
}
