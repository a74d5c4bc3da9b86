import type { SensorBank } from '../bank.js';
import {
  aFewSeconds,
  all,
  any,
  count,
  eq,
  first,
  fraction,
  ge,
  gt,
  last,
  max,
  mean,
  mul,
  ne,
  not,
  quantity,
  realTime,
  say,
  sensor,
  series,
  which,
  yesNo,
} from '../bank.js';

/**
 * KY-010: the slotted photo interrupter (light barrier) in the kitchen. Its beam is clear unless someone
 * passes: in `someone-moving` the person breaks it for one second on the way into the kitchen (seconds 1-2
 * of the visit) and again on the way out (seconds 27-28). `raw` is 1 while blocked, 0 when clear.
 */

const kitchen = { place: 'kitchen' } as const;
const blockedNow = { cmp: 'eq', value: true } as const;
const pinHigh = { cmp: 'eq', value: 1 } as const;
const pinLow = { cmp: 'eq', value: 0 } as const;
/** For questions asking whether the beam is CLEAR: the true side of not(blocked). */
const clearVerdict = { yes: ['clear', 'unblocked', 'unobstructed', 'open', 'free'], no: ['blocked', 'interrupted', 'broken', 'obstructed'] };
const wentHigh = { yes: ['high', 'went high', 'blocked', 'interrupted'], no: ['low', 'stayed low', 'clear'] };

const bank: SensorBank = {
  sensor: 'KY-010',
  entries: [
    {
      key: 'kitchen-beam-blocked',
      tool: 'is_blocked',
      world: { scenario: 'normal-day', at: '10:00', seed: 1 },
      main: sensor('KY-010', 'blocked', kitchen),
      prompt: 'Is the beam of the KY-010 light barrier in the kitchen blocked right now?',
      answer: [yesNo(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'The kids keep jamming bits of cereal box into the slot of the light-barrier sensor in the kitchen. Have they done it again?',
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'is the kichen photo interupter beam blokced?' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'kitchen light gate - anything in the way atm?' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Quick one before my coffee kicks in: there's a little slotted photo interrupter, a KY-010, stuck to the kitchen worktop as part of a project that counts how often the bread bin gets opened. Last night it started acting weird, so before I go poking at the code, can you tell me whether its beam is currently blocked or clear?",
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Check the kitchen photo interrupter every half second for 3 seconds. How many times did it report the beam as blocked?',
          // Seed 8: someone comes into the kitchen at 18:01:04.6 and breaks the beam from 18:01:05.6 to 18:01:06.6.
          world: { scenario: 'someone-moving', at: '18:01:05', seed: 8 },
          sampling: series(0.5, 3),
          answer: [say(count('main', blockedNow))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: 'Is the kitchen light barrier blocked? If it is, give me the raw pin level as well.',
          // Seed 2: someone walking in breaks the beam from 18:00:56.7 to 18:00:57.7.
          world: { scenario: 'someone-moving', at: '18:00:57', seed: 2 },
          with: { pin: sensor('KY-010', 'raw', { ...kitchen, when: last('main') }) },
          answer: [yesNo(last('main')), say(last('pin'), { when: last('main') })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Sample the kitchen light barrier every 0.5 s for 4 seconds. Was it blocked in more than a quarter of the samples?',
          sampling: series(0.5, 4),
          answer: [
            yesNo(gt(fraction('main', blockedNow), 0.25), {
              yes: ['more than a quarter', 'over a quarter'],
              no: ['a quarter or less', 'less than a quarter', 'under a quarter'],
            }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Is anyone in the kitchen, and is the light barrier in there blocked?',
          // Seed 2 at 18:01:10: the person is in the kitchen, well past the beam.
          world: { scenario: 'someone-moving', at: '18:01:10', seed: 2 },
          with: { pir: sensor('HC-SR501', 'motion', kitchen) },
          answer: [yesNo(last('pir')), yesNo(last('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Two quick ones: is the kitchen light barrier clear, and is anyone moving around in the living room?',
          with: { lounge: quantity('motion', 'living-room') },
          answer: [yesNo(not(last('main')), clearVerdict), yesNo(last('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Quick kitchen check: is the light barrier clear, and is the floor under the sink dry? There is a water probe down there.',
          world: { scenario: 'leak', at: '08:00', seed: 1 },
          with: { leak: sensor('WATER', 'wet', kitchen) },
          answer: [
            yesNo(not(last('main')), clearVerdict),
            yesNo(not(last('leak')), { yes: ['dry'], no: ['wet', 'water', 'leak', 'leaking', 'flooded', 'flooding'] }),
          ],
        },
      ],
    },
    {
      key: 'kitchen-beam-pin',
      tool: 'read_state',
      // Seed 2: someone walking in breaks the beam from 18:00:56.7 to 18:00:57.7, so the pin reads 1.
      world: { scenario: 'someone-moving', at: '18:00:57', seed: 2 },
      main: sensor('KY-010', 'raw', kitchen),
      prompt: "What's the raw pin level on the KY-010 photo interrupter in the kitchen, 0 or 1?",
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'whats the pin state on the KY010 in the kitchn? 0 or 1' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm debugging a breadboard circuit with a KY-010 module sitting in the kitchen, and the interrupt handler in my code seems to fire at random. Before I blame the software I'd like to see the hardware side of things: is the module's digital output reading 0 or 1 at this moment?",
        },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'kitchen interrupter pin - high or low?',
          answer: [yesNo(eq(last('main'), 1), { yes: ['high'], no: ['low'] })],
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "The LED on the kitchen light-barrier module looks stuck on to me, but I don't trust my eyes. Is its pin actually high or low?",
          answer: [yesNo(eq(last('main'), 1), { yes: ['high'], no: ['low'] })],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "Read the pin of the KY-010 in the kitchen. If it's 1, tell me the beam is interrupted; if it's 0, tell me it's clear.",
          answer: [say(last('main')), yesNo(eq(last('main'), 1), { yes: ['interrupted', 'blocked', 'broken'], no: ['clear', 'unblocked', 'open'] })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Sample the KY-010 pin in the kitchen every 0.25 s for 3 s. How many of the samples read 1?',
          sampling: series(0.25, 3),
          answer: [say(count('main', pinHigh))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: "Read the kitchen photo interrupter's pin every 2 seconds for 4 seconds. Give me both values: did the level change?",
          sampling: series(2, 4),
          answer: [
            say(first('main')),
            say(last('main')),
            yesNo(ne(first('main'), last('main')), { yes: ['changed', 'different', 'flipped', 'toggled'], no: ['same', 'unchanged', 'steady', 'stable'] }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Give me the KY-010 pin level in the kitchen and tell me whether the kitchen PIR sees anyone.',
          with: { pir: sensor('HC-SR501', 'motion', kitchen) },
          answer: [say(last('main')), yesNo(last('pir'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: "What's the pin level of the kitchen light-barrier sensor, and is the living room PIR triggered?",
          with: { lounge: quantity('motion', 'living-room') },
          answer: [say(last('main')), yesNo(last('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "I'm checking the raw signals on the kitchen board: what are the KY-010's pin level and the LM35's raw ADC count?",
          with: { lm35: sensor('LM35', 'raw', kitchen) },
          answer: [say(last('main')), say(last('lm35'))],
        },
      ],
    },
    {
      key: 'kitchen-beam-all',
      tool: 'read_all',
      world: { scenario: 'quiet-night', at: '03:00', seed: 2 },
      main: sensor('KY-010', ['raw', 'blocked'], kitchen),
      prompt: 'Do a read_all on the kitchen KY-010 photo interrupter. I want the pin level and whether the beam is blocked.',
      answer: [say(last('main.raw')), yesNo(last('main.blocked'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Is the light-barrier sensor in the kitchen ready to use, with nothing stuck in its slot?',
          answer: [yesNo(not(last('main.blocked')), { yes: ['ready', 'clear', 'free', 'empty'], no: ['stuck', 'blocked', 'jammed', 'obstructed'] })],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'read evrything from the KY-01O in the kichen - pin levle and blocked or not' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "It's three in the morning, I can't sleep, and I'm lying here wondering whether the cat has set off my kitchen gadget again. There's a KY-010 slot sensor on the counter. Can you pull everything it reports, the raw level and the blocked flag, so I can decide whether it's worth getting up?",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: "gimme everything the kitchen light gate's reporting" },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            "Read everything from the kitchen KY-010. If the pin level and the blocked flag disagree (1 should mean blocked), warn me; otherwise tell me they're consistent.",
          answer: [
            yesNo(eq(eq(last('main.raw'), 1), last('main.blocked')), { yes: ['consistent', 'agree', 'match'], no: ['disagree', 'mismatch', 'inconsistent'] }),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'Full-read the kitchen photo interrupter every second for 5 seconds. How many samples had the beam blocked, and what was the average pin level?',
          sampling: series(1, 5),
          answer: [say(count('main.blocked', blockedNow)), say(mean('main.raw'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Read all from the kitchen KY-010 every 0.5 s for 4 s. Was the pin high in at least 2 samples? Tell me how many it was.',
          sampling: series(0.5, 4),
          answer: [
            yesNo(ge(count('main.raw', pinHigh), 2), { yes: ['at least 2', 'at least two', '2 or more', 'two or more'], no: ['fewer', 'less than', 'only'] }),
            say(count('main.raw', pinHigh)),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Heard a noise at 3 am. Is the kitchen light barrier blocked, what is its pin level, and does the living room PIR see anyone?',
          with: { lounge: quantity('motion', 'living-room') },
          answer: [yesNo(last('main.blocked')), say(last('main.raw')), yesNo(last('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Full read of both the KY-010 and the LM35 in the kitchen, please: the beam pin level, the blocked flag, and the temperature.',
          with: { lm35: sensor('LM35', 'celsius', kitchen) },
          answer: [say(last('main.raw')), yesNo(last('main.blocked')), say(last('lm35'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Night check: give me everything from the kitchen photo interrupter, and the sound level in the living room. I thought I heard the cat.',
          with: { noise: quantity('sound-level', 'living-room') },
          answer: [say(last('main.raw')), yesNo(last('main.blocked')), say(last('noise'))],
        },
      ],
    },
    {
      key: 'kitchen-beam-series',
      tool: 'is_blocked',
      // Seed 8: someone comes into the kitchen at 18:01:04.6 and breaks the beam from 18:01:05.6 to 18:01:06.6.
      world: { scenario: 'someone-moving', at: '18:01:04', seed: 8 },
      main: sensor('KY-010', 'blocked', { ...kitchen, sampling: series(0.25, 4) }),
      prompt: 'Poll is_blocked on the kitchen photo interrupter every 0.25 s for 4 seconds. Was the beam broken at any point, and in how many samples?',
      answer: [yesNo(any('main')), say(count('main', blockedNow))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "I think someone's about to walk into the kitchen, and the light gate in there should catch it. Keep watch for a few seconds?",
          sampling: aFewSeconds(),
          answer: [yesNo(any('main'))],
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'ping the kitchen beam sensor every quarter sec for 4s. did anything cut it, how many hits?' },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'pole the kitchen light barier every 0.25s for 4 sec - was the beem ever broken, and in how many sampels?',
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Is somebody about to come into the kitchen? Keep an eye on the light gate by the door for a few seconds, it should catch them.',
          sampling: aFewSeconds(),
          answer: [
            yesNo(any('main'), {
              yes: ['someone', 'somebody', 'came in', 'coming in', 'came through', 'walked in', 'entered', 'entry'],
              no: ['quiet', 'empty', 'clear'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'What percentage of samples show the kitchen KY-010 beam blocked if you poll it every 0.25 s for 4 s?',
          answer: [say(fraction('main', blockedNow))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Every quarter second for 4 seconds, check the kitchen light barrier. Was the beam in the same state at the end as at the start?',
          answer: [yesNo(eq(first('main'), last('main')), { yes: ['same', 'unchanged'], no: ['changed', 'different'] })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'With samples every 0.25 s over 4 s from the kitchen photo interrupter: was the beam blocked for at least half a second in total, and for how long?',
          answer: [
            yesNo(ge(count('main', blockedNow), 2), {
              yes: ['at least half a second', 'more than half a second', 'longer'],
              no: ['less than half a second', 'under half a second', 'shorter'],
            }),
            say(mul(count('main', blockedNow), 0.25), { tol: 0.25, says: 'time the beam was blocked, s', unit: 's', about: { quantity: 'duration' } }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Poll the kitchen light barrier and the kitchen PIR every quarter second for 4 seconds. Did the beam break, and did the PIR pick the person up too?',
          with: { pir: sensor('HC-SR501', 'motion', { ...kitchen, sampling: series(0.25, 4) }) },
          answer: [yesNo(any('main')), yesNo(any('pir'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Is anyone moving in the living room right now? Also poll the kitchen beam sensor every 0.25 s for 4 s and tell me whether it got broken.',
          with: { lounge: quantity('motion', 'living-room') },
          answer: [yesNo(any('main')), yesNo(last('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Someone's wandering round the house. Poll the kitchen light barrier every quarter second for 4 s and tell me if anybody broke the beam, and give me one reading from the garage ultrasonic sensor too.",
          with: { garage: sensor('HC-SR04', 'distance_cm', { place: 'garage' }) },
          answer: [yesNo(any('main')), say(last('garage'))],
        },
      ],
    },
    {
      key: 'kitchen-beam-live',
      tool: 'read_state',
      // Seed 6: the person leaves the kitchen and breaks the beam from 18:02:39.6 to 18:02:40.6.
      world: { scenario: 'someone-moving', at: '18:02:37', seed: 6 },
      main: sensor('KY-010', 'raw', { ...kitchen, sampling: realTime(5, 0.5) }),
      prompt: "Stream the KY-010's pin state in the kitchen live for 5 seconds, one sample every 0.5 s. Did it ever go high, and how many samples were high?",
      answer: [yesNo(gt(max('main'), 0), wentHigh), say(count('main', pinHigh))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Here's my problem. I wired the KY-010 in the kitchen to count people going in and out, but the counter only ever goes up by one when I'd expect two. I want to see the raw signal for myself: stream its pin state live for five seconds, sampling every half second, and tell me whether it went high and in how many of the samples.",
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'strem the kitchen KY-010 pin live for 5 sec at 0.5s - did it go hihg? how many times?' },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'watch the kitchen beam pin live for 5 secs, any blips?',
          sampling: realTime(5, { min: 0.2, max: 2 }),
          answer: [yesNo(gt(max('main'), 0), { yes: ['blip', 'blips', 'went high', 'high', 'spike'], no: ['flat', 'low', 'quiet'] })],
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Does my kitchen light barrier actually notice people walking out? Watch it live for a bit.',
          // Two seconds before the beam breaks, so even a short watch catches it.
          world: { scenario: 'someone-moving', at: '18:02:39', seed: 6 },
          sampling: realTime({ min: 2, max: 10 }, { min: 0.2, max: 2 }),
          answer: [yesNo(gt(max('main'), 0), { yes: ['notices', 'noticed', 'caught', 'detected', 'works', 'working'], no: ['missed', 'flat', 'quiet'] })],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "Stream the kitchen photo interrupter's pin for 5 s at 0.5 s. What percentage of the time was it high?",
          // The share of samples at 1: what "high 20 % of the time" states (a mean of 0s and 1s is the same number).
          answer: [say(fraction('main', { cmp: 'eq', value: 1 }))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'I need to know if the kitchen KY-010 pin stays high for more than 2 seconds in total. Watch it live for 5 s at 0.5 s steps and tell me roughly how long it was high.',
          answer: [
            yesNo(gt(count('main', pinHigh), 4), {
              yes: ['more than 2 seconds', 'longer than 2 seconds', 'over 2 seconds'],
              no: ['less than 2 seconds', 'under 2 seconds', 'shorter', 'briefly'],
            }),
            say(mul(count('main', pinHigh), 0.5), { tol: 0.5, says: 'time the pin was high, s', unit: 's', about: { quantity: 'duration' } }),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Over a 5 s live stream of the kitchen KY-010 pin (0.5 s steps), were there more high readings or more low ones? Give both counts.',
          answer: [
            which(
              'max',
              [
                { label: 'high', phrases: ['high', 'highs', 'ones'], value: count('main', pinHigh) },
                { label: 'low', phrases: ['low', 'lows', 'zeros', 'zeroes'], value: count('main', pinLow) },
              ],
              ['more', 'mostly', 'majority', 'most'],
            ),
            say(count('main', pinHigh)),
            say(count('main', pinLow)),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Side by side, live for 5 s with half-second samples: the kitchen KY-010 pin and the kitchen PIR. Did the beam pin go high, and did the PIR see someone the whole time?',
          with: { pir: sensor('HC-SR501', 'motion', { ...kitchen, sampling: realTime(5, 0.5) }) },
          answer: [
            yesNo(gt(max('main'), 0), wentHigh),
            yesNo(all('pir'), { yes: ['whole time', 'entire time', 'throughout', 'all along', 'every reading'], no: ['stopped', 'partly', 'gaps', 'dropped'] }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "I think they're heading for the living room. Stream the kitchen beam sensor's pin for 5 s at 0.5 s and tell me whether it went high, then whether the PIR in there has picked anyone up.",
          with: { lounge: quantity('motion', 'living-room') },
          answer: [yesNo(gt(max('main'), 0), wentHigh), yesNo(last('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Two things from the kitchen: a live 5 s stream of the photo interrupter pin (0.5 s steps) and the LM35 temperature. How many high samples, and how warm is it?',
          with: { lm35: sensor('LM35', 'celsius', kitchen) },
          answer: [say(count('main', pinHigh)), say(last('lm35'))],
        },
      ],
    },
  ],
};

export default bank;
