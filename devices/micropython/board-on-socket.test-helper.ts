/**
 * Test support for the MicroPython firmware's wire tests: a DHT11 board's options, and a board dialing a
 * stand-in datapool (a plain TCP server) so that the test holds the other end of the socket itself.
 */
import { once } from 'node:events';
import net from 'node:net';
import type { TestContext } from 'node:test';
import { findSensor } from '../../core/sensors/catalogue.js';
import { SCENARIOS } from '../../core/world/world.js';
import { ESP32_S3 } from '../mcu/profiles.js';
import { createWorldSource } from '../mcu/world-source.js';
import { MicroPythonMcu, type MicroPythonMcuOptions } from './micropython-mcu.js';

/** An ESP32-S3 in the lab with one DHT11, dialing a datapool on `port` of this host; `extra` overrides any of it. */
export function dht11BoardOptions(id: string, port: number, extra: Partial<MicroPythonMcuOptions> = {}): MicroPythonMcuOptions {
  const spec = findSensor('DHT11')!;
  return {
    id,
    profile: ESP32_S3,
    place: 'lab',
    sensors: [{ name: 'DHT11', spec }],
    worlds: createWorldSource({ scenario: SCENARIOS[0]!.name, seed: 3 }),
    datapool: { host: '127.0.0.1', port },
    ...extra,
  };
}

/**
 * A started DHT11 board on a socket this test serves, and the server end of its first connection (reading
 * text); the board, server and socket are closed after the test. The socket is paused until a 'data' listener
 * is attached, so nothing the board sends first is lost.
 */
export async function boardOnSocket(
  t: TestContext,
  id: string,
  extra: Partial<MicroPythonMcuOptions> = {},
): Promise<{ board: MicroPythonMcu; socket: net.Socket }> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const board = new MicroPythonMcu(dht11BoardOptions(id, port, extra));
  t.after(async () => {
    await board.stop();
    server.close();
  });
  const accepted = once(server, 'connection') as Promise<[net.Socket]>;
  board.start();
  const [socket] = await accepted;
  t.after(() => socket.destroy());
  socket.setEncoding('utf8');
  return { board, socket };
}
