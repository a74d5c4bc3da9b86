import type { TargetResult } from './perf-types.js';

/** The targets as the terminal shows them at the end of `perf`: one line each, then why where one is missed. */
export function targetLines(targets: readonly TargetResult[]): string {
  const lines = ['targets:'];
  for (const target of targets) {
    const verdict = target.met === null ? 'not measured' : target.met ? 'met' : 'MISSED';
    const measured = target.measured === null ? '–' : `${round(target.measured)} ${target.unit}`;
    const goal = `${target.direction === 'at-most' ? '<=' : '>='} ${target.target} ${target.unit}`;
    lines.push(`  ${verdict.padEnd(12)} ${target.description}: ${measured} (target ${goal})`);
    if (target.met === false && target.missedBy !== undefined) lines.push(`               ${target.missedBy}`);
    if (target.met !== true && target.limit !== undefined) lines.push(`               ${target.limit}`);
  }
  return `${lines.join('\n')}\n`;
}

function round(value: number): string {
  return Math.abs(value) >= 100 || Number.isInteger(value) ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}
