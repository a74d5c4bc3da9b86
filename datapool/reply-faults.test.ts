import assert from 'node:assert/strict';
import { connect, createServer, type Socket } from 'node:net';
import { describe, test } from 'node:test';
import type { Logger } from '../core/log.js';
import type { ReplyLine } from '../core/wire/messages.js';
import { DeviceSession } from './device-session.js';
import { announceOf, FakeBoard, LogCollector, openTestPool } from './fake-board.test-helper.js';

const LIMITS = {
  maxLinesPerSecond: 1000,
  lineBurst: 1000,
  malformedLimit: 2,
  malformedWindowMs: 10_000,
  answerPing: false,
  logRate: { maxPerWindow: 100, windowMs: 10_000 },
};

describe('a fault while handling a reply', () => {
  test('is logged as an internal error with its message, never as bad input, and the connection goes on', async (t) => {
    const logs = new LogCollector();
    const failures: { reply: ReplyLine; error: unknown }[] = [];
    let handled = 0;
    const server = createServer((socket) => {
      const session = new DeviceSession(
        socket,
        1,
        LIMITS,
        {
          announce: (s) => s.accept('b1'),
          reply: (_s, reply) => {
            handled++;
            if (reply['explode'] === true) throw new TypeError("Cannot read properties of undefined (reading 'place')");
          },
          closed: () => {},
        },
        logs.log,
      );
      session.onReplyFailure = (reply, error) => failures.push({ reply, error });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const board: Socket = connect(port, '127.0.0.1');
    board.on('error', () => {});
    t.after(() => {
      board.destroy();
      server.close();
    });
    await new Promise<void>((resolve) => board.once('connect', resolve));

    board.write(`${JSON.stringify({ available_sensors: ['DHT11'], mcu: 'b1' })}\n`);
    // More failing replies than the bad-line limit: a fault of ours must not count against the board.
    for (let i = 0; i < LIMITS.malformedLimit + 2; i++) board.write(`${JSON.stringify({ id: `c${i}`, explode: true })}\n`);
    board.write(`${JSON.stringify({ id: 'after', temperature: 20 })}\n`);
    const closed = new Promise<void>((resolve) => board.once('close', () => resolve()));
    const allHandled = (async () => {
      while (handled < LIMITS.malformedLimit + 3) await new Promise((resolve) => setTimeout(resolve, 2));
    })();
    await Promise.race([allHandled, closed]);

    assert.equal(logs.count(/not valid UTF-8|bad lines|closing device connection/), 0, logs.lines.map((l) => l.message).join('\n'));
    const first = logs.lines.find((l) => /internal error/.test(l.message))!;
    assert.equal(first.level, 'error');
    assert.equal(first.message, `internal error handling a reply for command "c0": TypeError: Cannot read properties of undefined (reading 'place')`);
    assert.match(String(first.fields?.['stack']), /TypeError/);
    assert.deepEqual(
      failures.map((f) => f.reply.id),
      ['c0', 'c1', 'c2', 'c3'],
      'the owner hears of each failed reply once',
    );
    assert.ok(failures.every((f) => f.error instanceof TypeError));
    assert.equal(handled, LIMITS.malformedLimit + 3, 'the reply after them was handled');
    assert.equal(board.destroyed, false);
  });

  test('through the datapool: the command the reply named fails with internal-error at once, not at the wait timeout', async (t) => {
    // A log sink that refuses warnings (a full disk, a closed pipe): the warning the datapool writes while
    // handling a pong that names a running command throws inside the reply handler.
    const collected = new LogCollector();
    const sink: Logger = (level, message, fields) => {
      if (level === 'warn') throw new Error('log sink unavailable: ENOSPC');
      collected.log(level, message, fields);
    };
    // A heartbeat timeout would log a warning of its own: keep this board's connection quiet.
    const { pool, port } = await openTestPool(t, { log: sink, devices: { heartbeatTimeoutMs: 60_000 } });
    const esp = await FakeBoard.connect(port, announceOf('esp'));
    t.after(() => esp.close());
    await pool.whenOnline(['esp'], 5000);
    const submitted = await pool.submit({ sensor: 'DHT11', command: 'read_temp' });
    const line = await esp.next();
    const started = performance.now();
    const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
    esp.send({ id: line['id'], pong: true, timestamp: 1, peak_memory: 70_000, elapsed_ms: 0 });
    const status = await waiting;
    assert.ok(performance.now() - started < 2500, `ended after ${Math.round(performance.now() - started)} ms`);
    assert.equal(status.state, 'failed');
    assert.equal(status.error?.code, 'internal-error');
    assert.match(status.error!.message, /failed while handling MCU "esp"'s reply: log sink unavailable: ENOSPC/);
    const logged = await collected.waitFor(/internal error handling a reply/);
    assert.equal(logged.level, 'error');
    assert.match(logged.message, new RegExp(`for command "${submitted.id}": Error: log sink unavailable: ENOSPC`));
    assert.equal(collected.count(/not valid UTF-8/), 0);

    // The board is still served.
    const next = await pool.submit({ sensor: 'DHT11', command: 'read_temp' });
    const nextLine = await esp.next();
    const done = pool.wait(next.id, { timeoutMs: 5000 });
    esp.reply(nextLine, { temperature: 21 });
    assert.equal((await done).state, 'done');
  });
});

describe('a pong carrying the id of a sensor command', () => {
  test('fails that command at once with device-error, not after the wait timeout', async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    const esp = await board(announceOf('esp'));
    const submitted = await pool.submit({ sensor: 'DHT11', command: 'read_temp' });
    const line = await esp.next();
    const started = performance.now();
    const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
    esp.send({ id: line['id'], pong: true, timestamp: 1, peak_memory: 70_000, elapsed_ms: 0 });
    const status = await waiting;
    assert.ok(performance.now() - started < 2500, `ended after ${Math.round(performance.now() - started)} ms`);
    assert.equal(status.state, 'failed');
    assert.equal(status.error?.code, 'device-error');
    assert.match(status.error!.message, /MCU "esp" answered with a pong \(the answer to a ping\), not a reading/);
    assert.equal(logs.count(new RegExp(`answered command ${submitted.id} with a pong`)), 1);
  });

  test("that also carries a reading is that command's sample; one naming no command of the board is dropped", async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    const esp = await board(announceOf('esp'));
    const submitted = await pool.submit({ sensor: 'DHT11', command: 'read_temp' });
    const line = await esp.next();
    const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
    esp.send({ id: 'no-such-command', pong: true });
    esp.reply(line, { temperature: 22 }, { pong: true });
    const status = await waiting;
    assert.equal(status.state, 'done');
    assert.equal(status.samples[0]?.data['temperature'], 22);
    assert.equal(logs.count(/orphan|pong/), 0);
  });
});
