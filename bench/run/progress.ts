import cliProgress from 'cli-progress';
import type { TrialRecord } from '../results/trial-record.js';

/**
 * The live view of a run: a bar with ETA, success so far and cost so far on a terminal; on anything else
 * (CI logs, a pipe) a plain line every tenth of the run or every 30 s, so logs stay readable.
 */

export interface ProgressView {
  trialDone(record: TrialRecord): void;
  stop(): void;
}

interface Tally {
  done: number;
  success: number;
  scored: number;
  errors: number;
  costUsd: number;
  priced: boolean;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

function cost(tally: Tally): string {
  return tally.priced ? `$${tally.costUsd.toFixed(4)}` : 'n/a';
}

export function createProgress(options: { total: number; alreadyDone: number; stream?: NodeJS.WriteStream; label: string }): ProgressView {
  const stream = options.stream ?? process.stderr;
  const tally: Tally = { done: 0, success: 0, scored: 0, errors: 0, costUsd: 0, priced: false };
  const add = (record: TrialRecord): void => {
    tally.done++;
    if (record.outcome === 'error') tally.errors++;
    else tally.scored++;
    if (record.outcome === 'success') tally.success++;
    if (record.costUsd !== null) {
      tally.costUsd += record.costUsd;
      tally.priced = true;
    }
  };
  const started = Date.now();
  // The ETA is the remaining trials at the rate this session has finished them, not the bar's own guess
  // (which counts the trials a resumed run already had as if they had just been done).
  const eta = (): string => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = tally.done / Math.max(elapsed, 1e-3);
    const remaining = options.total - options.alreadyDone - tally.done;
    return rate > 0 ? formatDuration(remaining / rate) : '-';
  };
  const payload = () => ({ success: percent(tally.success, tally.scored), errors: tally.errors, cost: cost(tally), eta: eta() });

  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${options.label} {bar} {value}/{total} | ETA {eta} | success {success} | errors {errors} | cost {cost}`,
        etaBuffer: 50,
        hideCursor: true,
        clearOnComplete: false,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(options.total, options.alreadyDone, payload());
    return {
      trialDone(record) {
        add(record);
        bar.increment(1, payload());
      },
      stop() {
        bar.stop();
      },
    };
  }

  let lastLine = started;
  let nextShare = 0.1;
  const line = (): void => {
    const done = options.alreadyDone + tally.done;
    const { success, errors, cost: spent, eta: left } = payload();
    stream.write(`${options.label} ${done}/${options.total} | ETA ${left} | success ${success} | errors ${errors} | cost ${spent}\n`);
  };
  return {
    trialDone(record) {
      add(record);
      const share = (options.alreadyDone + tally.done) / Math.max(options.total, 1);
      const now = Date.now();
      if (share >= nextShare || now - lastLine > 30_000) {
        while (nextShare <= share) nextShare += 0.1;
        lastLine = now;
        line();
      }
    },
    stop() {},
  };
}

/** "42s", "3m 05s", "1h 02m": how long is left, to the second below an hour. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
