import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boardFailure } from './board-lines.js';

test('a board error is queue-full only when the board says busy in its code, never because of its text', () => {
  const text = 'Command queue full: 4 running, 16 pending';
  assert.deepEqual(boardFailure('esp', { id: 'c', error: text, error_code: 'busy' }), { code: 'queue-full', message: `MCU "esp" reported: ${text}` });
  assert.equal(boardFailure('esp', { id: 'c', error: text }).code, 'device-error', 'the original firmware sends no code');
  assert.equal(boardFailure('esp', { id: 'c', error: 'Sensor read failed', error_code: 'unheard-of' as 'busy' }).code, 'device-error');
  assert.equal(boardFailure('esp', { id: 'c', error: { why: 'odd' } as unknown as string }).message, 'MCU "esp" reported: {"why":"odd"}');
});
