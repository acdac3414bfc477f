import { performance } from 'node:perf_hooks';
import type { OutputStream } from './cli-io';
import { renderProgressBar, type ProgressSnapshot } from './progress-bar';
import { terminalSafe } from './terminal-safe';

const REDRAW_INTERVAL_MS = 100; // ~10 redraws a second: live enough, cheap on a 10 000-task run
const ERASE_LINE = '\r\x1b[2K';

/** Redraws the progress bar in place on a terminal until stopped, then erases it. */
export class LiveProgress {
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt = performance.now();

  constructor(
    private readonly stream: OutputStream,
    private readonly snapshot: (elapsedMs: number) => ProgressSnapshot,
    private readonly width: number | undefined,
  ) {}

  start(): void {
    this.draw();
    this.timer = setInterval(() => this.draw(), REDRAW_INTERVAL_MS);
    this.timer.unref(); // never the reason the process stays alive
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write(ERASE_LINE);
  }

  private draw(): void {
    const snapshot = this.snapshot(performance.now() - this.startedAt);
    // Task ids come from the plan or the server: made safe before the line is cut to the width.
    const line = renderProgressBar({ ...snapshot, running: snapshot.running.map(terminalSafe) }, this.width);
    // The bar's own control sequence (erase the line) is the only one this stream gets.
    this.stream.write(`${ERASE_LINE}${terminalSafe(line)}`);
  }
}
