import type { SensorBank } from '../bank.js';
import {
  abs,
  aFewSeconds,
  all,
  any,
  count,
  eq,
  first,
  fraction,
  ge,
  gt,
  ifThen,
  last,
  lt,
  max,
  mean,
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
 * The SW420 sits on the workshop bench board (rp2040-workshop). In `shaken` the bench vibrates at
 * 2.5-9 m/s2 and every sample reads shock = true (raw 1); in every calm scenario (normal-day,
 * quiet-night, someone-moving, hot-afternoon) it reads shock = false (raw 0) throughout. The verdicts of
 * this bank therefore follow the scenario each task picks.
 */

const WORKSHOP = { place: 'workshop' } as const;

const SHAKING_WORDS = {
  yes: ['vibration', 'vibrating', 'shaking', 'shock', 'detected', 'picked up'],
  no: ['still', 'calm', 'steady', 'quiet', 'nothing'],
} as const;
const STEADY_WORDS = {
  yes: ['steady', 'stable', 'still', 'calm', 'fine', 'go ahead', 'safe'],
  no: ['shaking', 'vibrating', 'wobbly', 'unstable', 'wait', 'jostled'],
} as const;
const HIGH_LOW = { yes: ['high'], no: ['low'] } as const;

const bank: SensorBank = {
  sensor: 'SW420',
  entries: [
    // ---- read_shock: one reading while the bench is being shaken ----
    {
      key: 'shock-now',
      tool: 'read_shock',
      world: { scenario: 'shaken' },
      main: sensor('SW420', 'shock', WORKSHOP),
      prompt: 'Is the SW420 vibration sensor in the workshop detecting any shaking right now?',
      answer: [yesNo(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "The screws in the jar on my workbench keep creeping towards the edge on their own... is that bench vibrating or what? The shake sensor's on it.",
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'sw-420 vibartion sensor in the wrokshop, is it picking anything up' },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: "I'm about to hand-solder an 0402 resistor on the workshop bench, the one with the vibration sensor. Is it steady enough for that right now?",
          answer: [yesNo(not(last('main')), STEADY_WORDS)],
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'bench in the workshop shaking or nah? check the sw420' },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'Once a second for 5 seconds, poll the workshop SW420: was it picking up vibration in more than half the readings? And how many did it catch?',
          sampling: series(1, 5),
          answer: [
            yesNo(gt(fraction('main', { cmp: 'eq', value: true }), 0.5), {
              yes: ['more than half', 'most', 'majority'],
              no: ['less than half', 'fewer', 'minority', 'half or less'],
            }),
            say(count('main', { cmp: 'eq', value: true })),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Check the SW420 on the workshop bench every half second for 4 seconds. How many of those readings showed vibration, out of how many?',
          sampling: series(0.5, 4),
          answer: [say(count('main', { cmp: 'eq', value: true })), say(count('main'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: 'Any vibration on the workshop SW420? If it senses some, also tell me its raw output level so I can check the comparator.',
          with: { pin: sensor('SW420', 'raw', { ...WORKSHOP, when: last('main') }) },
          answer: [yesNo(last('main')), say(last('pin'), { when: last('main') })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Workshop bench check: is the SW420 detecting vibration, and is the KY-020 tilt switch tipped?',
          with: { ball: sensor('KY-020', 'tilted', WORKSHOP) },
          answer: [yesNo(last('main')), yesNo(last('ball'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Does the SW420 in the workshop register vibration? If it does, read the MPU6050 next to it and tell me the rotation rate about z.',
          with: { yaw: sensor('MPU6050', 'gyro.z', { ...WORKSHOP, when: last('main') }) },
          answer: [yesNo(last('main')), say(last('yaw'), { when: last('main') })],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "The baby's asleep in the bedroom and I want to know if the racket from the workshop carries. Is the bench vibrating according to the SW420, and what's the sound level in the bedroom?",
          with: { nursery: quantity('sound-level', 'bedroom') },
          answer: [yesNo(last('main')), say(last('nursery'))],
        },
      ],
    },

    // ---- read_raw: the digital pin level, single read on a calm day ----
    {
      key: 'pin-level',
      tool: 'read_raw',
      world: { scenario: 'normal-day' },
      main: sensor('SW420', 'raw', WORKSHOP),
      prompt: 'What raw digital value is the SW420 in the workshop outputting, 0 or 1?',
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'whats the raw pin valu on the SW420 (workshp board)' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I've been chasing a bug for an hour. My vibration alarm sketch uses the SW420's digital output on the workshop board as an interrupt, and it never seems to fire, even when I'm fairly sure the bench is getting bumped. Before I rip the wiring apart, could you just tell me what raw value the SW420 is giving right now?",
        },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'sw420 DO pin in the workshop, high or low rn?',
          answer: [yesNo(eq(last('main'), 1), HIGH_LOW)],
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "My shake alarm in the workshop has been dead silent for days. I'm starting to think the SW420's output is stuck. What's it actually putting out?",
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Sample the raw output of the workshop SW420 every 0.5 s for 5 s. How many samples were high (1)?',
          sampling: series(0.5, 5),
          answer: [say(count('main', { cmp: 'eq', value: 1 }))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "Read the SW420 raw pin in the workshop. If it's 1, also read the shock flag; if it's 0, the raw value is all I need.",
          with: { flag: sensor('SW420', 'shock', { ...WORKSHOP, when: eq(last('main'), 1) }) },
          answer: [say(last('main')), yesNo(last('flag'), { when: eq(last('main'), 1) })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          world: { scenario: 'shaken' },
          prompt: 'Read both the raw pin and the shock flag of the SW420 in the workshop. Do they agree with each other?',
          with: { flag: sensor('SW420', 'shock', WORKSHOP) },
          answer: [
            yesNo(eq(last('main'), ifThen(last('flag'), 1, 0)), {
              yes: ['agree', 'match', 'consistent', 'same'],
              no: ['disagree', 'mismatch', 'inconsistent', 'differ'],
            }),
            say(last('main')),
            yesNo(last('flag')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'I want the raw pin levels of both digital modules on the workshop board: the SW420 vibration sensor and the KY-020 tilt switch.',
          with: { ball: sensor('KY-020', 'raw', WORKSHOP) },
          answer: [say(last('main')), say(last('ball'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "To see if both think the bench is at rest: the SW420's raw output in the workshop and the MPU6050's x, y and z rotation rates, please.",
          with: { gyro: sensor('MPU6050', ['gyro.x', 'gyro.y', 'gyro.z'], WORKSHOP) },
          answer: [say(last('main')), say(last('gyro.gyro.x')), say(last('gyro.gyro.y')), say(last('gyro.gyro.z'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          world: { scenario: 'someone-moving' },
          prompt:
            "I wonder whether people walking around the living room set off my vibration sensor. What's the SW420 raw level in the workshop, and is there motion in the living room right now?",
          with: { people: quantity('motion', 'living-room') },
          answer: [say(last('main')), yesNo(last('people'))],
        },
      ],
    },

    // ---- read_shock in real time: a calm bench watched live ----
    {
      key: 'shock-watch',
      tool: 'read_shock',
      world: { scenario: 'normal-day' },
      main: sensor('SW420', 'shock', { ...WORKSHOP, sampling: realTime(5) }),
      prompt: 'Watch the SW420 in the workshop live for 5 seconds. Did it pick up any vibration, and in how many readings?',
      answer: [yesNo(any('main'), SHAKING_WORDS), say(count('main', { cmp: 'eq', value: true }))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "My 3D printer shares the workshop bench with the sensor board, and every so often a print comes out with ugly ripples that look like something bumped it. I'm not printing right now, so this would be the baseline. Could you watch the SW420 live for five seconds and tell me whether it catches any vibration, and how many readings it caught?",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt:
            'Can I start a 12-hour print on the workshop bench, or is it getting jostled? The shake sensor is on the same bench; watch it for a few seconds before you tell me.',
          sampling: aFewSeconds(),
          answer: [yesNo(none('main'), STEADY_WORDS)],
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'SW420 in the worksop - did it detect any vibraiton? wacth it live for 5 secnds, and how many times?',
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'keep tabs on the shake sensor on the bench live for 5 sec - anything? how many hits?' },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'shaken' },
          prompt: 'Over a 5-second live window on the workshop SW420, was vibration flagged in at least half of the readings? How many got flagged?',
          answer: [
            yesNo(ge(fraction('main', { cmp: 'eq', value: true }), 0.5), {
              yes: ['at least half', 'more than half', 'most', 'majority', 'all'],
              no: ['less than half', 'fewer', 'minority'],
            }),
            say(count('main', { cmp: 'eq', value: true })),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          world: { scenario: 'shaken' },
          prompt: 'Percentage check: watch the SW420 on the workshop bench live for 5 seconds and tell me what percentage of the readings showed vibration.',
          answer: [say(fraction('main', { cmp: 'eq', value: true }), { convert: { from: 'fraction', to: '%' } })],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: 'Give the SW420 in the workshop a 5-second live watch. Anything? If so, in how many readings; if not, just tell me the bench was calm.',
          answer: [yesNo(any('main'), SHAKING_WORDS), say(count('main', { cmp: 'eq', value: true }), { when: any('main') })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Watch both the SW420 and the MPU6050 gyro in the workshop live for 5 seconds. Did the SW420 catch any vibration, and what were the lowest and highest z rotation rates?',
          with: { yaw: sensor('MPU6050', 'gyro.z', { ...WORKSHOP, sampling: realTime(5) }) },
          answer: [yesNo(any('main'), SHAKING_WORDS), say(min('yaw')), say(max('yaw'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'shaken' },
          prompt:
            'Live for 5 seconds, keep an eye on the workshop SW420 and KY-020 together. How many readings showed vibration, and how many showed the tilt switch tipped?',
          with: { ball: sensor('KY-020', 'tilted', { ...WORKSHOP, sampling: realTime(5) }) },
          answer: [say(count('main', { cmp: 'eq', value: true })), say(count('ball', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "When the garage door runs, the whole back of the house shakes. Watch the workshop SW420 live for 5 seconds and tell me if it felt anything, and what distance the garage's HC-SR04 measures.",
          with: { door: sensor('HC-SR04', 'distance_cm', { place: 'garage' }) },
          answer: [yesNo(any('main'), SHAKING_WORDS), say(last('door'))],
        },
      ],
    },

    // ---- read_raw as a series while the bench is shaken ----
    {
      key: 'raw-log',
      tool: 'read_raw',
      world: { scenario: 'shaken' },
      main: sensor('SW420', 'raw', { ...WORKSHOP, sampling: series(0.5, 3) }),
      prompt: "Log the SW420's raw output in the workshop every half second for 3 seconds. How many samples were 1?",
      answer: [say(count('main', { cmp: 'eq', value: 1 }))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'my vibration logger on the workshop bench is filling up with nothing but 1s from the SW420. is the bench really that shaky? log its raw output for a few seconds and count the 1s',
          sampling: aFewSeconds(),
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'SW420 raw ouput in the workshop, evrey half second for 3 sec - how many were 1?' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "For a school project my daughter is measuring how often her dad's workbench shakes, and we've got an SW420 on the board in the workshop. She wants a mini data set: the raw output sampled every half a second for three seconds. The number she's after is how many of those samples came out as 1.",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'grab the sw420 raw every .5s for 3s on the bench, how many 1s?' },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Every half second for 3 seconds, sample the raw SW420 pin in the workshop. Was it high more often than low? Give me the count of highs.',
          answer: [
            yesNo(gt(mean('main'), 0.5), {
              yes: ['more often high', 'mostly high', 'high more often', 'majority', 'every sample', 'all of them', 'always high'],
              no: ['mostly low', 'low more often', 'minority', 'always low'],
            }),
            say(count('main', { cmp: 'eq', value: 1 })),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'What percentage of samples come out high if you log the workshop SW420 raw output every 0.5 s for 3 s?',
          answer: [say(fraction('main', { cmp: 'eq', value: 1 }), { convert: { from: 'fraction', to: '%' } })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          world: { scenario: 'quiet-night' },
          prompt: 'Record the SW420 raw output in the workshop every half second for 3 seconds. Was the last sample the same as the first? Give me both.',
          answer: [
            yesNo(eq(first('main'), last('main')), { yes: ['same', 'unchanged', 'match', 'identical'], no: ['changed', 'different', 'differ'] }),
            say(first('main')),
            say(last('main')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Together, every half second for 3 seconds: the workshop SW420 raw output and the MPU6050 z acceleration. How many SW420 samples were 1, and what were the min and max z acceleration?',
          with: { accel: sensor('MPU6050', 'accel.z', { ...WORKSHOP, sampling: series(0.5, 3) }) },
          answer: [say(count('main', { cmp: 'eq', value: 1 })), say(min('accel')), say(max('accel'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Every 0.5 s for 3 s, log the raw pins of the SW420 and the KY-020 on the workshop board. Count the 1s for each.',
          with: { ball: sensor('KY-020', 'raw', { ...WORKSHOP, sampling: series(0.5, 3) }) },
          answer: [say(count('main', { cmp: 'eq', value: 1 })), say(count('ball', { cmp: 'eq', value: 1 }))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'Magnet question: is the field near my workshop bench stronger than whatever the garage Hall sensor sees? Give me both field readings, and log the SW420 raw output every half second for 3 seconds as well and count the 1s.',
          with: { bench: quantity('magnetic-field', 'workshop'), garage: quantity('magnetic-field', 'garage') },
          answer: [
            yesNo(gt(abs(last('bench')), abs(last('garage'))), { yes: ['stronger', 'higher', 'bigger', 'larger'], no: ['weaker', 'lower', 'smaller'] }),
            say(last('bench')),
            say(last('garage')),
            say(count('main', { cmp: 'eq', value: 1 })),
          ],
        },
      ],
    },

    // ---- read_all: the full status at night ----
    {
      key: 'full-status',
      tool: 'read_all',
      world: { scenario: 'quiet-night' },
      main: sensor('SW420', ['raw', 'shock'], WORKSHOP),
      prompt: 'Give me everything the SW420 in the workshop reports: its raw pin level and its shock flag.',
      answer: [say(last('main.raw')), yesNo(last('main.shock'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "It's 3am and I just heard a clatter from the workshop. I really don't want to go out there in my slippers. Does the vibration sensor on the bench say anything's knocking it about?",
          answer: [yesNo(last('main.shock'))],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'full status of the sw420 in the workshop plz - raw levle and the shock flagg' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "what's the SW420 on the bench saying, raw + shock, the lot" },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Did the cat get up on the workshop bench again? If it were walking around up there the vibration sensor would know.',
          answer: [
            yesNo(last('main.shock'), { yes: ['vibration', 'shaking', 'disturbed', 'something moving'], no: ['still', 'calm', 'quiet', 'undisturbed'] }),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'Full SW420 status for the workshop, and if the shock flag is on, re-check it once a second for 3 seconds and tell me how many of those were shaking too.',
          with: { again: sensor('SW420', 'shock', { ...WORKSHOP, sampling: series(1, 3), when: last('main.shock') }) },
          answer: [say(last('main.raw')), yesNo(last('main.shock')), say(count('again', { cmp: 'eq', value: true }), { when: last('main.shock') })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'Take a full SW420 reading in the workshop every second for 4 seconds. How many readings had the shock flag set, and what was the highest raw value?',
          sampling: series(1, 4),
          answer: [say(count('main.shock', { cmp: 'eq', value: true })), say(max('main.raw'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'shaken' },
          prompt: 'Four seconds of full SW420 readings from the workshop, one every second: was the shock flag set in every single one? Give me the count.',
          sampling: series(1, 4),
          answer: [
            yesNo(all('main.shock'), { yes: ['every', 'all', 'each'], no: ['only', 'some of', 'missed'] }),
            say(count('main.shock', { cmp: 'eq', value: true })),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Night check on the workshop bench: SW420 raw and shock, plus the MPU6050 pitch and roll.',
          with: { imu: sensor('MPU6050', ['tilt.x', 'tilt.y'], WORKSHOP) },
          answer: [say(last('main.raw')), yesNo(last('main.shock')), say(last('imu.tilt.x')), say(last('imu.tilt.y'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Quiet enough in the bedroom to sleep (under 35 dB, say), and is the workshop bench calm? Give me the bedroom sound level and the workshop SW420's raw level and shock flag.",
          with: { bedroom: quantity('sound-level', 'bedroom') },
          answer: [
            yesNo(lt(last('bedroom'), 35), { yes: ['quiet', 'quiet enough', 'under', 'below'], no: ['noisy', 'loud', 'too loud', 'above', 'over'] }),
            say(last('bedroom')),
            say(last('main.raw')),
            // The question is "is the bench calm?": true when the SW420 feels nothing, so a leading yes means the same.
            yesNo(not(last('main.shock')), { yes: ['calm', 'still', 'steady', 'no vibration'], no: ['vibrating', 'shaking', 'shock', 'vibration detected'] }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "While you're at it, grab the temperature from the TMP36 on the workshop board along with the full SW420 status.",
          with: { air: sensor('TMP36', 'celsius', WORKSHOP) },
          answer: [say(last('main.raw')), yesNo(last('main.shock')), say(last('air'))],
        },
      ],
    },
  ],
};

export default bank;
