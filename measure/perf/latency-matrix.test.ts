import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type LatencyCellSpec, matrixCells, measureLatencyMatrix } from './latency-matrix.js';

test('the full matrix has 11 cells, quick has 5; every cell names its transport, architecture and profile once', () => {
  const full = matrixCells(false).map((c) => `${c.transport}/${c.architecture}/${c.network}`);
  assert.equal(full.length, 11);
  assert.equal(new Set(full).size, 11);
  assert.ok(full.includes('mqtt/native/wifi') && full.includes('stdio/gateway/ideal') && full.includes('memory/gateway/serial'));
  assert.deepEqual(
    matrixCells(true).map((c) => `${c.transport}/${c.architecture}/${c.network}`),
    ['memory/gateway/ideal', 'http/gateway/ideal', 'mqtt/gateway/ideal', 'memory/gateway/wifi', 'memory/gateway/serial'],
  );
});

test('the serial cell: single reads and idle round trips through a board on a socat pty pair, every hop measured', async () => {
  const [serial] = await measureLatencyMatrix({
    quick: true,
    brokerUrl: null,
    log: () => {},
    callsPerCell: 24,
    idleCallsPerCell: 8,
    gappedCallsPerCell: 4,
    cells: [{ transport: 'memory', architecture: 'gateway', network: 'serial' }],
  });
  assert.equal(serial!.skipped, undefined, serial!.skipped);
  assert.equal(serial!.errors, 0, serial!.errorSamples.join(' | '));
  assert.equal(serial!.tools.length, 1, 'the one board on the line');
  assert.equal(serial!.total.n, 24);
  assert.equal(serial!.networkTime.n, 24);
  assert.equal(serial!.idle.n, 8);
  assert.ok(serial!.idle.p50! > 0);
});

test('memory cells: every part of every call measured, idle round trips too, wifi slower on the network; mqtt without a broker is skipped', async () => {
  const cells: LatencyCellSpec[] = [
    { transport: 'memory', architecture: 'gateway', network: 'ideal' },
    { transport: 'mqtt', architecture: 'native', network: 'ideal' },
    { transport: 'memory', architecture: 'gateway', network: 'wifi' },
  ];
  const lines: string[] = [];
  const [ideal, mqtt, wifi] = await measureLatencyMatrix({
    quick: true,
    brokerUrl: null,
    log: (line) => lines.push(line),
    callsPerCell: 24,
    idleCallsPerCell: 8,
    gappedCallsPerCell: 6,
    cells,
  });

  for (const cell of [ideal!, wifi!]) {
    const where = `${cell.transport}/${cell.network}`;
    assert.equal(cell.skipped, undefined, `${where}: ${cell.skipped}`);
    assert.equal(cell.errors, 0, `${where}: ${cell.errorSamples.join(' | ')}`);
    assert.equal(cell.calls, 24 + 6 + 8);
    assert.equal(cell.afterGap?.n, 6, `${where}: the calls after a quiet gap`);
    assert.equal(cell.tools.length, 4);
    for (const [part, distribution] of Object.entries({
      total: cell.total,
      mcp: cell.mcp,
      datapool: cell.datapool,
      network: cell.networkTime,
      device: cell.device,
    })) {
      assert.equal(distribution.n, 24, `${where} ${part}: every call split`);
      assert.ok(distribution.p50 !== null && distribution.p50 >= 0, `${where} ${part} p50 ${distribution.p50}`);
    }
    assert.equal(cell.idle.n, 8);
    assert.ok(cell.idle.mean! > 0);
    assert.ok(cell.mcp.mean! + cell.datapool.mean! + cell.networkTime.mean! + cell.device.mean! <= cell.total.mean! + 1e-6, `${where}: parts within the total`);
  }
  assert.equal(ideal!.network, 'ideal');
  assert.equal(wifi!.network, 'wifi');
  // The wifi model delays each direction by milliseconds; loopback takes a fraction of one.
  assert.ok(wifi!.networkTime.mean! > ideal!.networkTime.mean!, `wifi ${wifi!.networkTime.mean} > ideal ${ideal!.networkTime.mean}`);
  assert.ok(wifi!.idle.mean! > ideal!.idle.mean!);

  assert.match(mqtt!.skipped ?? '', /^no MQTT broker: /);
  assert.equal(mqtt!.calls, 0);
  assert.equal(mqtt!.total.n, 0);
  assert.ok(
    lines.some((line) => /^latency memory\/gateway\/ideal: 38 calls, 0 errors; p50 [\d.]+ ms/.test(line)),
    lines.join('\n'),
  );
});

test('an aborted matrix returns every cell skipped, measuring nothing', async () => {
  const controller = new AbortController();
  controller.abort();
  const cells = await measureLatencyMatrix({ quick: true, brokerUrl: null, log: () => {}, signal: controller.signal });
  assert.equal(cells.length, 5, 'the quick matrix, the serial cell included');
  for (const cell of cells) {
    assert.ok(cell.skipped !== undefined && cell.skipped.length > 0);
    assert.equal(cell.calls, 0);
  }
});
