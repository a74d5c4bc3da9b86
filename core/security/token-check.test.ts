import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { bearerToken, checkTokenFormat, TokenCheck } from './token-check.js';

test('a token matches itself only, whatever the length of the candidate', () => {
  const check = new TokenCheck('s3cret-token');
  assert.equal(check.matches('s3cret-token'), true);
  assert.equal(check.matches('s3cret-toke'), false);
  assert.equal(check.matches('s3cret-token-and-more'), false);
  assert.equal(check.matches(''), false);
  assert.equal(check.matches(undefined), false);
});

test('the bearer header carries the token; other schemes and shapes do not', () => {
  const check = new TokenCheck('abc123');
  assert.equal(check.matchesBearer('Bearer abc123'), true);
  assert.equal(check.matchesBearer('bearer abc123'), true);
  assert.equal(check.matchesBearer('Basic abc123'), false);
  assert.equal(check.matchesBearer('abc123'), false);
  assert.equal(check.matchesBearer('Bearer abc123 extra'), false);
  assert.equal(check.matchesBearer(undefined), false);
  assert.equal(bearerToken('Bearer  xyz '), 'xyz');
});

test('a secret that cannot travel in a header or a JSON line is refused with a clear error', () => {
  assert.throws(() => checkTokenFormat(''), /token is empty/);
  assert.throws(() => checkTokenFormat('has space'), /visible ASCII/);
  assert.throws(() => checkTokenFormat('line\nbreak'), /visible ASCII/);
  assert.throws(() => checkTokenFormat('ünïcode'), /visible ASCII/);
  assert.throws(() => new TokenCheck('x'.repeat(5000), 'device token'), /device token is longer/);
  assert.doesNotThrow(() => checkTokenFormat('a1b2-._~+/=!'));
});

test('nothing derived from the secret shows when the check is printed or serialized', () => {
  const check = new TokenCheck('do-not-print-me');
  const shown = [String(check), JSON.stringify({ check }), inspect(check, { showHidden: true, depth: 5 })].join(' ');
  assert.doesNotMatch(shown, /do-not-print-me/);
});
