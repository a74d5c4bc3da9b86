import assert from 'node:assert/strict';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { test } from 'node:test';
import { MOSQUITTO_PATH } from '../../bench/mcp/mqtt/local-broker.js';
import { listening } from '../../system/test-system.test-helper.js';
import { runSoak } from './run-soak.js';
import { assertSoakHeld, shortSoak } from './soak.test-helper.js';
import { FAULT_KINDS } from './soak-types.js';

const mosquitto = await access(MOSQUITTO_PATH, constants.X_OK).then(
  () => true,
  () => false,
);

test('over MQTT, a broker restart among the faults: the host reopens its sessions and nothing is lost', {
  skip: mosquitto ? false : `no mosquitto at ${MOSQUITTO_PATH}`,
}, async () => {
  const result = await runSoak(shortSoak({ mcp: 'mqtt', faults: [...FAULT_KINDS] }));
  assertSoakHeld(result);
  const broker = result.broker!;
  const restarts = result.faults.filter((fault) => fault.kind === 'broker-restart').length;
  assert.equal(broker.restarts, restarts);
  assert.ok(broker.hostReconnects >= 1, 'the host reopened its MCP sessions after the broker came back');
  assert.equal(await listening(Number(new URL(broker.url).port)), false, 'the broker is stopped');
});
