import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hostToolName } from '../../bench/host/host-tool-names.js';
import type { HostTool } from '../../bench/host/tool-host.js';
import { toolInputSchema } from '../../bench/mcp/tool-input.js';
import { SENSORS } from '../../core/sensors/catalogue.js';
import { DEFAULT_FLEET_PATH, loadFleet } from '../../devices/fleet/fleet-file.js';
import { CallMix } from './call-mix.js';

/** The gateway's sensor tools as a host names them. */
function sensorTools(): HostTool[] {
  return SENSORS.flatMap((spec) =>
    Object.keys(spec.tools).map((tool) => ({
      name: hostToolName(spec.name, tool),
      description: '',
      inputSchema: {},
      server: `iotmcp/sensors/${spec.name}`,
      mcpName: tool,
      sensor: spec.name,
      tool,
    })),
  );
}

describe('the soak call mix', () => {
  test("every call names a board carrying the tool's sensor, with arguments the tools accept", async () => {
    const fleet = await loadFleet(DEFAULT_FLEET_PATH);
    const tools = sensorTools();
    const mix = new CallMix(tools, fleet, 7);
    const schema = toolInputSchema(true);
    let series = 0;
    for (let i = 0; i < 500; i++) {
      const call = mix.next();
      const board = fleet.mcus.find((mcu) => mcu.id === call.mcu);
      assert.ok(
        board?.sensors.some((sensor) => sensor.spec.name === call.sensor),
        `${call.mcu} carries ${call.sensor}`,
      );
      assert.equal(tools.find((tool) => tool.name === call.tool)?.sensor, call.sensor);
      const parsed = schema.safeParse(call.args);
      assert.ok(parsed.success, `${JSON.stringify(call.args)}: ${parsed.success ? '' : parsed.error.message}`);
      if (call.series) series++;
    }
    assert.ok(series > 50 && series < 250, `about 30% series, got ${series} of 500`);
    assert.deepEqual(new Set(mix.mcus), new Set(fleet.mcus.map((mcu) => mcu.id)));
  });

  test('the same seed gives the same calls', async () => {
    const fleet = await loadFleet(DEFAULT_FLEET_PATH);
    const a = new CallMix(sensorTools(), fleet, 3);
    const b = new CallMix(sensorTools(), fleet, 3);
    for (let i = 0; i < 50; i++) assert.deepEqual(a.next(), b.next());
  });

  test('a host without tools for the fleet is refused at once', async () => {
    const fleet = await loadFleet(DEFAULT_FLEET_PATH);
    assert.throws(() => new CallMix([], fleet, 1), /no sensor of fleet "default-home" has a tool/);
  });
});
