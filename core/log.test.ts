import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTable } from '../cli/table.js';
import { type LogFields, printable, redactingLogger } from './log.js';

test('a board id with a newline or escape codes cannot forge a log line or drive the terminal', () => {
  const id = 'esp32\ndatapool info MCU "esp32-living-room" online\u001b[2J';
  const shown = printable(`MCU "${id}" online`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw control character may reach a log line
  assert.doesNotMatch(shown, /[\n\u001b]/);
  assert.match(shown, /esp32\\u000adatapool info .*\\u001b\[2J/);
  const table = renderTable(['mcu'], [[id]]);
  assert.equal(table.split('\n').length, 3, 'a header, one row and the final newline');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw escape character may reach a table
  assert.doesNotMatch(table, /\u001b/);
  assert.equal(printable('line one\nline two\u0007', { keepNewlines: true }), 'line one\nline two\\u0007');
});

test('the redacting logger takes a secret out of messages and fields alike', () => {
  const lines: [string, LogFields | undefined][] = [];
  const log = redactingLogger((_level, message, fields) => lines.push([message, fields]), ['s3cret-token']);
  log('warn', 'malformed JSON line dropped: "s3cret-token {}"', { line: 's3cret-token' });
  assert.deepEqual(lines, [['malformed JSON line dropped: "[redacted] {}"', { line: '[redacted]' }]]);
});
