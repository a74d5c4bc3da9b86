import type { SensorBank } from '../bank.js';
import {
  aFewSeconds,
  and,
  any,
  count,
  eq,
  first,
  fraction,
  gt,
  last,
  mean,
  min,
  mul,
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
 * KY-040 rotary encoder (the volume / menu knob) on the living-room board. At rest on a detent CLK and DT
 * both read 1 and the switch pin reads 1. In `someone-moving` the visitor turns the knob at seconds 20-24
 * of each 30 s visit (CLK and DT cycle through 0s) and pushes it at 24.5-25.5. Times picked with
 * world-peek: seed 3 from 18:02:18 (turning, 5 detents), seed 12 at 18:00:40 (pushed), seed 5 from
 * 18:03:02 (pushed at 18:03:05.7-06.7), seed 11 at 18:03:01 (mid-step: CLK 1, DT 0), seed 10 at
 * 18:02:20 (visitor there, knob untouched; pushed at 18:02:29.3-30.3).
 */

const LIVING_ROOM = { place: 'living-room' } as const;

const PUSHED_AT_SOME_POINT = { yes: ['pushed', 'pressed', 'clicked'], no: ['released', 'untouched', 'idle'] };
const SAME_LEVEL = { yes: ['same', 'equal', 'match'], no: ['different', 'differ', 'mismatch'] };
const MOTION = { yes: ['motion', 'movement', 'someone', 'somebody', 'occupied', 'presence'], no: ['empty', 'still', 'unoccupied', 'no motion'] };
const lowSamples = (ref: string) => count(ref, { cmp: 'eq', value: 0 });
const pushedSamples = count('main', { cmp: 'eq', value: true });

const bank: SensorBank = {
  sensor: 'KY-040',
  entries: [
    {
      key: 'encoder-clk',
      tool: 'read_clk',
      world: { scenario: 'normal-day' },
      main: sensor('KY-040', 'clk', LIVING_ROOM),
      prompt: 'What level is the CLK pin of the KY-040 rotary encoder in the living room at?',
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'whats the CLK pin on the KY040 encodr reading in the livingroom' },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'encoder clk line, high or low atm?',
          answer: [yesNo(eq(last('main'), 1), { yes: ['high'], no: ['low'] })],
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I've got a KY-040 encoder on the living-room board acting as the volume knob for the speakers, and every now and then the volume jumps even when nobody is near it. Before I start blaming my interrupt handler I'd like to know where the CLK pin sits while the knob is idle. Could you read that for me?",
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "The volume knob code on the living-room board seems completely stuck. Makes me wonder whether the encoder's clock line is even idling where it should.",
          // CLK idles high (1) on a detent.
          answer: [yesNo(eq(last('main'), 1), { yes: ['high', 'where it should', 'correct', 'normal', 'fine'], no: ['low', 'stuck low', 'wrong'] })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'CLK and DT on the living-room KY-040: are they sitting at the same level? Give me both.',
          with: { dt: sensor('KY-040', 'dt', LIVING_ROOM) },
          answer: [yesNo(eq(last('main'), last('dt')), SAME_LEVEL), say(last('main')), say(last('dt'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: "Someone's turning the knob right now. If you read the encoder's CLK pin every 0.2 s for 4 seconds, how many samples come back low?",
          world: { scenario: 'someone-moving', at: '18:02:18', seed: 3 },
          sampling: series(0.2, 4),
          answer: [say(lowSamples('main'), { tol: 0, says: 'samples with CLK low' })],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "Read the encoder's CLK pin. If it's low, the knob is caught between detents, so read DT as well.",
          with: { dt: sensor('KY-040', 'dt', { ...LIVING_ROOM, when: eq(last('main'), 0) }) },
          answer: [say(last('main')), say(last('dt'), { when: eq(last('main'), 0) })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "The living-room encoder is the volume knob for my speaker. What's its CLK level, and how loud is the room?",
          with: { sound: quantity('sound-level', 'living-room') },
          answer: [say(last('main')), say(last('sound'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Is anyone touching the KY-036 touch plate right next to the encoder? Also give me the KY-040's CLK pin level.",
          with: { touch: sensor('KY-036', 'touched', LIVING_ROOM) },
          answer: [say(last('main')), yesNo(last('touch'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'Two of my digital inputs keep misbehaving: the encoder CLK in the living room and the SW420 vibration sensor in the workshop. What do both pins read?',
          with: { vibration: sensor('SW420', 'raw', { place: 'workshop' }) },
          answer: [say(last('main')), say(last('vibration'))],
        },
      ],
    },
    {
      key: 'encoder-dt-series',
      tool: 'read_dt',
      world: { scenario: 'someone-moving', at: '18:02:18', seed: 3 },
      main: sensor('KY-040', 'dt', { ...LIVING_ROOM, sampling: series(0.2, 4) }),
      prompt: 'Sample the DT pin of the living-room KY-040 encoder every 0.2 seconds for 4 seconds. How many samples were low?',
      answer: [say(lowSamples('main'), { tol: 0, says: 'samples with DT low' })],
      variants: [
        { kind: 'ambiguification', style: 'colloquial', prompt: "poll the encoder's DT pin 5x a sec for 4 secs, how many lows?" },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'sampel the DT pin on the KY-040 evry 0.2s for 4 sec and count how many times its low' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm trying to work out whether the encoder is skipping steps or my code is. The KY-040 sits on the living-room board and my wife is turning it for me right now. Could you sample just the DT line every 0.2 seconds for 4 seconds and count how many of those samples came back low?",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          // Names the DT line: turning shows on CLK as well, and this entry measures DT.
          prompt: "Is somebody turning the knob in the living room right now? Keep an eye on the encoder's DT line for a few seconds.",
          sampling: aFewSeconds(),
          answer: [
            yesNo(eq(min('main'), 0), { yes: ['turning', 'turned', 'rotating', 'moving'], no: ['still', 'idle', 'resting', 'untouched', 'stationary'] }),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: "What percentage of samples come back low if you read the living-room encoder's DT pin every 0.2 s for 4 s?",
          answer: [say(fraction('main', { cmp: 'eq', value: 0 }), { convert: { from: 'fraction', to: '%' }, tol: 1, says: 'share of samples with DT low' })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: "Every 0.2 seconds for 4 seconds, poll the KY-040's DT pin in the living room. Was it low in more than a quarter of the samples?",
          world: { scenario: 'normal-day' },
          answer: [
            yesNo(gt(fraction('main', { cmp: 'eq', value: 0 }), 0.25), {
              yes: ['more than', 'over', 'above'],
              no: ['less than', 'under', 'fewer', 'below', 'none'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: "Log the encoder's DT line every 0.2 s for 4 s. Does it end at the same level it started at? Give me both levels.",
          answer: [
            yesNo(eq(first('main'), last('main')), { yes: ['same', 'unchanged'], no: ['different', 'changed'] }),
            say(first('main'), { says: 'first DT level' }),
            say(last('main'), { says: 'last DT level' }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Count the lows on the encoder's DT pin over 4 seconds at 0.2 s intervals, then tell me whether the motion sensor in the living room sees anyone.",
          with: { motion: quantity('motion', 'living-room') },
          answer: [say(lowSamples('main'), { tol: 0, says: 'samples with DT low' }), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "The encoder and the joystick share a ribbon cable and I suspect crosstalk. Sample the encoder's DT every 0.2 s for 4 s and count the lows, then read the joystick's raw X and Y once.",
          with: { joystick: sensor('KY-023', ['x', 'y'], LIVING_ROOM) },
          answer: [say(lowSamples('main'), { tol: 0, says: 'samples with DT low' }), say(last('joystick.x')), say(last('joystick.y'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Is someone cranking the living-room volume knob while the baby sleeps? Sample the encoder's DT every 0.2 s for 4 s and count the lows, and tell me how loud the bedroom is.",
          with: { bedroom: quantity('sound-level', 'bedroom') },
          answer: [
            yesNo(eq(min('main'), 0), { yes: ['cranking', 'turning', 'turned', 'rotating'], no: ['still', 'idle', 'untouched', 'stationary'] }),
            say(lowSamples('main'), { tol: 0, says: 'samples with DT low' }),
            say(last('bedroom')),
          ],
        },
      ],
    },
    {
      key: 'encoder-switch-pin',
      tool: 'read_switch',
      world: { scenario: 'someone-moving', at: '18:00:40', seed: 12 },
      main: sensor('KY-040', 'switch', LIVING_ROOM),
      prompt: 'Read the switch pin level of the KY-040 encoder in the living room.',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "Push-to-select on the living-room encoder never registers in the menu I wrote. I'm starting to doubt its switch line ever actually goes low.",
          answer: [yesNo(eq(last('main'), 0), { yes: ['low', 'goes low', 'pulled low', 'pressed', 'pushed'], no: ['high', 'stays high', 'released'] })],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wat does the KY-040 swich pin read in the livingroom' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "encoder button pin, what's it saying rn" },
        {
          // Wordy rather than goal-only: "is the knob pushed?" would be answered by is_pressed, this entry reads the pin.
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "My son swears the select button on the living-room panel is wired backwards and I've had enough of the argument over dinner. The knob is a KY-040 encoder, and as far as I know its switch pin should sit at 1 when nobody touches it and drop to 0 when it's pushed. Could you just read that pin and tell me what it says right now?",
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "Check the encoder's switch pin, and if it reads 0, double-check with the encoder's pressed reading.",
          with: { pressed: sensor('KY-040', 'pressed', { ...LIVING_ROOM, when: eq(last('main'), 0) }) },
          answer: [say(last('main')), yesNo(last('pressed'), { when: eq(last('main'), 0) })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Switch pin versus CLK pin on the living-room KY-040: same level or not? Read both.',
          with: { clk: sensor('KY-040', 'clk', LIVING_ROOM) },
          answer: [yesNo(eq(last('main'), last('clk')), SAME_LEVEL), say(last('main')), say(last('clk'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: "What's the average level of the encoder's switch pin over 3 seconds, sampled every half second?",
          sampling: series(0.5, 3),
          answer: [say(mean('main'), { tol: 0.02, says: 'mean switch pin level' })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Are the encoder's switch pin and the KY-004 button's pin in the living room both pulled low right now? Give me both levels.",
          with: { button: sensor('KY-004', 'raw', LIVING_ROOM) },
          answer: [
            yesNo(and(eq(last('main'), 0), eq(last('button'), 0)), { yes: ['both low', 'both pulled low'], no: ['only one', 'neither', 'only the'] }),
            say(last('main')),
            say(last('button')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "A pushed switch with nobody around would mean a short somewhere. What's the encoder's switch pin level, and does the living-room PIR see anyone?",
          with: { motion: quantity('motion', 'living-room') },
          answer: [say(last('main')), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Both of these are switch inputs with pull-ups: read the encoder's switch pin in the living room and the raw pin of the KY-020 tilt switch in the workshop.",
          with: { tilt: sensor('KY-020', 'raw', { place: 'workshop' }) },
          answer: [say(last('main')), say(last('tilt'))],
        },
      ],
    },
    {
      key: 'encoder-push-live',
      tool: 'is_pressed',
      world: { scenario: 'someone-moving', at: '18:03:02', seed: 5 },
      main: sensor('KY-040', 'pressed', { ...LIVING_ROOM, sampling: realTime(6, 0.5) }),
      prompt: 'Watch the KY-040 encoder in the living room live for 6 seconds, twice a second, and tell me whether anyone pushed the knob.',
      answer: [yesNo(any('main'), PUSHED_AT_SOME_POINT)],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "I'm about to click the volume knob in the living room to mute the speaker, and I'd like to know whether the board notices.",
          sampling: aFewSeconds(),
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wach the encoder knob live for 6 secs, 2x per second, did anybdy push it' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "We've got a mute-on-click feature on the living-room volume knob (it's a KY-040), and my husband claims it only works half the time, which I'm not sure I believe. He's going to press it in a moment. Can you monitor the knob live for six seconds, sampling twice a second, and tell me if the push shows up?",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'watch the knob live for 6 secs, 2 checks a sec. anyone click it?' },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Monitor the living-room encoder knob live for 6 seconds at half-second intervals. Roughly how long was it held in?',
          answer: [say(mul(pushedSamples, 0.5), { tol: 0.5, says: 'seconds held in', unit: 's', about: { quantity: 'duration' } })],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: 'Keep a live watch on the encoder for 6 seconds, twice a second. If someone pushes the knob, read its CLK and DT pins afterwards.',
          with: { pins: sensor('KY-040', ['clk', 'dt'], { ...LIVING_ROOM, when: any('main') }) },
          answer: [yesNo(any('main'), PUSHED_AT_SOME_POINT), say(last('pins.clk'), { when: any('main') }), say(last('pins.dt'), { when: any('main') })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: "Over 6 seconds of live monitoring at half-second steps, was the living-room KY-040's knob held down for more than 3 seconds in total?",
          answer: [yesNo(gt(mul(pushedSamples, 0.5), 3), { yes: ['more than', 'longer', 'over'], no: ['less than', 'shorter', 'under', 'brief'] })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "I use the knob's click to mute the speaker. Watch the living-room encoder live for 6 seconds, twice a second, for a push, then tell me how loud the room is.",
          with: { sound: quantity('sound-level', 'living-room') },
          answer: [yesNo(any('main'), PUSHED_AT_SOME_POINT), say(last('sound'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Which gets clicked more over the next 6 seconds, the encoder knob or the joystick's switch in the living room? Watch both live, twice a second.",
          with: { joystick: sensor('KY-023', 'pressed', { ...LIVING_ROOM, sampling: realTime(6, 0.5) }) },
          answer: [
            which(
              'max',
              [
                { label: 'encoder', phrases: ['encoder', 'knob', 'KY-040'], value: pushedSamples },
                { label: 'joystick', phrases: ['joystick', 'stick', 'KY-023'], value: count('joystick', { cmp: 'eq', value: true }) },
              ],
              ['clicked', 'pushed', 'pressed', 'more'],
            ),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'The knob also starts the dust extractor in the workshop. Watch the living-room encoder for a push, live for 6 seconds at two checks a second, then tell me if the workshop vibration sensor feels anything.',
          with: { workshop: sensor('SW420', 'shock', { place: 'workshop' }) },
          answer: [yesNo(any('main'), PUSHED_AT_SOME_POINT), yesNo(last('workshop'))],
        },
      ],
    },
    {
      key: 'encoder-read-all',
      tool: 'read_all',
      world: { scenario: 'someone-moving', at: '18:03:01', seed: 11 },
      main: sensor('KY-040', ['clk', 'dt', 'switch', 'pressed'], LIVING_ROOM),
      prompt: "Give me all the readings from the KY-040 rotary encoder in the living room: CLK, DT, switch level and whether it's pressed.",
      answer: [say(last('main.clk')), say(last('main.dt')), say(last('main.switch')), yesNo(last('main.pressed'))],
      variants: [
        { kind: 'ambiguification', style: 'colloquial', prompt: 'dump everything off the living room encoder pls' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'reed all the values from the rotery encoder (KY-040) in the living room' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Bit of a long shot, but the menu knob on the living-room panel has started skipping items, and before I tear the panel apart I want a snapshot of what the encoder itself reports. It's a KY-040. Could you read out everything it gives you in one go?",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Has the living-room knob settled on a detent at the moment?',
          answer: [
            yesNo(and(eq(last('main.clk'), 1), eq(last('main.dt'), 1)), {
              yes: ['detent', 'at rest', 'resting', 'settled'],
              no: ['mid-step', 'between', 'in between', 'turning', 'moving'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Are the CLK and DT pins of the living-room encoder at the same level right now?',
          answer: [yesNo(eq(last('main.clk'), last('main.dt')), SAME_LEVEL), say(last('main.clk')), say(last('main.dt'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "If the encoder's knob in the living room is being pushed, tell me its CLK level; otherwise just tell me it's released.",
          answer: [yesNo(last('main.pressed')), say(last('main.clk'), { when: last('main.pressed') })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Over 4 seconds of full KY-040 reads, one a second, in how many readings was CLK low?',
          sampling: series(1, 4),
          answer: [say(lowSamples('main.clk'), { tol: 0, says: 'readings with CLK low' })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'That knob dims my lamp. Read everything from the living-room encoder and tell me how bright the room is.',
          with: { light: quantity('light', 'living-room') },
          answer: [say(last('main.clk')), say(last('main.dt')), say(last('main.switch')), say(last('light'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Grab all of the encoder's values, and tell me whether the living-room motion sensor sees anyone.",
          with: { motion: quantity('motion', 'living-room') },
          answer: [say(last('main.clk')), say(last('main.dt')), say(last('main.switch')), yesNo(last('main.pressed')), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'This knob sets the bedroom heater. Read everything from the encoder in the living room and tell me how warm the bedroom is.',
          with: { bedroom: quantity('air-temperature', 'bedroom') },
          answer: [say(last('main.clk')), say(last('main.dt')), say(last('main.switch')), say(last('bedroom'))],
        },
      ],
    },
    {
      key: 'encoder-pressed',
      tool: 'is_pressed',
      world: { scenario: 'someone-moving', at: '18:02:20', seed: 10 },
      main: sensor('KY-040', 'pressed', LIVING_ROOM),
      prompt: 'Is the knob of the rotary encoder in the living room pushed in right now?',
      answer: [yesNo(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'is the encoder nob in the livingroom pushed in atm' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'anyone holding the encoder knob down rn?' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "The menu on the living-room panel keeps jumping into settings, as if someone's clicking the knob.",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'I need to unplug the living-room control panel for a minute. Is the knob free right now?',
          answer: [yesNo(not(last('main')), { yes: ['released', 'idle', 'free', 'go ahead', 'untouched'], no: ['pressed', 'pushed', 'held down'] })],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "Check whether the encoder's knob is pushed in. If it is, read its switch pin level too; if not, just say so.",
          with: { pin: sensor('KY-040', 'switch', { ...LIVING_ROOM, when: last('main') }) },
          answer: [yesNo(last('main')), say(last('pin'), { when: last('main') })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Check the living-room encoder knob every half second for 5 seconds. How many of those checks caught it pushed in?',
          world: { scenario: 'someone-moving', at: '18:02:27', seed: 10 },
          sampling: series(0.5, 5),
          answer: [say(pushedSamples, { tol: 0, says: 'samples with the knob pushed' })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: "Look at the encoder knob's pushed state every 3 seconds for 6 seconds. Was it the same both times?",
          sampling: series(3, 6),
          answer: [yesNo(eq(first('main'), last('main')), { yes: ['same', 'unchanged', 'both times'], no: ['different', 'changed'] })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Is anybody pressing the encoder knob in the living room, and does the motion sensor there see someone?',
          with: { motion: quantity('motion', 'living-room') },
          answer: [yesNo(last('main')), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "I'm looking for signs of life at the living-room control panel: is the encoder knob pushed in, and where is the joystick's X axis sitting?",
          with: { joystick: sensor('KY-023', 'x', LIVING_ROOM) },
          answer: [yesNo(last('main')), say(last('joystick'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'The cat loves strolling across the control panel in the living room and then through the light barrier in the kitchen. Is the encoder knob pushed in, and is the kitchen beam blocked?',
          with: { beam: sensor('KY-010', 'blocked', { place: 'kitchen' }) },
          answer: [yesNo(last('main')), yesNo(last('beam'))],
        },
      ],
    },
  ],
};

export default bank;
