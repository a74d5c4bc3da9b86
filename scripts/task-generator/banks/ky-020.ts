import type { SensorBank } from '../bank.js';
import {
  aFewSeconds,
  any,
  count,
  eq,
  first,
  fraction,
  gt,
  ifThen,
  last,
  max,
  min,
  none,
  not,
  quantity,
  realTime,
  say,
  sensor,
  series,
  yesNo,
} from '../bank.js';

/*
 * The KY-020 ball tilt switch sits on the workshop bench board (rp2040-workshop) and trips past 25-35
 * degrees. In `shaken` the board is rocked by tens of degrees and the ball bounces: about half to two
 * thirds of the samples read tilted (raw 1), changing from one sample to the next. In calm scenarios the
 * board lies within a few degrees of level and every sample reads upright (raw 0).
 */

const WORKSHOP = { place: 'workshop' } as const;

const TIPPED_WORDS = { yes: ['tipped', 'tilted', 'knocked over', 'leaning'], no: ['upright', 'level', 'stayed upright', 'standing'] } as const;
const UPRIGHT_WORDS = { yes: ['upright', 'stayed upright', 'standing', 'level', 'fine'], no: ['tipped', 'tilted', 'knocked over', 'fell over'] } as const;

const bank: SensorBank = {
  sensor: 'KY-020',
  entries: [
    // ---- read_tilted: one reading on a calm day ----
    {
      key: 'tilted-now',
      tool: 'read_tilted',
      world: { scenario: 'normal-day' },
      main: sensor('KY-020', 'tilted', WORKSHOP),
      prompt: 'Is the KY-020 tilt switch on the workshop bench tilted right now?',
      answer: [yesNo(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'Ugh, I just walked into the workbench with my hip, hard. Everything on it jumped. Hope the little tilt module over there is still standing...',
          answer: [yesNo(not(last('main')), UPRIGHT_WORDS)],
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Did my project box on the workshop bench get knocked over? The one with the tilt switch on it.',
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'ky020 tilt swtich in the workshop, is it tilded?' },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'bench tilt switch still standing up straight or nah?',
          answer: [yesNo(not(last('main')), UPRIGHT_WORDS)],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Check the KY-020 in the workshop every half second for 4 seconds. How many of those readings said tilted?',
          sampling: series(0.5, 4),
          answer: [say(count('main', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "Tilted or not, the workshop KY-020? If it is, read its raw pin as well so I can see the actual level; if not, don't bother.",
          with: { pin: sensor('KY-020', 'raw', { ...WORKSHOP, when: last('main') }) },
          answer: [yesNo(last('main')), say(last('pin'), { when: last('main') })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Every 2 seconds for 4 seconds, read the workshop tilt switch. Same state at the first and the last reading?',
          sampling: series(2, 4),
          answer: [
            yesNo(eq(first('main'), last('main')), {
              yes: ['same', 'unchanged', 'stayed', 'consistent', 'both times'],
              no: ['changed', 'different', 'flipped'],
            }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Does the MPU6050 back up what the KY-020 says? Tell me whether the workshop tilt switch is tilted, plus the MPU6050 pitch and roll.',
          with: { imu: sensor('MPU6050', ['tilt.x', 'tilt.y'], WORKSHOP) },
          answer: [yesNo(last('main')), say(last('imu.tilt.x')), say(last('imu.tilt.y'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'shaken' },
          prompt: 'Workshop check: is the KY-020 tilted, and is the SW420 next to it picking up vibration?',
          with: { shake: sensor('SW420', 'shock', WORKSHOP) },
          answer: [yesNo(last('main')), yesNo(last('shake'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'Locking up for the night. Is the tilt switch on the workshop bench still upright, and what distance is the ultrasonic sensor in the garage reading?',
          with: { door: sensor('HC-SR04', 'distance_cm', { place: 'garage' }) },
          answer: [yesNo(not(last('main')), UPRIGHT_WORDS), say(last('door'))],
        },
      ],
    },

    // ---- read_raw: the pin level while the bench is rocked ----
    {
      key: 'raw-pin',
      tool: 'read_raw',
      world: { scenario: 'shaken' },
      main: sensor('KY-020', 'raw', WORKSHOP),
      prompt: 'Read the raw pin level of the KY-020 tilt switch in the workshop.',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm double-checking my wiring before I blame the code. The KY-020 on the workshop board is on a GPIO with the internal pull-up enabled, so as far as I understand it should sit at 0 while the ball closes the contacts and go to 1 when it tips. Could you tell me what raw level the pin is at right now?",
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'ky-020 raw pin valeu in the workshop?' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "My tilt alarm in the workshop keeps flicking on and off like crazy. What's the KY-020 pin actually sitting at?",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'ky020 pin on the bench, 0 or 1 rn?' },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Sample the raw KY-020 pin in the workshop every half second for 4 seconds. How many samples were 1, out of how many?',
          sampling: series(0.5, 4),
          answer: [say(count('main', { cmp: 'eq', value: 1 })), say(count('main'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Poll the KY-020 raw pin in the workshop every 0.5 s for 4 s. Did it go high even once? How many highs?',
          sampling: series(0.5, 4),
          answer: [yesNo(gt(max('main'), 0), { yes: ['went high', 'high'], no: ['stayed low', 'low'] }), say(count('main', { cmp: 'eq', value: 1 }))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: 'Could you read the KY-020 raw pin in the workshop? If it reads 1, check the tilted flag too so I can see the firmware agrees.',
          with: { flag: sensor('KY-020', 'tilted', { ...WORKSHOP, when: eq(last('main'), 1) }) },
          answer: [say(last('main')), yesNo(last('flag'), { when: eq(last('main'), 1) })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Pitch and roll from the MPU6050 on the workshop board, together with the KY-020 raw pin next to it, please.',
          with: { imu: sensor('MPU6050', ['tilt.x', 'tilt.y'], WORKSHOP) },
          answer: [say(last('main')), say(last('imu.tilt.x')), say(last('imu.tilt.y'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Raw pin levels please, both of them: the KY-020 and the SW420 on the workshop board.',
          with: { shake: sensor('SW420', 'raw', WORKSHOP) },
          answer: [say(last('main')), say(last('shake'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'The bench board swings past a magnet when it tips. Read the KY-020 raw pin in the workshop and tell me whether the workshop KY-035 Hall switch is triggered.',
          with: { hall: sensor('KY-035', 'switch', WORKSHOP) },
          answer: [say(last('main')), yesNo(last('hall'))],
        },
      ],
    },

    // ---- read_tilted in real time while the bench is rocked ----
    {
      key: 'tilt-watch',
      tool: 'read_tilted',
      world: { scenario: 'shaken' },
      main: sensor('KY-020', 'tilted', { ...WORKSHOP, sampling: realTime(5) }),
      prompt: 'Monitor the KY-020 tilt switch in the workshop live for 5 seconds. How many readings came back tilted?',
      answer: [say(count('main', { cmp: 'eq', value: true }))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt:
            'my nephew is "testing" my robot on the workshop bench (the one with the tilt switch inside). is it staying upright?? watch it for a few secs',
          sampling: aFewSeconds(),
          answer: [yesNo(none('main'), UPRIGHT_WORDS)],
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "The board on my workshop bench keeps flopping around on the camera feed. I'd love to know how often it actually tips over; keep an eye on the tilt switch for a little while and count the tipped readings?",
          sampling: aFewSeconds(),
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'moniter the ky-020 tilt sensor in the workshop live for 5 sec, how many times was it tiltted',
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I've built a little self-righting toy and it's on the workshop bench with a KY-020 glued to its back. A friend is poking at it now to see whether it recovers. Could you watch the tilt switch live for five seconds and count how many of the readings came back as tilted?",
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'What share of the readings come back tilted if you watch the workshop KY-020 live for 5 seconds? As a percentage.',
          answer: [say(fraction('main', { cmp: 'eq', value: true }), { convert: { from: 'fraction', to: '%' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'normal-day' },
          prompt: 'Did the KY-020 on the workshop bench trip even once during a 5 second live watch? Give me the number of tilted readings.',
          // The user's own word for it: "no trip", "it never tripped".
          answer: [yesNo(any('main'), { yes: [...TIPPED_WORDS.yes, 'tripped', 'trip'], no: TIPPED_WORDS.no }), say(count('main', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'Watch the workshop tilt switch live for 5 seconds. If it tipped at any point, tell me in how many readings; if it never did, just say it stayed upright.',
          answer: [yesNo(any('main'), TIPPED_WORDS), say(count('main', { cmp: 'eq', value: true }), { when: any('main') })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Live for 5 seconds: the KY-020 and the MPU6050 roll angle in the workshop. How many tilted readings did the switch give, and what were the lowest and highest roll?',
          with: { imu: sensor('MPU6050', 'tilt.y', { ...WORKSHOP, sampling: realTime(5) }) },
          answer: [say(count('main', { cmp: 'eq', value: true })), say(min('imu')), say(max('imu'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Count the tilted readings and the vibration readings while you monitor the workshop KY-020 and SW420 together, live for 5 seconds.',
          with: { shake: sensor('SW420', 'shock', { ...WORKSHOP, sampling: realTime(5) }) },
          answer: [say(count('main', { cmp: 'eq', value: true })), say(count('shake', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'Are the kids in the living room, or are they the ones messing with my workshop bench? Check the living room motion sensor and watch the KY-020 in the workshop live for 5 seconds (how many tilted readings?).',
          with: { kids: quantity('motion', 'living-room') },
          answer: [yesNo(last('kids')), say(count('main', { cmp: 'eq', value: true }))],
        },
      ],
    },

    // ---- read_all: the full status after someone has been through the workshop ----
    {
      key: 'full-status',
      tool: 'read_all',
      world: { scenario: 'someone-moving' },
      main: sensor('KY-020', ['raw', 'tilted'], WORKSHOP),
      prompt: 'Full status of the KY-020 in the workshop, please: raw pin level and whether it reads tilted.',
      answer: [say(last('main.raw')), yesNo(last('main.tilted'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'The kids have been running in and out of the workshop all morning and they love tipping my gadgets over. Is the tilt module okay?',
          answer: [yesNo(not(last('main.tilted')), UPRIGHT_WORDS)],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'evrything from the KY020 in the wrokshop - raw and tilded flag' },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          world: { scenario: 'shaken' },
          prompt: "what's the ky-020 on the bench reporting? raw + tilt, the whole thing",
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Right, so I'm putting together a little dashboard for the workshop and the KY-020 tile is still blank. Before I wire up the widget I'd like to see what the module actually sends back, the raw pin level and the tilted/not-tilted flag, so I know which one to display.",
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: '1 should mean tilted: does the raw pin level of the workshop KY-020 agree with its tilted flag?',
          answer: [
            yesNo(eq(last('main.raw'), ifThen(last('main.tilted'), 1, 0)), {
              yes: ['agree', 'match', 'consistent'],
              no: ['disagree', 'mismatch', 'inconsistent'],
            }),
            say(last('main.raw')),
            yesNo(last('main.tilted')),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'shaken' },
          prompt: 'Take a full KY-020 reading in the workshop every half second for 3 seconds. Was it tilted in at least one of them? How many?',
          sampling: series(0.5, 3),
          answer: [yesNo(any('main.tilted'), TIPPED_WORDS), say(count('main.tilted', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'Grab the KY-020 full status in the workshop. If it says tilted, poll it again once a second for 3 seconds and count how many of those were tilted too; otherwise the status is enough.',
          with: { again: sensor('KY-020', 'tilted', { ...WORKSHOP, sampling: series(1, 3), when: last('main.tilted') }) },
          answer: [say(last('main.raw')), yesNo(last('main.tilted')), say(count('again', { cmp: 'eq', value: true }), { when: last('main.tilted') })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Along with the MPU6050 pitch and roll, I'd like the full status of the KY-020 on the same workshop bench.",
          with: { imu: sensor('MPU6050', ['tilt.x', 'tilt.y'], WORKSHOP) },
          answer: [say(last('main.raw')), yesNo(last('main.tilted')), say(last('imu.tilt.x')), say(last('imu.tilt.y'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Somebody's wandering around the house. Is there motion in the kitchen right now, and what's the full status of the tilt switch in the workshop?",
          with: { kitchen: quantity('motion', 'kitchen') },
          answer: [yesNo(last('kitchen')), say(last('main.raw')), yesNo(last('main.tilted'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'shaken' },
          prompt: 'Give me the workshop KY-020 raw level and tilted flag, and the SW420 vibration flag on the same board.',
          with: { shake: sensor('SW420', 'shock', WORKSHOP) },
          answer: [say(last('main.raw')), yesNo(last('main.tilted')), yesNo(last('shake'))],
        },
      ],
    },
  ],
};

export default bank;
