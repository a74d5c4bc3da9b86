import type { SensorBank } from '../bank.js';
import { abs, aFewSeconds, ge, gt, last, lt, max, mean, mentions, min, mul, or, quantity, range, realTime, say, sensor, series, sub, yesNo } from '../bank.js';

/*
 * The GUVA-S12SD is an analog UV module on the garden board (esp32c3-garden), beside the LTR390 (which also
 * reads the UV index). Output 0.1 V per UV index unit, 12-bit ADC at 3.3 V. UV index in the garden:
 * ~7.4-9.3 in hot-afternoon, ~4-5.6 on a normal morning (10:00), ~3.7-5.6 at 16:00, ~4.3-6.5 in dry-plant
 * (11:00); a dark offset of 0-5 counts at night (quiet-night). ADC noise is a count or two.
 */

const GARDEN = { place: 'garden' } as const;

const SUN_PROTECTION = ['sunscreen', 'SPF', 'hat', 'shade', 'long sleeves', 'cover up', 'later', 'evening', 'sunglasses', 'wait'] as const;

const bank: SensorBank = {
  sensor: 'GUVA-S12SD',
  entries: [
    // ---- read_uvi: a heatwave afternoon ----
    {
      key: 'uv-index-heatwave',
      tool: 'read_uvi',
      world: { scenario: 'hot-afternoon' },
      main: sensor('GUVA-S12SD', 'uvi', GARDEN),
      prompt: 'What UV index is the GUVA-S12SD in the garden reporting?',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Do I need sunscreen to weed the garden this afternoon? Go by the GUVA UV sensor out there.',
          answer: [yesNo(ge(last('main'), 3), { yes: ['sunscreen', 'SPF', 'high', 'very high'], no: ['skip', 'low', 'unnecessary'] }), say(last('main'))],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'whats the UV idex on the GUVA-S12DS in the garden' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'how brutal is the uv out back today? guva number pls' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt: 'I burn like a lobster and I was about to go repot the tomatoes in the garden. What does the GUVA UV sensor make of that plan?',
          answer: [say(last('main')), mentions('suggests sun protection or a better time', SUN_PROTECTION)],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Is the GUVA-S12SD showing an extreme UV index (11 or more) in the garden? Give me the reading.',
          answer: [
            yesNo(ge(last('main'), 11), {
              yes: ['extreme', '11 or more', 'above 11', 'at least 11'],
              no: ['below 11', 'under 11', 'less than 11', 'very high'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "If the GUVA's UV index is 6 or more, also give me its output voltage so I can log it. Otherwise the index on its own is fine.",
          with: { volt: sensor('GUVA-S12SD', 'voltage', { ...GARDEN, when: ge(last('main'), 6) }) },
          answer: [say(last('main')), say(last('volt'), { when: ge(last('main'), 6) })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Once a second for 5 seconds, read the GUVA-S12SD UV index and give me the average and the peak.',
          sampling: series(1, 5),
          answer: [say(mean('main')), say(max('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'The garden has two UV sensors, the GUVA-S12SD and the LTR390. What does each one say, and how far apart are they?',
          with: { ltr: sensor('LTR390', 'uv_index', GARDEN) },
          answer: [say(last('main')), say(last('ltr')), say(abs(sub(last('main'), last('ltr'))), { says: 'difference between the two UV indexes' })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "UV index from the GUVA in the garden plus the air temperature out there: is this a stay-indoors kind of afternoon? I'd call it one if the UV is 8+ or it's 32 °C or hotter.",
          with: { temp: quantity('air-temperature', 'garden') },
          answer: [
            yesNo(or(ge(last('main'), 8), ge(last('temp'), 32)), {
              yes: ['stay indoors', 'stay inside', 'stay in'],
              no: ['fine to go out', 'go outside', 'safe to go out'],
            }),
            say(last('main')),
            say(last('temp')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: "Garden UV index from the GUVA sensor, and the temperature in the living room, please. I'm deciding whether to sit outside or stay in.",
          with: { living: quantity('air-temperature', 'living-room') },
          answer: [say(last('main')), say(last('living'))],
        },
      ],
    },

    // ---- read_voltage: the module's analog output on an ordinary morning ----
    {
      key: 'output-voltage',
      tool: 'read_voltage',
      world: { scenario: 'normal-day' },
      main: sensor('GUVA-S12SD', 'voltage', GARDEN),
      prompt: 'What output voltage is the GUVA-S12SD UV sensor in the garden giving?',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "I soldered the GUVA UV module in the garden last night and I'm not even sure its analog out is alive. Is anything coming out of it?",
          answer: [
            yesNo(gt(last('main'), 0.05), { yes: ['alive', 'working', 'responding', 'producing', 'putting out'], no: ['dead', 'flat', 'zero'] }),
            say(last('main')),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'voltge on the guva s12sd in the gardn?' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "what's the s12sd putting out in volts on the garden board" },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Bit of context first: I've got the GUVA-S12SD wired to an ESP32-C3 out in the garden and I'm halfway through designing a little op-amp stage for it. Before I pick resistor values I'd like to know what range I'm dealing with, so could you tell me the module's output voltage right now?",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'In millivolts, what is the GUVA-S12SD in the garden outputting?',
          answer: [say(last('main'), { convert: { from: 'V', to: 'mV' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Quick sanity check on the GUVA: is its output above 1 V right now? That would mean a UV index of 10 or more. Tell me the voltage.',
          answer: [yesNo(gt(last('main'), 1), { yes: ['above', 'over', 'more than', 'exceeds'], no: ['below', 'under', 'less than'] }), say(last('main'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'Sample the GUVA-S12SD voltage once a second for 5 seconds. What was the mean, and how much did it vary between the lowest and highest sample?',
          sampling: series(1, 5),
          answer: [say(mean('main')), say(range('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Two numbers from the garden board, please: the GUVA-S12SD output voltage and the LTR390 UV index.',
          with: { ltr: sensor('LTR390', 'uv_index', GARDEN) },
          answer: [say(last('main')), say(last('ltr'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "What voltages are on the garden board's analog pins right now? I mean the GUVA UV sensor's output and the soil moisture probe's output.",
          with: { soil: sensor('HW-080', 'voltage', GARDEN) },
          answer: [say(last('main')), say(last('soil'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "I'm checking the analog lines on two boards: the GUVA UV sensor in the garden and the LM35 in the kitchen. What voltage is each one putting out?",
          with: { lm35: sensor('LM35', 'voltage', { place: 'kitchen' }) },
          answer: [say(last('main')), say(last('lm35'))],
        },
      ],
    },

    // ---- read_raw: the dark offset in the middle of the night ----
    {
      key: 'dark-raw',
      tool: 'read_raw',
      world: { scenario: 'quiet-night' },
      main: sensor('GUVA-S12SD', 'raw', GARDEN),
      prompt: 'What raw ADC count is the GUVA-S12SD in the garden reporting?',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "It's three in the morning, I can't sleep, so naturally I'm debugging. I want to see what the GUVA-S12SD UV sensor in the garden reads in total darkness, because I suspect the ESP32's ADC has an offset. Could you pull the raw ADC value from it for me?",
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'raw adc vaule from the guva uv sensr in the graden?' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "need the guva's raw adc number, nothing fancy" },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: "Can I trust the GUVA's zero point at night, or do I have to subtract a dark offset in my code? Anything under 20 counts I'd call fine.",
          answer: [
            yesNo(lt(last('main'), 20), {
              yes: ['trust', 'fine', 'negligible', 'small enough'],
              no: ['subtract', 'offset needed', 'too large', 'significant'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "Convert the GUVA-S12SD's raw ADC count to millivolts (12-bit ADC, 3.3 V reference) and give me both numbers.",
          answer: [
            say(mul(last('main'), 3300 / 4095), { says: 'raw count x 3300 / 4095, mV', tol: 2, unit: 'mV', about: { quantity: 'voltage' } }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'At night the GUVA raw count should sit near zero. Is it above 50 right now? Give me the count.',
          answer: [
            yesNo(gt(last('main'), 50), {
              yes: ['above', 'over', 'more than', 'higher than'],
              no: ['below', 'under', 'less than', 'near zero', 'close to zero'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Half-second samples of the GUVA raw value in the garden for 5 seconds, please. What are the average and the maximum?',
          sampling: series(0.5, 5),
          answer: [say(mean('main')), say(max('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Raw counts from both UV sensors in the garden, please: the GUVA's ADC value and the LTR390's raw UVS count.",
          with: { uvs: sensor('LTR390', 'raw_uvs', GARDEN) },
          answer: [say(last('main')), say(last('uvs'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Is it properly dark in the garden right now? Give me the GUVA raw count and the light level out there.',
          with: { light: quantity('light', 'garden') },
          answer: [
            yesNo(lt(last('light'), 10), { yes: ['dark', 'pitch black', 'pitch dark'], no: ['bright', 'lit up', 'daylight'] }),
            say(last('main')),
            say(last('light')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Dump the raw ADC numbers for the GUVA UV sensor and the soil moisture probe on the garden board.',
          with: { soil: sensor('HW-080', 'raw', GARDEN) },
          answer: [say(last('main')), say(last('soil'))],
        },
      ],
    },

    // ---- read_all: raw, voltage and UV index as a series, late afternoon ----
    {
      key: 'all-series',
      tool: 'read_all',
      world: { scenario: 'normal-day', at: '16:00' },
      main: sensor('GUVA-S12SD', ['raw', 'voltage', 'uvi'], { ...GARDEN, sampling: series(0.5, 3) }),
      prompt:
        'Read everything the GUVA-S12SD in the garden gives (raw, voltage and UV index) every half second for 3 seconds, and give me the average of each.',
      answer: [say(mean('main.raw')), say(mean('main.voltage')), say(mean('main.uvi'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "The UV numbers from the garden seem to jump about on my dashboard. Grab the GUVA's full readout (raw, volts and index) a few times over a few seconds: is that analog line noisy? I'd call it noisy if the raw count swings by more than 20, so tell me the lowest and highest raw count you saw.",
          sampling: aFewSeconds(),
          answer: [
            yesNo(gt(range('main.raw'), 20), {
              yes: ['noisy', 'jumping', 'unstable', 'fluctuating'],
              no: ['stable', 'steady', 'clean', 'quiet', 'consistent'],
            }),
            say(min('main.raw')),
            say(max('main.raw')),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'pls log evrything from the guva s12sd (raw, voltage, uv idx) every half sec for 3 sec and give averages',
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'hit the guva for all its numbers twice a sec for 3 secs, then avg em' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm putting together a little dashboard for the garden and want to sanity-check the UV module before I wire it into the graphs. Could you pull the complete reading from the GUVA-S12SD, meaning the raw count, the voltage and the UV index, every half second for three seconds, and give me the average of each? Much appreciated.",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt:
            "Every half second for 3 seconds, read all of the GUVA-S12SD's values. I want the average voltage in millivolts, plus the average raw count and the average UV index.",
          answer: [say(mean('main.voltage'), { convert: { from: 'V', to: 'mV' } }), say(mean('main.raw')), say(mean('main.uvi'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'Poll all the GUVA values every 0.5 s for 3 s. Did the UV index stay at 3 (moderate) or higher the whole time? Also tell me the lowest UV index and the lowest raw count.',
          answer: [
            yesNo(ge(min('main.uvi'), 3), {
              yes: ['the whole time', 'stayed', 'throughout', 'always', 'at or above'],
              no: ['dropped', 'dipped', 'below', 'under'],
            }),
            say(min('main.uvi')),
            say(min('main.raw')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'I need the lowest and highest GUVA-S12SD voltage and its peak UV index, reading the full set (raw, voltage, UV index) twice a second for 3 seconds.',
          answer: [say(min('main.voltage')), say(max('main.voltage')), say(max('main.uvi'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Log the GUVA-S12SD (raw, voltage and UV index) and the LTR390's UV index every half second for 3 seconds. What's the average UV index from each sensor?",
          with: { ltr: sensor('LTR390', 'uv_index', { ...GARDEN, sampling: series(0.5, 3) }) },
          answer: [say(mean('main.uvi')), say(mean('ltr'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Average raw, voltage and UV index from the GUVA in the garden over 3 seconds, one sample every half second. Then read the DS18B20 air probe out there once.',
          with: { air: sensor('DS18B20', 'temperatures[0]', GARDEN) },
          answer: [say(mean('main.raw')), say(mean('main.voltage')), say(mean('main.uvi')), say(last('air'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Grab the GUVA-S12SD's full readout and the garden BH1750's lux together, every half second for 3 seconds. Averages please: UV index, raw count, voltage and lux.",
          with: { light: sensor('BH1750', 'lux', { ...GARDEN, sampling: series(0.5, 3) }) },
          answer: [say(mean('main.uvi')), say(mean('main.raw')), say(mean('main.voltage')), say(mean('light'))],
        },
      ],
    },

    // ---- read_uvi in real time: late morning while the beds dry out ----
    {
      key: 'uv-index-live',
      tool: 'read_uvi',
      world: { scenario: 'dry-plant' },
      main: sensor('GUVA-S12SD', 'uvi', { ...GARDEN, sampling: realTime(5) }),
      prompt: 'Monitor the UV index from the GUVA-S12SD in the garden live for 5 seconds and tell me the highest value.',
      answer: [say(max('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Should I put a hat on before I water the garden? Keep an eye on the GUVA UV sensor for a few seconds before you decide.',
          sampling: aFewSeconds(),
          answer: [
            yesNo(ge(max('main'), 3), { yes: ['put a hat on', 'wear a hat', 'hat', 'sunscreen'], no: ['skip', 'low', 'unnecessary'] }),
            // The prompt names no statistic: the peak or a typical value both fairly state the reading.
            say(max('main'), { tol: 0.3, says: 'garden UV index over the window (peak or a typical value)', about: { stat: 'reading' } }),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wacth the guva uv index live for 5 secs, whats the higest' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "stream the guva uv for like 5 sec, what's the top number" },
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt: 'My lettuces in the garden look scorched at the edges. Watch the GUVA UV sensor live for 5 seconds and tell me what they are up against.',
          answer: [
            say(max('main'), { tol: 0.3, says: 'garden UV index over the window (peak or a typical value)', about: { stat: 'reading' } }),
            mentions('suggests protecting the plants', ['shade', 'shade cloth', 'cover', 'fleece', 'water', 'move', 'evening', 'morning']),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Watch the GUVA UV index live for 5 seconds. Did it reach 8 (very high) at any point? Tell me the peak.',
          answer: [
            yesNo(ge(max('main'), 8), {
              yes: ['reached', 'hit', 'very high', 'at least 8', 'above 8'],
              no: ['below 8', 'under 8', 'stayed below', 'less than 8'],
            }),
            say(max('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Five seconds of live GUVA UV index, please: give me the average, the lowest and the highest.',
          answer: [say(mean('main')), say(min('main')), say(max('main'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: 'Follow the GUVA UV index live for 5 s. If the peak is 3 or more, also read its output voltage once so I can check the calibration.',
          with: { volt: sensor('GUVA-S12SD', 'voltage', { ...GARDEN, when: ge(max('main'), 3) }) },
          answer: [say(max('main')), say(last('volt'), { when: ge(max('main'), 3) })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "I'm wondering whether to water the vegetable bed now or wait until evening. Watch the GUVA UV index live for 5 seconds and tell me how high it gets, and check the soil moisture there too.",
          with: { soil: sensor('HW-080', 'moisture', GARDEN) },
          answer: [say(max('main')), say(last('soil'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Both garden UV sensors, the GUVA-S12SD and the LTR390: stream their UV index live for 5 seconds. What peak did each one hit?',
          with: { ltr: sensor('LTR390', 'uv_index', { ...GARDEN, sampling: realTime(5) }) },
          answer: [say(max('main')), say(max('ltr'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'While you watch the GUVA UV index live for 5 seconds, grab the soil temperature from the DS18B20 probe in the bed as well.',
          with: { soil: sensor('DS18B20', 'temperatures[1]', GARDEN) },
          answer: [say(max('main')), say(last('soil'))],
        },
      ],
    },
  ],
};

export default bank;
