import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { toolHostOver } from '../../bench/host/connect.js';
import { openMemoryLinks } from '../../bench/host/memory-links.js';
import { clientFactory } from '../../bench/host/server-link.js';
import type { ToolHost } from '../../bench/host/tool-host.js';
import type { SensorToolOutput } from '../../bench/mcp/tool-result.js';
import { FakeBoard, LogCollector } from '../../datapool/fake-board.test-helper.js';
import { readStoredRecords } from '../../datapool/store/store.js';
import { startTestSystem, type TestSystem } from './fault-tolerance.test-helper.js';

/**
 * A board that answers with garbage (broken JSON, a line over 64 KiB, invalid UTF-8, someone else's id,
 * `temperature: "hot"`, an error line) hurts nobody: the datapool stays up, the emulated boards keep
 * answering, and the tool call that asked the bad board comes back with an error saying what happened,
 * promptly, every time.
 */

/** How long a call waits for a board beyond its series: short, so the silent cases end quickly. */
const GRACE_MS = 300;
const ROGUE = 'esp-rogue';

let system: TestSystem;
let host: ToolHost;
let rogue: FakeBoard;
const logs = new LogCollector();

before(async () => {
  system = await startTestSystem({ log: logs.log });
  const datapool = system.system.server.datapool;
  rogue = await FakeBoard.connect(system.system.server.devicesAddress.port, {
    available_sensors: ['DHT11'],
    mcu: ROGUE,
    model: 'ESP32',
    place: 'attic',
    firmware: 'rogue 0.0',
  });
  await datapool.whenOnline([ROGUE], 5000);
  const links = await openMemoryLinks({ servers: { datapool, graceMs: GRACE_MS }, newClient: clientFactory({ validateResults: false }) });
  host = await toolHostOver(links, { transport: 'memory', architecture: 'gateway' });
});

after(async () => {
  rogue?.close();
  await host?.close();
  await system?.close();
});

/** The next sampling command the rogue board is sent (the exits that stop timed-out commands are skipped). */
async function nextCommand(): Promise<Record<string, unknown>> {
  for (;;) {
    const line = await rogue.next();
    if (line['command'] !== 'exit') return line;
  }
}

interface Misbehaviour {
  what: string;
  /** How the rogue board answers `command`. */
  answer(command: Record<string, unknown>): void;
  says: RegExp;
  code: string;
}

/** What a call ends with when the board's answer never becomes a usable reply. */
const SILENT = new RegExp(
  `^timed out after ${GRACE_MS / 1000} s waiting for the result of DHT11 on MCU "${ROGUE}" \\(attic\\), online but not answering; ` +
    'got 0 of 1 sample\\(s\\) and stopped the command\\. Try again, or pick another MCU with DHT11: .*esp32-living-room',
);

const MISBEHAVIOURS: readonly Misbehaviour[] = [
  {
    what: 'malformed JSON',
    answer: (command) => rogue.send(`{"id":"${String(command['id'])}","temperature": 21,`),
    says: SILENT,
    code: 'timeout',
  },
  {
    what: 'JSON that is not an object',
    answer: () => rogue.send('[21, 40]'),
    says: SILENT,
    code: 'timeout',
  },
  {
    what: 'a line over 64 KiB',
    answer: (command) => rogue.sendRaw(`${JSON.stringify({ id: command['id'], temperature: 21, pad: 'x'.repeat(70 * 1024) })}\n`),
    says: SILENT,
    code: 'timeout',
  },
  {
    what: 'invalid UTF-8',
    answer: (command) =>
      rogue.sendRaw(Buffer.concat([Buffer.from(`{"id":"${String(command['id'])}","temperature":"`), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')])),
    says: SILENT,
    code: 'timeout',
  },
  {
    what: 'a reply with the wrong id',
    answer: (command) => rogue.reply({ ...command, id: `not-${String(command['id'])}` }, { temperature: 21 }),
    says: SILENT,
    code: 'timeout',
  },
  {
    what: 'an id that is not a string',
    answer: () => rogue.send({ id: 42, temperature: 21 }),
    says: SILENT,
    code: 'timeout',
  },
  {
    what: 'an error line without an id (the original firmware on a line it cannot parse)',
    answer: () => rogue.send({ error: 'Invalid JSON' }),
    says: SILENT,
    code: 'timeout',
  },
  {
    what: 'a field of the wrong type',
    answer: (command) => rogue.reply(command, { temperature: 'hot' }),
    says: new RegExp(
      `^MCU "${ROGUE}" \\(attic\\) sent a DHT11 reading that is not valid: temperature "hot" is not a number \\(expected C in 0\\.\\.50\\)\\. ` +
        'The reply is kept in the datapool as sent; try again, or read DHT11 on another MCU: .*esp32-living-room',
    ),
    code: 'device-error',
  },
  {
    what: 'a reply without any of its fields',
    answer: (command) => rogue.reply(command, { mood: 'grumpy' }),
    says: /sent a DHT11 reading that is not valid: it carries none of the fields temperature \(got \{"mood":"grumpy"\}\)/,
    code: 'device-error',
  },
  {
    what: 'an error line',
    answer: (command) => rogue.send({ id: command['id'], sensor: 'DHT11', error: 'DHT11 checksum mismatch' }),
    says: new RegExp(`^the device reported an error reading DHT11 on MCU "${ROGUE}" \\(attic\\): MCU "${ROGUE}" reported: DHT11 checksum mismatch`),
    code: 'device-error',
  },
];

test('every kind of bad output gets its caller a clear error promptly, and no one else notices', async () => {
  const datapool = system.system.server.datapool;
  // An emulated board works through a series the whole time the rogue misbehaves.
  const series = host.call('bh1750_read_lux', { mcu: 'esp32c3-garden', duration: 2, interval: 0.25 }, { timeoutMs: 10_000 });

  for (const bad of MISBEHAVIOURS) {
    const started = performance.now();
    const call = host.call('dht11_read_temperature', { mcu: ROGUE }, { timeoutMs: 10_000 });
    const command = await nextCommand();
    bad.answer(command);
    const result = await call;
    const elapsed = performance.now() - started;

    assert.equal(result.isError, true, `${bad.what}: ${result.text}`);
    assert.equal(result.transportError, undefined, `${bad.what}: ${result.text}`);
    assert.equal(result.errorCode, bad.code, `${bad.what}: ${result.text}`);
    assert.match(result.text, bad.says, bad.what);
    assert.equal(result.structured, null, `${bad.what}: nothing is passed off as a reading`);
    assert.ok(elapsed < GRACE_MS + 2000, `${bad.what}: answered in ${elapsed.toFixed(0)} ms`);
    // The command is over, one way or another: nothing is left waiting to fire later.
    const status = await datapool.status(String(command['id']));
    assert.ok(status.state === 'done' || status.state === 'failed', `${bad.what}: command left ${status.state}`);

    // Everyone else is still served: the datapool answers, other boards read, the rogue stays connected.
    const other = await host.call('dht11_read_temperature', { mcu: 'esp32-living-room' }, { timeoutMs: 5000 });
    assert.equal(other.isError, false, `after ${bad.what}: ${other.text}`);
    const rogueInfo = (await datapool.mcus()).find((mcu) => mcu.id === ROGUE);
    assert.equal(rogueInfo?.online, true, `after ${bad.what}, the rogue is still connected`);
  }

  const done = await series;
  assert.equal(done.isError, false, done.text);
  assert.equal((done.structured as unknown as SensorToolOutput).count, 8, 'the series ran to its end beside the garbage');

  // Once the rogue answers properly, its reading comes through like any other.
  const good = host.call('dht11_read_temperature', { mcu: ROGUE }, { timeoutMs: 5000 });
  rogue.reply(await nextCommand(), { temperature: 21 });
  const result = await good;
  assert.equal(result.isError, false, result.text);
  assert.match(result.text, new RegExp(`^DHT11 on ${ROGUE} \\(attic\\), 1 sample\\nt=0\\.00 s: temperature 21 C`));

  // The datapool said what it dropped, and kept what it could read but not use.
  assert.equal(logs.count(/malformed JSON line dropped/), 1);
  assert.equal(logs.count(/expected a JSON object, dropped/), 1);
  assert.equal(logs.count(/dropped a line of \d+ bytes \(limit 65536\)/), 1);
  assert.equal(logs.count(/dropped a line that is not valid UTF-8/), 1);
  const orphans = (await readStoredRecords(system.dataDir)).flatMap((record) => (record.kind === 'orphan' && record.mcu === ROGUE ? [record] : []));
  assert.ok(
    orphans.some((orphan) => orphan.line?.includes('"id":"not-')),
    'the reply with the wrong id is kept',
  );
  assert.ok(
    orphans.some((orphan) => orphan.line?.includes('Invalid JSON')),
    'the error line without an id is kept',
  );
  const health = await datapool.health();
  assert.equal(health.mcusOnline, 7);
});
