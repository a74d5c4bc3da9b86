import type { SensorBank } from '../bank.js';
import {
  abs,
  aFewSeconds,
  and,
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
  quantity,
  range,
  realTime,
  say,
  sensor,
  series,
  single,
  sub,
  which,
  yesNo,
} from '../bank.js';

/*
 * Two TMP36s: one on the bedroom board, one on the workshop bench board (place is required). Its single
 * tool, read_temperature, returns raw (ADC counts), voltage and celsius = (voltage - 0.5) x 100.
 * What they read in the worlds chosen below:
 * - quiet-night s5: bedroom 16.9 C (0.669 V), kitchen 18.8 C, bedroom humidity 56 %, DHT11 bedroom 17 C.
 * - shaken s11 14:00: workshop 25.4-25.7 C (0.754-0.757 V) while the bench is shaken (SW420 on),
 *   MPU6050 die 28.2 C, bedroom TMP36 0.742 V.
 * - hot-afternoon s8: workshop 33.3-33.4 C (raw ~1035), MPU6050 die 35.5 C, bedroom 29.7 C, bench still.
 * - normal-day 15:00 s1: bedroom 23.0 C, 0.730 V, raw 906; garden air 27 C, 34 dBA, humidity 48 %.
 */

const BEDROOM = { place: 'bedroom' } as const;
const WORKSHOP = { place: 'workshop' } as const;
/** The SW420's verdict words: the field table's "vibration" would also match "the vibration sensor says ...". */
const SHAKING = {
  yes: ['shaking', 'vibrating', 'shaken', 'shock detected', 'vibration detected', 'detects vibration', 'detecting vibration'],
  no: ['still', 'steady', 'calm', 'no vibration', 'no shock', 'no shaking'],
} as const;

const bank: SensorBank = {
  sensor: 'TMP36',
  entries: [
    // ---- one bedroom temperature at 3 am ----
    {
      key: 'bedroom-celsius',
      tool: 'read_temperature',
      world: { scenario: 'quiet-night', seed: 5 },
      main: sensor('TMP36', 'celsius', BEDROOM),
      prompt: 'What temperature is the TMP36 in the bedroom showing?',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt: 'brr, my feet are like ice under the duvet. is the bedroom actually cold or is it just me? the TMP36 by the bed should know. what can I do?',
          answer: [
            say(last('main')),
            mentions('suggests a way to warm up', [
              'heating',
              'heater',
              'radiator',
              'thermostat',
              'blanket',
              'socks',
              'hot water bottle',
              'close the window',
              'extra layer',
              'duvet',
            ]),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wat temp is the tmp 36 in the bed room showing' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "bedroom temp off the tmp36? what's it at" },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Bit of background: I swapped the battery thermometer in our bedroom for a TMP36 wired to a little ESP32 board, and I keep wondering whether it's anywhere close to right. I've got the old one on the nightstand for comparison. What is the new sensor reading at the moment?",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'What does the bedroom TMP36 read in Fahrenheit?',
          answer: [say(last('main'), { convert: { from: 'C', to: 'F' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'According to the TMP36, is the bedroom below 19 °C? My doctor says that is where I sleep best.',
          answer: [
            yesNo(lt(last('main'), 19), { yes: ['below', 'under', 'cooler than', 'colder than'], no: ['above', 'over', 'warmer than'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'The heating is set to 20 °C for the bedroom. How far off is the TMP36 reading, and is the room above or below the setpoint?',
          answer: [
            say(abs(sub(last('main'), 20)), { says: 'distance of the bedroom temperature from 20 C' }),
            yesNo(gt(last('main'), 20), { yes: ['above', 'over', 'warmer', 'higher'], no: ['below', 'under', 'cooler', 'colder', 'lower'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'The bedroom has a TMP36 and a DHT11. What temperature does each one give, and how far apart are they?',
          with: { dht11: sensor('DHT11', 'temperature', BEDROOM) },
          answer: [say(last('main')), say(last('dht11')), say(abs(sub(last('main'), last('dht11'))), { says: 'gap between the TMP36 and DHT11 readings' })],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Which is warmer tonight, the bedroom or the kitchen? Use the TMP36 for the bedroom.',
          with: { kitchen: quantity('air-temperature', 'kitchen') },
          answer: [
            which(
              'max',
              [
                { label: 'bedroom', phrases: ['bedroom'], value: last('main') },
                { label: 'kitchen', phrases: ['kitchen'], value: last('kitchen') },
              ],
              ['warmer', 'warmest', 'hotter'],
            ),
            say(last('main')),
            say(last('kitchen')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Bedroom temperature from the TMP36, please, and the humidity in there as well.',
          with: { humidity: quantity('humidity', 'bedroom') },
          answer: [say(last('main')), say(last('humidity'))],
        },
      ],
    },

    // ---- a live view of the workshop TMP36's output while the bench is being shaken ----
    {
      key: 'workshop-voltage-live',
      tool: 'read_temperature',
      world: { scenario: 'shaken', seed: 11 },
      main: sensor('TMP36', 'voltage', { ...WORKSHOP, sampling: realTime(5) }),
      prompt: 'Watch the output voltage of the TMP36 on the workshop board live for 5 seconds and tell me the lowest and highest values.',
      answer: [say(min('main')), say(max('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "someone's been bashing the workbench all afternoon and I bet a jumper on the TMP36 has worked loose. can you watch its output voltage for a few seconds and see if it drops out?",
          sampling: aFewSeconds(),
          answer: [
            yesNo(lt(min('main'), 0.3), {
              says: 'TMP36 output fell below 0.3 V (a dropout)',
              yes: ['drops out', 'dropping out', 'dropout', 'loose', 'cutting out', 'falls to zero'],
              no: ['steady', 'stable', 'solid', 'fine', 'consistent', 'holding'],
            }),
            say(min('main')),
            say(max('main')),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wacth the tmp36 votlage in the workshp live for 5 sec, min and max?' },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Is the TMP36 in the workshop still hooked up properly?',
          // One look is enough to tell; the verdict alone is asked for (a model may rest it on the voltage or the temperature).
          sampling: single(),
          answer: [
            yesNo(and(gt(last('main'), 0.1), lt(last('main'), 1.75)), {
              says: 'TMP36 output within its 0.1-1.75 V working range',
              yes: ['connected', 'working', 'fine', 'properly', 'plausible', 'hooked up', 'healthy'],
              no: ['disconnected', 'broken', 'faulty', 'loose', 'out of range'],
            }),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Right, so I'm chasing a bug in my temperature logger. The TMP36 sits on the RP2040 board on the workshop bench, and every so often the log shows a weird spike. Before I blame my code I'd like to see what the hardware is actually doing: could you watch its output voltage in real time for about five seconds and tell me the lowest and highest it reads?",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "Monitor the workshop TMP36's output live for 5 seconds and give me the average in millivolts.",
          answer: [say(mean('main'), { convert: { from: 'V', to: 'mV' } })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Stream the workshop TMP36 voltage for 5 seconds. Give me the median and the peak-to-peak spread.',
          answer: [say(median('main')), say(range('main'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'If the workshop TMP36 goes above 0.7 V at any point during a 5-second live window, tell me the highest temperature it reported as well. Either way, give me the peak voltage.',
          with: { celsius: sensor('TMP36', 'celsius', { ...WORKSHOP, sampling: realTime(5), when: gt(max('main'), 0.7) }) },
          answer: [say(max('main')), say(max('celsius'), { when: gt(max('main'), 0.7) })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Vibration sensor first: is the workshop bench shaking? Then watch the TMP36 voltage on that bench live for 5 seconds: lowest and highest?',
          with: { shock: sensor('SW420', 'shock', WORKSHOP) },
          answer: [yesNo(last('shock'), SHAKING), say(min('main')), say(max('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Two readings from the workshop bench: the TMP36's average output voltage over a 5-second live stream, and the MPU6050's die temperature once.",
          with: { imu: sensor('MPU6050', 'temperature', WORKSHOP) },
          answer: [say(mean('main')), say(last('imu'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'I have two TMP36s, one in the workshop and one in the bedroom. Watch both outputs live for 5 seconds: what is the average voltage of each, and how far apart are they?',
          with: { bedroom: sensor('TMP36', 'voltage', { ...BEDROOM, sampling: realTime(5) }) },
          answer: [
            say(mean('main')),
            say(mean('bedroom')),
            say(abs(sub(mean('main'), mean('bedroom'))), { says: 'gap between the workshop and bedroom TMP36 voltages' }),
          ],
        },
      ],
    },

    // ---- a workshop temperature series on a heatwave afternoon ----
    {
      key: 'workshop-celsius-series',
      tool: 'read_temperature',
      world: { scenario: 'hot-afternoon', seed: 8 },
      main: sensor('TMP36', 'celsius', { ...WORKSHOP, sampling: series(1, 5) }),
      prompt: 'Read the workshop air temperature every second for 5 seconds and give me the average.',
      answer: [say(mean('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Is it too hot to work in the workshop this afternoon?',
          // Nothing in the question asks for a series: one reading answers it.
          sampling: single(),
          answer: [
            yesNo(gt(last('main'), 30), {
              says: 'workshop warmer than 30 C',
              yes: ['too hot', 'too warm', 'hot', 'sweltering', 'stifling'],
              no: ['fine', 'comfortable', 'bearable', 'pleasant', 'okay to work'],
            }),
            say(last('main')),
          ],
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'log the shop temp every sec for 5 secs n gimme the avg' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'cn you read the workshop temprature evry second for five seconds, whats the avrage' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I've got a resin pour curing on the bench out in the workshop, and the instructions are very fussy about temperature: too warm and it cures too fast and cracks. I don't want to trust a single reading. Could you read the temperature out there once a second for five seconds and tell me the average?",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Take the workshop temperature every second for 5 seconds and give me the average in Fahrenheit.',
          answer: [say(mean('main'), { convert: { from: 'C', to: 'F' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Sampling every second for 5 seconds, did the workshop go over 35 °C at any point? Give me the highest reading.',
          answer: [
            yesNo(gt(max('main'), 35), { yes: ['over', 'above', 'exceeded', 'went past'], no: ['under', 'below', 'stayed under', 'stayed below'] }),
            say(max('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Every half second for 4 seconds, read the workshop TMP36 and report the minimum, maximum and mean temperature.',
          sampling: series(0.5, 4),
          answer: [say(min('main')), say(max('main')), say(mean('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'Average the workshop temperature over 5 seconds, one reading a second, and compare it with a single reading from the bedroom. Which one is warmer?',
          with: { bedroom: quantity('air-temperature', 'bedroom') },
          answer: [
            which(
              'max',
              [
                { label: 'workshop', phrases: ['workshop'], value: mean('main') },
                { label: 'bedroom', phrases: ['bedroom'], value: last('bedroom') },
              ],
              ['warmer', 'warmest', 'hotter', 'hottest'],
            ),
            say(mean('main')),
            say(last('bedroom')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Chip versus air: read the workshop air temperature every second for 5 seconds and the MPU6050's chip temperature once. How much hotter than the air is the chip?",
          with: { imu: sensor('MPU6050', 'temperature', WORKSHOP) },
          answer: [say(sub(last('imu'), mean('main')), { says: 'MPU6050 die minus workshop air temperature' }), say(mean('main')), say(last('imu'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "There's a desk fan clamped to the workbench to keep the workshop cool. Log the temperature once a second for 5 seconds, give me the average, and tell me if the vibration sensor thinks the bench is shaking.",
          with: { shock: sensor('SW420', 'shock', WORKSHOP) },
          answer: [say(mean('main')), yesNo(last('shock'), SHAKING)],
        },
      ],
    },

    // ---- all three fields of the bedroom TMP36 on a summer afternoon ----
    {
      key: 'bedroom-full-reading',
      tool: 'read_temperature',
      world: { scenario: 'normal-day', at: '15:00', seed: 1 },
      main: sensor('TMP36', ['raw', 'voltage', 'celsius'], BEDROOM),
      prompt: 'Give me the full TMP36 reading from the bedroom: raw ADC count, voltage and temperature.',
      answer: [say(last('main.raw')), say(last('main.voltage')), say(last('main.celsius'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'bedroom TMP36: raw, volatge and temprature pls' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'gimme all 3 numbers off the bedroom tmp36' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "My niece is doing a school project on how analog sensors work, and we've got a TMP36 in the bedroom she can poke at. I'd like to show her how one measurement turns into three numbers: the count the ADC sees, the voltage that corresponds to, and finally the temperature. Could you fetch all three from that sensor for us?",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Does the TMP36 in the bedroom even work?',
          answer: [
            yesNo(and(gt(last('main.celsius'), 5), lt(last('main.celsius'), 45)), {
              says: 'bedroom TMP36 reports a plausible room temperature',
              yes: ['working', 'fine', 'functioning', 'plausible', 'sensible', 'healthy'],
              no: ['broken', 'faulty', 'dead', 'implausible', 'malfunctioning'],
            }),
            say(last('main.celsius')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'From the bedroom TMP36, give me the voltage in millivolts and the temperature in kelvin.',
          answer: [say(last('main.voltage'), { convert: { from: 'V', to: 'mV' } }), say(last('main.celsius'), { convert: { from: 'C', to: 'K' } })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt:
            "Check the bedroom TMP36's arithmetic: (voltage minus 0.5) times 100 should equal the Celsius value it reports. Give me both numbers and tell me whether they agree.",
          answer: [
            say(mul(sub(last('main.voltage'), 0.5), 100), {
              says: 'temperature worked out from the voltage',
              unit: 'C',
              about: { quantity: 'temperature', stat: 'derived' },
            }),
            say(last('main.celsius')),
            yesNo(le(abs(sub(mul(sub(last('main.voltage'), 0.5), 100), last('main.celsius'))), 0.5), {
              says: 'worked-out and reported temperatures agree within 0.5 C',
              yes: ['agree', 'match', 'matches', 'consistent', 'identical', 'same', 'checks out'],
              no: ['disagree', 'mismatch', 'inconsistent', 'discrepancy'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Bedroom above 25 °C, going by the TMP36? Give me the raw count and the voltage too.',
          answer: [
            yesNo(gt(last('main.celsius'), 25), { yes: ['above', 'over', 'warmer than'], no: ['below', 'under', 'cooler than'] }),
            say(last('main.celsius')),
            say(last('main.raw')),
            say(last('main.voltage')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Raw count, voltage and temperature from the bedroom TMP36, please. Then tell me whether the bedroom or the garden is warmer right now.',
          with: { garden: quantity('air-temperature', 'garden') },
          answer: [
            which(
              'max',
              [
                { label: 'bedroom', phrases: ['bedroom', 'inside', 'indoors'], value: last('main.celsius') },
                { label: 'garden', phrases: ['garden', 'outside', 'outdoors'], value: last('garden') },
              ],
              ['warmer', 'warmest', 'hotter', 'hottest'],
            ),
            say(last('main.raw')),
            say(last('main.voltage')),
            say(last('main.celsius')),
            say(last('garden')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Full TMP36 reading in the bedroom, please, plus the humidity from the DHT11 next to it.',
          with: { humidity: sensor('DHT11', 'humidity', BEDROOM) },
          answer: [say(last('main.raw')), say(last('main.voltage')), say(last('main.celsius')), say(last('humidity'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Quiet enough for an afternoon nap in the bedroom, below 40 dBA? Also give me the TMP36 raw count, voltage and temperature from in there.',
          with: { noise: quantity('sound-level', 'bedroom') },
          answer: [
            yesNo(lt(last('noise'), 40), { yes: ['quiet', 'quiet enough', 'below', 'under', 'calm', 'silent'], no: ['loud', 'noisy', 'above', 'over'] }),
            say(last('noise')),
            say(last('main.raw')),
            say(last('main.voltage')),
            say(last('main.celsius')),
          ],
        },
      ],
    },
  ],
};

export default bank;
