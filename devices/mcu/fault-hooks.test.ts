import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { describe, test } from 'node:test';
import { McuLink } from './link.js';

/** A server that keeps every byte of its one connection. */
async function byteServer(t: { after: (fn: () => Promise<void> | void) => void }) {
  const received: Buffer[] = [];
  let onData: (() => void) | undefined;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      onData?.();
    });
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const port = (server.address() as net.AddressInfo).port;
  /** Resolves once the bytes received so far contain `text`. */
  const until = (text: string): Promise<Buffer> =>
    new Promise((resolve) => {
      const check = (): void => {
        const all = Buffer.concat(received);
        if (all.includes(text)) {
          onData = undefined;
          resolve(all);
        }
      };
      onData = check;
      check();
    });
  return { port, until };
}

function link(port: number): McuLink {
  return new McuLink({
    host: '127.0.0.1',
    port,
    announce: () => ({ available_sensors: ['DHT11'], mcu: 'fault-board' }),
    onLine: () => {},
    outputQueueDepth: 16,
    heartbeatMs: 60_000,
  });
}

describe('fault hooks of an emulated board', () => {
  test('injectRaw sends the bytes verbatim, invalid UTF-8 included, and refuses while offline', async (t) => {
    const server = await byteServer(t);
    const board = link(server.port);
    t.after(() => board.stop());
    assert.equal(board.injectRaw('{"never": "sent"}\n'), false, 'not connected yet');
    board.start();
    await once(board, 'online');
    const garbage = Buffer.from([0x7b, 0xff, 0xfe, 0x0a]);
    assert.equal(board.injectRaw(Buffer.concat([Buffer.from('{"broken": \n'), garbage, Buffer.from('END\n')])), true);
    const all = await server.until('END\n');
    assert.ok(all.includes(garbage), 'the invalid UTF-8 bytes arrive as they were');
    assert.ok(all.includes('{"broken": \n'));
    assert.ok(!all.includes('never'));
  });

  test('setFaults delays replies from then on, and undefined restores the undelayed link', async (t) => {
    const server = await byteServer(t);
    const board = link(server.port);
    t.after(() => board.stop());
    board.start();
    await once(board, 'online');

    board.setFaults({ extraDelayMs: 150 });
    const sentAt = performance.now();
    board.send({ id: 'slow', temperature: 20 });
    assert.equal(board.queued, 1, 'the reply waits in the modelled network');
    await server.until('"slow"');
    assert.ok(performance.now() - sentAt >= 140, 'it arrived after the spike delay');

    board.setFaults(undefined);
    board.send({ id: 'fast', temperature: 21 });
    assert.equal(board.queued, 0, 'with the spike over, a reply leaves at once');
    await server.until('"fast"');
  });
});
