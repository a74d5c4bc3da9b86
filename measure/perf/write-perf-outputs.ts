import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/write-file-atomic.js';
import { renderPerfCharts } from './perf-charts.js';
import { perfCsv } from './perf-csv.js';
import { renderPerfReport } from './perf-report.js';
import type { PerfResult } from './perf-types.js';

/**
 * Writes a perf result into its directory: perf.json (the result itself), perf.csv, report.md and the
 * charts that have data. Each file is written whole or not at all, so a reader never meets half a report.
 * Returns the names of the files written, in that order.
 */
export async function writePerfOutputs(dir: string, result: PerfResult): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ['perf.json', `${JSON.stringify(result, null, 2)}\n`],
    ['perf.csv', perfCsv(result)],
    ['report.md', renderPerfReport(result)],
    ...renderPerfCharts(result),
  ];
  await Promise.all(files.map(([name, content]) => writeFileAtomic(join(dir, name), content)));
  return files.map(([name]) => name);
}
