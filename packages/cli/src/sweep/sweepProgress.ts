import type { SweepEvent } from '@onecycle/sweep';
import type { TextSink } from '../cli/cliCommand';

const clock = (s: number): string => {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m` : m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
};

/**
 * The sweep's progress display: one line for the whole sweep (runs done / total, failures, ETA)
 * with each worker's run and epoch. On a terminal the line is redrawn in place; elsewhere (a log
 * file, a pipe) a line is written each time a run ends.
 * @param out - where to draw
 * @param now - clock in seconds (injected for tests)
 * @returns the event handler for runSweep
 */
export function sweepProgress(out: TextSink & { isTTY?: boolean }, now: () => number = () => performance.now() / 1000): (e: SweepEvent) => void {
  const tty = out.isTTY === true;
  let total = 0;
  let done = 0;
  let failed = 0;
  let pendingAtStart = 0;
  let ranNow = 0;
  const started = now();
  const workers = new Map<string, { runId: string; note: string }>();
  const workerOf = new Map<string, string>();
  const eta = (): string => {
    const left = total - done - failed;
    return ranNow === 0 ? '?' : clock(((now() - started) / ranNow) * left);
  };
  const head = (): string => `sweep ${done}/${total} done${failed === 0 ? '' : `, ${failed} failed`}, ETA ${eta()}`;
  const redraw = (): void => {
    if (!tty) return;
    const status = [...workers.entries()].map(([w, s]) => `${w.replace(/ \(pid \d+\)/, '')}: ${s.runId} ${s.note}`).join(' | ');
    out.write(`\r\x1b[K${head()}${status === '' ? '' : ` | ${status}`}`.slice(0, 400));
  };
  return (e) => {
    switch (e.type) {
      case 'plan':
        total = e.total;
        done = e.complete;
        pendingAtStart = e.pending;
        out.write(`sweep: ${e.total} runs (${e.complete} complete from before, ${e.pending} to run) on ${e.executor}\n`);
        if (pendingAtStart === 0) out.write('sweep: nothing to run\n');
        break;
      case 'start':
        workerOf.set(e.runId, e.worker);
        workers.set(e.worker, { runId: e.runId, note: 'starting' });
        break;
      case 'progress': {
        const w = workerOf.get(e.runId);
        if (w !== undefined) workers.set(w, { runId: e.runId, note: e.progress.note ?? `${Math.round(100 * e.progress.fraction)}%` });
        break;
      }
      case 'finish': {
        ranNow++;
        if (e.status === 'done') done++;
        else failed++;
        const w = workerOf.get(e.runId);
        if (w !== undefined) workers.delete(w);
        const what = e.status === 'done' ? `done ${e.runId} in ${(e.seconds ?? 0).toFixed(1)} s${w === undefined ? '' : ` on ${w}`}` : `FAILED ${e.runId}: ${e.error ?? ''}`;
        out.write(`${tty ? '\r\x1b[K' : ''}[${done + failed}/${total}] ${what}; ETA ${eta()}\n`);
        break;
      }
    }
    redraw();
  };
}
