import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ProviderError } from '../provider.js';
import { defaultInstallRoot, installDir, loadNodeLlamaCpp, NODE_LLAMA_CPP_VERSION, prebuiltBinaryFor } from './install.js';

test('the install folder is IOTMCP_LLAMACPP_DIR, else the cache folder, one per node-llama-cpp version', () => {
  assert.equal(defaultInstallRoot({ IOTMCP_LLAMACPP_DIR: '/opt/llama' }), path.resolve('/opt/llama'));
  assert.equal(defaultInstallRoot({ XDG_CACHE_HOME: '/var/cache/me' }), path.join('/var/cache/me', 'iotmcp-bench', 'llamacpp'));
  assert.match(defaultInstallRoot({}), /\.cache[\\/]iotmcp-bench[\\/]llamacpp$/);
  assert.equal(installDir('/x'), path.join('/x', `node-llama-cpp-${NODE_LLAMA_CPP_VERSION}`));
});

test('each platform gets its CPU binary package; Apple silicon gets Metal; others get none', () => {
  assert.deepEqual(prebuiltBinaryFor('linux', 'x64'), { packageName: '@node-llama-cpp/linux-x64', gpu: false });
  assert.deepEqual(prebuiltBinaryFor('darwin', 'arm64'), { packageName: '@node-llama-cpp/mac-arm64-metal', gpu: 'metal' });
  assert.equal(prebuiltBinaryFor('win32', 'x64')?.packageName, '@node-llama-cpp/win-x64');
  assert.equal(prebuiltBinaryFor('freebsd', 'x64'), null);
});

test('when npm cannot install, the error says what to run by hand and no half-installed folder is left', async (t) => {
  // A registry on loopback that has nothing: npm fails at once with a 404.
  const registry = createServer((_request, response) => {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  const root = await mkdtemp(path.join(tmpdir(), 'iotmcp-llamacpp-install-'));
  const saved = { registry: process.env.npm_config_registry, retries: process.env.npm_config_fetch_retries };
  t.after(async () => {
    restoreEnv('npm_config_registry', saved.registry);
    restoreEnv('npm_config_fetch_retries', saved.retries);
    registry.close();
    await rm(root, { recursive: true, force: true });
  });
  process.env.npm_config_registry = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
  process.env.npm_config_fetch_retries = '0';

  const announced: string[] = [];
  await assert.rejects(loadNodeLlamaCpp({ installRoot: root, log: (line) => announced.push(line) }), (error: unknown) => {
    assert.ok(error instanceof ProviderError);
    assert.equal(error.kind, 'bad-request');
    assert.match(error.message, /installing node-llama-cpp failed: npm exited with code \d+/);
    assert.ok(error.message.includes(`npm install --prefix "${installDir(root)}"`), error.message);
    assert.ok(error.message.includes(`node-llama-cpp@${NODE_LLAMA_CPP_VERSION}`));
    return true;
  });
  assert.equal(announced.length, 1);
  assert.match(announced[0] ?? '', /installing node-llama-cpp@.* into .*: the llamacpp provider needs them/);
  assert.deepEqual(await readdir(root), []);
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
