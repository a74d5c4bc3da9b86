import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { describe, test } from 'node:test';
import { ACTUATORS } from '../../core/actuators/catalogue.js';
import { SENSORS } from '../../core/sensors/catalogue.js';
import { LineSplitter } from '../../core/wire/line-splitter.js';
import { SCENARIOS } from '../../core/world/world.js';
import { ACTUATOR_PACKAGE_BYTES } from '../mcu/memory-model.js';
import { findProfile } from '../mcu/profiles.js';
import { DEFAULT_FLEET_PATH, FleetFileError, loadFleet, minimumHeap, parseFleet } from './fleet-file.js';
import { startFleet } from './start-fleet.js';

/** A minimal connection server: collects every board's lines and lets the test answer on a socket. */
async function lineServer(t: TestContext) {
  const boards = new Map<string, net.Socket>();
  const lines: Record<string, unknown>[] = [];
  let notify: (() => void) | undefined;
  const server = net.createServer((socket) => {
    const splitter = new LineSplitter();
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) =>
      splitter.push(chunk, (event) => {
        if (!event.ok || event.line === 'PING') return;
        const message = JSON.parse(event.line) as Record<string, unknown>;
        if (typeof message.mcu === 'string' && Array.isArray(message.available_sensors)) boards.set(message.mcu, socket);
        lines.push(message);
        notify?.();
      }),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of boards.values()) socket.destroy();
        server.close(() => resolve());
      }),
  );
  async function waitFor(match: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 3000;
    for (;;) {
      const found = lines.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('timed out waiting for a line');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        notify = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
  return { port: (server.address() as net.AddressInfo).port, boards, lines, waitFor };
}

async function tempFleet(t: TestContext, content: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fleet-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'fleet.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const scenario = SCENARIOS[0]!.name;

describe('the default fleet', () => {
  test('DEFAULT_FLEET_PATH points at the packaged default.json', () => {
    assert.ok(DEFAULT_FLEET_PATH.endsWith(path.join('devices', 'fleets', 'default.json')));
    assert.ok(existsSync(DEFAULT_FLEET_PATH), DEFAULT_FLEET_PATH);
  });

  test('has six boards of six models carrying all 22 sensor types, some on several boards', async () => {
    const fleet = await loadFleet(DEFAULT_FLEET_PATH);
    assert.equal(fleet.mcus.length, 6);
    assert.equal(new Set(fleet.mcus.map((m) => m.profile.model)).size, 6);
    assert.equal(new Set(fleet.mcus.map((m) => m.id)).size, 6);
    const carried = fleet.mcus.flatMap((m) => m.sensors.map((s) => s.spec.name));
    assert.equal(SENSORS.length, 22);
    assert.deepEqual([...new Set(carried)].sort(), SENSORS.map((s) => s.name).sort());
    const duplicated = [...new Set(carried.filter((name, i) => carried.indexOf(name) !== i))];
    assert.ok(duplicated.length >= 3, `types on several boards: ${duplicated.join(', ')}`);
    assert.ok(duplicated.includes('DHT11') && duplicated.includes('BH1750'));
    const places = new Set(fleet.mcus.map((m) => m.place));
    assert.ok(places.size >= 5, `boards spread over places: ${[...places].join(', ')}`);
    const esp8266 = fleet.mcus.find((m) => m.profile.model === 'ESP8266')!;
    assert.ok(esp8266.sensors.length <= 3, 'the ESP8266 carries few sensors');
  });

  test('drives the six actuators, each once, where it acts on what the sensors there see', async () => {
    const fleet = await loadFleet(DEFAULT_FLEET_PATH);
    const where = Object.fromEntries(fleet.mcus.flatMap((m) => (m.actuators ?? []).map((a) => [a.spec.name, m.place])));
    assert.deepEqual(where, {
      'MAIN-VALVE': 'kitchen',
      BUZZER: 'kitchen',
      'WINDOW-SERVO': 'living-room',
      'DIMMABLE-LIGHT': 'living-room',
      'RELAY-FAN': 'bedroom',
      'IRRIGATION-PUMP': 'garden',
    });
    assert.equal(Object.keys(where).length, ACTUATORS.length);
  });
});

describe('fleet file errors name the file, the board and the field', () => {
  test('unknown model, sensor and place, and duplicate ids are all reported', async (t) => {
    const file = await tempFleet(t, {
      name: 'broken',
      world: { scenario, seed: 1 },
      mcus: [
        { id: 'a', model: 'ESP9000', place: 'kitchen', sensors: ['DHT11'] },
        { id: 'b', model: 'ESP32-S3', place: 'attic', sensors: ['DHT11', 'FLUXCAP'] },
        { id: 'a', model: 'esp32 c3', place: 'garden', sensors: ['dht-11'] },
      ],
    });
    const error = await loadFleet(file).then(
      () => assert.fail('should reject'),
      (err: unknown) => err,
    );
    assert.ok(error instanceof FleetFileError);
    assert.ok(error.message.includes(file), 'names the file');
    assert.equal(error.problems.length, 4, error.message);
    assert.match(error.message, /mcus\[0\] \(a\)\.model: unknown model 'ESP9000'; models: ESP32-S3, .*ESP8266/);
    assert.match(error.message, /mcus\[1\] \(b\)\.place: unknown place 'attic'; places: .*kitchen/);
    assert.match(error.message, /mcus\[1\] \(b\)\.sensors\[1\]: unknown sensor 'FLUXCAP'; sensors: DHT11, /);
    assert.match(error.message, /mcus\[2\] \(a\)\.id: duplicate id 'a'/);
  });

  test('schema problems name the board and field', () => {
    assert.throws(
      () => parseFleet({ name: 'x', world: { scenario, seed: 1 }, mcus: [{ id: 'ok', model: 'ESP32', place: 'kitchen', sensors: [] }] }, 'inline.json'),
      /fleet file inline.json: mcus\[0\] \(ok\)\.sensors: /,
    );
    assert.throws(
      () =>
        parseFleet(
          { name: 'x', world: { scenario: 'nowhere', seed: 1 }, mcus: [{ id: 'b', model: 'ESP32', place: 'kitchen', sensors: ['DHT11'], colour: 'red' }] },
          'f.json',
        ),
      (err: unknown) => {
        assert.ok(err instanceof FleetFileError);
        assert.match(err.message, /mcus\[0\] \(b\).*colour/);
        return true;
      },
    );
    assert.throws(
      () => parseFleet({ name: 'x', world: { scenario: 'nowhere', seed: 1 }, mcus: [{ id: 'b', model: 'ESP32', place: 'kitchen', sensors: ['DHT11'] }] }),
      /world.scenario: unknown scenario 'nowhere'/,
    );
  });

  test('a board whose drivers leave no room for a command is refused', () => {
    const esp8266 = findProfile('ESP8266')!;
    const everything = SENSORS.map((spec) => ({ name: spec.name, spec }));
    assert.ok(minimumHeap(esp8266, everything) > esp8266.heapBytes, 'precondition: all 22 drivers overflow an ESP8266');
    assert.throws(
      () =>
        parseFleet({
          name: 'x',
          world: { scenario, seed: 1 },
          mcus: [{ id: 'tiny', model: 'ESP8266', place: 'garage', sensors: SENSORS.map((s) => s.name) }],
        }),
      /mcus\[0\] \(tiny\)\.sensors: firmware, drivers and one command need \d+ bytes, more than the 38912-byte heap of a ESP8266/,
    );
  });

  test('unknown and repeated actuators are reported naming the board; any spelling of a known one is canonicalised', () => {
    const mcus = [
      { id: 'a', model: 'ESP32', place: 'kitchen', sensors: ['DHT11'], actuators: ['valve', 'heater', 'Main_Valve'] },
      { id: 'b', model: 'ESP32', place: 'bedroom', sensors: ['DHT11'], actuators: ['relay fan'] },
    ];
    assert.throws(
      () => parseFleet({ name: 'x', world: { scenario, seed: 1 }, mcus }, 'act.json'),
      (err: unknown) => {
        assert.ok(err instanceof FleetFileError);
        assert.equal(err.problems.length, 2, err.message);
        assert.match(err.message, /mcus\[0\] \(a\)\.actuators\[1\]: unknown actuator 'heater'; actuators: RELAY-FAN, WINDOW-SERVO, MAIN-VALVE, /);
        assert.match(err.message, /mcus\[0\] \(a\)\.actuators\[2\]: MAIN-VALVE is listed twice/);
        return true;
      },
    );
    const fleet = parseFleet({ name: 'x', world: { scenario, seed: 1 }, mcus: [mcus[1]!, { ...mcus[0]!, actuators: [] }] });
    assert.deepEqual(
      fleet.mcus[0]!.actuators?.map((a) => a.name),
      ['RELAY-FAN'],
    );
    assert.equal(fleet.mcus[1]!.actuators, undefined, 'no actuators: a board as the original');
  });

  test('actuator drivers count in the heap a board needs', () => {
    const esp8266 = findProfile('ESP8266')!;
    const sensorNames = ['MPU6050', 'DS18B20', 'LTR390', 'BH1750', 'KY-038', 'DHT11', 'KY-023', 'HC-SR04', 'KY-040'];
    const sensors = SENSORS.filter((spec) => sensorNames.includes(spec.name)).map((spec) => ({ name: spec.name, spec }));
    const actuators = ACTUATORS.map((spec) => ({ name: spec.name, spec }));
    assert.equal(
      minimumHeap(esp8266, sensors, actuators) - minimumHeap(esp8266, sensors),
      ACTUATORS.reduce((sum, spec) => sum + spec.driverMemoryBytes, 0) + ACTUATOR_PACKAGE_BYTES,
      'each actuator driver, and the actuator package once',
    );
    const entry = { id: 'tiny', model: 'ESP8266', place: 'garage', sensors: sensorNames };
    assert.equal(parseFleet({ name: 'x', world: { scenario, seed: 1 }, mcus: [entry] }).mcus.length, 1, 'precondition: the sensors alone fit');
    assert.throws(
      () => parseFleet({ name: 'x', world: { scenario, seed: 1 }, mcus: [{ ...entry, actuators: ACTUATORS.map((spec) => spec.name) }] }),
      /mcus\[0\] \(tiny\)\.sensors: firmware, drivers and one command need \d+ bytes, more than the 38912-byte heap .*attach fewer sensors or actuators/,
    );
  });

  test('invalid JSON names the file', async (t) => {
    const file = await tempFleet(t, '{ "name": ');
    await assert.rejects(loadFleet(file), (err: unknown) => err instanceof FleetFileError && err.message.includes(file) && /not valid JSON/.test(err.message));
  });

  test('names are canonicalised: models, places and sensor aliases', () => {
    const fleet = parseFleet({
      name: 'x',
      world: { scenario, seed: 1, time: '2025-06-01T12:00:00Z' },
      mcus: [{ id: 'p', model: 'pico w', place: 'Kitchen', sensors: ['hc_sr04', 'DS18X20'], network: { profile: 'wifi', lossRate: 0.1 } }],
    });
    const mcu = fleet.mcus[0]!;
    assert.equal(mcu.profile.model, 'RP2040');
    assert.equal(mcu.place, 'kitchen');
    assert.deepEqual(
      mcu.sensors.map((s) => s.name),
      ['HC-SR04', 'DS18B20'],
    );
    assert.deepEqual(mcu.network, { profile: 'wifi', faults: { lossRate: 0.1 } });
    assert.equal(fleet.world.timeMs, Date.UTC(2025, 5, 1, 12));
  });
});

describe('startFleet', () => {
  test('brings all six boards of the default fleet online, each answering for itself', async (t) => {
    const server = await lineServer(t);
    const fleet = await startFleet({ fleet: DEFAULT_FLEET_PATH, datapool: { host: '127.0.0.1', port: server.port }, heartbeatMs: 1000 });
    t.after(() => fleet.stop());
    await fleet.whenOnline(3000);
    assert.equal(fleet.mcus.length, 6);
    assert.ok(fleet.mcus.every((m) => m.online));
    for (const mcu of fleet.mcus) {
      const announce = await server.waitFor((m) => m.mcu === mcu.id);
      assert.equal(announce.model, mcu.model);
      assert.equal(announce.place, mcu.place);
      assert.equal(announce.memory_model, 'modeled');
    }
    const garden = server.boards.get('esp32c3-garden')!;
    garden.write(`${JSON.stringify({ sensor: 'DS18B20', id: 'probe' })}\n`);
    const reply = await server.waitFor((m) => m.id === 'probe');
    assert.equal(reply.sensor, 'DS18B20');
    assert.equal(reply.error, undefined);

    await fleet.stop();
    assert.ok(fleet.mcus.every((m) => !m.online));
  });

  test('the boards of the default fleet announce their actuators and answer an actuator command at once', async (t) => {
    const server = await lineServer(t);
    const fleet = await startFleet({ fleet: DEFAULT_FLEET_PATH, datapool: { host: '127.0.0.1', port: server.port }, heartbeatMs: 1000 });
    t.after(() => fleet.stop());
    await fleet.whenOnline(3000);
    const kitchen = await server.waitFor((m) => m.mcu === 'esp32s3-kitchen');
    assert.deepEqual(kitchen.available_actuators, ['MAIN-VALVE', 'BUZZER']);
    const workshop = await server.waitFor((m) => m.mcu === 'rp2040-workshop');
    assert.ok(!('available_actuators' in workshop), 'a board without actuators announces as the original');
    assert.deepEqual(fleet.mcu('esp32c6-bedroom')?.actuators, ['RELAY-FAN']);
    server.boards.get('esp32c6-bedroom')!.write(`${JSON.stringify({ actuator: 'fan', command: 'on', id: 'switch' })}\n`);
    const reply = await server.waitFor((m) => m.id === 'switch');
    assert.deepEqual([reply.actuator, reply.on, reply.error], ['RELAY-FAN', 1, undefined]);
  });

  test('whenOnline rejects naming the boards that could not connect', async (t) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const fleet = await startFleet({
      fleet: parseFleet({ name: 'lonely', world: { scenario, seed: 3 }, mcus: [{ id: 'nobody-home', model: 'ESP32', place: 'kitchen', sensors: ['DHT11'] }] }),
      datapool: { host: '127.0.0.1', port },
      reconnect: { baseMs: 20, capMs: 50 },
    });
    t.after(() => fleet.stop());
    await assert.rejects(fleet.whenOnline(150), /not online after 150 ms: nobody-home/);
  });
});
