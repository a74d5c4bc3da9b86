import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { parseReadyLine, readReady, readyLine } from './datapool-ready.js';

test('the ready line carries both addresses, structured and as URLs, and reads back', () => {
  const ready = { devices: { host: '::1', port: 9000 }, http: { host: '127.0.0.1', port: 8000 } };
  const line = readyLine(ready);
  assert.ok(line.endsWith('\n'));
  assert.equal(line.trimEnd().includes('\n'), false, 'one line');
  const parsed = JSON.parse(line) as Record<string, unknown>;
  assert.equal(parsed['devicesUrl'], 'tcp://[::1]:9000');
  assert.equal(parsed['httpUrl'], 'http://127.0.0.1:8000');
  assert.deepEqual(parseReadyLine(line.trim()), ready);
});

test('a datapool without an HTTP API says so with null', () => {
  const ready = { devices: { host: '127.0.0.1', port: 9000 }, http: null };
  assert.deepEqual(parseReadyLine(readyLine(ready).trim()), ready);
  assert.equal((JSON.parse(readyLine(ready)) as Record<string, unknown>)['httpUrl'], null);
});

test('a line that is not a ready line is refused naming why', () => {
  assert.throws(() => parseReadyLine('datapool: devices tcp://127.0.0.1:9000'), /not JSON/);
  assert.throws(() => parseReadyLine('{"http":null}'), /lacks its addresses/);
  assert.throws(() => parseReadyLine('{"devices":{"host":"127.0.0.1","port":"9000"},"http":null}'), /lacks its addresses/);
});

test('the reader takes the first line however it is split, and null from a stream that ends without one', async () => {
  const stream = new PassThrough();
  const reading = readReady(stream);
  const line = readyLine({ devices: { host: '127.0.0.1', port: 1 }, http: { host: '127.0.0.1', port: 2 } });
  stream.write(line.slice(0, 10));
  stream.write(line.slice(10));
  stream.end();
  assert.deepEqual(await reading, { devices: { host: '127.0.0.1', port: 1 }, http: { host: '127.0.0.1', port: 2 } });

  const empty = new PassThrough();
  const nothing = readReady(empty);
  empty.end();
  assert.equal(await nothing, null);
});
