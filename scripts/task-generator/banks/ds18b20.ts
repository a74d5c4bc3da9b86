import type { SensorBank } from '../bank.js';
import {
  abs,
  aFewSeconds,
  and,
  delta,
  fraction,
  ge,
  gt,
  last,
  le,
  lt,
  max,
  mean,
  min,
  or,
  quantity,
  realTime,
  say,
  sensor,
  series,
  sub,
  which,
  yesNo,
} from '../bank.js';

/*
 * DS18B20: the garden board's 1-Wire bus with two probes, temperatures[0] hanging in the air and
 * temperatures[1] buried in the vegetable bed. Both carry TH 30 C / TL 5 C, so the alarm search finds
 * both probes in `hot-afternoon` (air 36-39 C, soil 31-33 C) and none in every other scenario.
 * Seen with the world peek: normal-day 10:00 air 20-26 C, soil 16-23 C (soil always the cooler);
 * quiet-night air 9-14 C, soil 12-16 C (soil always the warmer); normal-day 14:00 soil about 19-25 C.
 */

const GARDEN = { place: 'garden' } as const;

const probeCues = ['warmer', 'warmest', 'hotter', 'higher'];
const aboveWords = ['above', 'over', 'higher than', 'hotter than', 'exceeds'];
const belowWords = ['below', 'under', 'lower than', 'colder than', 'cooler than'];
/** "Is any probe in alarm?" */
const alarmWords = { yes: ['in alarm', 'alarming', 'alarmed', 'flagged', 'triggered'], no: ['all clear', 'none', 'nothing', 'quiet'] };
/*
 * Verdict words for other sensors' yes/no fields. The field table's defaults would read the name of a part
 * as a verdict ("the over-temperature alarm is off", "the water sensor is dry"), so these avoid such words.
 */
const lm35Alarm = {
  yes: ['alarm is on', 'alarm is active', 'tripped', 'triggered', 'going off', 'gone off', 'sounding', 'overheating'],
  no: ['alarm is off', 'is off', 'inactive', 'no alarm', 'within limits', 'normal', 'cleared'],
};
const wetWords = {
  yes: ['wet', 'leak', 'leaking', 'flooded', 'flooding', 'water detected', 'detects water', 'standing water', 'puddle', 'pooling'],
  no: ['dry', 'no water', 'no leak', 'all clear'],
};
/** The probes' ROM codes depend on the board only (never on the seed), so a verdict may name a probe by its code. */
const AIR_ROM = '28F79B36D8EA95EF';
const SOIL_ROM = '2860D22049ECE01E';

const bank: SensorBank = {
  sensor: 'DS18B20',
  entries: [
    {
      key: 'soil-probe-series',
      tool: 'read_temp',
      world: { scenario: 'normal-day' },
      main: sensor('DS18B20', 'temperatures[1]', { ...GARDEN, sampling: series(1, 5) }),
      prompt: 'Read the DS18B20 soil probe in the garden bed once a second for 5 seconds and tell me the average soil temperature.',
      answer: [say(mean('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'Thinking of sowing the carrots this morning, but the packet says the ground should be at least 10 °C or they just sit there and rot. Could you keep an eye on how warm the bed is for a few seconds?',
          sampling: aFewSeconds(),
          answer: [
            say(mean('main')),
            yesNo(ge(mean('main'), 10), {
              yes: ['warm enough', 'go ahead', 'good to sow', 'fine to sow', 'above'],
              no: ['too cold', 'hold off', 'wait', 'below', 'colder than'],
            }),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: "how warm's the dirt in the veg patch? grab a reading every sec for 5 sec and average it for me",
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'can u log the soil temprature on the DS18B20 in the gardn bed, every second for 5 secs, and give me the averge',
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "So I finally got the 1-Wire probes wired into the garden box and buried the second one about ten centimetres down in the vegetable bed. Before I start trusting it for anything I'd like a short test run: could you read that soil probe once every second for five seconds and let me know what the average comes out at? Don't worry about the air probe for now.",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'My neighbour only thinks in Fahrenheit. Sample the garden soil probe every second for 5 seconds and give me the average in °F.',
          answer: [say(mean('main'), { convert: { from: 'C', to: 'F' } })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'Log the soil probe in the garden every second for 5 seconds. What were the lowest and highest readings, and how much did it change from the first sample to the last?',
          answer: [say(min('main')), say(max('main')), say(delta('main'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'Over 5 s with a reading every second from the garden soil probe: did the soil stay above 12 °C for the whole run? Give me the lowest reading as well.',
          answer: [
            yesNo(gt(min('main'), 12), {
              yes: ['stayed above', 'above', 'the whole time', 'throughout'],
              no: ['dipped below', 'below', 'under', 'colder than'],
            }),
            say(min('main')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'For the veg bed: average the DS18B20 soil temperature over 5 seconds, one reading a second, and tell me how moist the soil is according to the moisture sensor.',
          with: { moisture: sensor('HW-080', 'moisture', GARDEN) },
          answer: [say(mean('main')), say(last('moisture'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Average the garden soil probe over 5 seconds (a reading every second), then compare it with the living room temperature. Which is warmer?',
          with: { lounge: quantity('air-temperature', 'living-room') },
          answer: [
            which(
              'max',
              [
                { label: 'garden-soil', phrases: ['soil', 'garden', 'bed'], value: mean('main') },
                { label: 'living-room', phrases: ['living room', 'lounge', 'indoors', 'inside'], value: last('lounge') },
              ],
              probeCues,
            ),
            say(mean('main')),
            say(last('lounge')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Deciding whether to mulch the bed and put the shade cloth up. Log the soil probe every second for 5 s and give me the average, and also tell me the UV index out in the garden.',
          with: { uv: quantity('uv-index', 'garden') },
          answer: [say(mean('main')), say(last('uv'))],
        },
      ],
    },

    {
      key: 'rom-codes',
      tool: 'read_rom',
      world: { scenario: 'normal-day' },
      main: sensor('DS18B20', ['roms[0]', 'roms[1]'], GARDEN),
      prompt: 'What are the ROM codes of the two DS18B20 probes on the garden board? Tell me which one is the air probe and which is the soil probe.',
      answer: [say(last('main.roms[0]')), say(last('main.roms[1]'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'i need the rom adresses for both DS18B20 probs in the gardn (the air one and the soil one)' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "The probe addresses are going to be hard-coded in the garden node's config, because after last week's power cut the two readings swapped and I spent an evening thinking the tomatoes were baking at 35 degrees. Could you read out the 64-bit ROM codes of both probes on that 1-Wire bus and say which belongs to the air probe and which to the soil one?",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'gimme the 1-wire IDs for both garden temp probes, air n soil' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "Two identical steel probes dangle out of the garden box and I've no clue which address is which. I need to label them before I bury one.",
        },
        {
          kind: 'complexification',
          category: 'comparison',
          world: { scenario: 'quiet-night' },
          prompt: 'Which of the two garden DS18B20 probes is warmer right now? Identify it by its ROM code and give me both temperatures.',
          with: { temps: sensor('DS18B20', ['temperatures[0]', 'temperatures[1]'], GARDEN) },
          answer: [
            which(
              'max',
              [
                { label: 'air', phrases: ['air probe', 'air', AIR_ROM], value: last('temps.temperatures[0]') },
                { label: 'soil', phrases: ['soil probe', 'soil', SOIL_ROM], value: last('temps.temperatures[1]') },
              ],
              probeCues,
            ),
            say(last('main.roms[0]'), { when: gt(last('temps.temperatures[0]'), last('temps.temperatures[1]')) }),
            say(last('main.roms[1]'), { when: ge(last('temps.temperatures[1]'), last('temps.temperatures[0]')) }),
            say(last('temps.temperatures[0]')),
            say(last('temps.temperatures[1]')),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          world: { scenario: 'hot-afternoon' },
          prompt:
            "Get the ROM codes on the garden bus and the air probe's temperature. If the air probe is over 30 °C, tell me its ROM code so I can flag it in the log; otherwise just give me the temperature.",
          with: { air: sensor('DS18B20', 'temperatures[0]', GARDEN) },
          answer: [say(last('air')), yesNo(gt(last('air'), 30), { yes: aboveWords, no: belowWords }), say(last('main.roms[0]'), { when: gt(last('air'), 30) })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'normal-day', at: '14:00' },
          prompt: 'List both DS18B20 ROM codes in the garden, and tell me whether the soil probe is under 15 °C at the moment (with its reading).',
          with: { soil: sensor('DS18B20', 'temperatures[1]', GARDEN) },
          answer: [say(last('main.roms[0]')), say(last('main.roms[1]')), yesNo(lt(last('soil'), 15), { yes: belowWords, no: aboveWords }), say(last('soil'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Labelling everything on the garden box today. Read me the ROM codes of both DS18B20 probes, and what the soil moisture sensor says right now so I know that one's alive too.",
          with: { moisture: sensor('HW-080', 'moisture', GARDEN) },
          answer: [say(last('main.roms[0]')), say(last('main.roms[1]')), say(last('moisture'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Inventory time: I need both 1-Wire probe addresses from the garden and the output voltage of the GUVA-S12SD UV sensor that sits next to them.',
          with: { 'uv-volts': sensor('GUVA-S12SD', 'voltage', GARDEN) },
          answer: [say(last('main.roms[0]')), say(last('main.roms[1]')), say(last('uv-volts'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'While you pull the ROM codes off the garden DS18B20 probes, check the leak sensor in the kitchen as well: is there any water on the floor?',
          with: { leak: sensor('WATER', 'wet', { place: 'kitchen' }) },
          answer: [say(last('main.roms[0]')), say(last('main.roms[1]')), yesNo(last('leak'), wetWords)],
        },
      ],
    },

    {
      key: 'air-probe-config',
      tool: 'read_config',
      world: { scenario: 'normal-day' },
      main: sensor('DS18B20', ['configs[0].resolution', 'configs[0].th', 'configs[0].tl'], GARDEN),
      prompt:
        'Pull the configuration of the DS18B20 air probe in the garden: what resolution is it set to, and what are its high (TH) and low (TL) alarm thresholds?',
      answer: [say(last('main.configs[0].resolution')), say(last('main.configs[0].th')), say(last('main.configs[0].tl'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'whats the resolution and the hi/low alarm setings on the DS18B02 air probe out in the garden',
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'garden air probe config, what does it look like? bits + alarm limits' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Quick sanity check before I trust those alarms. Last weekend I pushed new thresholds to the DS18B20s in the garden from my laptop, but the script crashed halfway through and I honestly don't know whether the EEPROM write went through. Could you read back the air probe's configuration, so the resolution and both alarm temperatures, and I'll compare with what I meant to set?",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'If the air out in the garden hits 32 degrees, will the temperature probe out there actually raise an alarm?',
          answer: [
            yesNo(le(last('main.configs[0].th'), 32), {
              yes: ['will alarm', 'would alarm', 'raise an alarm', 'trigger', 'set it off', 'go off'],
              no: ['stay quiet', 'silent', 'no alarm'],
            }),
            say(last('main.configs[0].th')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "What's the high-alarm setpoint of the garden air probe in Fahrenheit? My greenhouse controller only takes °F.",
          answer: [say(last('main.configs[0].th'), { convert: { from: 'C', to: 'F' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'hot-afternoon' },
          prompt:
            "Check the garden air probe's alarm limits against what it's reading right now. Is the temperature inside the TL-TH window? Give me the limits and the reading.",
          with: { air: sensor('DS18B20', 'temperatures[0]', GARDEN) },
          answer: [
            yesNo(and(gt(last('air'), last('main.configs[0].tl')), lt(last('air'), last('main.configs[0].th'))), {
              yes: ['inside', 'within', 'between'],
              no: ['outside', 'above', 'over', 'exceeds'],
            }),
            say(last('air')),
            say(last('main.configs[0].tl')),
            say(last('main.configs[0].th')),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Headroom check: how many degrees does the garden air probe have before it reaches its high alarm limit? Show the reading and the limit.',
          with: { air: sensor('DS18B20', 'temperatures[0]', GARDEN) },
          answer: [say(sub(last('main.configs[0].th'), last('air')), { tol: 0.7 }), say(last('air')), say(last('main.configs[0].th'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'If I moved the garden air probe into the living room with its current alarm settings, would the temperature in there set it off? Tell me the living room temperature and the probe limits.',
          with: { lounge: quantity('air-temperature', 'living-room') },
          answer: [
            yesNo(or(ge(last('lounge'), last('main.configs[0].th')), le(last('lounge'), last('main.configs[0].tl'))), {
              yes: ['set it off', 'trigger', 'go off', 'would alarm', 'raise an alarm'],
              no: ['stay quiet', 'within', 'inside', 'between'],
            }),
            say(last('lounge')),
            say(last('main.configs[0].th')),
            say(last('main.configs[0].tl')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'fire' },
          prompt:
            "Doing an alarm audit. Is the LM35's over-temperature alarm in the kitchen tripped right now? And remind me what high and low limits the garden DS18B20 air probe is set to.",
          with: { lm35: sensor('LM35', 'alarm', { place: 'kitchen' }) },
          answer: [yesNo(last('lm35'), lm35Alarm), say(last('main.configs[0].th')), say(last('main.configs[0].tl'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Would the workshop's current temperature, from its TMP36, sit inside the alarm window configured on the garden air probe? Give me the workshop reading and the window.",
          with: { workshop: sensor('TMP36', 'celsius', { place: 'workshop' }) },
          answer: [
            yesNo(and(gt(last('workshop'), last('main.configs[0].tl')), lt(last('workshop'), last('main.configs[0].th'))), {
              yes: ['inside', 'within', 'between'],
              no: ['outside', 'above', 'below'],
            }),
            say(last('workshop')),
            say(last('main.configs[0].tl')),
            say(last('main.configs[0].th')),
          ],
        },
      ],
    },

    {
      key: 'alarm-watch',
      tool: 'read_alarmed_roms',
      world: { scenario: 'hot-afternoon' },
      main: sensor('DS18B20', 'alarmed_roms.length', { ...GARDEN, sampling: realTime(5) }),
      prompt: 'Watch the alarm search on the garden DS18B20 bus live for 5 seconds. How many probes were in alarm?',
      answer: [say(max('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "My phone keeps buzzing with garden temperature alerts and I'm half convinced it's a bug. Could you watch the probes' alarm flags for a few seconds?",
          sampling: aFewSeconds(),
          answer: [
            say(max('main')),
            yesNo(gt(max('main'), 0), { yes: ['in alarm', 'alarming', 'triggered', 'genuine'], no: ['all clear', 'false alarm', 'glitch'] }),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'monitor the DS18B20 alarms in the gaden live for 5 secconds, are any of the probes alarmed and how many?',
          answer: [say(max('main')), yesNo(gt(max('main'), 0), { yes: ['alarmed', 'in alarm', 'alarming', 'triggered'], no: ['all clear', 'none'] })],
        },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'any of the garden probes freaking out? watch the alarm flags live for 5 sec and tell me how many',
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            'Some background: the garden box runs an alarm search on its 1-Wire bus and my dashboard shows a red badge whenever a probe turns up in it. The badge has been red since lunch. Could you follow the alarm search live for about five seconds and tell me how many probes are actually flagged?',
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'normal-day' },
          prompt:
            'Over a 5-second live watch of the garden DS18B20 alarm list, were both probes in alarm at the same moment at any point? What was the most flagged at once?',
          answer: [
            yesNo(ge(max('main'), 2), {
              yes: ['both in alarm', 'both were in alarm', 'both probes were in alarm', 'both alarmed', 'both flagged'],
              no: ['neither', 'only one', 'none', 'zero'],
            }),
            say(max('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Follow the garden probe alarms live for 5 seconds. In what percentage of the samples was at least one probe alarmed?',
          answer: [say(fraction('main', { cmp: 'gt', value: 0 }), { convert: { from: 'fraction', to: '%' } })],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'Keep the garden alarm search under live watch for 5 s and tell me how many probes get flagged. If any do, read both probe temperatures so I can see how bad it is.',
          with: { temps: sensor('DS18B20', ['temperatures[0]', 'temperatures[1]'], { ...GARDEN, when: gt(max('main'), 0) }) },
          answer: [
            say(max('main')),
            say(last('temps.temperatures[0]'), { when: gt(max('main'), 0) }),
            say(last('temps.temperatures[1]'), { when: gt(max('main'), 0) }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Heatwave check on the veg bed: watch the DS18B20 alarms live for 5 seconds and tell me how many probes are in alarm, then whether the soil moisture sensor says the bed is dry.',
          with: { dry: sensor('HW-080', 'dry', GARDEN) },
          answer: [
            say(max('main')),
            yesNo(last('dry'), { yes: ['dry', 'needs water', 'needs watering', 'thirsty', 'parched'], no: ['moist', 'wet', 'damp', 'enough water'] }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'How many garden probes go into alarm over 5 seconds of live monitoring? And what is the living room temperature, is the heat getting inside?',
          with: { lounge: quantity('air-temperature', 'living-room') },
          answer: [say(max('main')), say(last('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Count the alarmed probes while you watch the garden DS18B20 alarm search live for 5 s. Is the LM35's over-temperature alarm in the kitchen on as well, or is it only the garden?",
          with: { lm35: sensor('LM35', 'alarm', { place: 'kitchen' }) },
          answer: [say(max('main')), yesNo(last('lm35'), lm35Alarm)],
        },
      ],
    },

    {
      key: 'soil-probe-scratchpad',
      tool: 'read_scratchpad',
      world: { scenario: 'normal-day' },
      main: sensor('DS18B20', 'scratchpads[1]', GARDEN),
      prompt: 'Dump the raw 9-byte scratchpad of the DS18B20 soil probe in the garden, as hex.',
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'can you dump the scrachpad of the soil DS18B20 prob in the garden? hex is fine' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "need the raw hex off the soil probe's scratchpad, the one on the garden 1-wire bus" },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm writing my own little 1-Wire library for a Pico and the CRC check keeps failing on one of the garden probes, the one in the soil. To rule my code in or out I want to see what the chip itself returns. Could you grab that probe's scratchpad, all nine bytes, and paste it here?",
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "My homemade parser keeps turning the garden soil probe's data into garbage and I can't tell whether it's the bytes or my maths.",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "Decoder check: I need the garden soil probe's scratchpad, and its temperature in Fahrenheit.",
          with: { soil: sensor('DS18B20', 'temperatures[1]', GARDEN) },
          answer: [say(last('main')), say(last('soil'), { convert: { from: 'C', to: 'F' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'quiet-night' },
          prompt: "Grab the soil probe's scratchpad, then read its temperature: is the soil colder than 15 °C? Include the temperature.",
          with: { soil: sensor('DS18B20', 'temperatures[1]', GARDEN) },
          answer: [say(last('main')), yesNo(lt(last('soil'), 15), { yes: belowWords, no: aboveWords }), say(last('soil'))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Scratchpads of both garden probes and their temperatures, please. Which probe is warmer, the air one or the soil one?',
          with: { other: sensor('DS18B20', ['scratchpads[0]', 'temperatures[0]', 'temperatures[1]'], GARDEN) },
          answer: [
            say(last('main')),
            say(last('other.scratchpads[0]')),
            which(
              'max',
              [
                { label: 'air', phrases: ['air probe', 'air'], value: last('other.temperatures[0]') },
                { label: 'soil', phrases: ['soil probe', 'soil'], value: last('other.temperatures[1]') },
              ],
              probeCues,
            ),
            say(last('other.temperatures[0]')),
            say(last('other.temperatures[1]')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Debugging the garden node's inputs: give me the soil probe's scratchpad and the raw ADC count from the HW-080 moisture sensor.",
          with: { 'moisture-raw': sensor('HW-080', 'raw', GARDEN) },
          answer: [say(last('main')), say(last('moisture-raw'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "I'm collecting raw fixtures for my parser's unit tests. I need the garden soil probe's scratchpad bytes and the raw ADC value of the water sensor in the kitchen.",
          with: { 'kitchen-water': sensor('WATER', 'raw', { place: 'kitchen' }) },
          answer: [say(last('main')), say(last('kitchen-water'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "For a sunlight-versus-soil-warmth experiment: log the soil probe's scratchpad as it is right now, plus the light level in the garden from the BH1750, in lux.",
          with: { light: sensor('BH1750', 'lux', GARDEN) },
          answer: [say(last('main')), say(last('light'))],
        },
      ],
    },

    {
      key: 'full-bus-readout',
      tool: 'read_all',
      world: { scenario: 'quiet-night' },
      main: sensor('DS18B20', ['temperatures[0]', 'temperatures[1]', 'alarmed_roms.length'], GARDEN),
      prompt:
        'Do a full read of the DS18B20 bus in the garden and give me the air probe temperature, the soil probe temperature and how many probes are in alarm.',
      answer: [say(last('main.temperatures[0]')), say(last('main.temperatures[1]')), say(last('main.alarmed_roms.length'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "It's 3am and I'm lying awake wondering how cold the veg bed is getting out there, air and soil both, and whether the garden box has flagged any alarms.",
          answer: [say(last('main.temperatures[0]')), say(last('main.temperatures[1]')), yesNo(gt(last('main.alarmed_roms.length'), 0), alarmWords)],
        },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'whole garden probe rundown pls: air temp, soil temp, anything alarming?',
          answer: [say(last('main.temperatures[0]')), say(last('main.temperatures[1]')), yesNo(gt(last('main.alarmed_roms.length'), 0), alarmWords)],
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'read evrything on the DS18B20 bus in the garden - air temp, soil temp and how many probes r in alarm',
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm putting together a little night-time report for the garden because the seedlings went in last week and I'm a bit paranoid about cold snaps. Could you pull everything off the temperature probes out there in one go, meaning the air temperature, the soil temperature, and how many of the probes are currently in alarm, and list it for me?",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'For my lab notebook I need the garden probe temperatures in kelvin, both of them, plus the alarm count from a full read of the bus.',
          answer: [
            say(last('main.temperatures[0]'), { convert: { from: 'C', to: 'K' } }),
            say(last('main.temperatures[1]'), { convert: { from: 'C', to: 'K' } }),
            say(last('main.alarmed_roms.length')),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt:
            'From a full read of the garden DS18B20 bus: is the soil warmer than the air right now, and by how much? Also tell me if any probe is in alarm.',
          answer: [
            yesNo(gt(last('main.temperatures[1]'), last('main.temperatures[0]')), { yes: ['warmer', 'hotter'], no: ['colder', 'cooler'] }),
            say(abs(sub(last('main.temperatures[1]'), last('main.temperatures[0]'))), { tol: 0.7 }),
            say(last('main.temperatures[0]')),
            say(last('main.temperatures[1]')),
            yesNo(gt(last('main.alarmed_roms.length'), 0), alarmWords),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          sampling: series(1, 4),
          prompt:
            'Every second for 4 seconds, read the whole garden DS18B20 bus. Give me the average air temperature, the average soil temperature, and the most probes that were in alarm at any one time.',
          answer: [say(mean('main.temperatures[0]')), say(mean('main.temperatures[1]')), say(max('main.alarmed_roms.length'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Full read of the garden probes (air, soil, alarms), then compare the garden air with the bedroom: how many degrees colder is it outside?',
          with: { bedroom: quantity('air-temperature', 'bedroom') },
          answer: [
            say(sub(last('bedroom'), last('main.temperatures[0]')), { tol: 1 }),
            say(last('main.temperatures[0]')),
            say(last('bedroom')),
            say(last('main.temperatures[1]')),
            yesNo(gt(last('main.alarmed_roms.length'), 0), alarmWords),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Give me both garden probe temperatures and the alarm count, plus the light level out there from the BH1750. I'm checking whether the solar path lights are fooling the light sensor.",
          with: { light: sensor('BH1750', 'lux', GARDEN) },
          answer: [say(last('main.temperatures[0]')), say(last('main.temperatures[1]')), say(last('main.alarmed_roms.length')), say(last('light'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Air temperature, soil temperature and alarm state from the garden DS18B20s, please, and check the water sensor out there too: is any water pooling by the drain?',
          with: { water: sensor('WATER', 'wet', GARDEN) },
          answer: [
            say(last('main.temperatures[0]')),
            say(last('main.temperatures[1]')),
            yesNo(gt(last('main.alarmed_roms.length'), 0), alarmWords),
            yesNo(last('water'), wetWords),
          ],
        },
      ],
    },
  ],
};

export default bank;
