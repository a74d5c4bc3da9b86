import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { OpenToNetworkError } from '../core/security/off-loopback.js';
import { HttpDatapoolClient } from './http-client.js';
import { type DatapoolServer, startDatapoolServer } from './server.js';
import { DatapoolError } from './types.js';

const TOKEN = 'http-api-secret-7';

async function dataDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'http-token-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function serve(t: TestContext, host: string, token: string | undefined): Promise<DatapoolServer> {
  const server = await startDatapoolServer({
    dataDir: await dataDir(t),
    log: () => {},
    devices: { host: '127.0.0.1', port: 0 },
    http: { host, port: 0, ...(token !== undefined && { token }) },
  });
  t.after(() => server.close());
  return server;
}

test('with a token, every request needs it: 401 in the API error shape with a Bearer challenge, 200 with it', async (t) => {
  // Bound to every interface, reached on loopback: the token is what lets a caller in.
  const server = await serve(t, '0.0.0.0', TOKEN);
  assert.equal(server.httpAddress!.host, '0.0.0.0');
  const url = `http://127.0.0.1:${server.httpAddress!.port}`;

  for (const path of ['/health', '/mcus', '/commands/x', '/no-such-route']) {
    const res = await fetch(url + path);
    assert.equal(res.status, 401, path);
    assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="the datapool HTTP API"');
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'unauthorized');
    assert.match(body.error.message, /requires a token: send "Authorization: Bearer <token>".*--token or IOTMCP_TOKEN/);
  }
  const wrong = await fetch(`${url}/health`, { headers: { authorization: 'Bearer nope' } });
  assert.equal(wrong.status, 401);
  assert.match(wrong.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  assert.doesNotMatch(await wrong.text(), new RegExp(TOKEN));

  const posted = await fetch(`${url}/commands`, { method: 'POST', body: JSON.stringify({ sensor: 'DHT11' }) });
  assert.equal(posted.status, 401, 'a write without the token is refused before it is read');

  const right = await fetch(`${url}/health`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(right.status, 200);
});

test('the HTTP client sends its token; without it the error says what to do', async (t) => {
  const server = await serve(t, '127.0.0.1', TOKEN);
  const url = `http://127.0.0.1:${server.httpAddress!.port}`;
  const withToken = new HttpDatapoolClient(url, { token: TOKEN });
  const without = new HttpDatapoolClient(url);
  const wrong = new HttpDatapoolClient(url, { token: 'wrong' });
  t.after(() => {
    for (const client of [withToken, without, wrong]) client.close();
  });

  assert.deepEqual(await withToken.mcus(), []);
  assert.equal((await withToken.health()).mcusOnline, 0);
  await assert.rejects(
    without.mcus(),
    (error: Error) => error instanceof DatapoolError && /refused the request: .*requires a token.*IOTMCP_TOKEN/.test(error.message),
  );
  await assert.rejects(wrong.health(), /refused the token/);
  assert.throws(() => new HttpDatapoolClient(url, { token: 'two words' }), /visible ASCII/);
});

test('off loopback the HTTP API refuses to start without a token, naming the flag and the variable', async (t) => {
  await assert.rejects(
    serve(t, '0.0.0.0', undefined),
    (error: Error) =>
      error instanceof OpenToNetworkError &&
      /the datapool HTTP API on 0\.0\.0\.0:0/.test(error.message) &&
      /--token <secret>/.test(error.message) &&
      /IOTMCP_TOKEN/.test(error.message),
  );
});
