import type { Readable } from 'node:stream';
import { type HostPort, httpUrl, tcpUrl } from '../core/net/host-port.js';

/**
 * How a datapool started by another program says where it listens: with `iotmcp-bench datapool --ready-json`,
 * once both listeners are bound, stdout carries this one JSON line and nothing else, and the start-up line
 * for people goes to stderr. Programs read this instead of parsing the line for people.
 *
 *   {"devices":{"host":"127.0.0.1","port":40123},"http":{"host":"127.0.0.1","port":40124},
 *    "devicesUrl":"tcp://127.0.0.1:40123","httpUrl":"http://127.0.0.1:40124"}
 *
 * `http` and `httpUrl` are null when the datapool has no HTTP API.
 */

export const READY_JSON_OPTION = '--ready-json';

export interface DatapoolReady {
  /** The device listener, the port boards dial. */
  devices: HostPort;
  /** The HTTP API, or null when there is none. */
  http: HostPort | null;
}

/** The line, newline included. */
export function readyLine(ready: DatapoolReady): string {
  const line = {
    devices: hostPort(ready.devices),
    http: ready.http === null ? null : hostPort(ready.http),
    devicesUrl: tcpUrl(ready.devices),
    httpUrl: ready.http === null ? null : httpUrl(ready.http),
  };
  return `${JSON.stringify(line)}\n`;
}

/** Reads the first line of `stream` as a ready line; null when the stream ends without one. */
export function readReady(stream: Readable): Promise<DatapoolReady | null> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      // Nothing more is expected; keep reading so the pipe never fills.
      stream.resume();
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end === -1) return;
      done();
      try {
        resolve(parseReadyLine(text.slice(0, end)));
      } catch (error) {
        reject(error);
      }
    };
    const onEnd = (): void => {
      done();
      resolve(null);
    };
    const onError = (error: Error): void => {
      done();
      reject(error);
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}

/** Throws naming what is wrong when `line` is not a ready line. */
export function parseReadyLine(line: string): DatapoolReady {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`the datapool's ready line is not JSON: ${line.slice(0, 200)}`);
  }
  const record = parsed as { devices?: unknown; http?: unknown } | null;
  const devices = asHostPort(record?.devices);
  const http = record?.http === null ? null : asHostPort(record?.http);
  if (devices === undefined || http === undefined) throw new Error(`the datapool's ready line lacks its addresses: ${line.slice(0, 200)}`);
  return { devices, http };
}

function hostPort(address: HostPort): HostPort {
  return { host: address.host, port: address.port };
}

function asHostPort(value: unknown): HostPort | undefined {
  const candidate = value as { host?: unknown; port?: unknown } | null | undefined;
  if (typeof candidate?.host !== 'string' || !Number.isInteger(candidate.port)) return undefined;
  return { host: candidate.host, port: candidate.port as number };
}
