import type { SensorBank } from '../bank.js';
import {
  aFewSeconds,
  and,
  any,
  count,
  fraction,
  gt,
  last,
  lt,
  max,
  mean,
  min,
  mul,
  not,
  quantity,
  realTime,
  say,
  sensor,
  series,
  sub,
  yesNo,
} from '../bank.js';

/**
 * KY-036 metal touch sensor, on the living-room board only. It reads about 130-260 counts untouched and
 * 1900-3300 while a finger is on the wire. In `someone-moving` the visitor touches it for 2 s of every
 * living-room visit (seconds 17-19); times picked with world-peek: seed 1 touches 18:02:08.7-10.7, seed 3
 * 18:02:14.6-16.6, seed 7 18:00:33.1-35.1 (the button of KY-004 at 18:00:24.1-25.6). Other worlds: never.
 */
/** An 8 s live watch with no step named: the server default (1 s) or any reasonable step (at most 20 samples). */
const LIVE_EIGHT_SECONDS = realTime(8, { min: 0.4, max: 2 });
const touchPhrases = { yes: ['touched', 'touching', 'contact'], no: ['untouched', 'idle', 'free'] } as const;

const bank: SensorBank = {
  sensor: 'KY-036',
  entries: [
    {
      key: 'touched-now',
      tool: 'read_touched',
      world: { scenario: 'someone-moving', at: '18:02:09', seed: 1 },
      main: sensor('KY-036', 'touched', { place: 'living-room' }),
      prompt: 'Is anyone touching the KY-036 metal touch sensor in the living room right now?',
      answer: [yesNo(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "The cat has been pawing at that metal wire thing on the living room shelf all evening. Don't tell me she's on it again right now?",
        },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'anybody got their hands on the lounge touch sensor rn?',
          world: { scenario: 'someone-moving', at: '18:02:13', seed: 1 },
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'is some1 touchng the metal tuch sensor in the livingroom right now' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            'We wired the KY-036 in the living room to switch the reading lamp on and off, and tonight the lamp keeps flickering for no obvious reason. Before I go blaming my soldering, could you check whether the sensor thinks someone is touching it at this moment?',
          world: { scenario: 'normal-day', at: '20:00' },
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            "Touch check on the living room sensor: is anyone on it? Read its raw value as well and tell me whether that's above the 1000-count touch threshold.",
          world: { scenario: 'normal-day', at: '20:00' },
          with: { raw: sensor('KY-036', 'raw', { place: 'living-room' }) },
          answer: [
            yesNo(last('main'), touchPhrases),
            yesNo(gt(last('raw'), 1000), { yes: ['above', 'over', 'higher than', 'exceeds'], no: ['below', 'under', 'lower than'] }),
            say(last('raw')),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "If someone's touching the living room touch sensor, also tell me its output voltage; if not, just say it's untouched.",
          with: { volts: sensor('KY-036', 'voltage', { place: 'living-room', when: last('main') }) },
          answer: [yesNo(last('main')), say(last('volts'), { when: last('main') })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Check the living room KY-036 every half second for 4 seconds. In what percentage of those readings was it being touched?',
          sampling: series(0.5, 4),
          answer: [say(fraction('main', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Tell me whether anyone is touching the living room touch sensor, and how loud it is in there.',
          with: { sound: quantity('sound-level', 'living-room') },
          answer: [yesNo(last('main')), say(last('sound'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Is somebody touching the KY-036 in the living room? If so, check whether the PIR in there sees movement as well.',
          with: { motion: sensor('HC-SR501', 'motion', { place: 'living-room', when: last('main') }) },
          answer: [
            yesNo(last('main'), touchPhrases),
            yesNo(last('motion'), { yes: ['motion', 'movement', 'moving', 'presence'], no: ['still', 'empty', 'unoccupied'], when: last('main') }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Two things: is anyone touching the touch sensor in the living room, and does the motion sensor in the kitchen see anybody?',
          with: { kitchen: sensor('HC-SR501', 'motion', { place: 'kitchen' }) },
          answer: [
            yesNo(last('main'), touchPhrases),
            yesNo(last('kitchen'), {
              yes: ['motion in the kitchen', 'movement', 'moving', 'someone in the kitchen'],
              no: ['kitchen is empty', 'empty', 'still', 'unoccupied'],
            }),
          ],
        },
      ],
    },
    {
      key: 'touch-watch',
      tool: 'read_touched',
      world: { scenario: 'someone-moving', at: '18:00:30', seed: 7 },
      main: sensor('KY-036', 'touched', { place: 'living-room', sampling: LIVE_EIGHT_SECONDS }),
      prompt: 'Watch the living room KY-036 touch sensor live for 8 seconds and let me know if anyone touches it.',
      answer: [yesNo(any('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Is my toddler still messing with the touch sensor in the living room? Keep an eye on it for a few seconds.',
          sampling: realTime({ min: 2, max: 10 }, { min: 0.2, max: 2 }),
        },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'lemme know if anyone pokes the lounge touch sensor, watch it live for 8 secs',
          world: { scenario: 'someone-moving', at: '18:00:40', seed: 7 },
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'plz montior the livng room touch senser live for 8 sec, does any1 touch it?' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "The lamp in the living room is meant to toggle when you tap the metal sensor, but it's been ignoring my daughter. She's going to try again now; can you watch the sensor live for 8 seconds?",
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Stream the living room touch sensor live for 8 seconds. In how many of the samples was it being touched?',
          answer: [say(count('main', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Give the living room KY-036 an 8-second live watch: was it touched for more than half of that time? Say how many samples were touched.',
          answer: [
            yesNo(gt(fraction('main', { cmp: 'eq', value: true }), 0.5), {
              yes: ['more than half', 'most of the time', 'mostly', 'majority'],
              no: ['less than half', 'briefly', 'only a moment', 'minority', 'a short time'],
            }),
            say(count('main', { cmp: 'eq', value: true })),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            "Live for 8 s, please: the living room touch sensor's touched flag and its raw values. If it got touched, give me the highest raw count; if it never did, the average raw count.",
          with: { raw: sensor('KY-036', 'raw', { place: 'living-room', sampling: LIVE_EIGHT_SECONDS }) },
          answer: [yesNo(any('main')), say(max('raw'), { when: any('main') }), say(mean('raw'), { when: not(any('main')) })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'For the next 8 seconds, watch both the touch sensor and the KY-004 push button in the living room live. Tell me which of them got used, if any.',
          with: { button: sensor('KY-004', 'pressed', { place: 'living-room', sampling: LIVE_EIGHT_SECONDS }) },
          answer: [
            yesNo(any('main'), { yes: ['touched', 'touching', 'touch sensor was used'], no: ['untouched', 'not touched', 'idle', 'unused'] }),
            yesNo(any('button'), { yes: ['pressed', 'pushed', 'clicked'], no: ['unpressed', 'released', 'idle'] }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Over an 8-second live window in the living room, did anyone touch the touch sensor, and what was the loudest sound level the microphone picked up?',
          with: { sound: sensor('KY-038', 'level', { place: 'living-room', sampling: LIVE_EIGHT_SECONDS }) },
          answer: [yesNo(any('main')), say(max('sound'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'My toddler is playing near the touch sensor in the living room while the baby naps in the bedroom. Watch the sensor live for 8 seconds to see if he touches it, then tell me how loud the bedroom is.',
          with: { bedroom: quantity('sound-level', 'bedroom') },
          answer: [yesNo(any('main')), say(last('bedroom'))],
        },
      ],
    },
    {
      key: 'raw-idle',
      tool: 'read_raw',
      world: { scenario: 'normal-day', at: '10:00' },
      main: sensor('KY-036', 'raw', { place: 'living-room' }),
      prompt: 'What raw ADC value is the KY-036 touch sensor in the living room giving right now?',
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'raw adc vaule from the KY036 in the living rom?' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'gimme the raw number off the living room touch sensor' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm putting together a little spreadsheet of what each analog sensor reads when nothing is happening, so I can spot weird values later on. Next on my list is the metal touch sensor in the living room. Could you read its raw ADC count and tell me what it is?",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: "I'm honestly not sure the touch sensor in the living room is even wired up properly. Is it alive?",
          answer: [
            yesNo(and(gt(last('main'), 20), lt(last('main'), 4000)), {
              yes: ['working', 'alive', 'responding', 'wired up', 'connected'],
              no: ['dead', 'broken', 'disconnected', 'stuck', 'floating'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "Convert the living room KY-036's raw reading into volts (12-bit ADC, 3.3 V reference).",
          answer: [
            say(mul(last('main'), 3.3 / 4095), { tol: 0.005, says: 'living room touch raw reading in volts', unit: 'V', about: { quantity: 'voltage' } }),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: "Quick sanity check: is the living room touch sensor's raw reading under 500 right now? Give me the number.",
          answer: [
            yesNo(lt(last('main'), 500), { yes: ['under', 'below', 'less than', 'lower than'], no: ['above', 'over', 'more than', 'higher than'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'How many counts below its 1000-count touch threshold is the living room KY-036 sitting at the moment?',
          answer: [say(sub(1000, last('main')), { says: 'counts between the touch threshold (1000) and the living room touch reading' })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Skin-contact sensors drift with humidity. Give me the raw reading of the living room touch sensor along with the humidity in that room.',
          with: { humidity: quantity('humidity', 'living-room') },
          answer: [say(last('main')), say(last('humidity'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "I suspect crosstalk between the analog inputs on the living room board. Give me the KY-036 raw count and the KY-023 joystick's raw X value.",
          with: { joystick: sensor('KY-023', 'x', { place: 'living-room' }) },
          answer: [say(last('main')), say(last('joystick'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: "Before I head out: read the living room touch sensor's raw value, and tell me if the motion sensor in the kitchen picks anybody up.",
          with: { kitchen: sensor('HC-SR501', 'motion', { place: 'kitchen' }) },
          answer: [say(last('main')), yesNo(last('kitchen'))],
        },
      ],
    },
    {
      key: 'voltage-series',
      tool: 'read_voltage',
      world: { scenario: 'someone-moving', at: '18:02:12', seed: 3 },
      main: sensor('KY-036', 'voltage', { place: 'living-room', sampling: series(0.5, 5) }),
      prompt: "Sample the KY-036's output voltage in the living room every half second for 5 seconds and tell me the highest and lowest values.",
      answer: [say(max('main')), say(min('main'))],
      variants: [
        { kind: 'ambiguification', style: 'colloquial', prompt: "log the lounge touch sensor volts every 0.5s for 5s, what's the high and the low?" },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'sample the livingroom KY-036 volatge evry half second for 5 sec, highest and lowest plz' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'I reckon people keep brushing past the touch plate in the living room and setting the lamp off. Could you keep an eye on its voltage for a few seconds and tell me what range it swings through?',
          sampling: aFewSeconds(),
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Bit of background: I swapped a resistor on the KY-036 in the living room yesterday and I want to see whether the output still looks sane. If you could take voltage readings every half second for five seconds and tell me the top and bottom of what you saw, I'll compare it with my notes from before the swap.",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "What's the peak voltage, in millivolts, of the living room touch sensor over 5 s of readings every 0.5 s?",
          answer: [say(max('main'), { convert: { from: 'V', to: 'mV' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: "Sampling every half second for 5 seconds, did the living room touch sensor's voltage ever rise above 1 V? What was its peak?",
          answer: [
            yesNo(gt(max('main'), 1), { yes: ['above', 'over', 'exceeded', 'rose', 'higher than'], no: ['below', 'under', 'lower than'] }),
            say(max('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: "Read the living room KY-036's voltage every 0.5 s for 5 s. What's the average, and how many of the readings were above 0.8 V?",
          answer: [say(mean('main')), say(count('main', { cmp: 'gt', value: 0.8 }))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Is anyone in the living room according to the PIR? Also log the touch sensor's voltage there every half second for 5 s and give me the high and low.",
          with: { motion: sensor('HC-SR501', 'motion', { place: 'living-room' }) },
          answer: [say(max('main')), say(min('main')), yesNo(last('motion'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Record the living room touch voltage and the sound level side by side, each every 0.5 s for 5 s. Give me the peak of each.',
          with: { sound: sensor('KY-038', 'level', { place: 'living-room', sampling: series(0.5, 5) }) },
          answer: [say(max('main')), say(max('sound'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "The baby's asleep in the bedroom: is the sound sensor in there tripped right now? Also log the living room touch plate's voltage every 0.5 s for 5 s and give me its peak.",
          with: { bedroom: sensor('KY-038', 'triggered', { place: 'bedroom' }) },
          answer: [say(max('main')), yesNo(last('bedroom'))],
        },
      ],
    },
    {
      key: 'full-readout',
      tool: 'read_all',
      world: { scenario: 'normal-day', at: '20:00' },
      main: sensor('KY-036', ['raw', 'voltage', 'touched'], { place: 'living-room' }),
      prompt: 'Give me the full readout of the living room KY-036 touch sensor: raw count, voltage and whether it counts as touched.',
      answer: [say(last('main.raw')), say(last('main.voltage')), yesNo(last('main.touched'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'all the readngs from the KY-036 in the livng room pls, raw, volts and if its touched' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "what's the touch sensor in the lounge saying? everything it's got" },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I keep a little notebook for every sensor in the house, and the page for the living room touch sensor is still blank. When you get a sec, could you read it and give me all three things it reports, the raw count, the voltage and whether it thinks it's being touched, so I can fill in the columns?",
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "The living room lamp just flicked on all by itself. I'd like to see everything the touch sensor is reporting so I can work out whether it was the culprit.",
          world: { scenario: 'someone-moving', at: '18:02:09', seed: 1 },
          answer: [yesNo(last('main.touched')), say(last('main.raw')), say(last('main.voltage'))],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "Read all of the living room touch sensor's values, and give me the voltage in millivolts.",
          answer: [say(last('main.voltage'), { convert: { from: 'V', to: 'mV' } }), say(last('main.raw')), yesNo(last('main.touched'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Do a full read of the living room touch sensor. Is its output above 0.5 V? Include the raw count and whether it registers a touch.',
          answer: [
            yesNo(gt(last('main.voltage'), 0.5), { yes: ['above', 'over', 'higher than', 'exceeds'], no: ['below', 'under', 'lower than'] }),
            say(last('main.raw')),
            yesNo(last('main.touched'), touchPhrases),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "Full read of the living room KY-036, please. If it says it's touched, tell me the voltage; if not, just the raw count.",
          world: { scenario: 'someone-moving', at: '18:02:09', seed: 1 },
          answer: [
            yesNo(last('main.touched')),
            say(last('main.voltage'), { when: last('main.touched') }),
            say(last('main.raw'), { when: not(last('main.touched')) }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Full readout of the touch sensor in the living room please, plus the temperature in there.',
          with: { temperature: quantity('air-temperature', 'living-room') },
          answer: [say(last('main.raw')), say(last('main.voltage')), yesNo(last('main.touched')), say(last('temperature'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'The touch sensor toggles the reading lamp. Give me its full readout and the light level the BH1750 in the living room measures.',
          with: { light: sensor('BH1750', 'lux', { place: 'living-room' }) },
          answer: [say(last('main.raw')), say(last('main.voltage')), yesNo(last('main.touched')), say(last('light'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Evening check: everything the living room touch sensor reports, and the temperature in the bedroom.',
          with: { bedroom: quantity('air-temperature', 'bedroom') },
          answer: [say(last('main.raw')), say(last('main.voltage')), yesNo(last('main.touched')), say(last('bedroom'))],
        },
      ],
    },
  ],
};
export default bank;
