import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The HTTP plumbing every server and client of the project shares: a body read with a byte cap, and a JSON
 * answer. A cap is what keeps a client from growing a service's memory by sending (or answering) without end.
 */

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * A request's or response's body as UTF-8 text, keeping at most `limit` bytes. Past the cap it answers at once
 * and drains the rest unread, so the caller can still send its refusal before the connection closes.
 */
export function readBody(message: IncomingMessage, limit = Number.POSITIVE_INFINITY): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      resolve(result);
    };
    message.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ ok: false, reason: 'too-large' });
        message.resume();
        return;
      }
      chunks.push(chunk);
    });
    message.on('end', () => finish({ ok: true, text: Buffer.concat(chunks, size).toString('utf8') }));
    message.on('error', () => finish({ ok: false, reason: 'aborted' }));
    message.on('close', () => finish({ ok: false, reason: 'aborted' }));
  });
}

/** Answers with a JSON body and its length; an answer already under way (or a gone client) is left alone. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
