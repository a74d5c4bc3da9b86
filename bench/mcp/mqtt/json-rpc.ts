import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';

/** Decoding MQTT payloads into JSON-RPC messages: anything else is a value describing the problem, never a throw. */

export type Decoded = { ok: true; message: JSONRPCMessage } | { ok: false; error: string };

const MAX_QUOTED = 80;

export function decodeJsonRpc(payload: Buffer): Decoded {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch (error) {
    return { ok: false, error: `not JSON (${(error as Error).message}): ${quote(payload)}` };
  }
  const parsed = JSONRPCMessageSchema.safeParse(value);
  if (!parsed.success) return { ok: false, error: `not a JSON-RPC 2.0 message: ${quote(payload)}` };
  return { ok: true, message: parsed.data };
}

/** The method of a request or notification; undefined for responses. */
export function methodOf(message: JSONRPCMessage): string | undefined {
  return 'method' in message ? message.method : undefined;
}

/** A request's id; undefined for notifications and responses. */
export function requestIdOf(message: JSONRPCMessage): string | number | undefined {
  return 'method' in message && 'id' in message ? message.id : undefined;
}

function quote(payload: Buffer): string {
  const text = payload.toString('utf8');
  return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}...` : text);
}
