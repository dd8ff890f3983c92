/** A one-line progress indicator on a terminal's stderr; silent lines elsewhere (logs, CI). */
export class Progress {
  private readonly tty = Boolean(process.stderr.isTTY);
  private readonly started = performance.now();
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly quiet = false,
  ) {}

  tick(what: string): void {
    this.done++;
    if (this.quiet) return;
    const elapsed = (performance.now() - this.started) / 1000;
    const eta = this.done > 0 ? (elapsed / this.done) * (this.total - this.done) : 0;
    const text = `${this.label} ${this.done}/${this.total} ${what} — ${elapsed.toFixed(1)} s, ETA ${eta.toFixed(1)} s`;
    if (this.tty) process.stderr.write(`\r\x1b[2K${text}`);
    else process.stderr.write(`${text}\n`);
  }

  end(): void {
    if (this.tty && !this.quiet) process.stderr.write('\n');
  }
}
