import type { SensorBank } from '../bank.js';
import { aFewSeconds, div, ge, gt, last, lt, max, mean, mentions, min, mul, quantity, realTime, say, sensor, series, sub, which, yesNo } from '../bank.js';

/*
 * The LTR390 sits on the garden board (esp32c3-garden) next to the GUVA-S12SD (UV) and a BH1750 (light).
 * UV index: ~3.9-5.7 on a normal morning (10:00), ~1-1.3 at 07:30, ~0.55-0.8 at 19:00, ~7.7-10 in
 * hot-afternoon. Ambient light: ~23-35k lux at 07:30, ~19-28k at 19:00; the ALS channel saturates
 * (raw_als 262143 = 52428.6 lux) in full daylight, all through hot-afternoon.
 */

const GARDEN = { place: 'garden' } as const;
const LIVING_ROOM = { place: 'living-room' } as const;

const SUN_PROTECTION = ['sunscreen', 'SPF', 'hat', 'shade', 'long sleeves', 'cover up', 'sunglasses', 'later', 'evening', 'water'] as const;
const SATURATED = {
  yes: ['saturated', 'maxed out', 'clipping', 'clipped', 'full scale', 'pinned', 'at its limit'],
  no: ['headroom', 'within range', 'below full scale', 'in range'],
} as const;

const bank: SensorBank = {
  sensor: 'LTR390',
  entries: [
    // ---- read_uv_index: an ordinary mid-morning ----
    {
      key: 'uv-index-morning',
      tool: 'read_uv_index',
      world: { scenario: 'normal-day' },
      main: sensor('LTR390', 'uv_index', GARDEN),
      prompt: 'What UV index is the LTR390 in the garden reading?',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Can the kids play in the garden for an hour this morning without sunscreen? The LTR390 out there should know.',
          answer: [
            yesNo(lt(last('main'), 3), {
              yes: ['safe', 'go ahead', 'low'],
              no: ['sunscreen', 'put sunscreen on', 'apply sunscreen', 'cover up', 'moderate'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt:
            "My skin goes pink at the drop of a hat and I'm about to hang the washing out in the garden. Anything I should know? The LTR390 is out there.",
          answer: [say(last('main')), mentions('suggests sun protection', SUN_PROTECTION)],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'uv index form the LTR 390 in the gaden?' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "ltr390 in the garden, what's the uv at rn" },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'According to the LTR390, is the UV index in the garden at least moderate, so 3 or higher? Tell me the value.',
          answer: [
            yesNo(ge(last('main'), 3), { yes: ['at least', 'above', 'over', 'moderate', 'or higher'], no: ['below', 'under', 'less than', 'low'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: "Once a second for 5 seconds, read the garden LTR390's UV index. What were the average and the lowest values?",
          sampling: series(1, 5),
          answer: [say(mean('main')), say(min('main'))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: "How far is the LTR390's UV index in the garden from the 'high' level of 6? Give me the reading and the gap.",
          answer: [say(last('main')), say(sub(6, last('main')), { says: '6 minus the UV index' })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Cross-check the LTR390 UV index against the GUVA-S12SD in the garden. What do both sensors say?',
          with: { guva: sensor('GUVA-S12SD', 'uvi', GARDEN) },
          answer: [say(last('main')), say(last('guva'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Could I get the garden air temperature and the LTR390's UV index?",
          with: { temp: quantity('air-temperature', 'garden') },
          answer: [say(last('main')), say(last('temp'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "I can't decide between sitting in the garden or staying inside. What's the UV index out there on the LTR390, and how warm is the living room?",
          with: { living: quantity('air-temperature', 'living-room') },
          answer: [say(last('main')), say(last('living'))],
        },
      ],
    },

    // ---- read_lux: early morning, below saturation ----
    {
      key: 'lux-early-morning',
      tool: 'read_lux',
      world: { scenario: 'normal-day', at: '07:30' },
      main: sensor('LTR390', 'lux', GARDEN),
      prompt: "What's the ambient light level in lux from the LTR390 in the garden?",
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Is it bright enough out there to photograph the dahlias without a flash? Check the LTR390 in the garden.',
          answer: [
            yesNo(ge(last('main'), 10000), {
              yes: ['bright enough', 'plenty of light', 'enough light', 'go ahead'],
              no: ['too dark', 'use a flash', 'need a flash', 'too dim'],
            }),
            say(last('main')),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wats the lux on the ltr390 in the garden, ambiant light i mean' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Morning! I've been up since six with a coffee, watching the sun come over the fence, and I'm curious how much light the garden actually gets this early compared to midday. Could you read the ambient light from the LTR390 out there and tell me the lux?",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: "how much light's the ltr390 seeing out back? lux" },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'My old light meter only does foot-candles. What is the LTR390 ambient light in the garden in fc?',
          answer: [say(last('main'), { convert: { from: 'lux', to: 'fc' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Has the garden passed 50,000 lux yet (full-sun territory) according to the LTR390? Give me the number.',
          answer: [
            yesNo(gt(last('main'), 50000), { yes: ['passed', 'above', 'over', 'more than', 'full sun'], no: ['below', 'under', 'less than'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "Check the LTR390's lux in the garden. If it's over 40,000, also give me its UV index; if not, the lux is all I need.",
          with: { uv: sensor('LTR390', 'uv_index', { ...GARDEN, when: gt(last('main'), 40000) }) },
          answer: [say(last('main')), say(last('uv'), { when: gt(last('main'), 40000) })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Both garden light sensors, please: the LTR390 lux and the BH1750 lux.',
          with: { bh: sensor('BH1750', 'lux', GARDEN) },
          answer: [say(last('main')), say(last('bh'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'How many times brighter is the garden than the living room right now? Use the LTR390 for the garden and give me both readings.',
          with: { living: quantity('light', 'living-room') },
          answer: [say(div(last('main'), last('living')), { says: 'garden lux / living-room lux' }), say(last('main')), say(last('living'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Light level on the LTR390 and UV index on the GUVA sensor, both out in the garden?',
          with: { guva: sensor('GUVA-S12SD', 'uvi', GARDEN) },
          answer: [say(last('main')), say(last('guva'))],
        },
      ],
    },

    // ---- read_raw: both raw channels, ALS saturated in the heatwave sun ----
    {
      key: 'raw-channels',
      tool: 'read_raw',
      world: { scenario: 'hot-afternoon' },
      main: sensor('LTR390', ['raw_uvs', 'raw_als'], GARDEN),
      prompt: 'Read the raw UVS and ALS counts from the LTR390 in the garden.',
      answer: [say(last('main.raw_uvs')), say(last('main.raw_als'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "The LTR390's lux figure in the garden sticks at 52428.6 whenever the sun is out. What are its raw channels doing underneath?",
          answer: [yesNo(ge(last('main.raw_als'), 262143), SATURATED), say(last('main.raw_als')), say(last('main.raw_uvs'))],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'raw counts on the LTR 390 in the gardn pls, both chanels (uvs + als)' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "dump the ltr390's raw uvs and als counts for me" },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm porting the LTR390 driver to Rust and I want some ground truth to test my conversion functions against. Could you read the two raw channels, UVS and ALS, from the one in the garden and tell me both counts? No need to convert anything, I'll do that part.",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "Take the garden LTR390's raw counts and convert them yourself: ALS × 0.2 gives lux, UVS ÷ 95.83 gives the UV index. What do you get?",
          answer: [
            say(mul(last('main.raw_als'), 0.2), { says: 'raw ALS x 0.2, lux', unit: 'lux', about: { quantity: 'light' } }),
            say(div(last('main.raw_uvs'), 95.83), { says: 'raw UVS / 95.83, UV index', tol: 0.05, about: { quantity: 'uv-index' } }),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'normal-day', at: '19:00' },
          prompt: "Is the LTR390's ALS channel in the garden pinned at its 18-bit maximum of 262143? Give me the raw counts.",
          answer: [yesNo(ge(last('main.raw_als'), 262143), SATURATED), say(last('main.raw_als')), say(last('main.raw_uvs'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            "Read both raw channels of the garden LTR390 once a second for 4 seconds. What's the average UVS count, and did the ALS channel sit at 262143 the whole time?",
          sampling: series(1, 4),
          answer: [
            say(mean('main.raw_uvs')),
            yesNo(ge(min('main.raw_als'), 262143), {
              yes: ['the whole time', 'throughout', 'stayed', 'every sample', 'saturated'],
              no: ['dropped', 'dipped', 'below', 'varied'],
            }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Are both light sensors in the garden clipping? Give me the LTR390's raw ALS and UVS counts and the BH1750's raw count.",
          with: { bh: sensor('BH1750', 'raw', GARDEN) },
          answer: [say(last('main.raw_als')), say(last('main.raw_uvs')), say(last('bh'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Raw UV numbers from both UV sensors in the garden: the LTR390's UVS channel (with its ALS count too) and the GUVA-S12SD's ADC value.",
          with: { guva: sensor('GUVA-S12SD', 'raw', GARDEN) },
          answer: [say(last('main.raw_uvs')), say(last('main.raw_als')), say(last('guva'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'I want to compare raw light counts across boards: the LTR390 in the garden (UVS and ALS) and the BH1750 in the living room.',
          with: { living: sensor('BH1750', 'raw', LIVING_ROOM) },
          answer: [say(last('main.raw_als')), say(last('main.raw_uvs')), say(last('living'))],
        },
      ],
    },

    // ---- read_all: every channel as a series in the early evening ----
    {
      key: 'all-series',
      tool: 'read_all',
      world: { scenario: 'normal-day', at: '19:00' },
      main: sensor('LTR390', ['uv_index', 'lux', 'raw_uvs', 'raw_als'], { ...GARDEN, sampling: series(1, 5) }),
      prompt: 'Log everything the LTR390 in the garden measures once a second for 5 seconds, and give me the average UV index and the average lux.',
      answer: [say(mean('main.uv_index')), say(mean('main.lux'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt:
            'Is there still enough sun for the solar panel on the garden shed to charge? It needs roughly 10,000 lux. Pull the full LTR390 readout for a few seconds and decide.',
          sampling: aFewSeconds(),
          answer: [
            yesNo(ge(mean('main.lux'), 10000), {
              yes: ['enough sun', 'enough light', 'still charging', 'will charge', 'plenty'],
              no: ['too dark', 'too little light', 'too dim'],
            }),
            say(mean('main.lux')),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'evreything from the ltr390 in the gardn logged once a sec for 5 sec pls, then avg uv index and avg lux',
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: "full ltr390 dump, once a sec for 5 secs - what's the avg uv and lux" },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Evening! I'm building a little weather-station log and the LTR390 in the garden is the star of the show. Could you take its complete reading (UV index, lux and both raw counts) once a second for five seconds, and then just tell me the average UV index and the average lux? I'll fill in the rest myself later.",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Average light in foot-candles and the average UV index, please: take the full LTR390 reading in the garden every second for 5 seconds.',
          answer: [say(mean('main.lux'), { convert: { from: 'lux', to: 'fc' } }), say(mean('main.uv_index'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Read all LTR390 channels in the garden every second for 5 seconds. Did the UV index stay below 1 the whole time? What was the highest?',
          answer: [
            yesNo(lt(max('main.uv_index'), 1), {
              yes: ['stayed below', 'below', 'under', 'the whole time', 'throughout'],
              no: ['reached', 'went above', 'exceeded', 'above', 'over'],
            }),
            say(max('main.uv_index')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Sample every LTR390 channel in the garden once a second for 5 seconds. Lowest and highest lux, and the average raw ALS count?',
          answer: [say(min('main.lux')), say(max('main.lux')), say(mean('main.raw_als'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Log the LTR390 in full and the garden BH1750's lux together, once a second for 5 seconds. Average lux from each sensor, and the LTR390's average UV index.",
          with: { bh: sensor('BH1750', 'lux', { ...GARDEN, sampling: series(1, 5) }) },
          answer: [say(mean('main.lux')), say(mean('bh')), say(mean('main.uv_index'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Every second for 5 seconds, read everything from the LTR390 and the UV index from the GUVA-S12SD in the garden. How do the two sensors' average UV indexes compare?",
          with: { guva: sensor('GUVA-S12SD', 'uvi', { ...GARDEN, sampling: series(1, 5) }) },
          answer: [say(mean('main.uv_index')), say(mean('guva'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'Record the full LTR390 readout in the garden and the light level in the living room, once a second for 5 seconds. Which is brighter on average, and what are the two averages?',
          with: { living: quantity('light', 'living-room', { sampling: series(1, 5) }) },
          answer: [
            which(
              'max',
              [
                { label: 'garden', phrases: ['garden', 'outside', 'outdoors'], value: mean('main.lux') },
                { label: 'living-room', phrases: ['living room', 'lounge', 'inside', 'indoors'], value: mean('living') },
              ],
              ['brighter', 'lighter', 'more light'],
            ),
            say(mean('main.lux')),
            say(mean('living')),
          ],
        },
      ],
    },

    // ---- read_uv_index in real time: the heatwave afternoon ----
    {
      key: 'uv-index-live',
      tool: 'read_uv_index',
      world: { scenario: 'hot-afternoon' },
      main: sensor('LTR390', 'uv_index', { ...GARDEN, sampling: realTime(6) }),
      prompt: "Watch the LTR390's UV index in the garden live for 6 seconds and tell me the average.",
      answer: [say(mean('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Okay to take the baby out into the garden for a bit right now? Watch the LTR390 UV reading for a few seconds first.',
          sampling: aFewSeconds(),
          answer: [
            yesNo(lt(mean('main'), 3), {
              yes: ['safe', 'go ahead', 'low enough'],
              no: ['too strong', 'too high', 'stay inside', 'keep the baby inside', 'keep her inside', 'keep him inside', 'wait', 'shade'],
            }),
            // The prompt names no statistic: the average, the peak or a typical value all fairly state the reading.
            say(mean('main'), { tol: 0.5, says: 'garden UV index over the window (average, peak or a typical value)', about: { stat: 'reading' } }),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt: "About to mow the lawn in full sun. The LTR390's out there, so watch it live for 6 seconds and tell me what I'm in for.",
          answer: [
            say(mean('main'), { tol: 0.5, says: 'garden UV index over the window (average, peak or a typical value)', about: { stat: 'reading' } }),
            mentions('suggests sun protection or a cooler time', SUN_PROTECTION),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'can you wacth the ltr390 uv indx live for 6 sec in the garden and giv me the avrage' },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: "keep tabs on the ltr390 uv for a few secs, what's it averaging?",
          sampling: aFewSeconds(),
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Over a 6-second live stream of the LTR390 UV index, did it touch 11 (extreme) at any point? Tell me the peak.',
          answer: [
            yesNo(ge(max('main'), 11), {
              yes: ['hit', 'reached', 'touched', 'extreme', 'at least 11'],
              no: ['below 11', 'under 11', 'stayed below', 'less than 11'],
            }),
            say(max('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Lowest and highest reading of the garden LTR390 UV index over a 6-second live watch?',
          answer: [say(min('main')), say(max('main'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: 'Monitor the LTR390 UV index live for 6 seconds. If the average is 6 or higher, I also want the raw UVS count.',
          with: { raw: sensor('LTR390', 'raw_uvs', { ...GARDEN, when: ge(mean('main'), 6) }) },
          answer: [say(mean('main')), say(last('raw'), { when: ge(mean('main'), 6) })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Watch both UV sensors in the garden live for 6 seconds, the LTR390 and the GUVA-S12SD. What's the average from each?",
          with: { guva: sensor('GUVA-S12SD', 'uvi', { ...GARDEN, sampling: realTime(6) }) },
          answer: [say(mean('main')), say(mean('guva'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Average LTR390 UV index over a 6-second live window, plus one reading of the garden air temperature.',
          with: { temp: quantity('air-temperature', 'garden') },
          answer: [say(mean('main')), say(last('temp'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'Inside or out this afternoon? Watch the LTR390 UV index live for 6 seconds and give me its average, and check the temperature in the living room.',
          with: { living: sensor('DHT11', 'temperature', LIVING_ROOM) },
          answer: [say(mean('main')), say(last('living'))],
        },
      ],
    },
  ],
};

export default bank;
