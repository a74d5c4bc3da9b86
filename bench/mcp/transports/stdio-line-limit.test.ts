import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { IdScanner, type Line, LineLimitedStdioTransport, LineReader } from './stdio.js';

function idOf(json: string, pieceBytes = Infinity): unknown {
  const scanner = new IdScanner();
  const bytes = Buffer.from(json, 'utf8');
  const step = Math.min(pieceBytes, bytes.length) || 1;
  for (let at = 0; at < bytes.length; at += step) scanner.feed(bytes, at, Math.min(at + step, bytes.length));
  return scanner.id;
}

test('the id of an oversized line is found wherever it sits at the top level, even fed a byte at a time', () => {
  const cases: [string, unknown][] = [
    ['{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"a":"xxx"}}', 7],
    ['{"method":"tools/call","params":{"arguments":{"place":"xxx"}},"jsonrpc":"2.0","id":12}', 12],
    ['{ "id" : "req-\\"9\\"" , "method": "x"}', 'req-"9"'],
    ['{"params":{"id":1,"list":[{"id":2}],"s":"\\"id\\":3"},"id":-4.5e1}', -45],
    ['{"id":1,"id":2}', 2],
    ['{"params":{"text":"}{][,:\\\\"},"id":"\u00e9t\u00e9"}', '\u00e9t\u00e9'],
    ['{"method":"notifications/progress","params":{}}', null],
    ['{"id":null,"method":"x"}', null],
    ['{"id":{"nested":1},"method":"x"}', null],
    ['{"id":true}', null],
    ['{"idx":5,"xid":6,"i":7}', null],
    ['[{"jsonrpc":"2.0","id":1,"method":"ping"}]', null],
    ['not json at all, "id": 5', null],
    [`{"id":"${'z'.repeat(300)}"}`, null],
  ];
  for (const [json, id] of cases) {
    assert.deepEqual(idOf(json), id, json);
    assert.deepEqual(idOf(json, 1), id, `${json}, a byte at a time`);
    assert.deepEqual(idOf(json, 3), id, `${json}, 3 bytes at a time`);
  }
});

function collect(reader: LineReader, chunks: (string | Buffer)[]): Line[] {
  const lines: Line[] = [];
  for (const chunk of chunks) reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, (line) => lines.push(line));
  return lines;
}

test('lines are split across and within chunks; one at the limit is kept, one byte over is skipped with its id', () => {
  const reader = new LineReader(16);
  assert.deepEqual(collect(reader, ['{"a"', ':1}\r\n{"b":2}\n', '\n{"id":5,"x":"12"}\n', '{"id":5,"x":"1"}\n']), [
    { text: '{"a":1}' },
    { text: '{"b":2}' },
    { text: '' },
    { skippedBytes: 17, id: 5 },
    { text: '{"id":5,"x":"1"}' },
  ]);
  assert.equal(reader.bufferedBytes, 0);
});

test('a 64 MiB line never holds more than the limit, and the line after it comes through', () => {
  const limit = 1024 * 1024;
  const reader = new LineReader(limit);
  const lines: Line[] = [];
  const onLine = (line: Line): void => void lines.push(line);
  reader.push(Buffer.from('{"jsonrpc":"2.0","method":"tools/call","params":{"text":"'), onLine);
  const filler = Buffer.alloc(64 * 1024, 'x');
  let held = 0;
  for (let i = 0; i < 1024; i++) {
    reader.push(filler, onLine);
    held = Math.max(held, reader.bufferedBytes);
  }
  reader.push(Buffer.from('"},"id":"last"}\n{"jsonrpc":"2.0","id":2,"method":"ping"}\n'), onLine);
  assert.ok(held <= limit, `held ${held} bytes`);
  assert.equal(reader.bufferedBytes, 0);
  assert.equal(lines.length, 2);
  assert.equal(lines[0]!.id, 'last');
  assert.ok(lines[0]!.skippedBytes! > 64 * 1024 * 1024);
  assert.deepEqual(lines[1], { text: '{"jsonrpc":"2.0","id":2,"method":"ping"}' });
});

test('the transport answers an oversized line with a JSON-RPC error and hands on the next message', async () => {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const logged: string[] = [];
  const transport = new LineLimitedStdioTransport(stdin, stdout, { maxLineBytes: 1000, log: (line) => logged.push(line) });
  const received: JSONRPCMessage[] = [];
  const errors: Error[] = [];
  transport.onmessage = (message) => received.push(message);
  transport.onerror = (error) => errors.push(error);
  let written = '';
  stdout.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  await transport.start();

  const oversized = `{"jsonrpc":"2.0","method":"tools/call","params":{"t":"${'y'.repeat(5000)}"},"id":41}`;
  stdin.write(`${oversized}\n`);
  stdin.write('{"jsonrpc":"2.0","id":42,"method":"ping"}\n');
  stdin.write('{"jsonrpc": oops}\n');
  await new Promise((resolve) => setImmediate(resolve));

  assert.deepEqual(JSON.parse(written), {
    jsonrpc: '2.0',
    id: 41,
    error: {
      code: -32600,
      message: `invalid request: the message is ${oversized.length} bytes, over the 1000-byte limit of a stdio message line; it was discarded`,
    },
  });
  assert.deepEqual(received, [{ jsonrpc: '2.0', id: 42, method: 'ping' }]);
  assert.equal(errors.length, 1, 'a line that is not JSON is reported as the SDK transport reports it');
  assert.ok(logged.join('\n').includes(`skipped a message line of ${oversized.length} bytes (limit 1000); answered id 41`), logged.join('\n'));
  await transport.close();
});
