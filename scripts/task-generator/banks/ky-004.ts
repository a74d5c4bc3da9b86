import type { SensorBank } from '../bank.js';
import {
  aFewSeconds,
  any,
  count,
  eq,
  first,
  fraction,
  ge,
  gt,
  last,
  mean,
  mentions,
  min,
  ne,
  not,
  or,
  quantity,
  realTime,
  say,
  sensor,
  series,
  yesNo,
} from '../bank.js';

/**
 * KY-004 push button on the living-room board. Nobody touches it on a normal day; in `someone-moving`
 * the visitor presses it at seconds 8-9.5 of each 30 s visit to the living room. The times below were
 * picked with world-peek (seed 11: pressed 18:02:47.5-18:02:49.0; seed 1: 18:01:59.7-18:02:01.2;
 * seed 7: 18:00:24.1-18:00:25.6; seed 2: 18:02:33.6-18:02:35.1; seed 4: 18:02:36.1-18:02:37.6, nobody
 * in the living room before 18:02:28).
 */

const LIVING_ROOM = { place: 'living-room' } as const;

/** Whether the button was pressed in any sample of a series. */
const PRESSED_AT_SOME_POINT = { yes: ['pressed', 'pushed', 'held down', 'got a press'], no: ['released', 'idle', 'untouched'] };
/** Whether the raw pin went low in any sample. */
const WENT_LOW = {
  yes: ['dropped', 'went low', 'pulled low', 'dipped', 'pressed', 'press'],
  no: ['stayed high', 'high the whole time', 'stayed at 1', 'high', 'released'],
};
/** A live watch with no interval named: the server default (1 s) or any reasonable step (at most 20 samples). */
const LIVE_SIX_SECONDS = realTime(6, { min: 0.3, max: 2 });
const MOTION = { yes: ['motion', 'movement', 'someone', 'somebody', 'occupied', 'presence'], no: ['empty', 'still', 'unoccupied', 'no motion'] };

const bank: SensorBank = {
  sensor: 'KY-004',
  entries: [
    {
      key: 'button-pressed-now',
      tool: 'is_pressed',
      world: { scenario: 'someone-moving', at: '18:02:48', seed: 11 },
      main: sensor('KY-004', 'pressed', LIVING_ROOM),
      prompt: 'Is the push button in the living room being pressed right now?',
      answer: [yesNo(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "The kids rigged up a 'snack alarm' button in the living room and I could swear I just heard it click.",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'yo is somebody mashing the lounge button rn' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'is the buton in the livingroom beeing pressed rite now?' },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Does Dad need me? He holds the button in the living room down when his back is playing up.',
          answer: [yesNo(last('main'), { yes: ['pressed', 'held down', 'needs you', 'calling'], no: ['released', 'idle'] })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Over the next 4 seconds, checking twice a second, in how many checks is the living-room push button held down?',
          sampling: series(0.5, 4),
          answer: [say(count('main', { cmp: 'eq', value: true }), { tol: 0, says: 'samples with the button pressed' })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Read the living room button every 2 seconds for 4 seconds: did its state change between the first and the last reading?',
          sampling: series(2, 4),
          answer: [yesNo(ne(first('main'), last('main')), { yes: ['different', 'changed', 'flipped'], no: ['same', 'unchanged', 'identical'] })],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            "If the living-room button is pressed right now, read its raw pin level too so I can see it pulled to 0. If it isn't, just tell me it's released.",
          with: { raw: sensor('KY-004', 'raw', { ...LIVING_ROOM, when: last('main') }) },
          answer: [yesNo(last('main')), say(last('raw'), { when: last('main') })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Is the button in the living room pressed, and does the motion sensor in there pick anyone up?',
          with: { motion: quantity('motion', 'living-room') },
          answer: [yesNo(last('main')), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Grandpa presses the living room button when the telly's too loud for him. Is he pressing it now, and how loud is it in there?",
          with: { sound: quantity('sound-level', 'living-room') },
          answer: [yesNo(last('main')), say(last('sound'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "I think everyone's wandered off to the kitchen to make tea. Is anybody still pressing the button in the living room? And does the kitchen's motion sensor see someone?",
          world: { scenario: 'someone-moving', at: '18:03:15', seed: 11 },
          with: { kitchen: quantity('motion', 'kitchen') },
          answer: [yesNo(last('main')), yesNo(last('kitchen'), MOTION)],
        },
      ],
    },
    {
      key: 'button-pin-level',
      tool: 'read_state',
      world: { scenario: 'normal-day' },
      main: sensor('KY-004', 'raw', LIVING_ROOM),
      prompt: 'What raw pin level does the KY-004 button module in the living room read?',
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'raw pin levle of the KY004 buton in the livng room?' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "what's the KY-004 pin sitting at, 0 or 1? the living room one" },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "So I soldered a KY-004 button module onto the ESP32 in the living room last weekend and I'm honestly not sure I got the pull-up right, the pads on these little boards are tiny. Before I go digging for the multimeter, could you read the raw state of that button's pin and tell me what it says?",
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt:
            'My sketch on the living-room board acts like the KY-004 is held down all the time, even when nobody is anywhere near it. What am I doing wrong?',
          answer: [
            say(last('main')),
            mentions('points at the active-low wiring or the code reading it', [
              'active low',
              'active-low',
              'inverted',
              'invert',
              'pull-up',
              'pullup',
              'logic',
              'code',
              'wiring',
            ]),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: "Is the KY-004's raw pin in the living room pulled low to 0 at the moment? Tell me the value either way.",
          answer: [yesNo(eq(last('main'), 0), { yes: ['low', 'pulled low', 'grounded'], no: ['high', 'pulled up'] }), say(last('main'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "First the living-room KY-004's pin level; if it's 0, also check its pressed flag so I know the driver agrees.",
          with: { pressed: sensor('KY-004', 'pressed', { ...LIVING_ROOM, when: eq(last('main'), 0) }) },
          answer: [say(last('main')), yesNo(last('pressed'), { when: eq(last('main'), 0) })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Sample the raw pin of the KY-004 in the living room every half second for 5 seconds and tell me how many samples read 0.',
          world: { scenario: 'someone-moving', at: '18:00:22', seed: 7 },
          sampling: series(0.5, 5),
          answer: [say(count('main', { cmp: 'eq', value: 0 }), { tol: 0, says: 'samples with the pin low' })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "I'm going down the digital inputs on the living-room board. Give me the raw level of the KY-004 button and of the KY-040 encoder's CLK pin.",
          with: { clk: sensor('KY-040', 'clk', LIVING_ROOM) },
          answer: [say(last('main')), say(last('clk'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "The KY-004 and the KY-036 touch plate in the living room share a ground wire I don't trust. What raw values are the two of them giving?",
          with: { touch: sensor('KY-036', 'raw', LIVING_ROOM) },
          answer: [say(last('main')), say(last('touch'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Do the KY-004 button in the living room and the KY-010 light barrier in the kitchen idle at the same pin level? Give me both raw values.',
          with: { beam: sensor('KY-010', 'raw', { place: 'kitchen' }) },
          answer: [
            yesNo(eq(last('main'), last('beam')), { yes: ['same', 'match', 'equal'], no: ['different', 'differ', 'opposite'] }),
            say(last('main')),
            say(last('beam')),
          ],
        },
      ],
    },
    {
      key: 'button-presses-series',
      tool: 'is_pressed',
      world: { scenario: 'someone-moving', at: '18:01:57', seed: 1 },
      main: sensor('KY-004', 'pressed', { ...LIVING_ROOM, sampling: series(0.5, 5) }),
      prompt: 'Check the living-room push button every half second for 5 seconds and tell me whether it was pressed at any point.',
      answer: [yesNo(any('main'), PRESSED_AT_SOME_POINT)],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "The kids are doing a scavenger hunt and whoever finds a clue has to whack the button in the living room. I'm stuck out in the garden, so I'd like to know if it goes off over the next few seconds.",
          sampling: aFewSeconds(),
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'can u poll the lounge button like twice a sec for 5 secs n tell me if it got hit' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'chek the living rom buton evry half secnd for 5 sec, did anyone press it?' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I've wired a doorbell-style push button next to the sofa in the living room, and my partner swears it works, yet every time I look at the log it seems dead. They're about to try it again. Could you keep checking it twice a second for five seconds and let me know whether it registered a press at all?",
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'What percentage of the time is the living-room button pressed over the next 5 seconds? Sample it every 0.5 s.',
          answer: [
            say(fraction('main', { cmp: 'eq', value: true }), {
              convert: { from: 'fraction', to: '%' },
              tol: 1,
              says: 'share of samples with the button pressed',
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Poll the button in the living room every half second for 5 seconds. Was it down in at least 2 of the samples? Give me the count too.',
          answer: [
            yesNo(ge(count('main', { cmp: 'eq', value: true }), 2), {
              yes: ['at least two', 'two or more', 'more than one'],
              no: ['fewer than two', 'only one', 'none', 'zero'],
            }),
            say(count('main', { cmp: 'eq', value: true }), { tol: 0, says: 'samples with the button pressed' }),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'Keep an eye on the living-room button, checking every half second for 5 seconds. If it gets pressed, tell me in how many samples; if it never does, just say so.',
          answer: [
            yesNo(any('main'), PRESSED_AT_SOME_POINT),
            say(count('main', { cmp: 'eq', value: true }), { tol: 0, says: 'samples with the button pressed', when: any('main') }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Every half second for 5 seconds, read both the push button and the KY-036 touch plate in the living room. Did either of them get activated?',
          with: { touch: sensor('KY-036', 'touched', { ...LIVING_ROOM, sampling: series(0.5, 5) }) },
          answer: [yesNo(any('main'), PRESSED_AT_SOME_POINT), yesNo(any('touch'), { yes: ['touched', 'contact'], no: ['untouched', 'no contact'] })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Twice a second for 5 seconds, see whether anyone presses the living room button; when you are done, tell me if the PIR in there sees anyone.',
          with: { motion: quantity('motion', 'living-room') },
          answer: [yesNo(any('main'), PRESSED_AT_SOME_POINT), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Grandma presses the living-room button when she's cold. Watch it every half second for 5 s, and tell me how warm the bedroom is while you're at it.",
          with: { bedroom: quantity('air-temperature', 'bedroom') },
          answer: [yesNo(any('main'), PRESSED_AT_SOME_POINT), say(last('bedroom'))],
        },
      ],
    },
    {
      key: 'button-read-all',
      tool: 'read_all',
      world: { scenario: 'normal-day' },
      main: sensor('KY-004', ['raw', 'pressed'], LIVING_ROOM),
      prompt: "Read everything the KY-004 button in the living room reports: the raw pin level and whether it's pressed.",
      answer: [say(last('main.raw')), yesNo(last('main.pressed'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: "Before I flash new firmware onto the living-room board I'd rather not catch anyone mid-press on its button. Is the button free right now?",
          answer: [yesNo(not(last('main.pressed')), { yes: ['released', 'idle', 'untouched', 'free', 'go ahead'], no: ['pressed', 'held down', 'pushed'] })],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'reed all the values off the KY-04 buton in the living rm (raw + presed)' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'gimme the full dump from the living room button thingy, pin and pressed flag' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'Knocked the KY-004 module off the shelf in the living room while tidying... really hope it survived the fall.',
          answer: [yesNo(last('main.pressed'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            "Read the KY-004 in the living room. If it says pressed, give me the raw level so I can see it's really pulled low; otherwise just confirm it's released.",
          answer: [yesNo(last('main.pressed')), say(last('main.raw'), { when: last('main.pressed') })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: "On this module, pressed should mean the pin reads 0. Does the living-room KY-004's raw pin agree with its pressed flag?",
          answer: [
            yesNo(eq(last('main.pressed'), eq(last('main.raw'), 0)), {
              yes: ['agree', 'agrees', 'consistent', 'match', 'matches'],
              no: ['disagree', 'inconsistent', 'mismatch'],
            }),
            say(last('main.raw')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'Take a full reading of the living-room KY-004 every half second for 4 seconds. How many readings showed it pressed, and what was the lowest raw level?',
          world: { scenario: 'someone-moving', at: '18:02:32', seed: 2 },
          sampling: series(0.5, 4),
          answer: [say(count('main.pressed', { cmp: 'eq', value: true }), { tol: 0, says: 'readings with the button pressed' }), say(min('main.raw'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "For my test log: the KY-004 button's raw level and pressed state, plus temperature and humidity from the DHT11, all in the living room.",
          with: { dht: sensor('DHT11', ['temperature', 'humidity'], LIVING_ROOM) },
          answer: [say(last('main.raw')), yesNo(last('main.pressed')), say(last('dht.temperature')), say(last('dht.humidity'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Is either of them pressed, the KY-004 button or the joystick's push switch in the living room?",
          with: { joystick: sensor('KY-023', 'pressed', LIVING_ROOM) },
          answer: [
            yesNo(or(last('main.pressed'), last('joystick')), { yes: ['pressed', 'one of them', 'either'], no: ['neither', 'both released', 'released'] }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'My daughter is meant to press the living-room button if the baby in the bedroom wakes up. Read the button, pin level and pressed state, and tell me how noisy the bedroom is.',
          with: { bedroom: quantity('sound-level', 'bedroom') },
          answer: [say(last('main.raw')), yesNo(last('main.pressed')), say(last('bedroom'))],
        },
      ],
    },
    {
      key: 'button-watch-live',
      tool: 'read_state',
      world: { scenario: 'someone-moving', at: '18:02:20', seed: 4 },
      main: sensor('KY-004', 'raw', { ...LIVING_ROOM, sampling: LIVE_SIX_SECONDS }),
      prompt: 'Watch the raw pin level of the KY-004 button in the living room live for 6 seconds. Did it ever drop to 0?',
      answer: [yesNo(eq(min('main'), 0), WENT_LOW)],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "I'm about to test the KY-004 in the living room from across the room, and I can't see the serial monitor from over there. Can you be my eyes for a few seconds?",
          sampling: aFewSeconds(),
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: "Does the living-room button ever glitch low on its own when nobody's touching it?",
          sampling: aFewSeconds(),
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'watch the KY004 pin live for 6 secs n tell me if it ever goes to 0, its the one in the livingroom',
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Quick background: the KY-004 in the living room is supposed to wake the ESP32 from light sleep, but I keep finding the board awake in the morning with nothing in the log to explain it. I'd love to rule the button out first. Could you monitor its raw pin live for six seconds and tell me whether it dips to zero even once?",
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: "Stream the living-room KY-004's raw level live for 6 seconds and give me the average level over the window.",
          world: { scenario: 'someone-moving', at: '18:02:33', seed: 4 },
          answer: [say(mean('main'), { tol: 0.02, says: 'mean pin level' })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Watch the KY-004 in the living room live for 6 s. Was its pin low in more than a quarter of the samples? How many were low?',
          answer: [
            yesNo(gt(fraction('main', { cmp: 'eq', value: 0 }), 0.25), {
              yes: ['more than a quarter', 'more than', 'over'],
              no: ['less than', 'under', 'fewer', 'none'],
            }),
            say(count('main', { cmp: 'eq', value: 0 }), { tol: 0, says: 'samples with the pin low' }),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: "Monitor the living-room button's pin live for 6 seconds. Did it finish on the same level it started at? Give me both levels.",
          answer: [
            yesNo(eq(first('main'), last('main')), { yes: ['same', 'unchanged'], no: ['different', 'changed'] }),
            say(first('main'), { says: 'first pin level' }),
            say(last('main'), { says: 'last pin level' }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Over a 6-second live window, does the living-room KY-004's pin ever go low? Once that's done, check whether the PIR in there sees anybody.",
          world: { scenario: 'someone-moving', at: '18:02:33', seed: 4 },
          with: { motion: quantity('motion', 'living-room') },
          answer: [yesNo(eq(min('main'), 0), WENT_LOW), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "I want the living-room button's raw pin and the KY-038 sound sensor's trigger output streamed side by side, live, for 6 seconds. Did either one react?",
          with: { sound: sensor('KY-038', 'triggered', { ...LIVING_ROOM, sampling: LIVE_SIX_SECONDS }) },
          answer: [yesNo(eq(min('main'), 0), WENT_LOW), yesNo(any('sound'), { yes: ['triggered', 'loud', 'noise'], no: ['quiet', 'silent', 'calm'] })],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "My partner will press the living-room button once they've parked. Watch its raw pin live for 6 seconds, and read the ultrasonic distance in the garage too so I can see where the car is.",
          with: { garage: sensor('HC-SR04', 'distance_cm', { place: 'garage' }) },
          answer: [yesNo(eq(min('main'), 0), WENT_LOW), say(last('garage'))],
        },
      ],
    },
  ],
};

export default bank;
