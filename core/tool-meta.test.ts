import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_ACTUATOR_EVENTS } from './actuators/history.js';
import { ActuatorHistorySchema, WORLD_META_KEY, worldFromMeta } from './tool-meta.js';

const T = Date.UTC(2026, 5, 21, 12);
const WORLD = { scenario: 'leak', seed: 3, timeMs: T };
const CLOSE = { actuator: 'MAIN-VALVE', place: 'kitchen', timeMs: T - 60_000, value: 0 };
const meta = (world: unknown) => ({ [WORLD_META_KEY]: world });

function refusal(world: unknown): string {
  const result = worldFromMeta(meta(world));
  assert.equal(result.ok, false, JSON.stringify(world).slice(0, 200));
  return result.ok ? '' : result.message;
}

describe("the world in a request's _meta, with its actuator history", () => {
  test('a world without a history is read as before', () => {
    assert.deepEqual(worldFromMeta(meta(WORLD)), { ok: true, world: WORLD });
    assert.deepEqual(worldFromMeta(undefined), { ok: true, world: undefined });
  });

  test('a history passes through as its events, each as its four fields', () => {
    const history = [CLOSE, { actuator: 'window servo', place: 'Living Room', timeMs: T, value: 37.5 }];
    assert.deepEqual(worldFromMeta(meta({ ...WORLD, actuators: history })), { ok: true, world: { ...WORLD, actuators: history } });
    assert.deepEqual(worldFromMeta(meta({ ...WORLD, actuators: [] })), { ok: true, world: { ...WORLD, actuators: [] } });
    const parsed = worldFromMeta(meta({ ...WORLD, actuators: [{ ...CLOSE, smuggled: 'x'.repeat(1000) }] }));
    assert.deepEqual(parsed, { ok: true, world: { ...WORLD, actuators: [CLOSE] } });
  });

  test('refuses a history that is not a list, or too long, naming the limit', () => {
    assert.match(refusal({ ...WORLD, actuators: 'close the valve' }), /actuators must be a list of at most 256 actuator events/);
    assert.match(refusal({ ...WORLD, actuators: null }), /actuators must be a list/);
    const tooLong = Array.from({ length: MAX_ACTUATOR_EVENTS + 1 }, (_, i) => ({ ...CLOSE, timeMs: T + i }));
    assert.match(refusal({ ...WORLD, actuators: tooLong }), /actuators may hold at most 256 events \(got 257\)/);
    assert.equal(worldFromMeta(meta({ ...WORLD, actuators: tooLong.slice(1) })).ok, true);
  });

  test('refuses unknown actuators, values out of range, times that are not finite, and bad places, naming the event', () => {
    const message = refusal({
      ...WORLD,
      actuators: [
        CLOSE,
        { ...CLOSE, actuator: 'boiler' },
        { ...CLOSE, value: 0.5 },
        { ...CLOSE, actuator: 'dimmable light', value: -1 },
        { ...CLOSE, timeMs: 'noon' },
        { ...CLOSE, place: 'kitchen"}\n' },
        7,
      ],
    });
    assert.match(message, /actuators\[1\]: unknown actuator "boiler"; actuators: RELAY-FAN, WINDOW-SERVO, MAIN-VALVE, IRRIGATION-PUMP, DIMMABLE-LIGHT, BUZZER/);
    assert.match(message, /actuators\[2\]: value of MAIN-VALVE \(open\) must be a whole number from 0 to 1 \(got 0.5\)/);
    assert.match(message, /actuators\[3\]: value of DIMMABLE-LIGHT \(level_pct\) must be a number from 0 to 100 \(got -1\)/);
    assert.match(message, /actuators\[4\]: timeMs must be a finite number of ms since the epoch \(got "noon"\)/);
    assert.match(message, /actuators\[5\]: place must be a place name/);
    assert.match(message, /actuators\[6\]: an actuator event must be an object/);
    assert.doesNotMatch(message, /actuators\[0\]/);
    // JSON has no Infinity, but an in-process caller does.
    assert.match(refusal({ ...WORLD, actuators: [{ ...CLOSE, timeMs: Number.POSITIVE_INFINITY }] }), /timeMs must be a finite number/);
  });

  test('the history schema alone gives the same answers', () => {
    assert.deepEqual(ActuatorHistorySchema.parse([CLOSE]), [CLOSE]);
    assert.equal(ActuatorHistorySchema.safeParse([{ ...CLOSE, value: 2 }]).success, false);
  });
});
