import type { SensorBank } from '../bank.js';
import {
  abs,
  aFewSeconds,
  all,
  delta,
  fraction,
  ge,
  gt,
  last,
  le,
  lt,
  max,
  mean,
  median,
  mentions,
  min,
  mul,
  not,
  or,
  quantity,
  range,
  realTime,
  say,
  sensor,
  series,
  sub,
  which,
  yesNo,
} from '../bank.js';

/*
 * The LM35 sits on the kitchen board only (esp32s3-kitchen), next to the flame sensor, the water probe,
 * the photo interrupter and a PIR. 10 mV per C, so voltage x 100 = celsius; the driver's over-temperature
 * alarm trips at 40 C. What it reads in the worlds chosen below:
 * - normal-day 14:00 s6: 24.7 C (0.247 V, raw 307); garden air 28.4 C, nobody in the kitchen, no flame.
 * - hot-afternoon s2: 32.0 C (raw ~397); garden 36.3 C.  hot-afternoon s1: 32.1 C, 0.321 V, raw 398,
 *   alarm off; garden 36.8 C, UV index ~8.
 * - quiet-night s3: 19.6-19.7 C (0.196-0.197 V); TMP36 bedroom ~0.677 V.
 * - normal-day 10:00 s7: 24.4 C, alarm off, dry floor.  leak s1: kitchen floor wet, 22.9 C, alarm off.
 * - fire s4: 57-62 C, alarm on, flame sensor on, living room 32 C, no water on the floor.
 */

const KITCHEN = { place: 'kitchen' } as const;

/*
 * Verdict words for the yes/no facts of this bank. The field table's defaults would read the name of a
 * part as a verdict ("the over-temperature alarm is off", "the flame sensor sees nothing", "the water
 * sensor is dry", "the motion sensor shows nobody"), so these use words that only a verdict contains.
 */
const ALARM = {
  yes: ['alarm is on', 'alarm is active', 'tripped', 'triggered', 'going off', 'gone off', 'sounding', 'overheating', 'flag is set', 'true'],
  no: ['alarm is off', 'is off', 'inactive', 'no alarm', 'within limits', 'normal', 'flag is clear', 'cleared', 'not set', 'false'],
} as const;
const FLAME = {
  yes: [
    'flame detected',
    'fire detected',
    'detects a flame',
    'detecting a flame',
    'detects fire',
    'detecting fire',
    'sees a flame',
    'sees fire',
    'flames',
    'on fire',
    'burning',
  ],
  no: ['no flame', 'no fire', 'nothing detected', 'all clear'],
} as const;
const WET = {
  yes: ['wet', 'leak', 'leaking', 'flooded', 'flooding', 'water detected', 'detects water', 'standing water', 'puddle'],
  no: ['dry', 'no water', 'no leak', 'all clear'],
} as const;
const MOTION = {
  yes: ['someone', 'somebody', 'motion detected', 'movement detected', 'detects motion', 'detects movement', 'occupied', 'moving around'],
  no: ['nobody', 'no one', 'no motion', 'no movement', 'empty', 'unoccupied'],
} as const;

/** Millivolts per ADC count on the 12-bit, 3.3 V converter. */
const MV_PER_COUNT = 3300 / 4095;

const bank: SensorBank = {
  sensor: 'LM35',
  entries: [
    // ---- read_celsius: one reading on an ordinary afternoon ----
    {
      key: 'kitchen-celsius',
      tool: 'read_celsius',
      world: { scenario: 'normal-day', at: '14:00', seed: 6 },
      main: sensor('LM35', 'celsius', KITCHEN),
      prompt: 'What temperature is the LM35 in the kitchen reading?',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'The bar of chocolate I keep on the kitchen shelf has gone soft again. How warm is it actually in there?',
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          world: { scenario: 'hot-afternoon', seed: 2 },
          prompt: "I've just kneaded a batch of dough. Is the kitchen warm enough to let it rise on the counter?",
          answer: [
            yesNo(ge(last('main'), 24), {
              says: 'kitchen at 24 C or warmer, good for proofing',
              yes: ['warm enough', 'go ahead', 'leave it on the counter', 'good for proofing', 'plenty warm'],
              no: ['too cool', 'too cold', 'warmer spot', 'oven with the light on', 'chilly'],
            }),
            say(last('main')),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'whats the LM53 in the kitchn saying for temp?' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'kitchen temp? quick one' },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "The recipe I'm following is American. What's the kitchen temperature from the LM35 in Fahrenheit?",
          answer: [say(last('main'), { convert: { from: 'C', to: 'F' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Above 22 °C in the kitchen right now, or not? Tell me what the LM35 reads.',
          answer: [yesNo(gt(last('main'), 22), { yes: ['warmer', 'above', 'over', 'hotter'], no: ['cooler', 'below', 'under', 'colder'] }), say(last('main'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            "Take a reading from the kitchen LM35. If it's under 28 °C, the number is all I need; at 28 or above, also check whether its over-temperature alarm has tripped.",
          with: { alarm: sensor('LM35', 'alarm', { ...KITCHEN, when: ge(last('main'), 28) }) },
          answer: [say(last('main')), yesNo(last('alarm'), { ...ALARM, when: ge(last('main'), 28) })],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Is it warmer in the kitchen or out in the garden right now? Give me both temperatures.',
          with: { garden: quantity('air-temperature', 'garden') },
          answer: [
            which(
              'max',
              [
                { label: 'kitchen', phrases: ['kitchen', 'inside', 'indoors'], value: last('main') },
                { label: 'garden', phrases: ['garden', 'outside', 'outdoors'], value: last('garden') },
              ],
              ['warmer', 'warmest', 'hotter', 'hottest'],
            ),
            say(last('main')),
            say(last('garden')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Kitchen check: how warm is it, and is anyone moving around in there?',
          with: { motion: sensor('HC-SR501', 'motion', KITCHEN) },
          answer: [say(last('main')), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'fire', seed: 4 },
          prompt: 'Pretty sure I left a pan on the hob. Check the kitchen temperature on the LM35 and whether the flame sensor in there sees anything.',
          with: { flame: sensor('KY-026', 'detected', KITCHEN) },
          answer: [yesNo(last('flame'), FLAME), say(last('main'))],
        },
      ],
    },

    // ---- read_raw: the ADC count on a heatwave afternoon ----
    {
      key: 'kitchen-raw',
      tool: 'read_raw',
      world: { scenario: 'hot-afternoon', seed: 2 },
      main: sensor('LM35', 'raw', KITCHEN),
      prompt: 'What raw ADC count is the LM35 in the kitchen giving right now?',
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'raw adc vlaue off the LM35 in the kitchen plz' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'lm35 raw output? just the counts, no maths' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm calibrating the cheap LM35 breakout in the kitchen against a proper reference thermometer, and for my spreadsheet I need the number straight off the ADC, before the firmware turns it into volts or degrees. Could you grab that raw reading for me?",
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "I'm half convinced the LM35's analog pin is floating. If it were, it'd read near zero or sit pegged at 4095. Can you check what it's getting?",
          answer: [
            yesNo(or(lt(last('main'), 50), gt(last('main'), 4000)), {
              says: 'raw reading stuck near 0 or 4095',
              yes: ['floating', 'pegged', 'stuck', 'railed', 'at the rail'],
              no: ['plausible', 'normal', 'fine', 'sensible', 'reasonable', 'healthy', 'connected'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Take the LM35 raw ADC reading and convert it to millivolts yourself. It is a 12-bit ADC with a 3.3 V reference.',
          answer: [
            say(last('main')),
            say(mul(last('main'), MV_PER_COUNT), { says: 'LM35 raw reading converted to millivolts', tol: 2, unit: 'mV', about: { quantity: 'voltage' } }),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'Take raw LM35 readings every half second for 5 seconds (ten of them) and give me the mean and the spread between the highest and lowest count.',
          sampling: series(0.5, 5),
          answer: [say(mean('main')), say(range('main'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'My fan script kicks in when the LM35 raw count passes 300. Is it above that right now?',
          answer: [
            yesNo(gt(last('main'), 300), { yes: ['above', 'over', 'past', 'kick in', 'exceeds'], no: ['below', 'under', 'stay off'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Read the raw ADC values of the LM35 and of the flame sensor on the kitchen board. Both, please.',
          with: { flame: sensor('KY-026', 'raw', KITCHEN) },
          answer: [say(last('main')), say(last('flame'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'For my calibration log: the raw count of the kitchen LM35, and the air temperature out in the garden right now.',
          with: { garden: quantity('air-temperature', 'garden') },
          answer: [say(last('main')), say(last('garden'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'The LM35 and the water probe share the ADC on the kitchen ESP32-S3 and I suspect crosstalk. Give me the raw reading of each.',
          with: { water: sensor('WATER', 'raw', KITCHEN) },
          answer: [say(last('main')), say(last('water'))],
        },
      ],
    },

    // ---- read_voltage: a half-second series at night ----
    {
      key: 'kitchen-voltage-series',
      tool: 'read_voltage',
      world: { scenario: 'quiet-night', seed: 3 },
      main: sensor('LM35', 'voltage', { ...KITCHEN, sampling: series(0.5, 3) }),
      prompt: 'Sample the LM35 output voltage in the kitchen every half second for 3 seconds and tell me the lowest and highest values.',
      answer: [say(min('main')), say(max('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'can u sampel the LM35 voltge evrey 0.5s for 3 sec, min and max plz' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Since I moved the fridge I've had a nagging suspicion there's noise creeping onto the LM35's analog line in the kitchen. It's probably nothing, but I'd like to rule it out before I start rewiring anything. Could you sample its output voltage every half second for three seconds and let me know the lowest and highest value you saw?",
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'my scope shows a fuzzy trace on the LM35. does the board see its voltage wandering around too? watch it for a few seconds and tell me the range it moves in',
          sampling: aFewSeconds(),
          answer: [
            yesNo(gt(range('main'), 0.01), {
              says: 'LM35 voltage wanders by more than 10 mV',
              yes: ['wandering', 'wanders', 'drifting', 'fluctuating', 'jumping', 'noisy', 'unstable'],
              no: ['steady', 'stable', 'consistent', 'flat', 'solid'],
            }),
            say(min('main')),
            say(max('main')),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: "Keep an eye on the LM35's output for a few seconds: is it steady enough that I can trust it for logging?",
          sampling: aFewSeconds(),
          answer: [
            yesNo(le(range('main'), 0.01), {
              says: 'LM35 voltage varies by at most 10 mV',
              yes: ['steady', 'stable', 'trustworthy', 'consistent', 'reliable', 'trust it'],
              no: ['noisy', 'unstable', 'jumping', 'fluctuating', 'unreliable', 'wandering'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "What's the LM35's average output in millivolts? Take a sample every half second for 3 seconds.",
          answer: [say(mean('main'), { convert: { from: 'V', to: 'mV' } })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Every half second for 3 seconds, read the kitchen LM35 voltage. I want the median and the change from the first sample to the last.',
          answer: [say(median('main')), say(delta('main'), { says: 'change in LM35 voltage, last minus first' })],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'Over 3 seconds, sampling every half second: if the LM35 average voltage comes out above 0.25 V, also read the temperature in °C; otherwise the voltage alone is enough.',
          with: { celsius: sensor('LM35', 'celsius', { ...KITCHEN, when: gt(mean('main'), 0.25) }) },
          answer: [say(mean('main')), say(last('celsius'), { when: gt(mean('main'), 0.25) })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Two things from the kitchen board, please: the average LM35 voltage over samples every half second for 3 seconds, and the flame sensor output voltage once.',
          with: { flame: sensor('KY-026', 'voltage', KITCHEN) },
          answer: [say(mean('main')), say(last('flame'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Kitchen LM35 versus bedroom TMP36: sample both output voltages every half second for 3 seconds. Which sensor has the higher average output?',
          with: { tmp36: sensor('TMP36', 'voltage', { place: 'bedroom', sampling: series(0.5, 3) }) },
          answer: [
            which(
              'max',
              [
                { label: 'LM35', phrases: ['LM35', 'kitchen'], value: mean('main') },
                { label: 'TMP36', phrases: ['TMP36', 'bedroom'], value: mean('tmp36') },
              ],
              ['higher', 'highest', 'larger', 'bigger', 'more'],
            ),
            say(mean('main')),
            say(mean('tmp36')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Does someone standing near it throw the LM35 off? Sample its voltage every half second for 3 seconds, give me the lowest and highest values, and tell me if the PIR in the kitchen sees anybody.',
          with: { motion: sensor('HC-SR501', 'motion', KITCHEN) },
          answer: [say(min('main')), say(max('main')), yesNo(last('motion'), MOTION)],
        },
      ],
    },

    // ---- read_alarm: the over-temperature flag on an ordinary morning ----
    {
      key: 'kitchen-alarm',
      tool: 'read_alarm',
      world: { scenario: 'normal-day', seed: 7 },
      main: sensor('LM35', 'alarm', KITCHEN),
      prompt: "Is the LM35's over-temperature alarm in the kitchen on?",
      answer: [yesNo(last('main'), ALARM)],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          world: { scenario: 'fire', seed: 4 },
          prompt: "Burning smell up here and I can't tell if it's ours or next door's. Has the kitchen's overheat alarm gone off?",
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'has the kitchn over temprature alarm trippd?' },
        { kind: 'ambiguification', style: 'colloquial', world: { scenario: 'fire', seed: 4 }, prompt: 'kitchen heat alarm going off or nah' },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt:
            "I'm already on the bus and can't remember if I turned the oven off. Going by the kitchen's heat alarm, is it safe to stay out a few more hours?",
          answer: [
            yesNo(not(last('main')), {
              says: 'over-temperature alarm off, so the kitchen is safe to leave',
              yes: ['safe', 'fine', 'all clear', 'nothing to worry about', 'alarm is off', 'stay out'],
              no: ['unsafe', 'overheating', 'too hot', 'alarm is on', 'tripped', 'going off', 'dangerous', 'rush home', 'head back', 'go back'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          world: { scenario: 'fire', seed: 4 },
          prompt: 'Check the LM35 alarm in the kitchen. If it has tripped, give me the exact temperature too.',
          with: { celsius: sensor('LM35', 'celsius', { ...KITCHEN, when: last('main') }) },
          answer: [yesNo(last('main'), ALARM), say(last('celsius'), { when: last('main') })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          world: { scenario: 'fire', seed: 4 },
          prompt: 'Poll the LM35 alarm flag every second for 5 seconds. What percentage of those readings had it switched on?',
          sampling: series(1, 5),
          answer: [say(fraction('main', { cmp: 'eq', value: true }), { convert: { from: 'fraction', to: '%' } })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt:
            'Knowing the LM35 alarm trips at 40 °C, read the alarm and the temperature, and tell me how many degrees of headroom the kitchen has before it trips.',
          with: { celsius: sensor('LM35', 'celsius', KITCHEN) },
          answer: [yesNo(last('main'), ALARM), say(last('celsius')), say(sub(40, last('celsius')), { says: 'degrees below the 40 C trip point' })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'fire', seed: 4 },
          prompt: 'Two quick checks in the kitchen: is the heat alarm on, and does the flame sensor see fire?',
          with: { flame: sensor('KY-026', 'detected', KITCHEN) },
          answer: [yesNo(last('main'), ALARM), yesNo(last('flame'), FLAME)],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'leak', seed: 1 },
          prompt: "Before I leave for the weekend: check the kitchen's heat alarm on the LM35 and the water sensor on the floor. Anything wrong?",
          with: { floor: sensor('WATER', 'wet', KITCHEN) },
          answer: [yesNo(last('main'), ALARM), yesNo(last('floor'), WET)],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          world: { scenario: 'fire', seed: 4 },
          prompt: 'Living room temperature, please, and tell me whether the LM35 alarm in the kitchen has gone off.',
          with: { lounge: quantity('air-temperature', 'living-room') },
          answer: [yesNo(last('main'), ALARM), say(last('lounge'))],
        },
      ],
    },

    // ---- read_celsius: a live window while the kitchen is on fire ----
    {
      key: 'kitchen-celsius-live',
      tool: 'read_celsius',
      world: { scenario: 'fire', seed: 4 },
      main: sensor('LM35', 'celsius', { ...KITCHEN, sampling: realTime(5) }),
      prompt: 'Monitor the kitchen LM35 temperature live for 5 seconds and tell me the peak.',
      answer: [say(max('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt: "there's smoke coming under the kitchen door!! watch the temp in there for a few secs, how high is it going??",
          sampling: aFewSeconds(),
          answer: [
            say(max('main')),
            mentions('urges getting out or calling emergency services', [
              'fire brigade',
              'fire department',
              'fire service',
              'emergency',
              '911',
              '999',
              '112',
              'get out',
              'leave the house',
              'evacuate',
              'call for help',
              'stay out',
            ]),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'montor the kitchen temprature live for 5 secs, whats the peek' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'keep tabs on the kitchen temp live for 5 sec n tell me how high it gets' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm running a little experiment with the LM35 above the cooker to see how fast the kitchen heats up when the hob is going full blast, and I'd love a live view rather than a single snapshot. Could you watch it in real time for five seconds and tell me the highest temperature it hit?",
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Did the kitchen go above 50 °C at any point during a 5-second live window on the LM35? Tell me the peak.',
          answer: [
            yesNo(gt(max('main'), 50), {
              yes: ['above', 'over', 'exceeded', 'went past', 'hotter than'],
              no: ['below', 'under', 'stayed under', 'stayed below'],
            }),
            say(max('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "In Fahrenheit, what's the average kitchen temperature over a 5-second real-time window?",
          answer: [say(mean('main'), { convert: { from: 'C', to: 'F' } })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Stream the LM35 for 5 seconds. How much did the kitchen temperature swing between its lowest and highest reading, and what was the average?',
          answer: [say(range('main')), say(mean('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Watch the kitchen and living room temperatures live for 5 seconds. On average, how much hotter is the kitchen?',
          with: { lounge: quantity('air-temperature', 'living-room', { sampling: realTime(5) }) },
          answer: [say(sub(mean('main'), mean('lounge')), { says: 'kitchen minus living room average temperature' }), say(mean('main')), say(mean('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Was a flame detected the whole time? Watch the flame sensor and the LM35 in the kitchen live for 5 seconds, and give me the peak temperature too.',
          with: { flame: sensor('KY-026', 'detected', { ...KITCHEN, sampling: realTime(5) }) },
          answer: [
            yesNo(all('flame'), {
              says: 'flame detected in every reading',
              yes: ['whole time', 'entire time', 'throughout', 'every reading', 'all the time', 'constantly', 'continuously', 'every sample'],
              no: ['intermittent', 'on and off', 'some readings', 'some of the time', 'flickering', 'came and went'],
            }),
            say(max('main')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Could the sprinkler have gone off? Is the water sensor on the kitchen floor wet? Also stream the kitchen temperature for 5 seconds and give me the peak.',
          with: { floor: sensor('WATER', 'wet', KITCHEN) },
          answer: [say(max('main')), yesNo(last('floor'), WET)],
        },
      ],
    },

    // ---- read_all: every field at once on a heatwave afternoon ----
    {
      key: 'kitchen-all',
      tool: 'read_all',
      world: { scenario: 'hot-afternoon', seed: 1 },
      main: sensor('LM35', ['raw', 'voltage', 'celsius', 'alarm'], KITCHEN),
      prompt: 'Give me a full readout of the kitchen LM35: raw count, voltage, temperature and alarm state.',
      answer: [say(last('main.raw')), say(last('main.voltage')), say(last('main.celsius')), yesNo(last('main.alarm'), ALARM)],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'ful redout of the LM-35 in the kitchen? raw, voltge, temp and alarm' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm writing a blog post about the cheap LM35 I stuck in my kitchen and I want one example that shows everything it reports in a single go: the raw ADC number, the voltage, the temperature in Celsius and whether its alarm is tripped. Would you mind pulling all of that for me?",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'dump everything the kitchen lm35 has got' },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: "I'm not sure the kitchen LM35 is wired up properly. Does the voltage it reports actually match the temperature it claims?",
          answer: [
            yesNo(le(abs(sub(mul(last('main.voltage'), 100), last('main.celsius'))), 0.5), {
              says: 'voltage x 100 matches the reported celsius',
              yes: ['consistent', 'matches', 'match', 'wired correctly', 'checks out', 'agree', 'properly'],
              no: ['inconsistent', 'mismatch', 'miswired', 'wrong', 'disagree'],
            }),
            say(last('main.voltage')),
            say(last('main.celsius')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Read everything from the LM35 and give me the voltage in millivolts and the temperature in kelvin.',
          answer: [say(last('main.voltage'), { convert: { from: 'V', to: 'mV' } }), say(last('main.celsius'), { convert: { from: 'C', to: 'K' } })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt:
            'Do a full LM35 read and compare the temperature against the 40 °C alarm trip point: how many degrees of headroom are left, and is the alarm flag set?',
          answer: [
            say(last('main.celsius')),
            say(sub(40, last('main.celsius')), { says: 'degrees below the 40 C trip point' }),
            yesNo(last('main.alarm'), ALARM),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'From a full LM35 reading: is the kitchen above 30 °C, and is the alarm flag set? Include the raw count and the voltage.',
          answer: [
            yesNo(gt(last('main.celsius'), 30), { yes: ['above', 'over', 'hotter than', 'warmer than'], no: ['below', 'under', 'cooler than'] }),
            yesNo(last('main.alarm'), ALARM),
            say(last('main.celsius')),
            say(last('main.raw')),
            say(last('main.voltage')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Full LM35 reading from the kitchen, please, and then tell me: is the kitchen or the garden hotter right now?',
          with: { garden: quantity('air-temperature', 'garden') },
          answer: [
            which(
              'max',
              [
                { label: 'kitchen', phrases: ['kitchen', 'inside', 'indoors'], value: last('main.celsius') },
                { label: 'garden', phrases: ['garden', 'outside', 'outdoors'], value: last('garden') },
              ],
              ['hotter', 'hottest', 'warmer', 'warmest'],
            ),
            say(last('main.raw')),
            say(last('main.voltage')),
            say(last('main.celsius')),
            yesNo(last('main.alarm'), ALARM),
            say(last('garden')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "I'm bringing up the kitchen board. Give me the full LM35 readout, plus the flame sensor's raw count and whether it detects a flame.",
          with: { flame: sensor('KY-026', ['raw', 'detected'], KITCHEN) },
          answer: [
            say(last('main.raw')),
            say(last('main.voltage')),
            say(last('main.celsius')),
            yesNo(last('main.alarm'), ALARM),
            say(last('flame.raw')),
            yesNo(last('flame.detected'), FLAME),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'The kitchen feels like an oven. Give me everything the LM35 reports, and the UV index outside so I know whether closing the kitchen blinds would help.',
          with: { uv: quantity('uv-index', 'garden') },
          answer: [say(last('main.celsius')), say(last('main.voltage')), say(last('main.raw')), yesNo(last('main.alarm'), ALARM), say(last('uv'))],
        },
      ],
    },
  ],
};

export default bank;
