import type { SensorBank } from '../bank.js';
import {
  abs,
  aFewSeconds,
  and,
  delta,
  first,
  gt,
  last,
  le,
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
 * Two DHT11s: the living room board and the bedroom board (place is required). Whole degrees, whole %RH.
 * What they read in the worlds chosen below (seeds fixed so verdicts stay away from their thresholds):
 * - hot-afternoon s3: living room 31 C / 37 %, garden air 36 C, nobody home, ~1100 lux through the window;
 *   hot-afternoon s2: bedroom 31 C / 41 %, garden 36 C.
 * - quiet-night s5: bedroom 17 C / 56 %, living room 19 C / 51 %, TMP36 bedroom 16.9 C, 28 dBA.
 * - quiet-night s1: bedroom 18 C, TMP36 bedroom 17.9 C, garden air 12 C, 28 dBA.
 * - normal-day 21:30 s2: bedroom 21 C / 51 %, TMP36 bedroom 20.9 C, 34 dBA; living room 22 C / 47 %.
 * - leak s1: living room 22 C / 51 % (damp drifting in from the kitchen), bedroom 46 %, kitchen floor wet.
 * - fire s4: living room 32 C / 28 % (next to the burning kitchen), bedroom 23 C, smoke alarm audible,
 *   kitchen flame sensor on.
 */

const LIVING_ROOM = { place: 'living-room' } as const;
const BEDROOM = { place: 'bedroom' } as const;

const ABOVE = ['above', 'over', 'higher than', 'exceeds', 'more than'] as const;
const BELOW = ['below', 'under', 'lower than', 'less than'] as const;
/*
 * Verdict words for other sensors' yes/no fields. The field table's defaults would read the name of a part
 * as a verdict ("the motion sensor shows nobody", "the flame sensor sees nothing", "the water sensor is
 * dry", "the noise level is low"), so these use words only a verdict contains.
 */
const MOTION = {
  yes: ['someone', 'somebody', 'motion detected', 'movement detected', 'detects motion', 'detects movement', 'occupied', 'moving around'],
  no: ['nobody', 'no one', 'no motion', 'no movement', 'empty', 'unoccupied'],
} as const;
const FLAME = {
  yes: ['flame detected', 'fire detected', 'detects a flame', 'detecting a flame', 'detects fire', 'sees a flame', 'sees fire', 'flames', 'on fire', 'burning'],
  no: ['no flame', 'no fire', 'nothing detected', 'all clear'],
} as const;
const WET = {
  yes: ['wet', 'leak', 'leaking', 'flooded', 'flooding', 'water detected', 'detects water', 'standing water', 'puddle'],
  no: ['dry', 'no water', 'no leak', 'all clear'],
} as const;
const LOUD = { yes: ['loud', 'noisy', 'triggered', 'tripped'], no: ['quiet', 'silent', 'calm'] } as const;

const bank: SensorBank = {
  sensor: 'DHT11',
  entries: [
    // ---- read_temperature: one living-room reading on a heatwave afternoon ----
    {
      key: 'living-room-temperature',
      tool: 'read_temperature',
      world: { scenario: 'hot-afternoon', seed: 3 },
      main: sensor('DHT11', 'temperature', LIVING_ROOM),
      prompt: 'How warm is it in the living room at the moment?',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt: "Ugh, I've been on the couch ten minutes and my shirt is already sticking to me. Is the living room really that hot? What can I do about it?",
          answer: [
            say(last('main')),
            mentions('suggests a way to cool down', [
              'fan',
              'window',
              'air conditioning',
              'air conditioner',
              'AC',
              'blinds',
              'curtains',
              'shade',
              'cold drink',
              'water',
              'shower',
            ]),
          ],
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'yo whats the lounge temp rn' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'hows the temprature in the livng room right now' },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Is it worth switching the air con on in the living room?',
          answer: [
            yesNo(gt(last('main'), 26), {
              says: 'living room warmer than 26 C, so the air con is worth it',
              yes: ['worth it', 'switch it on', 'turn it on', 'too warm', 'too hot', 'hot'],
              no: ['leave it off', 'keep it off', 'comfortable', 'pleasant', 'unnecessary'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "My thermostat is stuck on Fahrenheit. What's the living room at in °F?",
          answer: [say(last('main'), { convert: { from: 'C', to: 'F' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Has the living room gone above 33 °C? Tell me the reading as well.',
          answer: [yesNo(gt(last('main'), 33), { yes: ABOVE, no: BELOW }), say(last('main'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Log the living room temperature once a second for 5 seconds. What were the lowest and highest values you got?',
          sampling: series(1, 5),
          answer: [say(min('main')), say(max('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Where is it hotter right now, inside in the living room or out in the garden?',
          with: { garden: quantity('air-temperature', 'garden') },
          answer: [
            which(
              'max',
              [
                { label: 'living-room', phrases: ['living room', 'inside', 'indoors'], value: last('main') },
                { label: 'garden', phrases: ['garden', 'outside', 'outdoors'], value: last('garden') },
              ],
              ['hotter', 'warmer', 'hottest', 'warmest'],
            ),
            say(last('main')),
            say(last('garden')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'It feels stuffy in the living room this afternoon. Can you give me the temperature in there and how much light is coming in?',
          with: { light: quantity('light', 'living-room') },
          answer: [say(last('main')), say(last('light'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "I want to drop the living room blinds if it's hot in there, but not if someone's sitting in the room. What's the temperature, and is anybody in there?",
          with: { motion: sensor('HC-SR501', 'motion', LIVING_ROOM) },
          answer: [say(last('main')), yesNo(last('motion'), MOTION)],
        },
      ],
    },

    // ---- read_humidity: one bedroom reading in the middle of the night ----
    {
      key: 'bedroom-humidity',
      tool: 'read_humidity',
      world: { scenario: 'quiet-night', seed: 5 },
      main: sensor('DHT11', 'humidity', BEDROOM),
      prompt: "What's the relative humidity in the bedroom?",
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'My little boy has a blocked nose tonight. Is the air in the bedroom too dry for him?',
          answer: [
            yesNo(lt(last('main'), 40), {
              says: 'bedroom humidity below 40 %',
              yes: ['too dry', 'dry', 'humidifier would help'],
              no: ['humid enough', 'fine', 'okay', 'comfortable', 'normal range', 'moist enough'],
            }),
            say(last('main')),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wats the humidty like in the bedrom' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "So for about a week now I've been waking up with a scratchy throat, and my partner is convinced it's the air in our room. Before I go and spend money on a humidifier I'd like some actual data. Could you find out how humid the bedroom is right now?",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'how muggy is it in the bedroom?' },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Mould starts worrying me once the humidity goes over 60 %. Is the bedroom above that? Give me the number.',
          answer: [yesNo(gt(last('main'), 60), { yes: ABOVE, no: BELOW }), say(last('main'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: "I'd like the average bedroom humidity from samples taken every 2 seconds over 8 seconds.",
          sampling: series(2, 8),
          answer: [say(mean('main'))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'I read that 45 % is the ideal humidity for a bedroom. How many points away from that is ours, and is it above or below?',
          answer: [
            say(abs(sub(last('main'), 45)), { says: 'distance of the bedroom humidity from 45 %' }),
            yesNo(gt(last('main'), 45), { yes: ['above', 'higher', 'over', 'more humid', 'damper'], no: ['below', 'lower', 'under', 'drier'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Which is more humid tonight, the bedroom or the living room?',
          with: { lounge: quantity('humidity', 'living-room') },
          answer: [
            which(
              'max',
              [
                { label: 'bedroom', phrases: ['bedroom'], value: last('main') },
                { label: 'living-room', phrases: ['living room', 'lounge'], value: last('lounge') },
              ],
              ['more humid', 'most humid', 'damper', 'dampest', 'higher humidity', 'more moisture'],
            ),
            say(last('main')),
            say(last('lounge')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Can't sleep again. What's the humidity in the bedroom, and how loud is it in there?",
          with: { noise: quantity('sound-level', 'bedroom') },
          answer: [say(last('main')), say(last('noise'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Give me the bedroom humidity from the DHT11 and the bedroom temperature from the TMP36.',
          with: { tmp36: sensor('TMP36', 'celsius', BEDROOM) },
          answer: [say(last('main')), say(last('tmp36'))],
        },
      ],
    },

    // ---- read_all: temperature and humidity of the bedroom on a summer evening ----
    {
      key: 'bedroom-temperature-and-humidity',
      tool: 'read_all',
      world: { scenario: 'normal-day', at: '21:30', seed: 2 },
      main: sensor('DHT11', ['temperature', 'humidity'], BEDROOM),
      prompt: 'Read both the temperature and the humidity from the DHT11 in the bedroom.',
      answer: [say(last('main.temperature')), say(last('main.humidity'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Going by the DHT11 in there, will the bedroom be comfortable to sleep in tonight?',
          answer: [
            yesNo(and(le(last('main.temperature'), 24), le(last('main.humidity'), 60)), {
              says: 'bedroom at most 24 C and at most 60 % humidity',
              yes: ['comfortable', 'fine', 'pleasant', 'good for sleeping', 'good to sleep'],
              no: ['uncomfortable', 'too warm', 'too hot', 'too humid', 'stuffy', 'muggy'],
            }),
            say(last('main.temperature')),
            say(last('main.humidity')),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt:
            'I keep tossing and turning in bed and the sheets feel kind of clammy. What does the DHT11 in that bedroom say is going on, and what should I change?',
          answer: [
            say(last('main.temperature')),
            say(last('main.humidity')),
            mentions('suggests a change to the room', [
              'window',
              'fan',
              'dehumidifier',
              'humidifier',
              'air conditioning',
              'AC',
              'ventilate',
              'thermostat',
              'blanket',
              'duvet',
              'bedding',
              'heating',
            ]),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'temp and humidty in the bedrom pls, from the DHT 11' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "My mother-in-law arrives tomorrow and she'll be sleeping in our bedroom while we take the sofa bed. Every visit she tells me the room is either stuffy or damp, so this time I'd like to get ahead of it. Could you look up the temperature and the humidity on the bedroom DHT11 as they are right now?",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "For a physics homework question: give me the bedroom DHT11's temperature in kelvin, and its humidity as it is.",
          answer: [say(last('main.temperature'), { convert: { from: 'C', to: 'K' } }), say(last('main.humidity'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "Bedroom DHT11 temperature first, please. If it's above 24 °C, tell me the humidity too; if not, the temperature alone is enough.",
          // The humidity is a follow-up read: a model that reads the temperature alone and stops is right when it is cool.
          with: { hum: sensor('DHT11', 'humidity', { place: 'bedroom', when: gt(last('main.temperature'), 24) }) },
          answer: [say(last('main.temperature')), say(last('hum'), { when: gt(last('main.temperature'), 24) })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Is the bedroom humidity below 45 %? Tell me both readings from the DHT11.',
          answer: [yesNo(lt(last('main.humidity'), 45), { yes: BELOW, no: ABOVE }), say(last('main.humidity')), say(last('main.temperature'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          world: { scenario: 'hot-afternoon', seed: 2 },
          prompt:
            "It's baking outside. Is the bedroom at least cooler than the garden? Give me the bedroom temperature and humidity from the DHT11, and the temperature outside.",
          with: { garden: quantity('air-temperature', 'garden') },
          answer: [
            which(
              'min',
              [
                { label: 'bedroom', phrases: ['bedroom', 'inside', 'indoors'], value: last('main.temperature') },
                { label: 'garden', phrases: ['garden', 'outside', 'outdoors'], value: last('garden') },
              ],
              ['cooler', 'coolest', 'colder'],
            ),
            say(last('main.temperature')),
            say(last('main.humidity')),
            say(last('garden')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'There are two thermometers in the bedroom, the DHT11 and a TMP36. Do their temperatures agree to within 2 degrees? Also give me the humidity from the DHT11.',
          with: { tmp36: sensor('TMP36', 'celsius', BEDROOM) },
          answer: [
            yesNo(le(abs(sub(last('main.temperature'), last('tmp36'))), 2), {
              says: 'DHT11 and TMP36 within 2 C of each other',
              yes: ['agree', 'match', 'within', 'close', 'consistent'],
              no: ['disagree', 'differ', 'apart', 'mismatch', 'inconsistent'],
            }),
            say(last('main.temperature')),
            say(last('tmp36')),
            say(last('main.humidity')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Getting the baby down for the night. What are the temperature and humidity on the bedroom DHT11, and is it quiet in there, under 40 dBA?',
          with: { noise: quantity('sound-level', 'bedroom') },
          answer: [
            say(last('main.temperature')),
            say(last('main.humidity')),
            say(last('noise')),
            yesNo(lt(last('noise'), 40), { yes: ['quiet', 'silent', 'calm', 'below', 'under'], no: ['loud', 'noisy', 'above', 'over'] }),
          ],
        },
      ],
    },

    // ---- read_humidity: a short living-room series while a leak dampens the house ----
    {
      key: 'living-room-humidity-series',
      tool: 'read_humidity',
      world: { scenario: 'leak', seed: 1 },
      main: sensor('DHT11', 'humidity', { ...LIVING_ROOM, sampling: series(1, 5) }),
      prompt: 'Sample the living room humidity once a second for 5 seconds. What did it start and end at?',
      answer: [say(first('main')), say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'can u sample livingroom humidty evry second for 5 secs, whats the frist and last value' },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'keep tabs on the lounge humidity for a few secs, how much is it bouncing around? gimme the low n the high',
          sampling: aFewSeconds(),
          answer: [say(min('main')), say(max('main'))],
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "We had a hose burst in the kitchen this morning and there's still a damp smell drifting into the living room, though honestly it might just be my imagination. Could you take a humidity reading in the living room every second for five seconds and tell me where it starts and where it ends up?",
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'the air in the living room feels heavy ever since the kitchen flooded. can you keep an eye on it for a few seconds?',
          sampling: aFewSeconds(),
          answer: [say(mean('main'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Take a living room humidity reading every half second for 4 seconds and give me the average, the minimum and the maximum.',
          sampling: series(0.5, 4),
          answer: [say(mean('main')), say(min('main')), say(max('main'))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Reading once a second for 5 seconds, did the living room humidity go above 55 % at any point? Tell me the peak.',
          answer: [
            yesNo(gt(max('main'), 55), {
              yes: ['above', 'over', 'exceeded', 'went past', 'higher than'],
              no: ['below', 'under', 'stayed under', 'stayed below'],
            }),
            say(max('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Over 6 seconds, reading once a second: did the living room humidity end higher than it started, and by how much did it change?',
          sampling: series(1, 6),
          answer: [
            yesNo(gt(delta('main'), 0), {
              yes: ['higher', 'rose', 'went up', 'increased', 'climbed'],
              no: ['lower', 'fell', 'dropped', 'went down', 'decreased', 'same', 'unchanged', 'steady'],
            }),
            say(delta('main'), { says: 'change in living room humidity, last minus first' }),
            say(first('main')),
            say(last('main')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Living room versus bedroom: sample the humidity in both every second for 5 seconds. Which room is damper on average?',
          with: { bedroom: sensor('DHT11', 'humidity', { ...BEDROOM, sampling: series(1, 5) }) },
          answer: [
            which(
              'max',
              [
                { label: 'living-room', phrases: ['living room', 'lounge'], value: mean('main') },
                { label: 'bedroom', phrases: ['bedroom'], value: mean('bedroom') },
              ],
              ['damper', 'dampest', 'more humid', 'most humid', 'higher humidity'],
            ),
            say(mean('main')),
            say(mean('bedroom')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "I think the damp is spreading. Is there water on the kitchen floor? And log the living room humidity every second for 5 seconds while you're at it; the average is enough.",
          with: { floor: sensor('WATER', 'wet', { place: 'kitchen' }) },
          answer: [yesNo(last('floor'), WET), say(mean('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "The dehumidifier is loud, so I only want to run it if nobody's in the living room. Track the humidity there every second for 5 seconds, give me the average, and tell me whether anyone is in the room.",
          with: { motion: sensor('HC-SR501', 'motion', LIVING_ROOM) },
          answer: [say(mean('main')), yesNo(last('motion'), MOTION)],
        },
      ],
    },

    // ---- read_temperature: a live bedroom window at 3 am ----
    {
      key: 'bedroom-temperature-live',
      tool: 'read_temperature',
      world: { scenario: 'quiet-night', seed: 1 },
      main: sensor('DHT11', 'temperature', { ...BEDROOM, sampling: realTime(6) }),
      prompt: "Watch the bedroom DHT11's temperature live for 6 seconds and tell me the lowest and highest values.",
      answer: [say(min('main')), say(max('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          world: { scenario: 'hot-afternoon', seed: 2 },
          prompt: 'Keep an eye on the DHT11 in the bedroom for a few seconds: is it too warm in there to put the baby down for her nap?',
          sampling: aFewSeconds(),
          answer: [
            yesNo(gt(mean('main'), 24), {
              says: 'bedroom warmer than 24 C on average',
              yes: ['too warm', 'too hot', 'warm', 'hot'],
              no: ['fine', 'comfortable', 'cool enough', 'okay', 'pleasant'],
            }),
            say(mean('main')),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wach the bedrom DTH11 temprature live for 6 secnds, whats the lowest and highest' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'stream me the bedroom dht11 temp for like 6 sec n gimme the low and the high' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm trying to work out whether the draught from the bedroom window makes the thermometer jump about at night. It's the DHT11 on the little board next to the bed. Would you monitor it live for six seconds and then tell me the lowest and the highest temperature it reported while you were watching?",
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'Monitor the bedroom DHT11 temperature in real time for 6 seconds. What was the average, and how far apart were the lowest and highest readings?',
          answer: [say(mean('main')), say(range('main'))],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'What is the highest temperature the bedroom DHT11 reports, in Fahrenheit, over a 6-second live window?',
          answer: [say(max('main'), { convert: { from: 'C', to: 'F' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Stream the bedroom DHT11 temperature for 6 seconds. Did it dip below 16 °C at any point? Include the lowest reading.',
          answer: [
            yesNo(lt(min('main'), 16), {
              yes: ['dipped', 'dropped below', 'below', 'under', 'went under'],
              no: ['above', 'stayed above', 'over', 'higher than'],
            }),
            say(min('main')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: "After watching the bedroom DHT11's temperature live for 6 seconds, check the garden once. How much warmer is the bedroom than outside?",
          with: { garden: quantity('air-temperature', 'garden') },
          answer: [say(sub(mean('main'), last('garden')), { says: 'bedroom minus garden temperature' }), say(mean('main')), say(last('garden'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Stream both the DHT11 and the TMP36 in the bedroom for 6 seconds. What is the average of each, and how big is the gap between them?',
          with: { tmp36: sensor('TMP36', 'celsius', { ...BEDROOM, sampling: realTime(6) }) },
          answer: [say(mean('main')), say(mean('tmp36')), say(abs(sub(mean('main'), mean('tmp36'))), { says: 'gap between the DHT11 and TMP36 averages' })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'How loud is it in the bedroom right now? And if you watch the DHT11 temperature in there live for 6 seconds, what are the lowest and highest readings?',
          with: { noise: quantity('sound-level', 'bedroom') },
          answer: [say(min('main')), say(max('main')), say(last('noise'))],
        },
      ],
    },

    // ---- read_all: living-room temperature and humidity every 2 s while the kitchen burns next door ----
    {
      key: 'living-room-climate-series',
      tool: 'read_all',
      world: { scenario: 'fire', seed: 4 },
      main: sensor('DHT11', ['temperature', 'humidity'], { ...LIVING_ROOM, sampling: series(2, 6) }),
      prompt: 'Take temperature and humidity readings in the living room every 2 seconds for 6 seconds and give me the average of each.',
      answer: [say(mean('main.temperature')), say(mean('main.humidity'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "it's suddenly really warm and dry in the living room and I don't know why, something feels off. can you watch the temp and humidity there for a few seconds?",
          sampling: aFewSeconds(),
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'log temp an humidity in the living rom every 2 sec for 6 sec, averges pls' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'lounge temp + humidity every 2s for 6s, what are the averages?' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm at the neighbours' and the kids are home on their own, so I'm a little on edge. They say the living room has got weirdly warm. Could you take the temperature and humidity in there every two seconds for six seconds and tell me the average of each? Then I'll decide whether to pop back.",
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'Poll the living room temperature and humidity every 2 seconds for 6 seconds. Did the humidity ever drop below 25 %? Tell me the lowest value.',
          answer: [
            yesNo(lt(min('main.humidity'), 25), { yes: ['dropped below', 'below', 'under', 'went under'], no: ['above', 'stayed above', 'over'] }),
            say(min('main.humidity')),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt:
            'Every 2 seconds for 6 seconds, read the living room temperature and humidity. By how much did each change between the first and the last reading?',
          answer: [
            say(delta('main.temperature'), { says: 'change in living room temperature, last minus first' }),
            say(delta('main.humidity'), { says: 'change in living room humidity, last minus first' }),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'I need the average living room temperature in Fahrenheit and the average humidity, sampled every 2 seconds for 6 seconds.',
          answer: [say(mean('main.temperature'), { convert: { from: 'C', to: 'F' } }), say(mean('main.humidity'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'The living room has gone hot and dry all of a sudden. Log the temperature and humidity there every 2 seconds for 6 seconds and give me the averages, and check whether the flame sensor in the kitchen is seeing fire.',
          with: { flame: sensor('KY-026', 'detected', { place: 'kitchen' }) },
          answer: [yesNo(last('flame'), FLAME), say(mean('main.temperature')), say(mean('main.humidity'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'My phone just showed a noise alert from home. Is the microphone in the living room picking up something loud? Also sample the temperature and humidity in there every 2 seconds for 6 seconds and give me the average of each.',
          with: { mic: sensor('KY-038', 'triggered', LIVING_ROOM) },
          answer: [yesNo(last('mic'), LOUD), say(mean('main.temperature')), say(mean('main.humidity'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'Sample temperature and humidity from the DHT11s every 2 seconds for 6 seconds in both the living room and the bedroom. Which room is hotter, and what are the averages?',
          with: { bedroom: sensor('DHT11', ['temperature', 'humidity'], { ...BEDROOM, sampling: series(2, 6) }) },
          answer: [
            which(
              'max',
              [
                { label: 'living-room', phrases: ['living room', 'lounge'], value: mean('main.temperature') },
                { label: 'bedroom', phrases: ['bedroom'], value: mean('bedroom.temperature') },
              ],
              ['hotter', 'hottest', 'warmer', 'warmest'],
            ),
            say(mean('main.temperature')),
            say(mean('main.humidity')),
            say(mean('bedroom.temperature')),
            say(mean('bedroom.humidity')),
          ],
        },
      ],
    },
  ],
};

export default bank;
