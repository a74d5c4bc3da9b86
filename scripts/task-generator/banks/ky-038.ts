import type { SensorBank } from '../bank.js';
import {
  abs,
  aFewSeconds,
  and,
  any,
  count,
  delta,
  first,
  fraction,
  gt,
  last,
  lt,
  max,
  mean,
  mentions,
  min,
  mul,
  quantity,
  range,
  realTime,
  say,
  sensor,
  series,
  which,
  yesNo,
} from '../bank.js';

/**
 * KY-038 microphones in the living room and the bedroom. The level (dBA) comes only with read_all; the
 * trigger trips at about 60 dBA. Worlds, checked with world-peek: `quiet-night` sits at 28-34 dBA in both
 * rooms; `fire` puts the living room (next to the kitchen) at 68-71 dBA and triggered, the bedroom at
 * 52-56 dBA and not; in `someone-moving` the room with the visitor reads 55-65 dBA (trigger on and off),
 * rooms next door about 45. Seed 1: visitor in the living room from 18:01:51.7; seed 5 from 18:02:41.2
 * (in the garden next door 18:02:11-41); seed 6 in the bedroom 18:01:42.6-18:02:12.6.
 */
/** A live watch with no step named: the server default (1 s) or any reasonable step (at most 20 samples). */
const liveFor = (seconds: number) => realTime(seconds, { min: Math.max(0.2, seconds / 20), max: 2 });

const bank: SensorBank = {
  sensor: 'KY-038',
  entries: [
    {
      key: 'bedroom-level',
      tool: 'read_all',
      world: { scenario: 'quiet-night' },
      main: sensor('KY-038', 'level', { place: 'bedroom' }),
      prompt: 'How loud is it in the bedroom right now? Give me the sound level from the KY-038 there in dBA.',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Can I put the baby down for a nap in the bedroom, or is it too noisy in there at the moment?',
          world: { scenario: 'someone-moving', at: '18:01:50', seed: 6 },
          answer: [
            yesNo(lt(last('main'), 40), { yes: ['quiet', 'calm', 'go ahead', 'peaceful', 'fine for a nap'], no: ['noisy', 'loud', 'too loud'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt: "ugh, it's 3am and I still can't fall asleep. I keep thinking there's a faint hum in the bedroom, or maybe I'm imagining it",
          answer: [
            say(last('main')),
            mentions('suggests something to help sleep', [
              'earplugs',
              'ear plugs',
              'white noise',
              'noise machine',
              'fan',
              'close the door',
              'close the window',
              'breathing',
              'meditation',
              'relax',
            ]),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'how lound is the bedrom rite now, in dba?' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'bedroom noise level? dB pls' },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'For sleep I aim for under 35 dBA. Is the bedroom quieter than that right now? Tell me the level too.',
          answer: [
            yesNo(lt(last('main'), 35), { yes: ['quieter', 'below', 'under', 'less than'], no: ['louder', 'above', 'over', 'more than'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Average and peak bedroom sound level, please, from a reading every second for 5 seconds.',
          sampling: series(1, 5),
          answer: [say(mean('main')), say(max('main'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            "Check the bedroom sound level. If it's above 40 dBA, also give me the raw peak-to-peak count from that mic; otherwise the level alone will do.",
          world: { scenario: 'fire' },
          with: { raw: sensor('KY-038', 'raw', { place: 'bedroom', when: gt(last('main'), 40) }) },
          answer: [say(last('main')), say(last('raw'), { when: gt(last('main'), 40) })],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Which is louder right now, the bedroom or the living room? Give me both levels.',
          world: { scenario: 'fire' },
          with: { living: quantity('sound-level', 'living-room') },
          answer: [
            which(
              'max',
              [
                { label: 'bedroom', phrases: ['bedroom'], value: last('main') },
                { label: 'living-room', phrases: ['living room', 'lounge'], value: last('living') },
              ],
              ['louder', 'loudest', 'noisier'],
            ),
            say(last('main')),
            say(last('living')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Is the bedroom any good for sleeping right now? Tell me how loud it is and what the DHT11 in there says the temperature is.',
          with: { temperature: sensor('DHT11', 'temperature', { place: 'bedroom' }) },
          answer: [say(last('main')), say(last('temperature'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Baby monitor check: how loud is the bedroom, and is the motion sensor in the living room picking anybody up?',
          with: { motion: sensor('HC-SR501', 'motion', { place: 'living-room' }) },
          answer: [say(last('main')), yesNo(last('motion'))],
        },
      ],
    },
    {
      key: 'living-room-trigger',
      tool: 'read_trigger',
      world: { scenario: 'fire' },
      main: sensor('KY-038', 'triggered', { place: 'living-room' }),
      prompt: 'Is the sound trigger of the KY-038 in the living room tripped right now?',
      answer: [yesNo(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "There's an awful shrill beeping coming from somewhere downstairs. Is the mic in the living room hearing it too?",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Is it noisy enough in the living room that I ought to go and see what is going on?',
          world: { scenario: 'normal-day', at: '10:00' },
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'is the livingroom sound sensr (KY038) trigerred rn', world: { scenario: 'quiet-night' } },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm upstairs with headphones on trying to finish some work, and my daughter just texted that something downstairs sounds really loud. I don't want to run down for nothing, so could you check whether the KY-038 in the living room has its sound trigger tripped at the moment?",
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: "Read the living room mic's trigger and its sound level. Is it louder than 75 dBA in there? Give me the actual level.",
          with: { level: sensor('KY-038', 'level', { place: 'living-room' }) },
          answer: [
            yesNo(gt(last('level'), 75), {
              yes: ['louder than 75', 'above 75', 'over 75', 'exceeds'],
              no: ['quieter than 75', 'below 75', 'under 75', 'less than 75'],
            }),
            say(last('level')),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "If the living room sound trigger is on, tell me how loud it actually is in dBA; if it's off, just say so.",
          with: { level: sensor('KY-038', 'level', { place: 'living-room', when: last('main') }) },
          answer: [yesNo(last('main')), say(last('level'), { when: last('main') })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Check the living room sound trigger every half second for 3 seconds. What share of those readings were triggered?',
          sampling: series(0.5, 3),
          answer: [say(fraction('main', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Kitchen flame sensor: does it see any fire? And is the living room mic triggered?',
          with: { flame: sensor('KY-026', 'detected', { place: 'kitchen' }) },
          answer: [yesNo(last('main')), yesNo(last('flame'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Has the noise tripped both microphones, the one in the living room and the one in the bedroom?',
          with: { bedroom: sensor('KY-038', 'triggered', { place: 'bedroom' }) },
          answer: [
            yesNo(and(last('main'), last('bedroom')), {
              yes: ['both', 'both of them', 'each of them'],
              no: ['only the living room', 'just the living room', 'only one', 'just one', 'neither'],
            }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'How warm is the living room, and is its sound trigger on?',
          with: { temperature: quantity('air-temperature', 'living-room') },
          answer: [yesNo(last('main')), say(last('temperature'))],
        },
      ],
    },
    {
      key: 'living-room-noise-watch',
      tool: 'read_trigger',
      world: { scenario: 'someone-moving', at: '18:02:44', seed: 5 },
      main: sensor('KY-038', 'triggered', { place: 'living-room', sampling: liveFor(5) }),
      prompt: 'Listen to the living room KY-038 live for 5 seconds. Did its sound trigger go off at any point?',
      answer: [yesNo(any('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'keep ur ears on the lounge mic for 5 secs live, anything set it off?',
          world: { scenario: 'someone-moving', at: '18:02:30', seed: 5 },
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'can u listen to the livng room mic live for 5 secnds and tell me if the sound triger went off',
          world: { scenario: 'quiet-night' },
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Are the kids still being loud in the living room? Have a listen for a few seconds.',
          sampling: realTime({ min: 2, max: 10 }, { min: 0.2, max: 2 }),
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            'The neighbour mentioned, very politely, that our place gets noisy in the evenings, and I honestly have no idea how loud we are. Could you monitor the microphone in the living room in real time for five seconds and tell me whether it tripped its loudness trigger even once?',
          world: { scenario: 'normal-day', at: '20:30' },
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: "Stream the living room mic's trigger live for 6 seconds. How many samples were triggered?",
          sampling: liveFor(6),
          answer: [say(count('main', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Listen live to the living room for 5 seconds, trigger and sound level both. Did it ever get above 70 dBA? What was the loudest reading?',
          with: { level: sensor('KY-038', 'level', { place: 'living-room', sampling: liveFor(5) }) },
          answer: [
            yesNo(gt(max('level'), 70), { yes: ['above', 'louder than', 'over', 'exceeded'], no: ['below', 'under', 'quieter than', 'stayed under'] }),
            say(max('level')),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            "Keep a live ear on the living room mic's trigger for 5 s. If it fires at all, take a sound level reading right after; if not, just tell me it stayed quiet.",
          with: { level: sensor('KY-038', 'level', { place: 'living-room', when: any('main') }) },
          answer: [yesNo(any('main')), say(last('level'), { when: any('main') })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'I want to know if the noise in the living room is people. Listen to the mic there live for 5 seconds (did its trigger fire?) and check whether the PIR sees someone.',
          with: { motion: sensor('HC-SR501', 'motion', { place: 'living-room' }) },
          answer: [yesNo(any('main')), yesNo(last('motion'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Which microphone triggers more often over a 5-second live listen, the living room one or the bedroom one?',
          with: { bedroom: sensor('KY-038', 'triggered', { place: 'bedroom', sampling: liveFor(5) }) },
          answer: [
            which(
              'max',
              [
                { label: 'living-room', phrases: ['living room', 'lounge'], value: count('main', { cmp: 'eq', value: true }) },
                { label: 'bedroom', phrases: ['bedroom'], value: count('bedroom', { cmp: 'eq', value: true }) },
              ],
              ['more often', 'more', 'most'],
            ),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Evening check of the living room: listen for 5 s live to see whether the sound trigger fires, and tell me how bright it is in there.',
          with: { light: sensor('BH1750', 'lux', { place: 'living-room' }) },
          answer: [yesNo(any('main')), say(last('light'))],
        },
      ],
    },
    {
      key: 'bedroom-raw',
      tool: 'read_raw',
      world: { scenario: 'fire' },
      main: sensor('KY-038', 'raw', { place: 'bedroom' }),
      prompt: 'What raw peak-to-peak count is the KY-038 microphone in the bedroom reporting?',
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'raw vlaue from the bedrom KY-038 mic?' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'raw count off the bedroom mic, go' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm trying to work out the gain on the sound module in the bedroom. It's a KY-038, and a while back I turned its little potentiometer without writing down where I left it. Could you pull the raw peak-to-peak ADC count from it so I can do the maths myself?",
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "My sound graphs for the bedroom have been flat as a pancake all week, I'm starting to think that mic is deaf. What's it actually giving you, raw?",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "Convert the bedroom KY-038's raw count to millivolts (12-bit ADC, 3.3 V reference).",
          answer: [
            say(mul(last('main'), 3300 / 4095), { tol: 1, says: 'bedroom microphone raw swing in millivolts', unit: 'mV', about: { quantity: 'voltage' } }),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Raw swing of the bedroom mic: above 10 counts right now? Tell me the count.',
          answer: [
            yesNo(gt(last('main'), 10), { yes: ['above', 'over', 'more than', 'higher than'], no: ['below', 'under', 'less than', 'lower than'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Take two raw readings from the bedroom mic two seconds apart. What were they, and how much did the count change?',
          sampling: series(2, 4),
          answer: [say(first('main')), say(last('main')), say(abs(delta('main')), { says: 'change in the bedroom raw count between the two readings' })],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Raw counts from both KY-038s please, bedroom and living room. Which one is picking up more?',
          with: { living: sensor('KY-038', 'raw', { place: 'living-room' }) },
          answer: [
            which(
              'max',
              [
                { label: 'bedroom', phrases: ['bedroom'], value: last('main') },
                { label: 'living-room', phrases: ['living room', 'lounge'], value: last('living') },
              ],
              ['more', 'higher', 'louder', 'bigger'],
            ),
            say(last('main')),
            say(last('living')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Give me the raw count of the bedroom microphone and the temperature from the TMP36 in the bedroom.',
          with: { temperature: sensor('TMP36', 'celsius', { place: 'bedroom' }) },
          answer: [say(last('main')), say(last('temperature'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Something smells off. What's the bedroom mic's raw count, and does the kitchen flame sensor see anything?",
          with: { flame: sensor('KY-026', 'detected', { place: 'kitchen' }) },
          answer: [say(last('main')), yesNo(last('flame'))],
        },
      ],
    },
    {
      key: 'living-room-voltage-series',
      tool: 'read_voltage',
      world: { scenario: 'fire' },
      main: sensor('KY-038', 'voltage', { place: 'living-room', sampling: series(0.5, 4) }),
      prompt: "Sample the living room KY-038's peak-to-peak voltage every half second for 4 seconds and give me the average and the maximum.",
      answer: [say(mean('main')), say(max('main'))],
      variants: [
        { kind: 'ambiguification', style: 'colloquial', prompt: 'sample the lounge mic volts every .5s for 4s, avg + max?' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'samlpe the living room microphone voltge every 0.5 sec for 4 seconds, avrage and maxium' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "For a school project my son is plotting how a microphone's output changes with noise, and we'd like some real numbers from the KY-038 in the living room. Could you sample its voltage every half second for four seconds and tell us the average and the highest value you got?",
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "The smoke alarm has been shrieking for ages and I'm curious how hard it's hitting the living room mic. Can you watch its voltage for a few seconds?",
          sampling: aFewSeconds(),
          // "How hard it's hitting": the peak.
          answer: [say(max('main'))],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Peak living room mic voltage in millivolts, please, from readings every 0.5 s over 4 s.',
          answer: [say(max('main'), { convert: { from: 'V', to: 'mV' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: "Over 4 s of sampling every half second, did the living room mic's voltage ever exceed 0.2 V? What was the highest?",
          answer: [
            yesNo(gt(max('main'), 0.2), { yes: ['exceeded', 'above', 'over', 'higher than'], no: ['below', 'under', 'lower than', 'stayed under'] }),
            say(max('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            "How much does the living room KY-038's voltage vary? Read it every 0.5 s for 4 s and give me the lowest value and the spread between lowest and highest.",
          answer: [say(min('main')), say(range('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Living room or bedroom: which mic averages a higher voltage? Read both every 0.5 s for 4 s.',
          with: { bedroom: sensor('KY-038', 'voltage', { place: 'bedroom', sampling: series(0.5, 4) }) },
          answer: [
            which(
              'max',
              [
                { label: 'living-room', phrases: ['living room', 'lounge'], value: mean('main') },
                { label: 'bedroom', phrases: ['bedroom'], value: mean('bedroom') },
              ],
              ['higher', 'highest', 'more', 'louder'],
            ),
            say(mean('main')),
            say(mean('bedroom')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'I need the living room temperature from the DHT11, and the mic voltage there read every half second for 4 seconds (average and max).',
          with: { temperature: sensor('DHT11', 'temperature', { place: 'living-room' }) },
          answer: [say(mean('main')), say(max('main')), say(last('temperature'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "While you sample the living room mic's voltage every 0.5 s for 4 s, check the kitchen temperature on the LM35. Average mic voltage and the temperature, please.",
          with: { kitchen: sensor('LM35', 'celsius', { place: 'kitchen' }) },
          answer: [say(mean('main')), say(last('kitchen'))],
        },
      ],
    },
    {
      key: 'living-room-level-series',
      tool: 'read_all',
      world: { scenario: 'someone-moving', at: '18:01:50', seed: 1 },
      main: sensor('KY-038', 'level', { place: 'living-room', sampling: series(1, 6) }),
      prompt: 'Measure the sound level in the living room once a second for 6 seconds and tell me the quietest and loudest readings in dBA.',
      answer: [say(min('main')), say(max('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'Feels like it suddenly got really loud in the living room. Could you track the noise in there for a few seconds?',
          sampling: aFewSeconds(),
          // "Really loud": the peak is what an answer reports.
          answer: [say(max('main'))],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'mesure the livingroom sound levle every second for 6 sec, quietest and loudest in db' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'track the lounge dB once a sec for 6 secs - lowest n highest?' },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: "I need to take a work call in the living room. Is it too loud in there? Give it a few seconds' listen first.",
          // An ordinary afternoon at about 37-40 dBA: clearly quiet enough for a call.
          world: { scenario: 'normal-day', at: '14:00' },
          sampling: aFewSeconds(),
          answer: [yesNo(gt(mean('main'), 50), { yes: ['too loud', 'noisy', 'loud'], no: ['quiet', 'calm', 'fine for a call'] })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Log the living room sound level every second for 6 seconds. What was the average, and how many readings were over 55 dBA?',
          answer: [say(mean('main')), say(count('main', { cmp: 'gt', value: 55 }))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Measure the living room sound level every second for 6 seconds. How much louder or quieter was the last reading than the first?',
          answer: [
            yesNo(gt(delta('main'), 0), {
              yes: ['louder', 'higher', 'rose', 'increased', 'went up'],
              no: ['quieter', 'lower', 'dropped', 'decreased', 'went down'],
            }),
            say(abs(delta('main')), { says: 'change in living room sound level from the first to the last reading, dB' }),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Track the living room sound level every second for 6 s. Did it ever go over 70 dBA? Tell me the peak.',
          answer: [
            yesNo(gt(max('main'), 70), { yes: ['over', 'above', 'louder than', 'exceeded'], no: ['below', 'under', 'quieter than', 'stayed under'] }),
            say(max('main')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Does the PIR in the living room see anyone? And log the sound level in there every second for 6 s: quietest and loudest?',
          with: { motion: sensor('HC-SR501', 'motion', { place: 'living-room' }) },
          answer: [say(min('main')), say(max('main')), yesNo(last('motion'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Log the sound level in both the living room and the bedroom, every second for 6 seconds. Which room was louder on average?',
          with: { bedroom: sensor('KY-038', 'level', { place: 'bedroom', sampling: series(1, 6) }) },
          answer: [
            which(
              'max',
              [
                { label: 'living-room', phrases: ['living room', 'lounge'], value: mean('main') },
                { label: 'bedroom', phrases: ['bedroom'], value: mean('bedroom') },
              ],
              ['louder', 'loudest', 'noisier'],
            ),
            say(mean('main')),
            say(mean('bedroom')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Climate and noise in the living room: the temperature and humidity, plus the average sound level over 6 seconds of once-a-second readings.',
          with: { climate: sensor('DHT11', ['temperature', 'humidity'], { place: 'living-room' }) },
          answer: [say(mean('main')), say(last('climate.temperature')), say(last('climate.humidity'))],
        },
      ],
    },
  ],
};
export default bank;
