import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MAX_LINE_BYTES } from '../../core/wire/messages.js';
import { FakeBoard, openTestPool } from '../fake-board.test-helper.js';
import { announce, ptyPair, RawLine, serialBoard } from './serial-line.test-helper.js';

/**
 * What a serial line must withstand: a board on it posing as a proven one, floods, bad bytes, announce storms,
 * bad paths, a datapool that restarts while the board stays up, and a close while a line is being reopened.
 */

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a serial line under attack', () => {
  test('a board on a serial line cannot take the id of a board that proved itself over TCP with the device token', async (t) => {
    const pair = await ptyPair(t);
    const { pool, port, logs } = await openTestPool(t, { serial: { paths: [pair.a] }, devices: { token: 'lab-token' } });
    const online = logs.waitFor(/"proven-1" online$/);
    const tcp = await FakeBoard.connect(port, { ...announce('proven-1', { link: 'tcp' }), token: 'lab-token' });
    t.after(() => tcp.close());
    await online;
    const impostor = await RawLine.open(t, pair.b);
    impostor.send(announce('proven-1'));
    assert.match(String((await impostor.nextJson())['error']), /^unauthorized: /);
    const [info] = await pool.mcus();
    assert.equal(info!.online, true);
    assert.equal(info!.transport, 'tcp');
  });

  test('bytes without a newline, a 70 KB line and invalid UTF-8 are dropped; the line is still watched and a board then joins', async (t) => {
    const pair = await ptyPair(t);
    const { pool, logs } = await openTestPool(t, { serial: { paths: [pair.a] } });
    const raw = await RawLine.open(t, pair.b);
    raw.port.write(Buffer.alloc(200_000, 0x41));
    raw.port.write(`${'x'.repeat(70 * 1024)}\n`);
    raw.port.write(Buffer.from([0xff, 0xfe, 0xc0, 0x0a]));
    await sleep(500);
    assert.ok(process.memoryUsage().rss < 1024 * 1024 * 1024);
    raw.send('PING');
    assert.equal(await raw.next(), 'PONG');
    const online = logs.waitFor(/"after-junk" online$/);
    raw.send(announce('after-junk'));
    await online;
    assert.equal((await pool.mcus())[0]!.online, true);
    assert.ok(MAX_LINE_BYTES < 70 * 1024);
  });

  test('a line that prints garbage (a board at the wrong baud rate, a REPL) does not log a warning per line', async (t) => {
    const pair = await ptyPair(t);
    const { logs } = await openTestPool(t, { serial: { paths: [pair.a] } });
    const raw = await RawLine.open(t, pair.b);
    for (let burst = 0; burst < 10; burst++) {
      raw.port.write(`${Array.from({ length: 100 }, (_, i) => `ets Jun  8 2016 00:22:57 rst:0x1 garbage ${burst}/${i}`).join('\n')}\n`);
      await sleep(50);
    }
    await sleep(500);
    const warnings = logs.lines.filter((l) => l.level === 'warn' || l.level === 'error');
    // 1000 bad lines in a second: a rate-limited log says so in a few dozen lines, not one per line.
    assert.ok(warnings.length <= 100, `${warnings.length} warnings for 1000 garbage lines, e.g. ${JSON.stringify(warnings.slice(-3).map((l) => l.message))}`);
  });

  test('an announce on every line (a re-announce storm) does not log or store without bound', async (t) => {
    const pair = await ptyPair(t);
    const { pool, logs } = await openTestPool(t, { serial: { paths: [pair.a] } });
    const raw = await RawLine.open(t, pair.b);
    for (let i = 0; i < 500; i++) {
      raw.send(announce('storm-1'));
      if (i % 50 === 49) await sleep(20);
    }
    await sleep(1000);
    const infos = await pool.mcus();
    assert.equal(infos.length, 1);
    assert.equal(infos[0]!.online, true, 'the board that keeps announcing is online at the end');
    const lines = logs.lines.length;
    assert.ok(lines <= 300, `${lines} log lines for 500 announces on one line`);
  });

  test('the same path twice watches it once; a path not there yet is said down and watched; a regular file or a directory is refused at start, saying why', async (t) => {
    const pair = await ptyPair(t);
    const dir = await mkdtemp(join(tmpdir(), 'serial-bad-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'plain-file');
    await writeFile(file, 'not a tty');
    const folder = join(dir, 'folder');
    await mkdir(folder);
    for (const wrong of [file, folder]) {
      await assert.rejects(
        openTestPool(t, { serial: { paths: [pair.a, wrong] } }),
        (error: Error) => error.message.includes(`serial line ${wrong} is a`) && /not a serial device/.test(error.message),
      );
    }
    const later = join(dir, 'ttyUSB-later');
    const { pool, logs } = await openTestPool(t, { serial: { paths: [pair.a, pair.a, later], retry: { baseMs: 50, capMs: 100 } } });
    assert.deepEqual(pool.serialLines()!.paths.sort(), [pair.a, later].sort());
    await sleep(500);
    assert.equal(logs.count(new RegExp(`serial line ${later.replace(/[/.]/g, '\\$&')} is down`)), 1, 'said once, however often it is retried');
    const board = serialBoard(t, pair.b);
    board.start();
    await logs.waitFor(/"esp32s3-serial" online$/);
  });

  test('closing the datapool while a lost line is being reopened ends promptly and leaves no timer', async (t) => {
    const pair = await ptyPair(t);
    const dir = await mkdtemp(join(tmpdir(), 'serial-close-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const { pool, logs } = await openTestPool(t, { serial: { paths: [pair.a], retry: { baseMs: 20, capMs: 40 } } }, dir);
    const board = serialBoard(t, pair.b);
    board.start();
    await logs.waitFor(/"esp32s3-serial" online$/);
    await pair.unplug();
    await logs.waitFor(/serial line \S+ is down/);
    const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
    const started = performance.now();
    await pool.close();
    assert.ok(performance.now() - started < 2000, `close took ${performance.now() - started} ms`);
    await sleep(200);
    const after = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
    assert.ok(after <= handles, `handles ${handles} -> ${after}`);
  });

  test('a board that stayed up on its line comes back online when the datapool restarts on that line', async (t) => {
    const pair = await ptyPair(t);
    const first = await openTestPool(t, { serial: { paths: [pair.a] } });
    const board = serialBoard(t, pair.b);
    board.start();
    await first.logs.waitFor(/"esp32s3-serial" online$/);
    await first.pool.close();
    // A new datapool on the same line (the lab restarted it); the board's USB cable never moved.
    const second = await openTestPool(t, { serial: { paths: [pair.a] } });
    await Promise.race([
      second.logs.waitFor(/"esp32s3-serial" online$/),
      sleep(15_000).then(() => {
        throw new Error(`the board never came back: ${JSON.stringify(second.logs.lines.slice(-4).map((l) => l.message))}`);
      }),
    ]);
  });
});
