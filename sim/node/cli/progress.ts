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
