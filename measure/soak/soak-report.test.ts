import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { distribution } from '../../bench/report/statistics.js';
import { DEFAULT_SOAK_OPTIONS, summariseKinds } from './run-soak.js';
import { CSV_COLUMNS, PAPER_SOAK, soakCsv, soakMarkdown, writeSoakOutputs } from './soak-report.js';
import type { FaultRecord, SoakResult } from './soak-types.js';

function faultRecord(seq: number, kind: FaultRecord['kind'], recoveryMs: number | null): FaultRecord {
  return {
    seq,
    kind,
    target: kind === 'datapool-kill' ? 'datapool' : 'esp32-living-room',
    detail: 'did something, with a | pipe',
    injectedAt: Date.UTC(2026, 0, 1) + seq * 3000,
    atS: seq * 3,
    recoveryFrom: Date.UTC(2026, 0, 1) + seq * 3000,
    recoveredAt: recoveryMs === null ? null : Date.UTC(2026, 0, 1) + seq * 3000 + recoveryMs,
    recoveryMs,
  };
}

function result(overrides: Partial<SoakResult> = {}): SoakResult {
  const faults = [faultRecord(1, 'mcu-drop', 250), faultRecord(2, 'datapool-kill', 600), faultRecord(3, 'latency-spike', null)];
  return {
    v: 1,
    id: '20260101T000000Z-memory-abcd',
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T00:01:05.000Z',
    options: DEFAULT_SOAK_OPTIONS,
    machine: { platform: 'linux-x64', cores: 2, node: 'v20.0.0' },
    interrupted: false,
    fatal: null,
    durationMs: { faults: 60_000, settle: 5000, total: 65_000 },
    fleet: { name: 'default-home', mcus: 6, sensorTypes: 22, sensorInstances: 29 },
    calls: {
      issued: 1000,
      answered: 950,
      failed: 50,
      lost: 0,
      abandoned: 0,
      failedByCode: { unavailable: 30, 'device-offline': 20 },
      lostByReason: {},
      examples: { unavailable: 'the datapool is not reachable', 'device-offline': 'device offline: MCU went away' },
      answeredLatencyMs: distribution([1, 2, 3]),
      answeredPerS: 14.6,
    },
    durability: {
      checked: 950,
      acknowledgedMissing: 0,
      missingIds: [],
      storeBytes: 1 << 20,
      storePeakBytes: 2 << 20,
      storeRecords: 3000,
      unreadableLines: 1,
      checks: 3,
    },
    faults,
    byKind: summariseKinds(['mcu-drop', 'datapool-kill', 'malformed-output', 'latency-spike'], faults),
    datapool: { restarts: 1, unexpectedExits: 0, pids: [10, 11] },
    broker: null,
    exitCode: 0,
    ...overrides,
  };
}

describe('soak outputs', () => {
  test('the CSV has one row per fault, with an empty recovery for a fault that never recovered', () => {
    const rows = soakCsv(result()).trim().split('\n');
    assert.equal(rows[0], CSV_COLUMNS.join(','));
    assert.equal(rows.length, 4);
    assert.match(rows[1]!, /^1,3,mcu-drop,esp32-living-room,/);
    assert.match(rows[3]!, /,false,,$/);
  });

  test('the report gives totals, failures by code, recovery per kind and the paper beside ours', () => {
    const md = soakMarkdown(result());
    assert.match(md, /\*\*PASS\*\*: 1,000 calls, 0 lost/);
    assert.match(md, /\| unavailable \| 30 \| the datapool is not reachable \|/);
    assert.match(md, /\| mcu-drop \| 1 \| 1 \| 250 ms \|/);
    assert.match(md, /\| malformed-output \| 0 \| 0 \| – \|/);
    assert.match(md, new RegExp(`\\| duration \\| ${PAPER_SOAK.duration} \\| 1\\.1 min \\|`));
    assert.match(md, /reconnects restored automatically \| 3 injected \(3 kinds\), 2 recovered automatically/);
    assert.match(md, /1 fault\(s\) not recovered by the end/);
    assert.match(md, /did something, with a \\\| pipe/);
  });

  test('a lost call or a missing acknowledged result makes the verdict FAIL', () => {
    const lost = soakMarkdown(
      result({ calls: { ...result().calls, lost: 2, issued: 1002, lostByReason: { hang: 2 }, examples: { 'lost:hang': 'x: no outcome' } } }),
    );
    assert.match(lost, /\*\*FAIL\*\*: 2 call\(s\) lost/);
    assert.match(lost, /\| hang \| 2 \| x: no outcome \|/);
    const missing = soakMarkdown(result({ durability: { ...result().durability, acknowledgedMissing: 1, missingIds: ['abc'] } }));
    assert.match(missing, /\*\*FAIL\*\*: 1 acknowledged result\(s\) missing/);
    assert.match(missing, /first: abc/);
  });

  test('the three files are written and the JSON reads back as the result', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'soak-report-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const written = result();
    await writeSoakOutputs(join(dir, 'soak-x'), written);
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'soak-x', 'soak.json'), 'utf8')), written);
    assert.match(await readFile(join(dir, 'soak-x', 'report.md'), 'utf8'), /^# Soak 20260101T000000Z-memory-abcd/);
    assert.equal((await readFile(join(dir, 'soak-x', 'soak.csv'), 'utf8')).trim().split('\n').length, 4);
  });
});
