import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { TINY_GGUF_NAME, tinyGgufBytes, writeTinyGguf } from './make-tiny-gguf.js';

/** Reads a GGUF string (u64 length + UTF-8 bytes) at `offset`. */
function readString(bytes: Buffer, offset: number): { value: string; next: number } {
  const length = Number(bytes.readBigUInt64LE(offset));
  return { value: bytes.toString('utf8', offset + 8, offset + 8 + length), next: offset + 8 + length };
}

test('the tiny model is a GGUF v3 file whose first keys name a llama architecture and the model', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'iotmcp-gguf-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'nested', 'tiny.gguf');
  await writeTinyGguf(file);
  const bytes = await readFile(file);

  assert.equal(bytes.toString('latin1', 0, 4), 'GGUF');
  assert.equal(bytes.readUInt32LE(4), 3);
  assert.equal(bytes.readBigUInt64LE(8), 21n, 'tensors: embeddings, output norm, output, 9 per block x 2 blocks');
  assert.equal(bytes.readBigUInt64LE(16), 21n, 'metadata keys');
  const key = readString(bytes, 24);
  assert.equal(key.value, 'general.architecture');
  assert.equal(bytes.readUInt32LE(key.next), 8, 'a string value');
  assert.equal(readString(bytes, key.next + 4).value, 'llama');
  assert.ok(bytes.includes(Buffer.from(TINY_GGUF_NAME)), 'general.name is in the file');
  assert.equal(bytes.length % 32, 0, 'the data section ends aligned');
  assert.ok(bytes.length < 256 * 1024, `small: ${bytes.length} bytes`);
});

test('the bytes are the same on every run', () => {
  assert.ok(tinyGgufBytes().equals(tinyGgufBytes()));
});
