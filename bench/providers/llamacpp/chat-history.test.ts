import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toChatHistory } from './chat-history.js';

test('a fresh conversation ends with an empty model item for LlamaChat to fill', () => {
  assert.deepEqual(
    toChatHistory([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]),
    [
      { type: 'system', text: 'Be brief.' },
      { type: 'user', text: 'Hi' },
      { type: 'model', response: [] },
    ],
  );
});

test('assistant steps merge into one model item, each call holding its own tool result', () => {
  const history = toChatHistory([
    { role: 'user', content: 'Kitchen and garden temperatures?' },
    { role: 'assistant', content: 'Reading both.', toolCalls: [{ id: 'c1', name: 'read', arguments: '{"place":"kitchen"}' }] },
    { role: 'tool', toolCallId: 'c1', name: 'read', content: '{"temperature_c":21.5}', isError: false },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c2', name: 'read', arguments: '{"place":' }] },
    { role: 'tool', toolCallId: 'c2', name: 'read', content: 'bad arguments', isError: true },
  ]);
  assert.deepEqual(history, [
    { type: 'user', text: 'Kitchen and garden temperatures?' },
    {
      type: 'model',
      response: [
        'Reading both.',
        { type: 'functionCall', name: 'read', params: { place: 'kitchen' }, result: { temperature_c: 21.5 } },
        // Malformed arguments stay as the model wrote them; an error result says it is one.
        { type: 'functionCall', name: 'read', params: '{"place":', result: 'Error: bad arguments' },
      ],
    },
  ]);
});

test('a new user message after an answer starts a new model item', () => {
  const history = toChatHistory([
    { role: 'user', content: 'a' },
    { role: 'assistant', content: 'b', toolCalls: [] },
    { role: 'user', content: 'c' },
  ]);
  assert.deepEqual(
    history.map((item) => item.type),
    ['user', 'model', 'user', 'model'],
  );
});

test('a tool result whose call is missing is still shown, and a call without a result says so', () => {
  const history = toChatHistory([
    { role: 'user', content: 'a' },
    { role: 'tool', toolCallId: 'gone', name: 'read', content: '42', isError: false },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c9', name: 'read', arguments: '{}' }] },
  ]);
  assert.deepEqual(history, [
    { type: 'user', text: 'a' },
    { type: 'user', text: 'Result of read: 42' },
    { type: 'model', response: [{ type: 'functionCall', name: 'read', params: {}, result: 'no result' }] },
  ]);
});
