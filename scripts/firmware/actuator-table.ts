import { ACTUATORS } from '../../core/actuators/catalogue.js';
import type { ActuatorSpec } from '../../core/actuators/types.js';
import { packageFile } from '../../core/package.js';
import type { PythonValue } from './python-literal.js';
import { tableModuleSource, writeTableWhenRun } from './table-module.js';

/**
 * Writes firmware/micropython/iotmcp/actuator_table.py, the MicroPython firmware's copy of the actuator
 * catalogue: what each type is called, the field its state travels in, the range and commands it accepts, and
 * the states and rate limit the firmware enforces. The board cannot read our TypeScript, so it carries this
 * table, and the test beside this file keeps it equal to a fresh generation.
 *
 *   node dist/scripts/firmware/actuator-table.js      # rewrite the file
 */

export const ACTUATOR_TABLE_PATH = packageFile('firmware', 'micropython', 'iotmcp', 'actuator_table.py');

/** One type's row. Commands are pairs in the catalogue's order (a MicroPython dict keeps no order, and error texts list them). */
function row(spec: ActuatorSpec): PythonValue {
  return {
    name: spec.name,
    aliases: spec.aliases,
    field: spec.level.field,
    range: spec.level.range,
    integer: spec.level.integer,
    commands: Object.entries(spec.commands).map(([command, { sets }]) => [command, sets ?? null]),
    power_on: spec.powerOn,
    safe: spec.safe,
    min_interval_ms: spec.minIntervalMs,
    slew_per_s: spec.level.slewPerS ?? null,
    home_wide: spec.homeWide === true,
  };
}

/** The file's text: a pure function of the catalogue. */
export function actuatorTableSource(specs: readonly ActuatorSpec[] = ACTUATORS): string {
  return tableModuleSource({
    from: 'core/actuators',
    script: 'scripts/firmware/actuator-table.ts',
    notes: [
      'One row per actuator type. "commands" pairs each command with the state it sets, or None when the caller',
      'gives the value ("set_level") or nothing moves ("status"). "slew_per_s" is how fast the level follows a',
      'command (None: at once); "min_interval_ms" is the shortest time between two moves but to the "safe" state.',
    ],
    name: 'ACTUATORS',
    rows: specs.map(row),
  });
}

writeTableWhenRun(import.meta.url, ACTUATOR_TABLE_PATH, actuatorTableSource);
