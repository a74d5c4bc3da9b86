import type { SensorBank } from '../bank.js';
import {
  abs,
  aFewSeconds,
  and,
  count,
  delta,
  div,
  fraction,
  ge,
  gt,
  last,
  lt,
  max,
  mean,
  median,
  mentions,
  min,
  not,
  quantity,
  range,
  realTime,
  say,
  sensor,
  series,
  sub,
  yesNo,
} from '../bank.js';

/**
 * KY-026: the infrared flame sensor in the kitchen. With nothing burning it reads about 3880 counts
 * (3.1 V) and reports no flame; in `fire` the kitchen burns and the output flickers between about
 * 0.15 and 1.6 V (170-2000 counts), far below the module's ~2.3 V trigger level, so it reports a flame.
 */

const kitchen = { place: 'kitchen' } as const;
const flameSeen = { cmp: 'eq', value: true } as const;

const bank: SensorBank = {
  sensor: 'KY-026',
  entries: [
    {
      key: 'kitchen-flame',
      tool: 'read_detected',
      world: { scenario: 'fire', at: '19:00', seed: 3 },
      main: sensor('KY-026', 'detected', kitchen),
      prompt: 'Does the KY-026 flame sensor in the kitchen detect a flame?',
      answer: [yesNo(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt: 'I can smell something burning and I think it is coming from the kitchen!',
          answer: [
            yesNo(last('main')),
            mentions(
              'urges getting out and calling the fire service, or smothering a small fire',
              [
                'fire brigade',
                'fire department',
                'fire service',
                'emergency',
                '911',
                '999',
                '112',
                'extinguisher',
                'fire blanket',
                'get out',
                'leave the house',
                'evacuate',
              ],
              last('main'),
            ),
          ],
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'yo is the stove on fire or nah' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'is the flame sensr in the kitchin detecting any fire??' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "My teenager was making grilled cheese before heading out with friends and I'm honestly not sure the burner got switched off. I'm stuck on a train for another hour and there's nobody home. Could you check whether the flame detector in the kitchen is picking anything up?",
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: 'Check the kitchen flame sensor. If it sees a flame, also read its analog voltage so I know how strong the infrared is.',
          with: { volts: sensor('KY-026', 'voltage', { ...kitchen, when: last('main') }) },
          answer: [yesNo(last('main')), say(last('volts'), { when: last('main') })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Poll the kitchen flame detector every half second for 3 s. In how many of the samples did it detect a flame?',
          sampling: series(0.5, 3),
          answer: [say(count('main', flameSeen))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            "It's dinner time and I want to know if the hob's been on. Read the kitchen flame sensor every 0.5 s for 4 s: did it report a flame in at least half the samples?",
          world: { scenario: 'normal-day', at: '19:00', seed: 3 },
          sampling: series(0.5, 4),
          answer: [
            yesNo(ge(fraction('main', flameSeen), 0.5), {
              yes: ['at least half', 'half or more', 'more than half', 'most'],
              no: ['less than half', 'under half', 'fewer'],
            }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Flame in the kitchen? And how hot is it in there according to the LM35?',
          with: { lm35: sensor('LM35', 'celsius', kitchen) },
          answer: [yesNo(last('main')), say(last('lm35'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: "Is there a fire in the kitchen, and what's the temperature in the living room next door?",
          with: { lounge: quantity('air-temperature', 'living-room') },
          answer: [yesNo(last('main')), say(last('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Is the kitchen flame sensor triggered? Also give me the sound level in the living room.',
          with: { noise: quantity('sound-level', 'living-room') },
          answer: [yesNo(last('main')), say(last('noise'))],
        },
      ],
    },
    {
      key: 'kitchen-flame-raw',
      tool: 'read_raw',
      world: { scenario: 'normal-day', at: '10:00', seed: 1 },
      main: sensor('KY-026', 'raw', kitchen),
      prompt: 'Read the raw ADC value of the KY-026 flame sensor in the kitchen.',
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'raw adc vaule from the KY026 flame sensor in the kitchen?' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "whats the kitchen flame sensor's raw count lookin like" },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm setting up the KY-026 in the kitchen, and the tutorial I'm following says to tune the little potentiometer while watching the analog value with nothing burning nearby. Nothing is lit right now, so could you read the raw ADC number it's giving? Then I'll know where my baseline sits.",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: "Is the raw ADC count on the kitchen flame sensor where it should be when nothing's burning?",
          answer: [
            yesNo(gt(last('main'), 3000), { yes: ['normal', 'baseline', 'fine', 'idle', 'all clear'], no: ['flame', 'fire', 'abnormal'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "What is the kitchen KY-026's raw reading as a percentage of the ADC's full scale of 4095?",
          answer: [say(div(last('main'), 4095), { convert: { from: 'fraction', to: '%' }, tol: 0.5 })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: "Quick threshold check: is the kitchen flame sensor's raw reading below 2000? Include the number.",
          answer: [yesNo(lt(last('main'), 2000), { yes: ['below', 'under', 'lower'], no: ['above', 'over', 'higher'] }), say(last('main'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Take five raw readings from the kitchen flame sensor, one a second, and give me the average and the spread between the highest and lowest.',
          sampling: series(1, 5),
          answer: [say(mean('main')), say(range('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Give me the raw ADC values of both analog sensors on the kitchen board: the KY-026 flame sensor and the LM35.',
          with: { lm35: sensor('LM35', 'raw', kitchen) },
          answer: [say(last('main')), say(last('lm35'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: "Flame sensors can get fooled by sunlight. What's the raw value of the kitchen KY-026, and how bright is it out in the garden?",
          with: { sun: quantity('light', 'garden') },
          answer: [say(last('main')), say(last('sun'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Raw values of the flame sensor and the water probe in the kitchen, please.',
          with: { water: sensor('WATER', 'raw', kitchen) },
          answer: [say(last('main')), say(last('water'))],
        },
      ],
    },
    {
      key: 'kitchen-flame-voltage-live',
      tool: 'read_voltage',
      world: { scenario: 'fire', at: '19:00', seed: 7 },
      main: sensor('KY-026', 'voltage', { ...kitchen, sampling: realTime(5, 0.5) }),
      prompt:
        "Watch the KY-026 flame sensor's output voltage in the kitchen live for 5 seconds, a reading every half second. What were the lowest and highest voltages?",
      answer: [say(min('main')), say(max('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'Something in the kitchen keeps flickering orange on the baby-monitor camera. Can you keep an eye on the flame sensor voltage in there for a few seconds?',
          sampling: realTime({ min: 2, max: 10 }, { min: 0.2, max: 2 }),
          // The module calls it a flame below about 2.3 V; with nothing burning it sits near 3.1 V.
          answer: [yesNo(lt(max('main'), 2.3), { yes: ['flame', 'fire', 'burning'], no: ['clear', 'normal', 'safe'] })],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wach the kitchen flame sensor voltge live for 5 sec (every 0.5s), lowest and highest?' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "We're standing on the lawn waiting for the fire brigade, and my husband, who built our whole home-automation setup, keeps asking what the flame sensor in the kitchen is doing. Could you watch the KY-026's output voltage live for five seconds, sampling every half second, and tell me the lowest and highest voltage it hit? He won't calm down until he has numbers.",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Would you say the flame in the kitchen is steady or flickering? Watch the flame sensor for a few seconds.',
          sampling: realTime({ min: 2, max: 10 }, { min: 0.2, max: 2 }),
          answer: [
            yesNo(gt(range('main'), 0.3), { yes: ['flickering', 'unsteady', 'fluctuating', 'varying', 'jumping'], no: ['steady', 'stable', 'constant'] }),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Stream the kitchen flame sensor voltage live for 5 s at 0.5 s intervals and give me the average in millivolts.',
          answer: [say(mean('main'), { convert: { from: 'V', to: 'mV' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'Watch the kitchen KY-026 voltage live for 5 s (0.5 s steps). Did it ever rise above 2.3 V, roughly where the module stops calling it a flame? Give me the highest value.',
          answer: [
            yesNo(gt(max('main'), 2.3), { yes: ['above', 'rose above', 'exceeded', 'crossed'], no: ['below', 'under', 'stayed below'] }),
            say(max('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'Live-watch the kitchen flame sensor voltage for 5 s at half-second intervals. What was the average, and how far apart were the lowest and highest readings?',
          answer: [say(mean('main')), say(range('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "I'd like the lowest flame-sensor voltage and the highest LM35 temperature from the kitchen, over a 5 s live watch of both at half-second steps.",
          with: { lm35: sensor('LM35', 'celsius', { ...kitchen, sampling: realTime(5, 0.5) }) },
          answer: [say(min('main')), say(max('lm35'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Over 5 s of live readings (half-second steps) from the kitchen flame sensor, what was the lowest voltage? And what's the temperature in the living room next door?",
          with: { lounge: quantity('air-temperature', 'living-room') },
          answer: [say(min('main')), say(last('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Is anybody still in the kitchen? Check the PIR, and also watch the flame sensor voltage live for 5 s at 0.5 s and give me its lowest value.',
          with: { pir: sensor('HC-SR501', 'motion', kitchen) },
          answer: [say(min('main')), yesNo(last('pir'))],
        },
      ],
    },
    {
      key: 'kitchen-flame-all',
      tool: 'read_all',
      world: { scenario: 'quiet-night', at: '03:00', seed: 2 },
      main: sensor('KY-026', ['raw', 'voltage', 'detected'], kitchen),
      prompt: 'Do a read_all on the kitchen KY-026 flame sensor: raw count, voltage, and whether it detects a flame.',
      answer: [say(last('main.raw')), say(last('main.voltage')), yesNo(last('main.detected'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: "Can I go back to sleep knowing nothing's burning in the kitchen?",
          answer: [yesNo(not(last('main.detected')), { yes: ['safe', 'go back to sleep', 'all clear', 'fine'], no: ['flame', 'fire', 'get up'] })],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'reed all the values from the flame sensor in the kitchen (KY-026) - raw, voltage, detcted' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'dump everything off the kitchen flame sensor for me' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'The smoke alarm in the kitchen chirped once in the night. Probably just the battery, but still...',
          answer: [yesNo(last('main.detected'))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Read everything from the kitchen flame sensor. How far is its voltage from the roughly 2.3 V trigger point, and is it above or below it?',
          answer: [
            yesNo(gt(last('main.voltage'), 2.3), { yes: ['above', 'higher'], no: ['below', 'under', 'lower'] }),
            say(abs(sub(last('main.voltage'), 2.3))),
            say(last('main.voltage')),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: 'Read all from the kitchen flame sensor. If it detects a flame, tell me the voltage; if not, just give me the raw count.',
          world: { scenario: 'fire', at: '19:00', seed: 3 },
          answer: [
            yesNo(last('main.detected')),
            say(last('main.voltage'), { when: last('main.detected') }),
            say(last('main.raw'), { when: not(last('main.detected')) }),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Full read of the kitchen KY-026, please, with the voltage given in millivolts.',
          answer: [say(last('main.raw')), say(last('main.voltage'), { convert: { from: 'V', to: 'mV' } }), yesNo(last('main.detected'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Both kitchen sensors that would notice a fire, please: everything from the KY-026 flame sensor, plus the LM35 temperature.',
          with: { lm35: sensor('LM35', 'celsius', kitchen) },
          answer: [say(last('main.raw')), say(last('main.voltage')), yesNo(last('main.detected')), say(last('lm35'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Night check before bed: read everything from the kitchen flame sensor, and tell me whether anything is moving in the living room.',
          with: { lounge: quantity('motion', 'living-room') },
          answer: [say(last('main.raw')), say(last('main.voltage')), yesNo(last('main.detected')), yesNo(last('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Late-night sanity check of the kitchen: no flame and no water on the floor? Give me the flame sensor's voltage and the water probe's raw reading as well.",
          with: { water: sensor('WATER', ['raw', 'wet'], kitchen) },
          answer: [
            yesNo(and(not(last('main.detected')), not(last('water.wet'))), {
              yes: ['all clear', 'both fine', 'all good', 'safe'],
              no: ['problem', 'alert', 'warning', 'attention'],
            }),
            say(last('main.voltage')),
            say(last('water.raw')),
          ],
        },
      ],
    },
    {
      key: 'kitchen-flame-raw-series',
      tool: 'read_raw',
      world: { scenario: 'fire', at: '19:00', seed: 1 },
      main: sensor('KY-026', 'raw', { ...kitchen, sampling: series(0.5, 4) }),
      prompt: 'Sample the raw reading of the KY-026 flame sensor in the kitchen every 0.5 s for 4 seconds. Give me the minimum and maximum.',
      answer: [say(min('main')), say(max('main'))],
      variants: [
        { kind: 'ambiguification', style: 'colloquial', prompt: 'grab the kitchen flame sensor raw every half sec for 4 sec, min n max?' },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'sampel the raw valeu of the kitchen KY-026 evry 0.5 s for 4 secs and tell me the minimun and maximum',
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'My fire-alert script keeps flapping on and off, and I suspect the raw signal from the kitchen flame sensor is all over the place. How low and how high does it swing over a few seconds?',
          sampling: aFewSeconds(),
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "We're all out on the pavement waiting for the fire engine, and the operator on the phone wants to know what our sensors say. Could you take raw readings from the KY-026 flame sensor in the kitchen every half second for four seconds and tell me the lowest and highest numbers you got? I'll read them out to her.",
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: "Sample the kitchen flame sensor's raw value every half second for 4 seconds and give me the mean and the median.",
          answer: [say(mean('main')), say(median('main'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'Read the kitchen KY-026 raw value every 0.5 s for 4 s. Did any sample climb above 3000 counts, roughly its no-flame level? Give me the highest.',
          answer: [
            yesNo(gt(max('main'), 3000), { yes: ['above', 'over', 'climbed above', 'exceeded'], no: ['below', 'under', 'stayed below'] }),
            say(max('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Take raw readings from the kitchen flame sensor every 0.5 s for 4 s. Was the last one higher or lower than the first, and by how much?',
          answer: [
            yesNo(gt(delta('main'), 0), { yes: ['higher', 'rose', 'increased', 'went up'], no: ['lower', 'fell', 'decreased', 'dropped', 'went down'] }),
            say(abs(delta('main'))),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Every half second for 4 s, sample the kitchen flame sensor's raw value, then check whether the LM35's over-temperature alarm in the kitchen has tripped. Lowest raw value and alarm yes/no.",
          with: { alarm: sensor('LM35', 'alarm', kitchen) },
          answer: [say(min('main')), yesNo(last('alarm'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'How loud is the living room, and what was the lowest raw kitchen flame reading over 4 s of samples every 0.5 s?',
          with: { noise: quantity('sound-level', 'living-room') },
          answer: [say(min('main')), say(last('noise'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "I need to know if anyone's still downstairs. Sample the kitchen flame sensor's raw value every half second for 4 s and give me the lowest, then check the living room PIR.",
          with: { lounge: quantity('motion', 'living-room') },
          answer: [say(min('main')), yesNo(last('lounge'))],
        },
      ],
    },
  ],
};

export default bank;
