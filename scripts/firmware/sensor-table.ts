import { packageFile } from '../../core/package.js';
import { SENSORS } from '../../core/sensors/catalogue.js';
import type { SensorSpec } from '../../core/sensors/types.js';
import type { PythonValue } from './python-literal.js';
import { tableModuleSource, writeTableWhenRun } from './table-module.js';

/**
 * Writes firmware/micropython/iotmcp/sensor_table.py, the MicroPython firmware's copy of the sensor catalogue:
 * each type's names, the commands its driver answers with the fields each returns, its datasheet conversion
 * time and its bus. The board cannot read our TypeScript, so it carries this table, and the test beside this
 * file keeps it equal to a fresh generation.
 *
 *   node dist/scripts/firmware/sensor-table.js      # rewrite the file
 */

export const SENSOR_TABLE_PATH = packageFile('firmware', 'micropython', 'iotmcp', 'sensor_table.py');

/** One type's row; `commands` is a dict (the firmware looks commands up by name, order does not matter). */
function row(spec: SensorSpec): PythonValue {
  return {
    name: spec.name,
    aliases: spec.aliases,
    commands: spec.commands,
    read_ms: spec.readTimeMs,
    bus: spec.bus,
  };
}

/** The file's text: a pure function of the catalogue. */
export function sensorTableSource(specs: readonly SensorSpec[] = SENSORS): string {
  return tableModuleSource({
    from: 'core/sensors',
    script: 'scripts/firmware/sensor-table.ts',
    notes: [
      'One row per sensor type: "commands" maps each command to the fields its reply carries (always with',
      '"read_all"), "read_ms" is the datasheet conversion time, "bus" how the board reads the sensor. The driver',
      'of a type lives in iotmcp/sensors/<name>.py, the name lower-cased with "-" as "_".',
    ],
    name: 'SENSORS',
    rows: specs.map(row),
  });
}

writeTableWhenRun(import.meta.url, SENSOR_TABLE_PATH, sensorTableSource);
