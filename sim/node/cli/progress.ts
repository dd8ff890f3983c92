export interface ProgressOptions {
  /** Already done before this process started (a resumed sweep): counted, but not in the rate. */
  initial?: number;
  /** Draw a bar on a terminal (default: a plain counter line). */
  bar?: boolean;
  /** Off a terminal, print a line every this many ticks (and at the last one); default 1. */
  every?: number;
}

const BAR_WIDTH = 24;

/** A one-line progress indicator on a terminal's stderr; quiet lines elsewhere (logs, CI). */
export class Progress {
  // Redrawing a line needs a terminal that understands \r and erase-line: not a pipe, not TERM=dumb.
  private readonly tty = Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb';
  private readonly started = performance.now();
  private done: number;
  private readonly initial: number;

  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly quiet = false,
    private readonly options: ProgressOptions = {},
  ) {
    this.initial = options.initial ?? 0;
    this.done = this.initial;
  }

  tick(what: string): void {
    this.done++;
    if (this.quiet) return;
    const elapsed = (performance.now() - this.started) / 1000;
    const fresh = this.done - this.initial;
    const eta = fresh > 0 ? (elapsed / fresh) * (this.total - this.done) : 0;
    const times = `${elapsed.toFixed(1)} s, ETA ${eta.toFixed(1)} s`;
    if (this.tty && this.options.bar) {
      const filled = this.total > 0 ? Math.round((BAR_WIDTH * this.done) / this.total) : BAR_WIDTH;
      const pct = this.total > 0 ? Math.floor((100 * this.done) / this.total) : 100;
      process.stderr.write(`\r\x1b[2K${this.label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${this.done}/${this.total} ${pct}% — ${times} — ${what}`);
      return;
    }
    const text = `${this.label} ${this.done}/${this.total} ${what} — ${times}`;
    if (this.tty) {
      process.stderr.write(`\r\x1b[2K${text}`);
      return;
    }
    const every = this.options.every ?? 1;
    if (fresh % every === 0 || this.done === this.total) process.stderr.write(`${text}\n`);
  }

  end(): void {
    if (this.tty && !this.quiet) process.stderr.write('\n');
  }
}

export interface RunProgressOptions {
  /** Where lines go (default stderr). */
  write?: (text: string) => void;
  /** A terminal: one line redrawn in place (default: whether stderr is a terminal). */
  tty?: boolean;
  /** Milliseconds since some origin (default performance.now); injectable for tests. */
  clockMs?: () => number;
  /** Off a terminal, a line each time this share of the horizon is passed (default 0.05). */
  everyShare?: number;
  /** Nothing is shown before this many milliseconds: a short run stays silent (default 5000). */
  silentMs?: number;
}

/**
 * Progress of one long run (`gridgov run`): the simulated day, cases per second of wall time and
 * the time left. On a terminal one line is redrawn at most 5 times a second; elsewhere (logs, CI)
 * a line every few per cent of the horizon, so a long year is never silent and a log stays short.
 * The first 5 seconds show nothing: a short run prints only its result.
 */
export class RunProgress {
  private readonly write: (text: string) => void;
  private readonly tty: boolean;
  private readonly clockMs: () => number;
  private readonly everyShare: number;
  private readonly silentMs: number;
  private readonly started: number;
  private lastDrawMs = -Infinity;
  private nextShare: number;
  private drawn = false;

  constructor(private readonly label: string, options: RunProgressOptions = {}) {
    this.write = options.write ?? ((t) => process.stderr.write(t));
    this.tty = options.tty ?? Boolean(process.stderr.isTTY);
    this.clockMs = options.clockMs ?? (() => performance.now());
    this.everyShare = options.everyShare ?? 0.05;
    this.silentMs = options.silentMs ?? 5000;
    this.nextShare = this.everyShare;
    this.started = this.clockMs();
  }

  /** The clock passed `simHours` of `horizonHours`, with `cases` created so far. */
  update(simHours: number, horizonHours: number, cases: number): void {
    const nowMs = this.clockMs();
    const share = horizonHours > 0 ? Math.min(1, simHours / horizonHours) : 1;
    if (nowMs - this.started < this.silentMs) return;
    if (this.tty) {
      if (nowMs - this.lastDrawMs < 200 && share < 1) return;
      this.lastDrawMs = nowMs;
      this.write(`\r\x1b[2K${this.line(simHours, horizonHours, cases, share, nowMs)}`);
      this.drawn = true;
      return;
    }
    if (share + 1e-9 < this.nextShare) return;
    while (this.nextShare <= share + 1e-9) this.nextShare += this.everyShare;
    this.write(`${this.line(simHours, horizonHours, cases, share, nowMs)}\n`);
  }

  end(): void {
    if (this.tty && this.drawn) this.write('\n');
  }

  private line(simHours: number, horizonHours: number, cases: number, share: number, nowMs: number): string {
    const elapsed = (nowMs - this.started) / 1000;
    const rate = elapsed > 0 ? Math.round(cases / elapsed) : 0;
    const eta = share > 0 ? (elapsed * (1 - share)) / share : NaN;
    const day = Math.floor(simHours / 24);
    const days = Math.round(horizonHours / 24);
    return `${this.label}: day ${day}/${days} (${Math.floor(share * 100)}%) — ${cases.toLocaleString('en-US')} cases, ${rate.toLocaleString('en-US')} cases/s — ${formatSeconds(elapsed)}, ETA ${Number.isFinite(eta) ? formatSeconds(eta) : '?'}`;
  }
}

/** 42 s, 3 min 05 s, 1 h 02 min. */
export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
