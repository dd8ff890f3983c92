/** Simulated hours per real second offered by the speed control. */
export const SPEEDS: [number, string][] = [
  [1 / 3600, 'real time'],
  [1 / 60, '1 min/s'],
  [1 / 6, '10 min/s'],
  [1, '1 h/s'],
  [6, '6 h/s'],
  [24, '1 day/s'],
  [168, '1 week/s'],
  [1000, '1000 h/s'],
  [5000, '5000 h/s'],
];

type Listener = (t: number, jumped: boolean) => void;

/**
 * The one clock of a page: every view draws the simulated time `t` (hours) it announces. Play
 * advances it with requestAnimationFrame at `speed` simulated hours per real second.
 */
export class Clock {
  t = 0;
  end = 0;
  speed = 24;
  playing = false;
  private readonly listeners: Listener[] = [];
  private frame = 0;
  private lastReal = 0;
  /** Real milliseconds of the last frame (time between frames) and the time spent drawing it. */
  frameMs = 0;
  drawMs = 0;
  /** When an array, each played frame appends [frame interval ms, draw ms] (the benchmark reads it). */
  samples: [number, number][] | null = null;

  on(l: Listener): void {
    this.listeners.push(l);
  }

  setEnd(end: number): void {
    this.end = end;
    if (this.t > end) this.seek(end);
  }

  seek(t: number, jumped = true): void {
    this.t = Math.max(0, Math.min(this.end, t));
    const start = performance.now();
    for (const l of this.listeners) l(this.t, jumped);
    this.drawMs = performance.now() - start;
  }

  play(): void {
    if (this.playing) return;
    if (this.t >= this.end) this.seek(0);
    this.playing = true;
    this.lastReal = performance.now();
    const tick = (now: number) => {
      if (!this.playing) return;
      this.frameMs = now - this.lastReal;
      const dt = (Math.min(this.frameMs, 250) / 1000) * this.speed;
      this.lastReal = now;
      this.seek(this.t + dt, false);
      this.samples?.push([this.frameMs, this.drawMs]);
      if (this.t >= this.end) this.pause();
      else this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
    this.seek(this.t, false);
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.frame);
    this.seek(this.t, false);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }
}

/** "day 3 (Wed) 14:05" for t hours after a start on `startDayOfWeek` (0 = Monday). */
export function clockLabel(t: number, startDayOfWeek: number): string {
  const day = Math.floor(t / 24);
  const minutes = Math.floor((t - day * 24) * 60);
  const dow = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][(startDayOfWeek + day) % 7];
  return `day ${day} (${dow}) ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
