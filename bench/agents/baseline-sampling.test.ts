import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSampling } from './baseline-sampling.js';

describe('how the baseline reads a sampling request', () => {
  test('sampling phrases become duration, interval and real_time', () => {
    const cases: [string, ReturnType<typeof parseSampling>][] = [
      ['log it for 10 seconds every 2 seconds', { realTime: false, duration: 10, interval: 2 }],
      ['every half second for 3 s', { realTime: false, duration: 3, interval: 0.5 }],
      ['twice a second for 3 secs', { realTime: false, duration: 3, interval: 0.5 }],
      ['4x a second for 5 sec', { realTime: false, duration: 5, interval: 0.25 }],
      ['watch it live for 6 seconds', { realTime: true, duration: 6 }],
      ['stream it for 5 s at 0.5 s intervals', { realTime: true, duration: 5, interval: 0.5 }],
      ['a 6-second live watch', { realTime: true, duration: 6 }],
      ['sample it over the next minute', { realTime: false, duration: 60 }],
      ['take two raw readings two seconds apart', { realTime: false, duration: 4, interval: 2 }],
      ['keep an eye on it for a few seconds', { realTime: true, duration: 5 }],
      ['what is the temperature', null],
      ['is the alarm of the lm35s on', null],
      ['with nobody there to watch it', null],
    ];
    for (const [text, expected] of cases) assert.deepEqual(parseSampling(text), expected, text);
  });
});
