import type { SensorBank } from '../bank.js';
import {
  aFewSeconds,
  count,
  div,
  gt,
  last,
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
  sub,
  yesNo,
} from '../bank.js';

/*
 * HW-080: the resistive soil moisture probe in the garden's vegetable bed (higher output = drier soil).
 * read_moisture returns moisture AND the dry flag (moisture below 20 %).
 * Seen with the world peek: normal days 31-48 % (raw 2850-3050, 2.30-2.46 V, never dry);
 * dry-plant 5-13 % (raw about 3750-3800, 3.02-3.06 V, always dry). Readings move a few tenths of a
 * percent over a few seconds.
 */

const GARDEN = { place: 'garden' } as const;
/*
 * Verdict words for the dry flag: the field table's "fine" and "watered" also turn up in answers that call
 * the soil dry ("the sensor works fine", "it needs to be watered").
 */
const DRY = {
  yes: ['dry', 'needs water', 'needs watering', 'thirsty', 'parched', 'water it'],
  no: ['moist', 'wet', 'damp', 'enough water', 'well watered'],
} as const;
/** The water sensor's verdict words: the field table's "water" also matches "the water sensor says ...". */
const WET = {
  yes: ['wet', 'leak', 'leaking', 'flooded', 'flooding', 'water detected', 'detects water', 'standing water', 'puddle'],
  no: ['dry', 'no water', 'no leak', 'all clear'],
} as const;

const bank: SensorBank = {
  sensor: 'HW-080',
  entries: [
    {
      key: 'bed-moisture',
      tool: 'read_moisture',
      world: { scenario: 'dry-plant' },
      main: sensor('HW-080', ['moisture', 'dry'], GARDEN),
      prompt: "What's the soil moisture reading in the garden vegetable bed, and is the sensor flagging the soil as dry?",
      answer: [say(last('main.moisture')), yesNo(last('main.dry'), DRY)],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Do I need to water the veg bed today?',
          answer: [yesNo(last('main.dry'), DRY), say(last('main.moisture'))],
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: "veg patch thirsty or nah? what's the moisture sitting at" },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'whats the soil moisure in the gardn bed, is it to dry?' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt: "The courgette leaves out back are all droopy this morning and I can't tell if it's the heat or something else. What would you do?",
          answer: [
            say(last('main.moisture')),
            yesNo(last('main.dry'), DRY),
            mentions('suggests watering the bed (or says it does not need it)', ['water', 'watering', 'hose', 'soak', 'sprinkler', 'irrigate', 'mulch']),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'normal-day' },
          prompt: 'Below 30 % soil moisture in the garden bed, or not? Tell me the reading.',
          answer: [
            yesNo(lt(last('main.moisture'), 30), { yes: ['below', 'under', 'less than', 'drier than'], no: ['above', 'over', 'more than', 'wetter than'] }),
            say(last('main.moisture')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'My spreadsheet column expects the veg bed moisture as a fraction between 0 and 1. What is it, and what does the dry flag say?',
          answer: [say(last('main.moisture'), { convert: { from: '%', to: 'fraction' } }), yesNo(last('main.dry'), DRY)],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          sampling: series(0.5, 3),
          prompt: 'Twice a second for 3 seconds, sample the garden soil moisture. What is the average and the spread between the highest and lowest reading?',
          answer: [say(mean('main.moisture')), say(range('main.moisture'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Soil moisture and soil temperature of the veg bed, please. The temperature comes from the DS18B20 probe buried in the soil.',
          with: { 'soil-temp': sensor('DS18B20', 'temperatures[1]', GARDEN) },
          answer: [say(last('main.moisture')), say(last('soil-temp'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'normal-day' },
          prompt: "It's been sunny all week. What's the UV index in the garden right now, and does the moisture sensor think the bed is dry?",
          with: { uv: quantity('uv-index', 'garden') },
          answer: [say(last('uv')), yesNo(last('main.dry'), DRY), say(last('main.moisture'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          world: { scenario: 'leak' },
          prompt:
            "I'm trying to work out whether the hose splitter is leaking indoors instead of watering outside. Is there water on the kitchen floor, and what's the soil moisture in the garden bed?",
          with: { kitchen: sensor('WATER', 'wet', { place: 'kitchen' }) },
          answer: [yesNo(last('kitchen'), WET), say(last('main.moisture'))],
        },
      ],
    },

    {
      key: 'probe-raw',
      tool: 'read_raw',
      world: { scenario: 'normal-day' },
      main: sensor('HW-080', 'raw', GARDEN),
      prompt: 'What raw ADC count is the HW-080 soil moisture sensor in the garden reporting?',
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wats the raw adc valu from the HW080 in the garden' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm calibrating the cheap soil probe by hand. Yesterday I dunked it in a glass of water and got roughly 1350 counts, and held up in dry air it read about 3950. It's back in the veg bed now, so could you tell me the raw ADC number it gives there? I'll work out where it sits between the two myself.",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'raw number off the soil sensor out back?' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'Building my own moisture curve for the garden probe here, so I need a data point straight from the ADC, not the percentage the board works out.',
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'dry-plant' },
          prompt: "Raw reading on the HW-080 above 3500 counts? That's where I call the soil dry. Give me the number too.",
          answer: [
            yesNo(gt(last('main'), 3500), { yes: ['above', 'over', 'higher than', 'exceeds'], no: ['below', 'under', 'lower than'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'Read the raw ADC value of the garden soil sensor. If it is above 3500, also give me the moisture percentage; if not, the raw number is enough.',
          with: { moisture: sensor('HW-080', 'moisture', { ...GARDEN, when: gt(last('main'), 3500) }) },
          answer: [say(last('main')), say(last('moisture'), { when: gt(last('main'), 3500) })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          sampling: series(0.5, 4),
          prompt: 'Every half second for 4 seconds, read the HW-080 raw value in the garden and tell me the lowest, the highest and the mean count.',
          answer: [say(min('main')), say(max('main')), say(mean('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Raw ADC counts from both analog sensors on the garden board please: the HW-080 soil probe and the GUVA-S12SD UV sensor.',
          with: { 'uv-raw': sensor('GUVA-S12SD', 'raw', GARDEN) },
          answer: [say(last('main')), say(last('uv-raw'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: "I'm comparing the analog inputs on two boards: what raw ADC values do the garden soil moisture sensor and the kitchen water sensor give?",
          with: { 'kitchen-water': sensor('WATER', 'raw', { place: 'kitchen' }) },
          answer: [say(last('main')), say(last('kitchen-water'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Resistive probes drift with temperature, so give me the raw HW-080 count together with the soil temperature from the DS18B20 soil probe next to it.',
          with: { 'soil-temp': sensor('DS18B20', 'temperatures[1]', GARDEN) },
          answer: [say(last('main')), say(last('soil-temp'))],
        },
      ],
    },

    {
      key: 'probe-voltage-series',
      tool: 'read_voltage',
      world: { scenario: 'normal-day' },
      main: sensor('HW-080', 'voltage', { ...GARDEN, sampling: series(0.5, 3) }),
      prompt: "Sample the HW-080 soil probe's output voltage in the garden every half second for 3 seconds and give me the average voltage.",
      answer: [say(mean('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "My multimeter battery died halfway through checking the moisture sensor in the garden, typical. Since the board can measure its own input, could you sample the probe's output voltage twice a second for three seconds and tell me what it averages? That's all I was going to do with the meter anyway.",
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'sampel the HW-080 voltage in the garden evry 0.5 s for 3 seconds, whats the averge' },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Over a few seconds, is the soil probe in the garden giving me a steady signal? For me steady means it wobbles by less than 50 mV.',
          sampling: aFewSeconds(),
          answer: [
            yesNo(lt(range('main'), 0.05), { yes: ['steady', 'stable', 'consistent'], no: ['unsteady', 'noisy', 'unstable', 'fluctuating', 'jumping'] }),
            say(range('main'), { convert: { from: 'V', to: 'mV' }, tol: 6 }),
          ],
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'gimme the soil sensor volts averaged over a few secs', sampling: aFewSeconds() },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'In millivolts, what does the garden HW-080 output average when sampled every half second for 3 s?',
          answer: [say(mean('main'), { convert: { from: 'V', to: 'mV' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Take the garden HW-080 voltage every 0.5 s for 3 s. Did it ever go above 2.8 V? Tell me the highest value.',
          answer: [yesNo(gt(max('main'), 2.8), { yes: ['above', 'over', 'exceeded', 'higher than'], no: ['below', 'under', 'lower than'] }), say(max('main'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Log the soil probe voltage every half second for 3 seconds and give me the minimum, the maximum and the median.',
          answer: [say(min('main')), say(max('main')), say(median('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Checking both analog channels on the garden board are alive: average the soil probe's voltage over samples every half second for 3 s and read the GUVA-S12SD UV sensor voltage once.",
          with: { 'uv-volts': sensor('GUVA-S12SD', 'voltage', GARDEN) },
          answer: [say(mean('main')), say(last('uv-volts'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'Average the HW-080 voltage in the garden over 3 seconds, sampling every 0.5 s, then read the LM35 output voltage in the kitchen once. Comparing ADC readings across two boards.',
          with: { lm35: sensor('LM35', 'voltage', { place: 'kitchen' }) },
          answer: [say(mean('main')), say(last('lm35'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Is the water sensor in the garden wet? Also average the soil probe voltage over 3 seconds, twice a second.',
          with: { water: sensor('WATER', 'wet', GARDEN) },
          answer: [say(mean('main')), yesNo(last('water'), WET)],
        },
      ],
    },

    {
      key: 'moisture-live',
      tool: 'read_moisture',
      world: { scenario: 'normal-day' },
      main: sensor('HW-080', 'moisture', { ...GARDEN, sampling: realTime(5) }),
      prompt: 'Monitor the garden soil moisture live for 5 seconds and tell me the average and the lowest reading.',
      answer: [say(mean('main')), say(min('main'))],
      variants: [
        { kind: 'ambiguification', style: 'colloquial', prompt: "keep an eye on the veg bed moisture live for 5 sec - what's it averaging, and the low?" },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          world: { scenario: 'dry-plant' },
          prompt: "Should I run the sprinkler this morning? I only bother when the bed's under 25 %. Give it a few seconds of watching first.",
          sampling: aFewSeconds(),
          answer: [
            yesNo(lt(mean('main'), 25), {
              yes: ['run the sprinkler', 'run it', 'water it', 'go ahead', 'below', 'under'],
              no: ['skip', 'no need', 'above', 'moist enough'],
            }),
            say(mean('main')),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'moniter the soil moistur in the garden live for 5 seconds, whats the averge and the lowest' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "We're heading to my sister's for the weekend and the neighbour has promised to water if needed, but she'll want a number, not my gut feeling. Before we pack the car, could you watch the garden soil moisture live for five seconds and tell me the average and the lowest value you saw? I'll leave it on a sticky note for her.",
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Live for 5 s on the veg bed moisture: did any reading drop below 20 %? Tell me the lowest.',
          answer: [yesNo(lt(min('main'), 20), { yes: ['below', 'under', 'dropped'], no: ['above', 'over', 'stayed above'] }), say(min('main'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          world: { scenario: 'dry-plant' },
          prompt: 'Across a 5-second live window of garden soil moisture, how many readings were under 20 %, out of how many in total?',
          answer: [say(count('main', { cmp: 'lt', value: 20 })), say(count('main'))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          world: { scenario: 'dry-plant' },
          prompt: 'I aim to keep the bed at 40 % moisture. Watch it live for 5 s: is the average below that target, and by how many points?',
          answer: [
            yesNo(lt(mean('main'), 40), { yes: ['below', 'under', 'short of', 'drier'], no: ['above', 'over', 'wetter'] }),
            say(sub(40, mean('main')), { tol: 1 }),
            say(mean('main')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Soil check: watch the moisture live for 5 seconds, give me the average and the lowest, and grab the soil temperature from the DS18B20 soil probe as well.',
          with: { 'soil-temp': sensor('DS18B20', 'temperatures[1]', GARDEN) },
          answer: [say(mean('main')), say(min('main')), say(last('soil-temp'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Deciding whether to water now or wait till the sun's off the bed. Monitor the garden moisture live for 5 s, give me the average and the low, and tell me how bright it is out there in lux.",
          with: { light: quantity('light', 'garden') },
          answer: [say(mean('main')), say(min('main')), say(last('light'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'The houseplants and the garden always seem to dry out at the same time. Watch the veg bed moisture live for 5 seconds, give me its average and lowest value, and also tell me the humidity in the living room.',
          with: { humidity: quantity('humidity', 'living-room') },
          answer: [say(mean('main')), say(min('main')), say(last('humidity'))],
        },
      ],
    },

    {
      key: 'full-readout',
      tool: 'read_all',
      world: { scenario: 'normal-day' },
      main: sensor('HW-080', ['raw', 'voltage', 'moisture', 'dry'], GARDEN),
      prompt: 'Give me every value the HW-080 soil sensor in the garden reports: raw ADC, voltage, moisture percentage, and whether it counts the soil as dry.',
      answer: [say(last('main.raw')), say(last('main.voltage')), say(last('main.moisture')), yesNo(last('main.dry'), DRY)],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'dump evrything from the HW-080 in the gardn - raw, voltage, moisure % and wether its dry' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'full readout off the garden soil sensor pls, all the numbers + is it dry or not' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm writing up my garden automation project for the makers' club newsletter and I'd like a real example of what the soil sensor spits out. Could you read everything the HW-080 in the veg bed gives you, so the raw count, the voltage, the moisture percentage and whether it reckons the soil is dry, and list it for me?",
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'The tomatoes look sad and I want to rule out the soil sensor lying to me. Show me every number it reports so I can check they agree with each other.',
          answer: [say(last('main.raw')), say(last('main.voltage')), say(last('main.moisture'))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt:
            'From a full HW-080 read: does the moisture figure agree with the voltage? It should be (3.183 - V) / 2.095 x 100. Give me the voltage, the reported moisture and the value you compute from the voltage.',
          answer: [
            say(last('main.voltage')),
            say(last('main.moisture')),
            say(mul(div(sub(3.183, last('main.voltage')), 2.095), 100), {
              tol: 1,
              says: 'moisture computed from the voltage',
              unit: '%',
              about: { quantity: 'moisture', stat: 'derived' },
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Read everything from the garden soil sensor. Is its output above 2.8 V? Give me all the values with the answer.',
          answer: [
            yesNo(gt(last('main.voltage'), 2.8), { yes: ['above', 'over', 'higher than', 'exceeds'], no: ['below', 'under', 'lower than'] }),
            say(last('main.raw')),
            say(last('main.voltage')),
            say(last('main.moisture')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          world: { scenario: 'dry-plant' },
          prompt:
            'Full read of the garden soil sensor. Give me the voltage in millivolts and the moisture as a 0-1 fraction, plus the raw count and whether it says dry.',
          answer: [
            say(last('main.voltage'), { convert: { from: 'V', to: 'mV' } }),
            say(last('main.moisture'), { convert: { from: '%', to: 'fraction' } }),
            say(last('main.raw')),
            yesNo(last('main.dry'), DRY),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "I'm building a soil dashboard. Everything from the HW-080, plus the soil temperature from the DS18B20 probe in the same bed.",
          with: { 'soil-temp': sensor('DS18B20', 'temperatures[1]', GARDEN) },
          answer: [say(last('main.raw')), say(last('main.voltage')), say(last('main.moisture')), yesNo(last('main.dry'), DRY), say(last('soil-temp'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'Plant round: give me a full read of the garden soil sensor, and the temperature in the kitchen, where the herbs on the windowsill keep wilting.',
          with: { kitchen: quantity('air-temperature', 'kitchen') },
          answer: [say(last('main.raw')), say(last('main.voltage')), say(last('main.moisture')), yesNo(last('main.dry'), DRY), say(last('kitchen'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'hot-afternoon' },
          prompt: 'Full soil sensor readout from the garden, plus the UV index from the LTR390. I need to decide whether the bed needs shading this afternoon.',
          with: { uv: sensor('LTR390', 'uv_index', GARDEN) },
          answer: [say(last('main.raw')), say(last('main.voltage')), say(last('main.moisture')), yesNo(last('main.dry'), DRY), say(last('uv'))],
        },
      ],
    },
  ],
};

export default bank;
