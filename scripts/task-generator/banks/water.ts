import type { SensorBank } from '../bank.js';
import {
  aFewSeconds,
  all,
  any,
  count,
  delta,
  gt,
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
  single,
  sub,
  yesNo,
} from '../bank.js';

/*
 * WATER: leak / water-level probes on the kitchen floor (under the sink, by the washing machine) and in
 * the garden (by the patio drain). Only the `leak` scenario puts water anywhere a probe sits: the kitchen
 * then reads about 750-1000 raw counts, wet. Otherwise, and in the garden always, the raw count is 0-15
 * and the probe is dry. The driver calls it wet above 300 counts.
 */

const KITCHEN = { place: 'kitchen' } as const;
const GARDEN = { place: 'garden' } as const;

const aboveWords = ['above', 'over', 'higher than', 'exceeds', 'more than'];
const belowWords = ['below', 'under', 'lower than', 'less than'];
/*
 * Verdict words for "is there water at the probe?". The field table's "water" also matches "the water
 * sensor reads dry", so a verdict has to say wet, leak, flooded ... ; DRY_NOW states the same the other way
 * round, for "did it stay dry?".
 */
const WET = {
  yes: ['wet', 'leak', 'leaking', 'leaked', 'flooded', 'flooding', 'water detected', 'detects water', 'detecting water', 'standing water', 'puddle'],
  no: ['dry', 'no water', 'no leak', 'all clear'],
};
const DRY_NOW = { yes: WET.no, no: WET.yes };
/** Other sensors' verdict words, chosen so that naming the sensor ("the motion sensor", "the flame sensor") is no verdict. */
const MOTION = {
  yes: ['someone', 'somebody', 'motion detected', 'movement detected', 'detects motion', 'detects movement', 'occupied', 'moving around'],
  no: ['nobody', 'no one', 'no motion', 'no movement', 'empty', 'unoccupied'],
};
const FLAME = {
  yes: ['flame detected', 'fire detected', 'detects a flame', 'detecting a flame', 'detects fire', 'sees a flame', 'sees fire', 'flames', 'on fire', 'burning'],
  no: ['no flame', 'no fire', 'nothing detected', 'all clear'],
};

const bank: SensorBank = {
  sensor: 'WATER',
  entries: [
    {
      key: 'kitchen-leak-check',
      tool: 'read_wet',
      world: { scenario: 'leak' },
      main: sensor('WATER', 'wet', KITCHEN),
      prompt: 'Is the water sensor on the kitchen floor detecting any water?',
      answer: [yesNo(last('main'), WET)],
      variants: [
        { kind: 'ambiguification', style: 'goal-only', prompt: 'Did the kitchen dishwasher leak overnight?' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'leak sensr under the kitchn sink, is it wet??' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'kitchen floor - are we flooded or what' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            'Morning! I heard a weird hissing from downstairs at about six, and the hose behind the washing machine is older than my kids. Before I go padding into the kitchen in my socks, could you check whether the water probe down there is picking up anything?',
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "Check the kitchen leak sensor. If it's wet, also give me its raw reading so I get an idea of how deep the water is.",
          with: { raw: sensor('WATER', 'raw', { ...KITCHEN, when: last('main') }) },
          answer: [yesNo(last('main'), WET), say(last('raw'), { when: last('main') })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          sampling: series(1, 5),
          prompt: 'Poll the kitchen water sensor once a second for 5 seconds. Was it wet in every single sample? How many wet readings did you get?',
          answer: [
            yesNo(all('main'), { yes: ['every', 'all', 'each', 'the whole time', 'throughout'], no: ['some', 'only', 'partly'] }),
            say(count('main', { cmp: 'eq', value: true })),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'normal-day' },
          prompt: 'Kitchen water probe: read its wet flag and its raw level. Is the raw value above 500 counts?',
          with: { raw: sensor('WATER', 'raw', KITCHEN) },
          answer: [yesNo(last('main'), WET), yesNo(gt(last('raw'), 500), { yes: aboveWords, no: belowWords }), say(last('raw'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: "Is there water on the kitchen floor? And what's the humidity next door in the living room? I want to know if the damp is spreading.",
          with: { humidity: quantity('humidity', 'living-room') },
          answer: [yesNo(last('main'), WET), say(last('humidity'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Hoping someone is already mopping. Is the kitchen leak sensor wet, and is anyone in the kitchen right now according to the motion sensor?',
          with: { motion: sensor('HC-SR501', 'motion', KITCHEN) },
          answer: [yesNo(last('main'), WET), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Wet floor in the kitchen? And what temperature does the LM35 in there show? The water heater lives in that corner.',
          with: { temperature: sensor('LM35', 'celsius', KITCHEN) },
          answer: [yesNo(last('main'), WET), say(last('temperature'))],
        },
      ],
    },

    {
      key: 'garden-probe-live',
      tool: 'read_wet',
      world: { scenario: 'normal-day' },
      main: sensor('WATER', 'wet', { ...GARDEN, sampling: realTime(5) }),
      prompt: 'Watch the water sensor in the garden live for 5 seconds. Did it stay dry the whole time?',
      answer: [yesNo(none('main'), DRY_NOW)],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "The gutter over the patio has dripped all week and I wonder whether water's pooling down by the garden drain. Keep an eye on it for a few seconds?",
          sampling: aFewSeconds(),
          answer: [yesNo(any('main'), { yes: [...WET.yes, 'pooling'], no: [...WET.no, 'nothing'] })],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wach the garden water sensr live for 5 secs, did it stay dry the hole time?' },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'puddle check! watch the garden water probe live for 5 sec, anything?',
          answer: [yesNo(any('main'), { yes: WET.yes, no: [...WET.no, 'nothing'] })],
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Patio drain out in the garden: is it backing up?',
          // Nothing in the question asks for a watch: one reading of the probe by the drain answers it.
          sampling: single(),
          answer: [yesNo(last('main'), { yes: [...WET.yes, 'backing up', 'pooling', 'blocked'], no: [...WET.no, 'draining'] })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Over a 5-second live watch of the garden water probe, in how many of the samples was it wet, and how many samples did you get in total?',
          answer: [say(count('main', { cmp: 'eq', value: true })), say(count('main'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: 'Monitor the water sensor in the garden live for 5 s. If it goes wet at any point, read its raw level as well.',
          with: { raw: sensor('WATER', 'raw', { ...GARDEN, when: any('main') }) },
          answer: [yesNo(any('main'), { yes: WET.yes, no: [...WET.no, 'nothing'] }), say(last('raw'), { when: any('main') })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'Stream the garden water probe for 5 seconds, wet flag and raw level both. Did the raw level stay under 100 counts the whole time? What was its peak?',
          with: { raw: sensor('WATER', 'raw', { ...GARDEN, sampling: realTime(5) }) },
          answer: [
            yesNo(lt(max('raw'), 100), { yes: ['stayed under', 'under', 'below', 'less than'], no: ['above', 'over', 'exceeded', 'more than'] }),
            say(max('raw')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Thinking of opening the patio doors. Watch the garden water probe live for 5 s to see if any water's coming in around the drain, and tell me the living room temperature.",
          with: { lounge: quantity('air-temperature', 'living-room') },
          answer: [yesNo(any('main'), { yes: [...WET.yes, 'coming in'], no: [...WET.no, 'nothing'] }), say(last('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Sprinkler overshoot into the drain, maybe? Watch the garden water probe live for 5 s and tell me the soil moisture in the veg bed.',
          with: { moisture: sensor('HW-080', 'moisture', GARDEN) },
          answer: [yesNo(any('main'), { yes: [...WET.yes, 'overshot'], no: [...WET.no, 'nothing'] }), say(last('moisture'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'hot-afternoon' },
          prompt:
            "I'll hose the patio down if it's dry and sunny. Watch the garden water probe live for 5 seconds: is it dry? And what's the UV index out there?",
          with: { uv: quantity('uv-index', 'garden') },
          answer: [yesNo(none('main'), DRY_NOW), say(last('uv'))],
        },
      ],
    },

    {
      key: 'kitchen-raw-level',
      tool: 'read_raw',
      world: { scenario: 'leak' },
      main: sensor('WATER', 'raw', KITCHEN),
      prompt: 'What raw analog value is the water level sensor in the kitchen reading?',
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'raw adc reding from the WATER sensor in the kichen?' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I keep meaning to calibrate the leak probe in the kitchen against a ruler, because the wet/dry flag alone doesn't tell me much. For now I'd just like to know the raw number the sensor gives at this moment, the analog value before the board turns it into wet or dry.",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: "what number's the kitchen water probe spitting out, raw?" },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'No idea how much water is sitting under the kitchen sink right now. I know that probe gives a bigger analog number the deeper it gets.',
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: "Above 500 counts on the kitchen water probe's raw reading? Include the value.",
          answer: [yesNo(gt(last('main'), 500), { yes: aboveWords, no: belowWords }), say(last('main'))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'The kitchen water sensor counts as wet above 300. How many counts above or below that line is it reading right now?',
          answer: [say(sub(last('main'), 300), { tol: 2 }), say(last('main'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          sampling: series(0.5, 3),
          prompt:
            "Every half second for 3 seconds, sample the kitchen water sensor's raw value. What was the average, and how much did it change from the first reading to the last?",
          answer: [say(mean('main')), say(delta('main'), { tol: 2 })],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Raw readings of both water probes, the kitchen one and the garden one, please.',
          with: { garden: sensor('WATER', 'raw', GARDEN) },
          answer: [say(last('main')), say(last('garden'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Water and a hob don't mix. Give me the kitchen water sensor's raw value, and tell me whether the flame sensor by the stove sees anything.",
          with: { flame: sensor('KY-026', 'detected', KITCHEN) },
          answer: [say(last('main')), yesNo(last('flame'), FLAME)],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Both analog channels on the kitchen board, raw ADC counts: the water probe and the LM35.',
          with: { lm35: sensor('LM35', 'raw', KITCHEN) },
          answer: [say(last('main')), say(last('lm35'))],
        },
      ],
    },

    {
      key: 'kitchen-raw-series',
      tool: 'read_raw',
      world: { scenario: 'leak', at: '08:30' },
      main: sensor('WATER', 'raw', { ...KITCHEN, sampling: series(0.5, 3) }),
      prompt: "Read the kitchen water sensor's raw value every half second for 3 seconds and tell me the highest reading.",
      answer: [say(max('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'sampel teh kitchen watter sensor raw every half secound for 3 s, whats the max' },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: "log the kitchen leak probe's raw number for a few secs, what does it peak at?",
          sampling: aFewSeconds(),
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "The puddle by the washing machine seems to creep a little further every time I look, though that may just be my nerves. Could you sample the kitchen water sensor's raw level every half second for three seconds and tell me the peak? I'll compare it with what it says in ten minutes.",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Has the kitchen floor dried out yet? Watch the water probe for a few seconds and tell me the highest raw level; under 300 counts means dry.',
          sampling: aFewSeconds(),
          answer: [yesNo(lt(max('main'), 300), { yes: ['dried', 'dry', 'gone'], no: ['wet', 'still wet', 'still there', 'standing water'] }), say(max('main'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Raw kitchen water level every half second for 3 s: give me the minimum, the maximum and the average.',
          answer: [say(min('main')), say(max('main')), say(mean('main'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Twice a second for 3 s, sample the kitchen water probe raw. Did every sample stay above 500 counts? Tell me the lowest one.',
          answer: [yesNo(gt(min('main'), 500), { yes: ['stayed above', 'every', 'all', 'above'], no: ['dipped below', 'below', 'under'] }), say(min('main'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            "I want the kitchen water probe's raw level every half second for 3 s. If the peak goes over 500, double-check the sensor's own wet flag too.",
          with: { wet: sensor('WATER', 'wet', { ...KITCHEN, when: gt(max('main'), 500) }) },
          answer: [say(max('main')), yesNo(last('wet'), { ...WET, when: gt(max('main'), 500) })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Peak of the kitchen water raw value over 3 s, sampled every half second? Also, is anyone in the kitchen according to the PIR?',
          with: { motion: sensor('HC-SR501', 'motion', KITCHEN) },
          answer: [say(max('main')), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'Sample the raw level of the kitchen water probe every 0.5 s for 3 s, and do the same for the garden probe so I can compare their baselines. Peak of each, please.',
          with: { garden: sensor('WATER', 'raw', { ...GARDEN, sampling: series(0.5, 3) }) },
          answer: [say(max('main')), say(max('garden'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Peak raw reading of the kitchen water probe over 3 seconds, sampled twice a second. And is the light barrier across the kitchen doorway blocked? The dog likes to lie there and I don't want her paws wet.",
          with: { beam: sensor('KY-010', 'blocked', KITCHEN) },
          answer: [say(max('main')), yesNo(last('beam'))],
        },
      ],
    },

    {
      key: 'garden-probe-readout',
      tool: 'read_all',
      world: { scenario: 'normal-day' },
      main: sensor('WATER', ['raw', 'wet'], GARDEN),
      prompt: 'Read everything the water sensor in the garden reports. What is the raw level, and is the probe dry?',
      answer: [say(last('main.raw')), yesNo(not(last('main.wet')), { yes: ['dry'], no: ['wet'] })],
      variants: [
        { kind: 'ambiguification', style: 'colloquial', prompt: 'garden water probe, full readout pls: raw number + is it bone dry or not' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'full reed of the WATER sensr in the garden pls, raw number and is it dry' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I set the water sensor by the patio drain up as a poor man's rain gauge, mostly as an excuse to play with the garden board. Could you read it out for me, both the raw analog value and whether it's registering as wet? I'm curious whether it shows anything at all.",
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "Not sure the water probe in the garden even works anymore, it's said dry for weeks. I'd like to see everything it reports to tell if it's alive.",
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'Full read of the garden water probe: is the raw value under 50 counts, basically bone dry? Give me the raw value and whether the probe itself says dry.',
          answer: [
            yesNo(lt(last('main.raw'), 50), { yes: ['under', 'below', 'bone dry', 'less than'], no: ['above', 'over', 'more than'] }),
            say(last('main.raw')),
            yesNo(last('main.wet'), WET),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: "How far below its 300-count wet threshold is the garden water probe's raw value? Do a full read.",
          answer: [say(sub(300, last('main.raw')), { tol: 2 }), say(last('main.raw'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          sampling: series(1, 4),
          prompt: 'Once a second for 4 seconds, read everything from the garden water probe. What was the highest raw value, and how many samples were wet?',
          answer: [say(max('main.raw')), say(count('main.wet', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          world: { scenario: 'leak' },
          prompt: 'Full reading of the garden water probe, and the raw level of the one in the kitchen for comparison.',
          with: { kitchen: sensor('WATER', 'raw', KITCHEN) },
          answer: [say(last('main.raw')), yesNo(last('main.wet'), WET), say(last('kitchen'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Raw value of the garden water probe and whether it reads dry, please, plus the soil moisture in the veg bed next to it.',
          with: { moisture: sensor('HW-080', 'moisture', GARDEN) },
          answer: [say(last('main.raw')), yesNo(last('main.wet'), WET), say(last('moisture'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'quiet-night' },
          prompt:
            "Can't sleep, sounds like rain. Read out the garden water probe, the raw number and whether it's still dry, and how much light there is out there.",
          with: { light: quantity('light', 'garden') },
          answer: [say(last('main.raw')), yesNo(last('main.wet'), WET), say(last('light'))],
        },
      ],
    },
  ],
};

export default bank;
