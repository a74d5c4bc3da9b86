import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PLACES, findPlace } from './places.js';
import { createWorld, defaultWorldTime, findScenario, REFERENCE_DATE_MS, SCENARIOS } from './world.js';

const NAMES = ['normal-day', 'hot-afternoon', 'quiet-night', 'someone-moving', 'fire', 'dry-plant', 'leak', 'shaken'];

describe('world, places and scenarios', () => {
  test('offers the eight scenarios, each described with a default hour', () => {
    for (const name of NAMES) {
      const scenario = findScenario(name);
      assert.ok(scenario, name);
      assert.ok(scenario.description.length > 20, name);
      assert.ok(scenario.defaultHour >= 0 && scenario.defaultHour < 24, name);
    }
    assert.equal(SCENARIOS.length, NAMES.length);
  });

  test('finds scenarios and places in any spelling', () => {
    assert.equal(findScenario('Hot Afternoon')?.name, 'hot-afternoon');
    assert.equal(findScenario('SOMEONE_MOVING')?.name, 'someone-moving');
    assert.equal(findScenario('earthquake'), undefined);
    assert.equal(findPlace('Living Room')?.id, 'living-room');
    assert.equal(findPlace('living_room')?.id, 'living-room');
    assert.equal(findPlace('GARDEN')?.id, 'garden');
    assert.equal(findPlace('attic'), undefined);
    assert.deepEqual(
      DEFAULT_PLACES.map((p) => p.id),
      ['living-room', 'kitchen', 'bedroom', 'garden', 'garage', 'workshop'],
    );
    assert.equal(findPlace('garden')?.indoor, false);
  });

  test('pins default world times on the reference date at the scenario hour', () => {
    assert.equal(REFERENCE_DATE_MS, Date.UTC(2026, 5, 21));
    assert.equal(defaultWorldTime('hot-afternoon'), Date.UTC(2026, 5, 21, 15));
    assert.equal(defaultWorldTime('quiet night'), Date.UTC(2026, 5, 21, 3));
    assert.equal(defaultWorldTime('fire', Date.UTC(2027, 0, 2, 17, 45)), Date.UTC(2027, 0, 2, 19));
    assert.throws(() => defaultWorldTime('earthquake'), /earthquake.*normal-day/);
  });

  test('refuses an unknown scenario or a bad seed with a clear error', () => {
    assert.throws(
      () => createWorld({ scenario: 'earthquake', seed: 1 }),
      (err: Error) => {
        for (const name of NAMES) assert.ok(err.message.includes(name), err.message);
        return err.message.includes("'earthquake'");
      },
    );
    assert.throws(() => createWorld({ scenario: 'fire', seed: Number.NaN }), /seed/);
    const world = createWorld({ scenario: 'fire', seed: 1 });
    assert.throws(() => world.environment('kitchen', Number.NaN), /time/);
  });

  test('reports its canonical scenario, seed and places', () => {
    const world = createWorld({ scenario: 'Quiet_Night', seed: 9 });
    assert.equal(world.scenario, 'quiet-night');
    assert.equal(world.seed, 9);
    assert.deepEqual(
      world.places,
      DEFAULT_PLACES.map((p) => p.id),
    );
  });

  test('resolves place spellings and gives an unknown room an ordinary indoor environment', () => {
    const world = createWorld({ scenario: 'normal-day', seed: 2 });
    const t = defaultWorldTime('normal-day');
    assert.deepEqual(world.environment('Living Room', t), world.environment('living-room', t));
    const office = world.environment('office', t);
    assert.equal(office.place, 'office');
    assert.ok(office.airTemperatureC > 15 && office.airTemperatureC < 30);
    assert.deepEqual(world.environment('office', t), office);
  });

  test('a localised scenario whose place the world lacks happens in a stand-in place', () => {
    const places = DEFAULT_PLACES.filter((p) => p.id === 'bedroom' || p.id === 'garden');
    const world = createWorld({ scenario: 'fire', seed: 4, places });
    assert.ok(world.environment('bedroom', defaultWorldTime('fire')).flameIntensity > 0.4);
    assert.equal(world.environment('garden', defaultWorldTime('fire')).flameIntensity, 0);
  });

  test('the environment is a pure function of seed, scenario, place and time', () => {
    for (const name of NAMES) {
      const a = createWorld({ scenario: name, seed: 1234 });
      const b = createWorld({ scenario: name, seed: 1234 });
      const t = defaultWorldTime(name) + 12_345;
      for (const place of a.places) assert.deepEqual(a.environment(place, t), b.environment(place, t), `${name}/${place}`);
      assert.equal(a.gaussian('k', t), b.gaussian('k', t));
      assert.equal(a.uniform('k', t), b.uniform('k', t));
    }
  });

  test('the daily cycle of a normal day: warm sunny afternoon, cool dark night, lamps in the evening', () => {
    const world = createWorld({ scenario: 'normal-day', seed: 8 });
    const at = (hour: number) => REFERENCE_DATE_MS + hour * 3_600_000;
    const noon = world.environment('garden', at(13));
    const night = world.environment('garden', at(2));
    assert.ok(noon.illuminanceLux > 20_000, `noon ${noon.illuminanceLux} lux`);
    assert.ok(noon.uvIndex > 4);
    assert.ok(night.illuminanceLux < 1 && night.uvIndex === 0);
    assert.ok(world.environment('garden', at(15)).airTemperatureC > world.environment('garden', at(4)).airTemperatureC + 6);
    assert.ok(world.environment('living-room', at(21.5)).illuminanceLux > 100, 'lamps on in the evening');
    assert.ok(world.environment('living-room', at(2)).illuminanceLux < 2, 'dark at night');
    const room = world.environment('bedroom', at(10));
    assert.ok(room.airTemperatureC > 19 && room.airTemperatureC < 27);
    assert.ok(room.humidityPct > 30 && room.humidityPct < 70);
    assert.equal(room.motion, false);
    assert.equal(room.flameIntensity, 0);
    assert.equal(room.waterDepthMm, 0);
    assert.ok(room.soilMoisturePct > 25);
  });
});
