import type { SensorBank } from '../bank.js';
import {
  abs,
  aFewSeconds,
  and,
  any,
  count,
  delta,
  div,
  first,
  ge,
  gt,
  last,
  lt,
  max,
  mean,
  mentions,
  min,
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
 * Two BH1750s: one on the living-room shelf (esp32-living-room), one in the garden (esp32c3-garden).
 * Living room: ~600-1200 lux on a normal morning, ~70-120 lux just before 20:00, when the lamps come on
 * and it jumps to ~300-370 lux; ~210-290 lux at 21:00 (lamps only); ~1 lux at night.
 * Garden: the sensor saturates in daylight (raw 65535 = 54612.5 lux) from mid-morning to late afternoon
 * and all through hot-afternoon; ~19-29k lux at 19:00, ~11-18k at 19:30, ~6-10k at 20:00, ~2-3k at
 * 20:30, 0 from 21:00. The garden LTR390 reads the same light (it clips at 52428.6 lux).
 */

const LIVING_ROOM = { place: 'living-room' } as const;
const GARDEN = { place: 'garden' } as const;

const BRIGHTER = ['brighter', 'lighter', 'more light', 'the most light'] as const;
/** PIR verdict words: the field table's "motion" would also match "the motion sensor saw nothing". */
const MOTION = {
  yes: ['someone', 'somebody', 'a person', 'motion detected', 'movement detected', 'detects motion', 'detected movement', 'occupied'],
  no: ['nobody', 'no one', 'no motion', 'no movement', 'empty', 'unoccupied'],
} as const;
const LIVING_ROOM_WORDS = ['living room', 'lounge', 'inside', 'indoors'] as const;
const GARDEN_WORDS = ['garden', 'outside', 'outdoors', 'out back'] as const;
const SATURATED = {
  yes: ['saturated', 'maxed out', 'clipping', 'clipped', 'full scale', 'pinned', 'ceiling'],
  no: ['headroom', 'within range', 'below full scale', 'in range'],
} as const;

const bank: SensorBank = {
  sensor: 'BH1750',
  entries: [
    // ---- read_lux: the living room on an ordinary sunny morning ----
    {
      key: 'living-room-lux',
      tool: 'read_lux',
      world: { scenario: 'normal-day' },
      main: sensor('BH1750', 'lux', LIVING_ROOM),
      prompt: 'How many lux is the light sensor in the living room reading right now?',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'The living room looks kind of gloomy to me this morning. Is it actually dark in there or is it just my eyes?',
          answer: [
            yesNo(lt(last('main'), 200), { yes: ['dark', 'dim', 'gloomy'], no: ['bright', 'well lit', 'plenty of light', 'light enough'] }),
            say(last('main')),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'whats the lux in the livng room rigth now? the BH1750 one' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "yo how bright's the lounge atm" },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Can I read on the living room sofa this morning without switching a lamp on?',
          answer: [
            yesNo(ge(last('main'), 300), {
              yes: ['bright enough', 'enough light', 'plenty of light', 'well lit', 'daylight is enough'],
              no: ['too dim', 'too dark', 'need a lamp', 'turn a lamp on', 'switch a lamp on'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "My grandad's old light meter only does foot-candles. What does the living room come to in fc?",
          answer: [say(last('main'), { convert: { from: 'lux', to: 'fc' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'More than 2,000 lux in the living room at the moment? Tell me the number as well.',
          answer: [
            yesNo(gt(last('main'), 2000), {
              yes: ['more than', 'above', 'over', 'exceeds', 'brighter than'],
              no: ['less than', 'below', 'under', 'dimmer than'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Sample the living-room light every second for 5 seconds and give me the lowest and highest lux.',
          sampling: series(1, 5),
          answer: [say(min('main')), say(max('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Which is brighter right now, the living room or the garden? Give me both readings.',
          with: { garden: quantity('light', 'garden') },
          answer: [
            which(
              'max',
              [
                { label: 'living-room', phrases: LIVING_ROOM_WORDS, value: last('main') },
                { label: 'garden', phrases: GARDEN_WORDS, value: last('garden') },
              ],
              BRIGHTER,
            ),
            say(last('main')),
            say(last('garden')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Before I draw the curtains: how bright is it in the living room, and how warm?',
          with: { temp: sensor('DHT11', 'temperature', LIVING_ROOM) },
          answer: [say(last('main')), say(last('temp'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Is anybody in the living room at the moment? And what's the light level in there? I think someone opened the blinds.",
          with: { motion: sensor('HC-SR501', 'motion', LIVING_ROOM) },
          answer: [yesNo(last('motion'), MOTION), say(last('main'))],
        },
      ],
    },

    // ---- read_lux: the garden at dusk, below saturation ----
    {
      key: 'garden-lux-dusk',
      tool: 'read_lux',
      world: { scenario: 'normal-day', at: '19:30' },
      main: sensor('BH1750', 'lux', GARDEN),
      prompt: 'What light level is the BH1750 in the garden measuring right now?',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Is there still enough daylight to finish weeding the vegetable bed, or should I call it a day? Go by the BH1750 out there.',
          answer: [
            yesNo(ge(last('main'), 1000), {
              yes: ['enough light', 'enough daylight', 'still light', 'bright enough', 'plenty of light', 'keep going', 'keep weeding'],
              no: ['too dark', 'call it a day', 'pack up', 'head in'],
            }),
            say(last('main')),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'hows the ligth levle out in the gardn? bh1750 reading pls' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "We've got friends coming over for a barbecue tonight and I'm trying to work out how long we can eat outside before we need the string lights. I don't need anything fancy, just a data point to start from: what's the BH1750 out in the garden reading at the moment, in lux?",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: "garden light check - what's the bh1750 out back saying?" },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "The lighting guide I follow works in foot-candles. What's the garden BH1750 reading in fc?",
          answer: [say(last('main'), { convert: { from: 'lux', to: 'fc' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Has the garden dropped under 1,000 lux yet according to the BH1750? My solar path lights are supposed to kick in around there.',
          answer: [
            yesNo(lt(last('main'), 1000), {
              yes: ['under', 'below', 'dropped', 'less than', 'darker than'],
              no: ['above', 'over', 'more than', 'brighter than'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          world: { scenario: 'normal-day', at: '20:30' },
          prompt: 'Check the garden BH1750. If it reads below 5,000 lux, remind me to switch the patio lights on; otherwise just tell me the reading.',
          answer: [
            say(last('main')),
            // Only a dark garden asks for the reminder; otherwise the reading alone is the whole answer.
            mentions(
              'reminds to switch the patio lights on',
              ['patio lights', 'switch on', 'turn on', 'switch the lights on', 'turn the lights on', 'lights on'],
              lt(last('main'), 5000),
            ),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Two light sensors in the garden, the BH1750 and the LTR390: do they agree right now? Give me both lux readings and the difference.',
          with: { ltr: sensor('LTR390', 'lux', GARDEN) },
          answer: [
            say(last('main')),
            say(last('ltr')),
            say(abs(sub(last('main'), last('ltr'))), { says: 'difference between the BH1750 and LTR390 lux readings' }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          world: { scenario: 'normal-day', at: '21:15' },
          prompt: "Where's more light right now, out in the garden or in the living room? Use the BH1750s and give me both numbers.",
          with: { living: sensor('BH1750', 'lux', LIVING_ROOM) },
          answer: [
            which(
              'max',
              [
                { label: 'garden', phrases: GARDEN_WORDS, value: last('main') },
                { label: 'living-room', phrases: LIVING_ROOM_WORDS, value: last('living') },
              ],
              ['more light', 'brighter', 'lighter'],
            ),
            say(last('main')),
            say(last('living')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "How bright is it in the garden according to the BH1750, and what's the UV index out there?",
          with: { uv: quantity('uv-index', 'garden') },
          answer: [say(last('main')), say(last('uv'))],
        },
      ],
    },

    // ---- read_raw: the garden sensor pinned at full scale in strong sun ----
    {
      key: 'garden-raw-count',
      tool: 'read_raw',
      world: { scenario: 'hot-afternoon' },
      main: sensor('BH1750', 'raw', GARDEN),
      prompt: 'Read the raw measurement count from the BH1750 in the garden.',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'Every sunny afternoon my garden lux graph goes perfectly flat on top, like someone cut it off with scissors. What raw count is the BH1750 out there actually spitting out?',
          answer: [yesNo(ge(last('main'), 65535), SATURATED), say(last('main'))],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wat raw vaule is the BH1750 in the gardne giving' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'gimme the raw count off the garden bh1750, cheers' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "So I'm writing my own driver for the BH1750 light sensor in the garden instead of using the library, and before I trust my lux maths I want to see the untouched number coming off the chip. Could you fetch the raw count it's reporting right now? Just the raw value, I'll do the conversion myself.",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Take the raw count from the garden BH1750 and convert it to lux yourself with the datasheet formula (count / 1.2). What do you get?',
          answer: [say(div(last('main'), 1.2), { says: 'raw count / 1.2, lux', unit: 'lux', about: { quantity: 'light' } }), say(last('main'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'normal-day', at: '19:00' },
          prompt: 'Saturated or not: is the garden BH1750 raw count stuck at 65535? Give me the count too.',
          answer: [yesNo(ge(last('main'), 65535), SATURATED), say(last('main'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Take raw readings from the garden BH1750 once a second for 5 seconds. How many of them sit at the 65535 ceiling, and what was the lowest?',
          sampling: series(1, 5),
          answer: [say(count('main', { cmp: 'ge', value: 65535 }), { says: 'samples at 65535' }), say(min('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Are both garden light sensors clipping in this sun? Read the BH1750's raw count and the LTR390's raw ALS count.",
          with: { als: sensor('LTR390', 'raw_als', GARDEN) },
          answer: [
            yesNo(and(ge(last('main'), 65535), ge(last('als'), 262143)), {
              yes: ['both saturated', 'both clipping', 'both maxed out', 'both are saturated', 'both are clipping', 'both at full scale'],
              no: ['only one', 'just one', 'neither', 'only the'],
            }),
            say(last('main')),
            say(last('als')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Compare the raw counts of my two BH1750s, the garden one and the living-room one.',
          with: { living: sensor('BH1750', 'raw', LIVING_ROOM) },
          answer: [say(last('main')), say(last('living'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'The garden BH1750 shows the same number all afternoon. Is it just a brutally sunny day? Give me its raw count and the UV index out there.',
          with: { uv: quantity('uv-index', 'garden') },
          answer: [say(last('main')), say(last('uv'))],
        },
      ],
    },

    // ---- read_all: lux and raw together as a series, lamps on in the evening ----
    {
      key: 'living-room-evening-series',
      tool: 'read_all',
      world: { scenario: 'normal-day', at: '21:00' },
      main: sensor('BH1750', ['lux', 'raw'], { ...LIVING_ROOM, sampling: series(0.5, 3) }),
      prompt: 'Read lux and raw count together from the living-room BH1750 every half second for 3 seconds, and give me the average of each.',
      answer: [say(mean('main.lux')), say(mean('main.raw'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt:
            'Steady light from the living-room lamp, or is it flickering? Watch everything the BH1750 reports, lux and raw, for a few seconds and judge from that.',
          sampling: aFewSeconds(),
          answer: [
            yesNo(lt(range('main.lux'), 20), {
              yes: ['steady', 'stable', 'constant', 'consistent'],
              no: ['flickering', 'flicker', 'unstable', 'fluctuating', 'jumping around'],
            }),
            say(min('main.lux')),
            say(max('main.lux')),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'can u log the livingroom BH1750, lux and raw both, evry half secnd for 3 sec and give me the averges',
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'grab lux + raw off the lounge light sensor twice a sec for 3 secs, avg of each pls' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm trying to calibrate a cheap smart bulb in the living room against the BH1750 that sits on the shelf in there. What I'd like is the full reading, both the lux figure and the raw count, taken every half a second over three seconds, and then just the average of each so I can drop them into my spreadsheet. Thanks a lot!",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt:
            'I need the average living-room illuminance in foot-candles, plus the average raw count, from the BH1750 (lux and raw) sampled every 0.5 s for 3 s.',
          answer: [say(mean('main.lux'), { convert: { from: 'lux', to: 'fc' } }), say(mean('main.raw'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'normal-day', at: '19:59:58' },
          prompt:
            "Poll the living-room BH1750's lux and raw every half second for 3 seconds. Did the light dip below 150 lux at any point? Give me the lowest lux and the highest raw count.",
          answer: [
            yesNo(lt(min('main.lux'), 150), { yes: ['dipped', 'dropped', 'below', 'under', 'less than'], no: ['stayed above', 'above', 'over', 'at least'] }),
            say(min('main.lux')),
            say(max('main.raw')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'Every half second for 3 seconds, read lux and raw from the living-room BH1750. What were the lowest and highest lux values, and how far apart were the smallest and largest raw counts?',
          answer: [say(min('main.lux')), say(max('main.lux')), say(range('main.raw'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Log the living-room BH1750 (lux and raw) and the garden BH1750's lux every half second for 3 seconds. What's the average lux in each, and which place is brighter?",
          with: { garden: sensor('BH1750', 'lux', { ...GARDEN, sampling: series(0.5, 3) }) },
          answer: [
            which(
              'max',
              [
                { label: 'living-room', phrases: LIVING_ROOM_WORDS, value: mean('main.lux') },
                { label: 'garden', phrases: GARDEN_WORDS, value: mean('garden') },
              ],
              BRIGHTER,
            ),
            say(mean('main.lux')),
            say(mean('garden')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'My son swears he went to bed at nine. Sample the living-room BH1750 (lux and raw) and the sound level in there every half second for 3 seconds, and give me the average of each.',
          with: { sound: quantity('sound-level', 'living-room', { sampling: series(0.5, 3) }) },
          answer: [say(mean('main.lux')), say(mean('main.raw')), say(mean('sound'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Average lux and raw count from the living-room BH1750, sampled every half second for 3 seconds, please. Throw in one temperature reading from the DHT11 in there as well.',
          with: { temp: sensor('DHT11', 'temperature', LIVING_ROOM) },
          answer: [say(mean('main.lux')), say(mean('main.raw')), say(last('temp'))],
        },
      ],
    },

    // ---- read_lux in real time: the living-room lamps come on at 20:00 ----
    {
      key: 'living-room-lamp-live',
      tool: 'read_lux',
      world: { scenario: 'normal-day', at: '19:59:57' },
      main: sensor('BH1750', 'lux', { ...LIVING_ROOM, sampling: realTime(6) }),
      prompt: 'Watch the light level in the living room live for 6 seconds and tell me the lowest and highest lux you saw.',
      answer: [say(min('main')), say(max('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "I put the living-room lamp on a timer for eight o'clock but I'm stuck at the office. Did it do its thing? Watch the light in there for 6 seconds to be sure.",
          answer: [
            yesNo(gt(max('main'), 200), { yes: ['came on', 'switched on', 'turned on', 'clicked on', 'lit'], no: ['stayed off', 'still off', 'still dark'] }),
            say(min('main')),
            say(max('main')),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'moniter the livng room lux live for 6 sec, lowest and higest pls' },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'keep an eye on the lounge light for a few secs n tell me the low and the high',
          sampling: realTime({ min: 2, max: 10 }, { min: 0.2, max: 2 }),
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Quick one, though I'll give you the background: we've had a running argument at home about whether the living-room lamps fade in or just snap on. Could you stream the light level in there live for six seconds and then tell me the lowest and the highest lux that showed up? That ought to settle it.",
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Keep a live feed on the living-room lux for 6 seconds. Was it above 200 lux the entire time? Give me the lowest value.',
          answer: [
            yesNo(gt(min('main'), 200), {
              yes: ['the entire time', 'the whole time', 'throughout', 'stayed above'],
              no: ['dipped', 'dropped', 'below', 'under'],
            }),
            say(min('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Monitor the living room light live for 6 seconds. How many samples came in, and what was the average lux?',
          answer: [say(count('main')), say(mean('main'))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Over a 6-second live watch of the living-room lux, compare the first and last readings: did it get brighter or darker, and by how much?',
          answer: [
            yesNo(gt(last('main'), first('main')), {
              yes: ['brighter', 'increased', 'rose', 'went up', 'higher'],
              no: ['darker', 'decreased', 'dropped', 'went down', 'lower', 'dimmer'],
            }),
            say(first('main')),
            say(last('main')),
            say(delta('main')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Living room versus garden: watch both light levels live for 6 seconds. By the end, which one is brighter? Give me the final lux of each.',
          with: { garden: quantity('light', 'garden', { sampling: realTime(6) }) },
          answer: [
            which(
              'max',
              [
                { label: 'living-room', phrases: LIVING_ROOM_WORDS, value: last('main') },
                { label: 'garden', phrases: GARDEN_WORDS, value: last('garden') },
              ],
              BRIGHTER,
            ),
            say(last('main')),
            say(last('garden')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'While you watch the living-room light live for 6 seconds, keep the motion sensor in there running too. Did somebody flip the lamp on, or was it the timer?',
          with: { motion: sensor('HC-SR501', 'motion', { ...LIVING_ROOM, sampling: realTime(6) }) },
          answer: [yesNo(any('motion'), { yes: [...MOTION.yes, 'flipped it on by hand'], no: [...MOTION.no, 'the timer'] }), say(max('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Stream the living room's light and sound level live for 6 seconds. I want the highest lux and the loudest dB reading.",
          with: { sound: quantity('sound-level', 'living-room', { sampling: realTime(6) }) },
          answer: [say(max('main')), say(max('sound'))],
        },
      ],
    },
  ],
};

export default bank;
