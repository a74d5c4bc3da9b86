import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openTestPool } from '../fake-board.test-helper.js';
import { announce, ptyPair, RawLine, serialBoard } from './serial-line.test-helper.js';

describe('a board on a serial line', () => {
  test('joins the datapool over a pty and answers commands with every hop stamped; /mcus says serial and which line', async (t) => {
    const pair = await ptyPair(t);
    const { pool, logs } = await openTestPool(t, { serial: { paths: [pair.a] } });
    assert.deepEqual(pool.serialLines(), { auto: false, paths: [pair.a] });
    const board = serialBoard(t, pair.b);
    const online = logs.waitFor(/"esp32s3-serial" online$/);
    board.start();
    await online;

    const status = await pool.run({ sensor: 'DHT11', mcu: 'esp32s3-serial' }, { timeoutMs: 10_000 });
    assert.equal(status.state, 'done', JSON.stringify(status.error));
    const sample = status.samples[0]!;
    assert.equal(typeof sample.data['temperature'], 'number');
    const { accepted, dispatched, received, stored } = sample.hops;
    assert.ok(accepted <= dispatched && dispatched <= received && received <= stored, JSON.stringify(sample.hops));

    const ping = await pool.ping('esp32s3-serial', { timeoutMs: 5000 });
    assert.ok(ping.received >= ping.sent);

    const [info] = await pool.mcus();
    assert.equal(info!.transport, 'serial');
    assert.equal(info!.serialPath, pair.a);
    assert.equal(info!.link, 'serial');
    assert.equal(info!.remote, `serial:${pair.a}`);
  });

  test('the datapool answers PING with PONG on the wire, and the announce after it brings the board online', async (t) => {
    const pair = await ptyPair(t);
    const { pool, logs } = await openTestPool(t, { serial: { paths: [pair.a] } });
    const raw = await RawLine.open(t, pair.b);
    raw.send('PING');
    assert.equal(await raw.next(), 'PONG');
    raw.send('PING');
    assert.equal(await raw.next(), 'PONG');
    const online = logs.waitFor(/"lab-1" online$/);
    raw.send(announce('lab-1', { wifi_pm: 'none', memory_sampling_ms: 10 }));
    await online;
    const [info] = await pool.mcus();
    assert.equal(info!.wifiPm, 'none');
    assert.equal(info!.memorySamplingMs, 10);
    // Still answered once the board is online: the original's heartbeat on serial.
    raw.send('PING');
    assert.equal(await raw.next(), 'PONG');
  });

  test('the emulated board sends PING until it reads PONG, then announces with link serial', async (t) => {
    const pair = await ptyPair(t);
    const raw = await RawLine.open(t, pair.a);
    const board = serialBoard(t, pair.b, { handshakeMs: 50 });
    board.start();
    assert.equal(await raw.next(), 'PING');
    assert.equal(await raw.next(), 'PING', 'repeated while nobody answers');
    assert.equal(board.online, false);
    raw.send('PONG');
    const line = JSON.parse(await raw.next((l) => l === 'PING')) as Record<string, unknown>;
    assert.equal(line['link'], 'serial');
    assert.equal(line['mcu'], 'esp32s3-serial');
    assert.deepEqual(line['available_sensors'], ['DHT11']);
  });

  test('a command sent while the cable is pulled waits, and is served once the line is back', async (t) => {
    const pair = await ptyPair(t);
    const { pool, logs } = await openTestPool(t, { serial: { paths: [pair.a], retry: { baseMs: 50, capMs: 300 } } });
    const board = serialBoard(t, pair.b);
    board.start();
    await logs.waitFor(/"esp32s3-serial" online$/);

    const offline = logs.waitFor(/"esp32s3-serial" offline/);
    await pair.unplug();
    await offline;
    const queued = await pool.submit({ sensor: 'DHT11', mcu: 'esp32s3-serial', ttlMs: 20_000 });
    assert.equal(queued.state, 'queued');
    assert.equal((await pool.mcus())[0]!.queued, 1);
    // Reopening fails while the line is gone; said once for the outage, not per retry.
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(logs.count(/serial line \S+ is down/), 1, JSON.stringify(logs.lines.map((l) => l.message)));

    const back = logs.waitFor(/"esp32s3-serial" online$/, 1);
    await pair.plug();
    await back;
    const done = await pool.wait(queued.id, { timeoutMs: 10_000 });
    assert.equal(done.state, 'done', JSON.stringify(done.error));
    assert.equal(done.samples.length, 1, JSON.stringify(done));
    assert.equal(logs.count(/serial line \S+ is back$/), 1, JSON.stringify(logs.lines.map((l) => l.message)));
  });

  test('a silent line ends the session; the line is watched again and the next PING and announce start a new one', async (t) => {
    const pair = await ptyPair(t);
    const { pool, logs } = await openTestPool(t, { serial: { paths: [pair.a] } });
    const raw = await RawLine.open(t, pair.b);
    raw.send(announce('quiet-1'));
    await logs.waitFor(/"quiet-1" online$/);
    await logs.waitFor(/"quiet-1" offline: silent for/);
    assert.equal((await pool.mcus())[0]!.online, false);

    raw.send('PING');
    assert.equal(await raw.next(), 'PONG');
    raw.send(announce('quiet-1'));
    await logs.waitFor(/"quiet-1" online$/, 1);
    assert.equal((await pool.mcus())[0]!.online, true);
  });

  test('a line with nothing on it says nothing', async (t) => {
    const pair = await ptyPair(t);
    const { logs } = await openTestPool(t, { serial: { paths: [pair.a] } });
    await RawLine.open(t, pair.b);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.deepEqual(
      logs.lines.filter((l) => l.level === 'warn').map((l) => l.message),
      [],
    );
  });

  test('a board that restarts and announces again on its line replaces its session; its unanswered command is sent again', async (t) => {
    const pair = await ptyPair(t);
    const { pool, logs } = await openTestPool(t, { serial: { paths: [pair.a] } });
    const raw = await RawLine.open(t, pair.b);
    raw.send(announce('reboot-1'));
    await logs.waitFor(/"reboot-1" online$/);
    const submitted = await pool.submit({ sensor: 'DHT11', mcu: 'reboot-1' });
    const first = await raw.nextJson();
    assert.equal(first['id'], submitted.id);

    raw.send(announce('reboot-1'));
    await logs.waitFor(/"reboot-1" offline: the board announced again/);
    await logs.waitFor(/"reboot-1" online$/, 1);
    const again = await raw.nextJson();
    assert.equal(again['id'], submitted.id, 'the command it had not answered goes to the restarted board');
    raw.send({ temperature: 20, humidity: 40, sensor: 'DHT11', id: submitted.id, timestamp: 5 });
    assert.equal((await pool.wait(submitted.id, { timeoutMs: 5000 })).state, 'done');
  });

  test("a board announcing a proven board's id on another serial line is turned away; the proven one keeps it", async (t) => {
    const one = await ptyPair(t);
    const two = await ptyPair(t);
    const { pool, logs } = await openTestPool(t, {
      serial: { paths: [one.a, two.a] },
      devices: { deviceKeys: new Map([['esp32s3-serial', 'key-of-the-real-board']]) },
    });
    const board = serialBoard(t, one.b, { token: 'key-of-the-real-board' });
    board.start();
    await logs.waitFor(/"esp32s3-serial" online$/);

    const impostor = await RawLine.open(t, two.b);
    impostor.send(announce('esp32s3-serial'));
    const answer = await impostor.nextJson();
    assert.match(String(answer['error']), /^unauthorized: MCU "esp32s3-serial" has a device key/);
    const [info] = await pool.mcus();
    assert.equal(info!.online, true);
    assert.equal(info!.serialPath, one.a);
    const status = await pool.run({ sensor: 'DHT11', mcu: 'esp32s3-serial' }, { timeoutMs: 10_000 });
    assert.equal(status.state, 'done');
  });

  test('without keys, a second live claim to an id on a serial line proves nothing and is refused', async (t) => {
    const one = await ptyPair(t);
    const two = await ptyPair(t);
    const { pool, logs } = await openTestPool(t, { serial: { paths: [one.a, two.a] } });
    const first = await RawLine.open(t, one.b);
    first.send(announce('same-id'));
    await logs.waitFor(/"same-id" online$/);
    const second = await RawLine.open(t, two.b);
    second.send(announce('same-id'));
    assert.match(String((await second.nextJson())['error']), /^refused: MCU "same-id" is already connected/);
    assert.equal((await pool.mcus())[0]!.serialPath, one.a);
  });
});
