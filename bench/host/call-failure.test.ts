import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REFUSAL_RULES } from '../mcp/safety/gate-decision.js';
import { ToolErrorCode } from '../mcp/tool-errors.js';
import { CallInfraFailure, infraFailureOf } from './call-failure.js';

test('a failure below MCP is a transport error, whatever code came with it', () => {
  assert.deepEqual(infraFailureOf({ text: 'the call timed out', errorCode: 'timeout', transportError: 'Request timed out' }), {
    type: 'transport-error',
    message: 'Request timed out',
  });
});

test('a board that was not there is the fleet failing, and a full queue is the board being busy', () => {
  for (const errorCode of ['device-offline', 'expired', 'datapool-restarted']) {
    assert.deepEqual(infraFailureOf({ text: `device offline (${errorCode})`, errorCode }), {
      type: 'device-offline',
      message: `device offline (${errorCode})`,
    });
  }
  assert.deepEqual(infraFailureOf({ text: 'busy', errorCode: 'queue-full' }), { type: 'device-busy', message: 'busy' });
});

test("the model's own mistakes and a server's timeout are results for the model to read", () => {
  for (const errorCode of ['no-device', 'unknown-place', 'invalid-arguments', 'unknown-tool', 'timeout', undefined]) {
    assert.equal(infraFailureOf({ text: 'error', ...(errorCode !== undefined && { errorCode }) }), undefined, String(errorCode));
  }
});

test("every refusal of the safety gate or the user, and an audit log that could not record, is the model's to read", () => {
  for (const errorCode of [...REFUSAL_RULES, 'audit-unavailable']) {
    assert.ok((ToolErrorCode as readonly string[]).includes(errorCode), `${errorCode} is a code tool results carry`);
    assert.equal(infraFailureOf({ text: 'refused', errorCode }), undefined, errorCode);
  }
});

test('a turn reports the transport first, then an absent board, then a busy one', () => {
  assert.deepEqual([...CallInfraFailure], ['transport-error', 'device-offline', 'device-busy']);
});
