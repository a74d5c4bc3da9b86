import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandLine } from './commands/board-lines.js';
import type { CommandStatus } from './types.js';
import { normalizeRequest } from './validate.js';

const T = Date.UTC(2026, 5, 21, 8);
const HISTORY = [
  { actuator: 'MAIN-VALVE', place: 'garage', timeMs: T - 600_000, value: 0 },
  { actuator: 'window servo', place: 'living room', timeMs: T - 1000, value: 42.5 },
];

test("a command's world keeps its actuator history, unchanged, on its way to the board", () => {
  const world = { scenario: 'leak', seed: 3, timeMs: T, actuators: HISTORY };
  const { command } = normalizeRequest({ sensor: 'WATER', world });
  assert.deepEqual(command.world, world);
  const line = commandLine({ id: 'c', request: command } as CommandStatus, 'WATER');
  assert.deepEqual(line.world, world);
  assert.deepEqual(normalizeRequest({ sensor: 'WATER', world: { scenario: 'leak', seed: 3, timeMs: T } }).command.world, {
    scenario: 'leak',
    seed: 3,
    timeMs: T,
  });
});

test('a bad history is refused as an invalid request naming the event', () => {
  assert.throws(() => normalizeRequest({ sensor: 'WATER', world: { scenario: 'leak', seed: 3, timeMs: T, actuators: [{ ...HISTORY[0], value: 3 }] } }), {
    code: 'invalid-request',
    message: /world\.actuators: actuators\[0\]: value of MAIN-VALVE \(open\) must be a whole number from 0 to 1 \(got 3\)/,
  });
});
