import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandBook, type LiveCommand } from './command-book.js';

/** A book whose carrier notes what it was asked to do; `recordEnd` settles only when the test says so. */
function book(options: { count?: number; maxStreamSamples?: number; record?: boolean } = {}) {
  const calls: string[] = [];
  let settle: () => void = () => {};
  const commands = new CommandBook({
    carrier: {
      withdraw: (command) => calls.push(`withdraw ${command.status.id}`),
      release: (command) => calls.push(`release ${command.status.id}`),
      ...(options.record === true && {
        recordEnd: (command: LiveCommand, state: string) => {
          calls.push(`record ${command.status.id} ${state}`);
          return new Promise<void>((resolve) => (settle = resolve));
        },
      }),
    },
    retain: { count: options.count ?? 10, bytes: Number.POSITIVE_INFINITY, ageMs: Number.POSITIVE_INFINITY },
    ...(options.maxStreamSamples !== undefined && { maxStreamSamples: options.maxStreamSamples }),
  });
  const open = (id: string, duration: number): LiveCommand => {
    const command = commands.open({
      id,
      request: { sensor: 'DHT11', command: 'read_all', interval: 1, duration },
      mcu: 'esp',
      place: 'kitchen',
      accepted: 1,
      ttlMs: 0,
    });
    commands.dispatched(command, 2);
    return command;
  };
  return { commands, calls, open, settle: () => settle() };
}

test('a series takes its samples in order, the last ends it and frees its slot; a reply past the end is not taken', async () => {
  const { commands, calls, open } = book();
  const series = open('s', 2);
  assert.equal(series.expected, 2);
  const waiting = commands.wait('s', { timeoutMs: 5000 });
  for (const temperature of [20, 21]) {
    assert.ok(commands.takes(series, 'esp'));
    commands.keep(series, commands.nextSample(series, { id: 's', temperature, peak_memory: 7 }, 'esp', { place: 'kitchen' }, 3, 4));
  }
  const done = await waiting;
  assert.equal(done.state, 'done');
  assert.deepEqual(
    done.samples.map((s) => [s.seq, s.data['temperature'], s.final, s.device.memorySource]),
    [
      [0, 20, false, 'measured'],
      [1, 21, true, 'measured'],
    ],
  );
  assert.deepEqual(calls, ['release s', 'release s']);
  assert.equal(commands.takes(series, 'esp'), false);
  assert.equal(commands.takes(open('other', 0), 'another-board'), false);
});

test("an end is heard of only once it is recorded, and a final sample's end is not recorded twice", async () => {
  const { commands, calls, open, settle } = book({ record: true });
  const read = open('r', 0);
  let answered = false;
  const waiting = commands.wait('r', { timeoutMs: 5000 }).then((status) => {
    answered = true;
    return status;
  });
  const ending = commands.finish(read, 'failed', { code: 'device-error', message: 'broken' });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(answered, false, 'nobody hears of the end before it is on record');
  settle();
  await ending;
  assert.equal((await waiting).error?.code, 'device-error');
  assert.deepEqual(calls, ['release r', 'record r failed']);

  const series = open('s', 0);
  commands.keep(series, commands.nextSample(series, { id: 's', temperature: 1 }, 'esp', undefined, 3, 4));
  assert.equal((await commands.status('s')).state, 'done');
  assert.ok(!calls.includes('record s done'), 'recorded with the final sample by its owner');
});

test('cancel: a stream ends done, a series fails cancelled, both withdrawn; a finished command is left as it is', async () => {
  const { commands, calls, open } = book();
  open('stream', -1);
  const series = open('series', 5);
  commands.keep(series, commands.nextSample(series, { id: 'series', t: 1 }, 'esp', undefined, 3, 4));
  assert.equal((await commands.cancel('stream')).state, 'done');
  const cancelled = await commands.cancel('series');
  assert.deepEqual(cancelled.error, { code: 'cancelled', message: 'cancelled after 1 of 5 samples' });
  assert.equal(cancelled.samples.length, 1);
  assert.equal((await commands.cancel('series')).state, 'failed');
  assert.deepEqual(calls, ['withdraw stream', 'release stream', 'withdraw series', 'release series']);
  const queued = commands.open({
    id: 'q',
    request: { sensor: 'DHT11', command: 'read_all', interval: 1, duration: 0 },
    mcu: 'esp',
    place: null,
    accepted: 1,
    ttlMs: 10,
  });
  assert.equal(queued.status.state, 'queued');
  assert.equal((await commands.cancel('q')).error?.message, 'cancelled before it was sent to MCU "esp"');
});

test('a stream ends done at the most samples it may have, stopped on its board', () => {
  const { commands, calls, open } = book({ maxStreamSamples: 2 });
  const stream = open('s', -1);
  assert.equal(stream.status.expected, null);
  const first = commands.nextSample(stream, { id: 's', t: 1 }, 'esp', undefined, 3, 4);
  const second = commands.nextSample(stream, { id: 's', t: 2 }, 'esp', undefined, 3, 4);
  assert.deepEqual([first.final, second.final], [false, true]);
  assert.deepEqual(calls, ['withdraw s', 'release s']);
  assert.equal(commands.takes(stream, 'esp'), false, 'a third reply is not taken');
});

test('finished commands beyond the retention are forgotten, oldest first; an unknown id is not-found', async () => {
  const { commands, open } = book({ count: 2 });
  for (const id of ['a', 'b', 'c']) await commands.finish(open(id, 0), 'done');
  assert.throws(() => commands.status('a'), { code: 'not-found', message: 'no command with id "a"' });
  assert.equal(commands.status('b').state, 'done');
  assert.equal(commands.status('c').state, 'done');
});
