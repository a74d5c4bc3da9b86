import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nameKey } from '../names.js';
import { SENSORS } from '../sensors/catalogue.js';
import { ACTUATORS, findActuator } from './catalogue.js';

describe('actuator catalogue', () => {
  test('lists the six actuators by canonical name', () => {
    assert.deepEqual(
      ACTUATORS.map((spec) => spec.name),
      ['RELAY-FAN', 'WINDOW-SERVO', 'MAIN-VALVE', 'IRRIGATION-PUMP', 'DIMMABLE-LIGHT', 'BUZZER'],
    );
  });

  test('finds each actuator by its name or any alias, in any spelling', () => {
    for (const spec of ACTUATORS) {
      for (const name of [spec.name, ...spec.aliases]) {
        assert.equal(findActuator(name), spec, name);
        assert.equal(findActuator(name.toLowerCase().replace(/-/g, ' ')), spec, name);
        assert.equal(findActuator(name.replace(/-/g, '_')), spec, name);
      }
    }
    assert.equal(findActuator('relay fan')?.name, 'RELAY-FAN');
    assert.equal(findActuator('Window_Servo')?.name, 'WINDOW-SERVO');
    assert.equal(findActuator('main.valve')?.name, 'MAIN-VALVE');
    assert.equal(findActuator('heater'), undefined);
  });

  test("no name or alias of an actuator is another actuator's or a sensor's", () => {
    const owner = new Map<string, string>();
    for (const spec of SENSORS) for (const name of [spec.name, ...spec.aliases]) owner.set(nameKey(name), `sensor ${spec.name}`);
    for (const spec of ACTUATORS) {
      for (const name of [spec.name, ...spec.aliases]) {
        const key = nameKey(name);
        const taken = owner.get(key);
        assert.ok(taken === undefined || taken === `actuator ${spec.name}`, `${spec.name} alias ${name} is already ${taken}`);
        owner.set(key, `actuator ${spec.name}`);
      }
    }
  });

  test('each datasheet is complete and consistent', () => {
    for (const spec of ACTUATORS) {
      const { range, integer, slewPerS } = spec.level;
      const inRange = (value: number) => value >= range[0] && value <= range[1] && (!integer || Number.isInteger(value));
      assert.ok(spec.description.length > 20, spec.name);
      assert.ok(spec.level.field.length > 0 && spec.level.description.length > 10, spec.name);
      assert.ok(range[0] < range[1], spec.name);
      assert.ok(spec.commands.status, `${spec.name} answers status`);
      assert.equal(spec.commands.status.sets, undefined, `${spec.name} status moves nothing`);
      for (const [name, command] of Object.entries(spec.commands)) {
        assert.ok(command.description.length > 5, `${spec.name}.${name}`);
        if (command.sets !== undefined) assert.ok(inRange(command.sets), `${spec.name}.${name} sets ${command.sets}`);
      }
      assert.ok(inRange(spec.powerOn), `${spec.name} power-on ${spec.powerOn}`);
      assert.ok(inRange(spec.safe), `${spec.name} safe ${spec.safe}`);
      assert.ok(Number.isInteger(spec.minIntervalMs) && spec.minIntervalMs > 0, spec.name);
      assert.ok(Number.isInteger(spec.driverMemoryBytes) && spec.driverMemoryBytes > 0, spec.name);
      if (slewPerS !== undefined) assert.ok(slewPerS > 0, spec.name);
      // Every level is either set by the caller or by named commands covering both ends.
      const fixed = Object.values(spec.commands).flatMap((command) => (command.sets === undefined ? [] : [command.sets]));
      assert.ok(fixed.includes(range[0]) && fixed.includes(range[1]), `${spec.name} has commands for both ends`);
    }
  });

  test('keeps the documented choices: relay truth, slew, safe and power-on states, hazards', () => {
    const fan = findActuator('RELAY-FAN')!;
    assert.deepEqual([fan.level.range, fan.level.integer, fan.safe, fan.powerOn, fan.hazard], [[0, 1], true, 0, 0, 'none']);
    const window = findActuator('WINDOW-SERVO')!;
    assert.deepEqual([window.level.range, window.level.slewPerS, window.safe, window.powerOn], [[0, 100], 20, 0, 0]);
    const valve = findActuator('MAIN-VALVE')!;
    assert.deepEqual([valve.level.range, valve.powerOn, valve.safe, valve.hazard], [[0, 1], 1, 0, 'raise']);
    const pump = findActuator('IRRIGATION-PUMP')!;
    assert.deepEqual([pump.level.range, pump.powerOn, pump.safe], [[0, 1], 0, 0]);
    const light = findActuator('DIMMABLE-LIGHT')!;
    assert.deepEqual([light.level.range, light.powerOn, light.safe], [[0, 100], 0, 0]);
    const buzzer = findActuator('BUZZER')!;
    assert.deepEqual([buzzer.level.range, buzzer.powerOn, buzzer.safe, buzzer.hazard], [[0, 1], 0, 0, 'lower']);
  });

  test('only the main valve acts on the whole home; every other actuator on its own place', () => {
    assert.deepEqual(
      ACTUATORS.filter((spec) => spec.homeWide).map((spec) => spec.name),
      ['MAIN-VALVE'],
    );
  });
});
