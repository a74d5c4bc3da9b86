import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLoopbackHost, isLoopbackUrl } from './loopback.js';

test('loopback means 127.0.0.0/8, ::1 (any spelling, also IPv4-mapped) and localhost', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', '127.255.255.254', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST']) {
    assert.equal(isLoopbackHost(host), true, host);
  }
});

test('every other address is reachable from elsewhere', () => {
  for (const host of [
    '0.0.0.0',
    '::',
    '[::]',
    '10.0.0.5',
    '192.168.1.20',
    '128.0.0.1',
    '::2',
    '::ffff:10.0.0.1',
    'fe80::1',
    'lab-pi.local',
    'localhost.evil.com',
    '127.0.0.1.nip.io',
    '',
  ]) {
    assert.equal(isLoopbackHost(host), false, host);
  }
});

test('a URL is judged by its host; a malformed one is not loopback', () => {
  assert.equal(isLoopbackUrl('mqtt://127.0.0.1:1883'), true);
  assert.equal(isLoopbackUrl('http://[::1]:8000/'), true);
  assert.equal(isLoopbackUrl('mqtts://localhost'), true);
  assert.equal(isLoopbackUrl('mqtt://broker.lab:1883'), false);
  assert.equal(isLoopbackUrl('mqtt://user:pw@10.1.1.1'), false);
  assert.equal(isLoopbackUrl('not a url'), false);
});
