import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_ACTUATOR_EVENTS } from '../actuators/history.js';
import type { ActuatorEvent } from '../actuators/types.js';
import {
  actuatedWorld,
  BUZZER_DB,
  BUZZER_WALL_LOSS_DB,
  FAN_COOLING_C,
  FAN_TAU_MS,
  LEAK_DRYING_TAU_MS,
  LEAK_REFILL_TAU_MS,
  LIGHT_FULL_LUX,
  SOIL_DRYING_TAU_MS,
  SOIL_SATURATION_PCT,
  SOIL_WETTING_TAU_MS,
  WINDOW_DAYLIGHT_SHARE,
  WINDOW_FULL_MIX,
  WINDOW_TAU_MS,
} from './actuated.js';
import { DEFAULT_PLACES } from './places.js';
import type { World } from './types.js';
import { createWorld, REFERENCE_DATE_MS, SCENARIOS } from './world.js';

const HOUR = 3_600_000;
const NOON = REFERENCE_DATE_MS + 12 * HOUR;
const PLACES = [...DEFAULT_PLACES.map((place) => place.id), 'attic'];
const E = Math.exp(-1);

/** World times from the day before the reference date to the day after, at uneven steps, plus odd milliseconds. */
const TIMES: number[] = [];
for (let t = REFERENCE_DATE_MS - 24 * HOUR; t <= REFERENCE_DATE_MS + 48 * HOUR; t += 3 * HOUR + 1_234_567) TIMES.push(t);
TIMES.push(NOON, NOON + 1, NOON - 1, 0, Date.UTC(2031, 0, 1, 7, 13, 5, 999));

const event = (actuator: string, place: string, timeMs: number, value: number): ActuatorEvent => ({ actuator, place, timeMs, value });

/** Every actuator driven hard in every place from `at` on (the valve closed, the rest at their maximum). */
function everything(at: number): ActuatorEvent[] {
  return PLACES.flatMap((place) => [
    event('RELAY-FAN', place, at, 1),
    event('WINDOW-SERVO', place, at, 100),
    event('IRRIGATION-PUMP', place, at, 1),
    event('DIMMABLE-LIGHT', place, at, 100),
    event('BUZZER', place, at, 1),
    event('MAIN-VALVE', place, at, 0),
  ]);
}

const near = (a: number, b: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tolerance, `${what}: ${a} vs ${b} (tolerance ${tolerance})`);

describe('the world with actuators: identity and causality', () => {
  test("an empty history gives the base world's environment bit for bit, in every scenario, place and time", () => {
    let compared = 0;
    for (const scenario of SCENARIOS) {
      const base = createWorld({ scenario: scenario.name, seed: 11 });
      const reference = createWorld({ scenario: scenario.name, seed: 11 });
      const world = actuatedWorld(base, []);
      for (const place of PLACES) {
        for (const t of TIMES) {
          assert.deepStrictEqual(world.environment(place, t), reference.environment(place, t), `${scenario.name} ${place} ${t}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 1000, `${compared} environments compared`);
  });

  test('commands that only restate the power-on states leave the world bit for bit', () => {
    const history = PLACES.flatMap((place) => [
      event('RELAY-FAN', place, NOON, 0),
      event('WINDOW-SERVO', place, NOON, 0),
      event('IRRIGATION-PUMP', place, NOON, 0),
      event('DIMMABLE-LIGHT', place, NOON, 0),
      event('BUZZER', place, NOON, 0),
      event('MAIN-VALVE', place, NOON, 1),
    ]);
    for (const scenario of SCENARIOS) {
      const base = createWorld({ scenario: scenario.name, seed: 5 });
      const world = actuatedWorld(base, history);
      for (const place of PLACES) {
        for (const t of TIMES) assert.deepStrictEqual(world.environment(place, t), base.environment(place, t), `${scenario.name} ${place} ${t}`);
      }
    }
  });

  test('events change nothing before their time, and later events never change the past', () => {
    const t0 = NOON;
    for (const scenario of SCENARIOS) {
      const base = createWorld({ scenario: scenario.name, seed: 3 });
      const early = everything(t0);
      const world = actuatedWorld(base, early);
      const longer = actuatedWorld(base, [...early, ...everything(t0 + HOUR).map((e) => ({ ...e, value: e.actuator === 'MAIN-VALVE' ? 1 : 0 }))]);
      for (const place of PLACES) {
        for (const t of [t0 - 1, t0 - HOUR, t0 - 0.5, REFERENCE_DATE_MS]) {
          assert.deepStrictEqual(world.environment(place, t), base.environment(place, t), `${scenario.name} ${place} before ${t}`);
        }
        for (const t of [t0, t0 + 1, t0 + HOUR / 2, t0 + HOUR - 1]) {
          assert.deepStrictEqual(longer.environment(place, t), world.environment(place, t), `${scenario.name} ${place} at ${t}`);
        }
      }
    }
  });

  test('is deterministic: the same base and history give the same world, whatever order events at distinct times come in', () => {
    const history = [
      event('fan', 'kitchen', NOON, 1),
      event('window', 'bedroom', NOON + 1000, 60),
      event('pump', 'garden', NOON + 2000, 1),
      event('light', 'living room', NOON + 3000, 40),
      event('buzzer', 'garage', NOON + 4000, 1),
      event('valve', 'kitchen', NOON + 5000, 0),
      event('fan', 'kitchen', NOON + HOUR, 0),
    ];
    const a = actuatedWorld(createWorld({ scenario: 'leak', seed: 8 }), history);
    const b = actuatedWorld(createWorld({ scenario: 'leak', seed: 8 }), [...history].reverse());
    for (const place of PLACES) {
      for (const t of [NOON + 500, NOON + 2 * HOUR, NOON + 30 * 60_000 + 7]) assert.deepStrictEqual(a.environment(place, t), b.environment(place, t), place);
    }
  });

  test('keeps the base world identity: scenario, seed, places, place traits and noise', () => {
    const base = createWorld({ scenario: 'fire', seed: 2 });
    const world = actuatedWorld(base, [event('fan', 'kitchen', NOON, 1)]);
    assert.equal(world.scenario, 'fire');
    assert.equal(world.seed, 2);
    assert.deepEqual(world.places, base.places);
    assert.equal(world.place('Living Room').id, 'living-room');
    assert.equal(world.gaussian('k', 5), base.gaussian('k', 5));
    assert.equal(world.uniform('k', 5), base.uniform('k', 5));
  });
});

describe('the world with actuators: each actuator', () => {
  const base = createWorld({ scenario: 'normal-day', seed: 21 });
  const diff = (world: World, place: string, t: number, field: 'airTemperatureC' | 'humidityPct' | 'illuminanceLux' | 'soilMoisturePct' | 'soundDb') =>
    world.environment(place, t)[field] - base.environment(place, t)[field];

  test('a fan cools its room toward FAN_COOLING_C below, 63 % of the way at tau, and it warms back the same way', () => {
    const off = NOON + 2 * HOUR;
    const world = actuatedWorld(base, [event('RELAY-FAN', 'kitchen', NOON, 1), event('RELAY-FAN', 'kitchen', off, 0)]);
    assert.equal(diff(world, 'kitchen', NOON, 'airTemperatureC'), 0);
    near(diff(world, 'kitchen', NOON + FAN_TAU_MS, 'airTemperatureC'), -FAN_COOLING_C * (1 - E), 1e-9, 'at tau');
    const atOff = -FAN_COOLING_C * (1 - Math.exp(-(off - NOON) / FAN_TAU_MS));
    near(diff(world, 'kitchen', off, 'airTemperatureC'), atOff, 1e-9, 'when it stops');
    near(diff(world, 'kitchen', off + FAN_TAU_MS, 'airTemperatureC'), atOff * E, 1e-9, 'tau after it stops');
    assert.equal(diff(world, 'kitchen', NOON + FAN_TAU_MS, 'humidityPct'), 0, 'the fan moves air, not water');
    const garden = actuatedWorld(base, [event('RELAY-FAN', 'garden', NOON, 1)]);
    assert.deepStrictEqual(garden.environment('garden', NOON + HOUR), base.environment('garden', NOON + HOUR), 'outdoor air is not the fan to cool');
  });

  test("a window moves its room's air toward the outdoor air with WINDOW_TAU_MS, and lets daylight in at once", () => {
    // 04:00: the outdoors is cooler and damper than the bedroom.
    const t0 = REFERENCE_DATE_MS + 4 * HOUR;
    const world = actuatedWorld(base, [event('WINDOW-SERVO', 'bedroom', t0, 100)]);
    // The servo ramps 0 -> 100 % in 5 s; over that ramp the mix follows a linear input, then a step.
    const rampMs = 5000;
    const rate = WINDOW_FULL_MIX / rampMs;
    const atRampEnd = rate * (rampMs - WINDOW_TAU_MS) + rate * WINDOW_TAU_MS * Math.exp(-rampMs / WINDOW_TAU_MS);
    const mixAt = (t: number) => WINDOW_FULL_MIX + (atRampEnd - WINDOW_FULL_MIX) * Math.exp(-(t - t0 - rampMs) / WINDOW_TAU_MS);
    const t = t0 + WINDOW_TAU_MS;
    near(mixAt(t) / WINDOW_FULL_MIX, 1 - E, 0.01, 'the ramp is short against tau');
    const inside = base.environment('bedroom', t);
    const outside = base.environment('garden', t);
    assert.ok(outside.airTemperatureC < inside.airTemperatureC - 3, 'a cool night outside');
    near(diff(world, 'bedroom', t, 'airTemperatureC'), mixAt(t) * (outside.airTemperatureC - inside.airTemperatureC), 1e-9, 'temperature at tau');
    near(diff(world, 'bedroom', t, 'humidityPct'), mixAt(t) * (outside.humidityPct - inside.humidityPct), 1e-9, 'humidity at tau');
    assert.ok(diff(world, 'bedroom', t, 'airTemperatureC') < -1.5, 'the bedroom cools');
    // Daylight follows the opening itself: half open 2.5 s in, wide open from 5 s.
    const day = actuatedWorld(base, [event('WINDOW-SERVO', 'bedroom', NOON, 100)]);
    const gap = (at: number) => base.environment('garden', at).illuminanceLux - base.environment('bedroom', at).illuminanceLux;
    assert.equal(diff(day, 'bedroom', NOON, 'illuminanceLux'), 0);
    near(diff(day, 'bedroom', NOON + 2500, 'illuminanceLux'), 0.5 * WINDOW_DAYLIGHT_SHARE * gap(NOON + 2500), 1e-6, 'half open');
    near(diff(day, 'bedroom', NOON + 5000, 'illuminanceLux'), WINDOW_DAYLIGHT_SHARE * gap(NOON + 5000), 1e-6, 'wide open');
    assert.ok(diff(day, 'bedroom', NOON + 5000, 'illuminanceLux') > 500);
    assert.ok(day.environment('bedroom', NOON + 5000).uvIndex > base.environment('bedroom', NOON + 5000).uvIndex, 'UV comes in without glass');
    // Closing it again: the air goes back with the same time constant.
    const closed = actuatedWorld(base, [event('WINDOW-SERVO', 'bedroom', t0, 100), event('WINDOW-SERVO', 'bedroom', t0 + HOUR, 0)]);
    assert.ok(Math.abs(diff(closed, 'bedroom', t0 + 4 * HOUR, 'airTemperatureC')) < 0.01, 'back where it was');
  });

  test('a half-open window lets in half as much', () => {
    const t0 = REFERENCE_DATE_MS + 4 * HOUR;
    const wide = actuatedWorld(base, [event('WINDOW-SERVO', 'bedroom', t0, 100)]);
    const half = actuatedWorld(base, [event('WINDOW-SERVO', 'bedroom', t0, 50)]);
    const t = t0 + 3 * HOUR;
    near(diff(half, 'bedroom', t, 'airTemperatureC'), diff(wide, 'bedroom', t, 'airTemperatureC') / 2, 1e-6, 'half');
  });

  test('closing the main valve stops the leak: the probes dry with LEAK_DRYING_TAU_MS; opening it lets the leak back', () => {
    const leak = createWorld({ scenario: 'leak', seed: 4 });
    const t0 = REFERENCE_DATE_MS + 8 * HOUR;
    const reopen = t0 + HOUR;
    const world = actuatedWorld(leak, [event('MAIN-VALVE', 'garage', t0, 0), event('MAIN-VALVE', 'garage', reopen, 1)]);
    const share = (place: string, t: number) => world.environment(place, t).waterDepthMm / leak.environment(place, t).waterDepthMm;
    for (const place of ['kitchen', 'garage']) {
      assert.ok(leak.environment(place, t0).waterDepthMm > 2, `${place} is flooded`);
      assert.equal(share(place, t0 - 1), 1);
      assert.equal(share(place, t0), 1);
      near(share(place, t0 + LEAK_DRYING_TAU_MS), E, 1e-12, `${place} at tau`);
      assert.ok(world.environment(place, t0 + 5 * LEAK_DRYING_TAU_MS).waterDepthMm < 0.1, `${place} nearly dry`);
      const atReopen = Math.exp(-(reopen - t0) / LEAK_DRYING_TAU_MS);
      near(share(place, reopen + LEAK_REFILL_TAU_MS), 1 - (1 - atReopen) * E, 1e-12, `${place} refills at tau`);
      assert.ok(share(place, reopen + 10 * LEAK_REFILL_TAU_MS) > 0.999, `${place} flooded again`);
    }
    // Without a leak there is nothing to stop.
    const dry = actuatedWorld(base, [event('MAIN-VALVE', 'garage', t0, 0)]);
    for (const place of PLACES) assert.deepStrictEqual(dry.environment(place, t0 + HOUR), base.environment(place, t0 + HOUR), place);
  });

  test('the irrigation pump soaks its soil toward saturation within minutes, and it dries back over hours', () => {
    const off = NOON + HOUR;
    const world = actuatedWorld(base, [event('IRRIGATION-PUMP', 'garden', NOON, 1), event('IRRIGATION-PUMP', 'garden', off, 0)]);
    const share = (t: number) => diff(world, 'garden', t, 'soilMoisturePct') / (SOIL_SATURATION_PCT - base.environment('garden', t).soilMoisturePct);
    assert.equal(share(NOON), 0);
    near(share(NOON + SOIL_WETTING_TAU_MS), 1 - E, 1e-9, 'wetting at tau');
    const atOff = 1 - Math.exp(-HOUR / SOIL_WETTING_TAU_MS);
    near(share(off + SOIL_DRYING_TAU_MS), atOff * E, 1e-9, 'drying at tau');
    assert.ok(share(off + HOUR) > 0.9, 'still wet an hour later');
  });

  test('the lamp adds its light at once, in proportion to its level', () => {
    const world = actuatedWorld(base, [event('DIMMABLE-LIGHT', 'living-room', NOON, 40), event('DIMMABLE-LIGHT', 'living-room', NOON + HOUR, 100)]);
    assert.equal(diff(world, 'living-room', NOON - 1, 'illuminanceLux'), 0);
    near(diff(world, 'living-room', NOON, 'illuminanceLux'), 0.4 * LIGHT_FULL_LUX, 1e-9, '40 %');
    near(diff(world, 'living-room', NOON + HOUR, 'illuminanceLux'), LIGHT_FULL_LUX, 1e-9, '100 %');
  });

  test('the buzzer is loud in its place, heard next door, and not beyond', () => {
    const quiet = createWorld({ scenario: 'quiet-night', seed: 6 });
    const t0 = REFERENCE_DATE_MS + 3 * HOUR;
    const world = actuatedWorld(quiet, [event('BUZZER', 'kitchen', t0, 1), event('BUZZER', 'kitchen', t0 + 60_000, 0)]);
    const at = (place: string, t: number) => world.environment(place, t).soundDb;
    near(at('kitchen', t0), BUZZER_DB, 0.01, 'kitchen');
    for (const neighbour of ['living-room', 'garage']) near(at(neighbour, t0), BUZZER_DB - BUZZER_WALL_LOSS_DB, 0.1, neighbour);
    for (const far of ['bedroom', 'workshop', 'garden']) assert.equal(at(far, t0), quiet.environment(far, t0).soundDb, far);
    assert.equal(at('kitchen', t0 - 1), quiet.environment('kitchen', t0 - 1).soundDb);
    assert.equal(at('kitchen', t0 + 60_000), quiet.environment('kitchen', t0 + 60_000).soundDb, 'silenced');
    // Sound powers add: a buzzer over the fire's smoke alarm is louder than either.
    const fire = createWorld({ scenario: 'fire', seed: 6 });
    const burning = actuatedWorld(fire, [event('BUZZER', 'kitchen', t0, 1)]);
    const alarm = fire.environment('kitchen', t0).soundDb;
    near(burning.environment('kitchen', t0).soundDb, 10 * Math.log10(10 ** (alarm / 10) + 10 ** (BUZZER_DB / 10)), 1e-9, 'fire');
  });

  test("an actuator's events act on its own place only (the valve on the whole home, the buzzer next door)", () => {
    const t0 = NOON;
    const kitchenOnly = ['RELAY-FAN', 'WINDOW-SERVO', 'IRRIGATION-PUMP', 'DIMMABLE-LIGHT'].map((actuator) => event(actuator, 'kitchen', t0, 1));
    for (const scenario of SCENARIOS) {
      const world0 = createWorld({ scenario: scenario.name, seed: 9 });
      const world = actuatedWorld(world0, kitchenOnly);
      for (const place of PLACES.filter((p) => p !== 'kitchen')) {
        for (const t of [t0, t0 + 10 * 60_000, t0 + 5 * HOUR])
          assert.deepStrictEqual(world.environment(place, t), world0.environment(place, t), `${scenario.name} ${place}`);
      }
      assert.notDeepStrictEqual(world.environment('kitchen', t0 + HOUR), world0.environment('kitchen', t0 + HOUR), scenario.name);
    }
  });

  test('matches places in any spelling, and a room no list knows gets its own', () => {
    const world = actuatedWorld(base, [event('fan', 'Living Room', NOON, 1), event('fan', 'attic', NOON, 1)]);
    assert.ok(diff(world, 'living_room', NOON + HOUR, 'airTemperatureC') < -2);
    assert.ok(diff(world, 'attic', NOON + HOUR, 'airTemperatureC') < -2);
    assert.equal(diff(world, 'cellar', NOON + HOUR, 'airTemperatureC'), 0);
  });
});

describe('the world with actuators: bounds and cost', () => {
  const base = createWorld({ scenario: 'normal-day', seed: 1 });

  test(`takes up to ${MAX_ACTUATOR_EVENTS} events and refuses more, or any bad event, with a RangeError naming it`, () => {
    const full = Array.from({ length: MAX_ACTUATOR_EVENTS }, (_, i) => event('fan', 'kitchen', NOON + i * 60_000, i % 2));
    assert.doesNotThrow(() => actuatedWorld(base, full));
    assert.throws(
      () => actuatedWorld(base, [...full, event('fan', 'kitchen', NOON, 1)]),
      (err: Error) => err instanceof RangeError && /at most 256 events/.test(err.message),
    );
    assert.throws(() => actuatedWorld(base, [event('heater', 'kitchen', NOON, 1)]), /actuators\[0\]: unknown actuator "heater"/);
    assert.throws(() => actuatedWorld(base, [event('window', 'kitchen', NOON, 150)]), /actuators\[0\]: value of WINDOW-SERVO/);
    assert.throws(() => actuatedWorld(base, [event('fan', 'kitchen', Number.NaN, 1)]), /timeMs must be a finite number/);
  });

  test('a long history does not slow environment() down: no stepping through time', () => {
    const kinds: [string, number][] = [
      ['RELAY-FAN', 1],
      ['WINDOW-SERVO', 80],
      ['IRRIGATION-PUMP', 1],
      ['DIMMABLE-LIGHT', 70],
      ['BUZZER', 1],
      ['MAIN-VALVE', 0],
    ];
    const history = (count: number) =>
      Array.from({ length: count }, (_, i) => {
        const [actuator, high] = kinds[i % kinds.length]!;
        return event(actuator, 'kitchen', NOON + i * 30_000, Math.floor(i / kinds.length) % 2 === 0 ? high : 0);
      });
    const short = actuatedWorld(base, history(kinds.length));
    const long = actuatedWorld(base, history(MAX_ACTUATOR_EVENTS));
    const end = NOON + MAX_ACTUATOR_EVENTS * 30_000;
    const cost = (world: World) => {
      let best = Number.POSITIVE_INFINITY;
      for (let round = 0; round < 5; round++) {
        const start = performance.now();
        for (let i = 0; i < 2000; i++) world.environment('kitchen', end + i * 1000);
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    cost(long);
    const baseCost = cost(base);
    const shortCost = cost(short);
    const longCost = cost(long);
    // The window reads the outdoors too: two base environments and a few binary searches per call.
    assert.ok(longCost < 6 * baseCost, `long history ${longCost.toFixed(2)} ms vs base ${baseCost.toFixed(2)} ms per 2000 calls`);
    assert.ok(longCost < 2 * shortCost + 5, `long history ${longCost.toFixed(2)} ms vs short ${shortCost.toFixed(2)} ms per 2000 calls`);
  });
});
