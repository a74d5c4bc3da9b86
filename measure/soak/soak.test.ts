import { test } from 'node:test';
import { runSoak } from './run-soak.js';
import { assertSoakHeld, shortSoak } from './soak.test-helper.js';

test('a 15 s soak with a fault every 2 s loses no call and no acknowledged result, and recovers from every fault', async () => {
  const result = await runSoak(shortSoak({ mcp: 'memory', faults: ['mcu-drop', 'datapool-kill', 'malformed-output', 'latency-spike'] }));
  assertSoakHeld(result);
});
