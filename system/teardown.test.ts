import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Teardown } from './teardown.js';

test('parts close newest first, each once, however often close is called', async () => {
  const closed: string[] = [];
  const teardown = new Teardown();
  for (const part of ['data dir', 'datapool', 'fleet', 'host']) teardown.own(() => void closed.push(part));
  await Promise.all([teardown.close(), teardown.close()]);
  await teardown.close();
  assert.deepEqual(closed, ['host', 'fleet', 'datapool', 'data dir']);
});

test('a part that fails to close does not keep the others open: the first failure comes last', async () => {
  const closed: string[] = [];
  const teardown = new Teardown();
  teardown.own(() => void closed.push('datapool'));
  teardown.own(() => {
    throw new Error('fleet would not stop');
  });
  teardown.own(() => Promise.reject(new Error('host would not close')));
  await assert.rejects(teardown.close(), /host would not close/);
  assert.deepEqual(closed, ['datapool']);
});

test('with onCloseError every failure is reported and closing resolves', async () => {
  const reported: string[] = [];
  const teardown = new Teardown({ onCloseError: (error) => reported.push(error.message) });
  teardown.own(() => {
    throw new Error('a');
  });
  teardown.own(() => Promise.reject(new Error('b')));
  await teardown.close();
  assert.deepEqual(reported, ['b', 'a']);
});

test('a part handed over while the system closes is closed at once', async () => {
  const closed: string[] = [];
  const teardown = new Teardown();
  let release: () => void = () => {};
  teardown.own(() => new Promise<void>((resolve) => (release = resolve)));
  const closing = teardown.close();
  teardown.own(() => void closed.push('late'));
  assert.deepEqual(closed, ['late']);
  release();
  await closing;
});

test('a part handed over while the system closes is waited for: closing ends only once it has closed', async () => {
  const teardown = new Teardown();
  teardown.own(() => Promise.resolve());
  const closing = teardown.close();
  let lateClosed = false;
  teardown.own(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    lateClosed = true;
  });
  await closing;
  assert.equal(lateClosed, true, 'close() resolved while a late part was still closing');
});
