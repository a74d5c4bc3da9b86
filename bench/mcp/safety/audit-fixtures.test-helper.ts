import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { AuditRecord } from './audit-entry.js';
import type { AuditKey } from './audit-hash.js';
import { AuditLog } from './audit-log.js';

/** The `i`th call of a test's caller: allowed on even i, refused by a rule on odd i. */
export function callRecord(i: number, caller = 'trial-1'): AuditRecord {
  const allowed = i % 2 === 0;
  return {
    caller,
    tool: 'relay_fan_set_speed',
    actuator: 'RELAY-FAN',
    args: { place: 'living-room', speed_pct: i % 101 },
    decision: allowed ? { allowed } : { allowed, rule: 'min-interval', reason: 'moved less than 2000 ms ago' },
    outcome: allowed ? { status: 'done', value: i % 101 } : { status: 'refused' },
  };
}

/** A fresh directory, removed when the test ends. */
export async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-audit-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A log at `path` holding `count` calls, written one after the other; returns the last entry's hash. */
export async function writeAuditLog(path: string, count: number, key?: AuditKey): Promise<string> {
  const log = await AuditLog.open(path, key === undefined ? {} : { key });
  for (let i = 0; i < count; i++) await log.append(callRecord(i));
  const { hash } = log.head();
  await log.close();
  return hash;
}

/** The file's lines, without the newline that ends each. */
export async function readLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').slice(0, -1);
}

export async function writeLines(path: string, lines: readonly string[]): Promise<void> {
  await writeFile(path, lines.map((line) => `${line}\n`).join(''));
}
