import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { HostCallResult } from '../../bench/host/tool-host.js';
import { classifyResult, hangOutcome, TRANSPORT_ERROR_CODE } from './outcome.js';

function result(fields: Partial<HostCallResult>): HostCallResult {
  return { isError: false, text: 'DHT11 on esp32-living-room: temperature 24 C', structured: null, sent: 1, received: 2, ...fields };
}

describe('call outcomes', () => {
  test('a result that is not an error is answered', () => {
    assert.deepEqual(classifyResult(result({})), { kind: 'answered' });
  });

  test("an error with the datapool's code and a message is a clear failure under that code", () => {
    const outcome = classifyResult(result({ isError: true, text: 'device offline: MCU "x" went away', errorCode: 'device-offline' }));
    assert.deepEqual(outcome, { kind: 'failed', code: 'device-offline', message: 'device offline: MCU "x" went away' });
  });

  test('a transport failure without a code of ours is filed as a transport error', () => {
    const outcome = classifyResult(result({ isError: true, text: 'the call failed: Connection closed', transportError: 'Connection closed' }));
    assert.equal(outcome.kind, 'failed');
    assert.equal(outcome.kind === 'failed' && outcome.code, TRANSPORT_ERROR_CODE);
  });

  test('an error result without a code counts as lost, even with a message', () => {
    const outcome = classifyResult(result({ isError: true, text: 'something went wrong' }));
    assert.equal(outcome.kind, 'lost');
    assert.equal(outcome.kind === 'lost' && outcome.reason, 'unclear-error');
  });

  test('an error result with a code but an empty message counts as lost', () => {
    const outcome = classifyResult(result({ isError: true, text: '  ', errorCode: 'timeout' }));
    assert.equal(outcome.kind, 'lost');
    assert.match(outcome.kind === 'lost' ? outcome.message : '', /no message/);
  });

  test('a hang is lost and says how long it was waited for', () => {
    const outcome = hangOutcome('dht11_read_temperature', 25_000);
    assert.equal(outcome.kind, 'lost');
    assert.match(outcome.kind === 'lost' ? outcome.message : '', /dht11_read_temperature: no outcome within 25000 ms/);
  });
});
