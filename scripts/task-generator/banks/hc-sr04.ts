import type { SensorBank } from '../bank.js';
import {
  abs,
  aFewSeconds,
  any,
  count,
  delta,
  first,
  ge,
  gt,
  last,
  le,
  lt,
  max,
  mean,
  min,
  quantity,
  range,
  realTime,
  say,
  sensor,
  series,
  yesNo,
} from '../bank.js';

/**
 * HC-SR04: the ultrasonic ranger on the garage wall. With nobody there it sees the far wall (the distance
 * depends on the seed: seed 4 about 120 cm, seed 7 about 275-280 cm); in `someone-moving` the person walks
 * up to it and away again during seconds 4-16 of their garage visit (down to about 60 cm).
 */

const garage = { place: 'garage' } as const;
const fits = ['fits', 'fit', 'enough room', 'enough space', 'room for it'];
const tooTight = ['too tight', 'too short', 'too little room', 'too small'];

const bank: SensorBank = {
  sensor: 'HC-SR04',
  entries: [
    {
      key: 'garage-distance',
      tool: 'read_distance',
      // Seed 4: the far wall is about 120 cm away.
      world: { scenario: 'normal-day', at: '10:00', seed: 4 },
      main: sensor('HC-SR04', 'distance_cm', garage),
      prompt: 'What distance is the HC-SR04 ultrasonic sensor in the garage reading right now?',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "My tape measure has vanished and I need to know how much floor there is between the ultrasonic sensor on the garage wall and whatever's in front of it.",
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'whats the distnace reading on the ultrasonic sensr in the garrage?' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "So I finally screwed one of those HC-SR04 ultrasonic modules onto the back wall of the garage (it's going to be a parking aid, if I ever finish the code). Before I start fiddling with any calibration I just want a sanity check on what it actually sees. What distance is it measuring at the moment?",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: "Will my 1.5 m kayak fit on the floor between the garage distance sensor and whatever it's pointing at?",
          answer: [yesNo(ge(last('main'), 150), { yes: fits, no: tooTight }), say(last('main'))],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "Dad's tape measure is imperial only. How many inches is the garage ultrasonic sensor reading?",
          answer: [say(last('main'), { convert: { from: 'cm', to: 'in' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Is there at least a metre of clear space in front of the ultrasonic sensor in the garage? Tell me the measured distance as well.',
          answer: [
            yesNo(ge(last('main'), 100), {
              yes: ['at least a metre', 'more than a metre', 'over a metre', 'enough space', 'plenty of space'],
              no: ['less than a metre', 'under a metre', 'too close', 'too little space'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt:
            'Every 5 seconds for 10 seconds, read the garage HC-SR04. Give me both readings, and tell me whether the distance changed by more than 2 cm between them.',
          sampling: series(5, 10),
          answer: [
            say(first('main')),
            say(last('main')),
            yesNo(gt(abs(delta('main')), 2), { yes: ['changed', 'moved', 'different'], no: ['same', 'unchanged', 'steady', 'stable'] }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Give me both garage readings: the ultrasonic distance and the magnetic field from the KY-035 Hall sensor.',
          with: { hall: sensor('KY-035', 'field', garage) },
          answer: [say(last('main')), say(last('hall'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Is anybody moving about in the living room? And how far is the nearest object from the rangefinder in the garage?',
          // Seed 7: someone is in the living room from 18:00:16 to 18:00:46; the garage wall is about 280 cm away.
          world: { scenario: 'someone-moving', at: '18:00:20', seed: 7 },
          with: { lounge: quantity('motion', 'living-room') },
          answer: [yesNo(last('lounge')), say(last('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "The HC-SR04 assumes 20 °C air when it turns echo time into distance. What's the air temperature in the workshop next to the garage, and what distance is the garage sensor showing?",
          with: { workshop: quantity('air-temperature', 'workshop') },
          answer: [say(last('workshop')), say(last('main'))],
        },
      ],
    },
    {
      key: 'garage-distance-series',
      tool: 'read_distance',
      // Seed 1: the person walks up to the sensor from 18:00:55.7 (221 cm down to about 90 cm in this window).
      world: { scenario: 'someone-moving', at: '18:00:54', seed: 1 },
      main: sensor('HC-SR04', 'distance_cm', { ...garage, sampling: series(0.5, 5) }),
      prompt: 'Take distance readings from the garage HC-SR04 every half second for 5 seconds. What were the closest and farthest readings?',
      answer: [say(min('main')), say(max('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'can u ping the garage sonar a bunch over the next few secs? whats the closest anything got',
          sampling: aFewSeconds(),
          answer: [say(min('main'))],
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'sampel the garage ultrasonic sensor evry 0.5 sec for 5 seconds, whats the closest and farthest distence?',
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'Pretty sure the cat is prowling around the garage again, right in front of the distance sensor. Could you keep an eye on it for a few seconds?',
          sampling: aFewSeconds(),
          answer: [
            yesNo(gt(range('main'), 10), { yes: ['moving', 'movement', 'changing', 'something', 'closer'], no: ['steady', 'stable', 'constant', 'unchanged'] }),
            say(min('main')),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Bit of background: I'm turning the HC-SR04 in the garage into a parking sensor and I want to see how it behaves when someone walks toward it. Could you grab a reading every 0.5 seconds for five seconds and tell me the nearest and the furthest distance it saw? That'll help me decide how much smoothing the code needs.",
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Log the garage ultrasonic distance every 0.5 s for 5 s and give me the mean plus the spread between the highest and lowest reading.',
          answer: [say(mean('main')), say(range('main'))],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Sample the garage distance sensor twice a second for 5 seconds. What was the shortest distance, in feet?',
          answer: [say(min('main'), { convert: { from: 'cm', to: 'ft' } })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt:
            'Over 5 s, one reading every half second: did the thing in front of the garage HC-SR04 get closer or farther away, and by how many centimetres?',
          answer: [
            yesNo(lt(delta('main'), 0), { yes: ['closer', 'nearer', 'approaching', 'approached'], no: ['farther', 'further', 'receding', 'moved back'] }),
            say(abs(delta('main'))),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'While you sample the garage ultrasonic sensor every half second for 5 seconds, check whether the kitchen PIR sees anyone. I want the closest garage distance and a yes or no for the kitchen.',
          with: { kitchen: quantity('motion', 'kitchen') },
          answer: [say(min('main')), yesNo(last('kitchen'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Log both garage sensors every 0.5 s for 5 s: the HC-SR04 distance and the KY-035 magnetic field. Report the minimum distance and the average field strength.',
          with: { hall: sensor('KY-035', 'field', { ...garage, sampling: series(0.5, 5) }) },
          answer: [say(min('main')), say(mean('hall'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Something's going on out back. Sample the garage ranger every half second for 5 s and check the vibration sensor in the workshop: what was the closest distance, and is the workshop bench shaking?",
          with: { shake: sensor('SW420', 'shock', { place: 'workshop' }) },
          answer: [say(min('main')), yesNo(last('shake'))],
        },
      ],
    },
    {
      key: 'garage-distance-live',
      tool: 'read_distance',
      // Seed 5: the person stands about 60 cm from the sensor at 18:00:22 and walks off (back to ~205 cm) by 18:00:27.5.
      world: { scenario: 'someone-moving', at: '18:00:22', seed: 5 },
      main: sensor('HC-SR04', 'distance_cm', { ...garage, sampling: realTime(6, 0.5) }),
      prompt: 'Watch the garage HC-SR04 live for 6 seconds, a reading every half second. What was the nearest distance, and what was it reading at the end?',
      answer: [say(min('main')), say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Did whoever is in the garage just walk away from the distance sensor? Watch it for a few seconds and tell me.',
          sampling: aFewSeconds(),
          answer: [
            yesNo(gt(delta('main'), 10), {
              yes: ['walked away', 'moved away', 'farther', 'further', 'backed off', 'left'],
              no: ['closer', 'stayed', 'approaching', 'still there'],
            }),
            say(first('main')),
            say(last('main')),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'moniter the ultrasonic in the garadge live for 6 secs, one reading every half second. closest distanse and the last one?',
        },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'stream the garage sonar for like 6 secs n tell me how close stuff got',
          sampling: realTime(6, { min: 0.3, max: 2 }),
          answer: [say(min('main'))],
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            'We have a motion light in the garage that my partner swears switches off while people are still standing there, and I want to work out where they actually stand. Could you watch the ultrasonic distance sensor in there live for six seconds (two readings a second is fine) and tell me the closest distance it picked up and where it ended?',
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'Did anything come within 80 cm of the garage ultrasonic sensor? Watch it live for 6 seconds at half-second intervals and include the closest reading.',
          answer: [
            yesNo(lt(min('main'), 80), {
              yes: ['within 80', 'closer than 80', 'came within', 'inside 80'],
              no: ['beyond', 'farther than 80', 'outside', 'stayed back'],
            }),
            say(min('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'Live-monitor the garage distance sensor for 6 s, one sample per half second. How many readings were under one metre, and what was the average?',
          answer: [say(count('main', { cmp: 'lt', value: 100 })), say(mean('main'))],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Closest approach in inches, please: watch the garage rangefinder live for six seconds, sampling every 0.5 s.',
          answer: [say(min('main'), { convert: { from: 'cm', to: 'in' } })],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'I think someone just left the garage. Watch the garage ultrasonic live for 6 s (0.5 s steps), then check whether the living room PIR has picked anyone up. Last garage distance and living room yes/no.',
          with: { lounge: quantity('motion', 'living-room') },
          answer: [say(last('main')), yesNo(last('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'My magnetic key fob should trip the Hall switch in the garage. Over a 6 s live watch at half-second steps, did the Hall switch ever notice it, and what was the closest ultrasonic distance?',
          with: { fob: sensor('KY-035', 'switch', { ...garage, sampling: realTime(6, 0.5) }) },
          answer: [
            say(min('main')),
            yesNo(any('fob'), { yes: ['fob', 'magnet', 'detected', 'picked up', 'triggered'], no: ['missed', 'absent', 'stayed off', 'untriggered'] }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "The garage opens into the kitchen. Stream the garage distance sensor and the kitchen's KY-010 light barrier together for 6 s at 0.5 s: how close did the person get to the garage sensor, and did they break the kitchen beam?",
          with: { beam: sensor('KY-010', 'blocked', { place: 'kitchen', sampling: realTime(6, 0.5) }) },
          answer: [
            say(min('main')),
            yesNo(any('beam'), { yes: ['blocked', 'interrupted', 'broke', 'broken', 'crossed'], no: ['clear', 'unbroken', 'unblocked', 'intact'] }),
          ],
        },
      ],
    },
    {
      key: 'garage-distance-hot',
      tool: 'read_distance',
      // Seed 7: the far wall reads about 275 cm in the afternoon heat (about 280 cm on a normal morning).
      world: { scenario: 'hot-afternoon', at: '15:00', seed: 7 },
      main: sensor('HC-SR04', 'distance_cm', garage),
      prompt: 'Read the distance from the ultrasonic sensor in the garage.',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "I left the garage door half open this morning and from up here I can't tell if the car is still sitting in front of the ultrasonic sensor.",
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: "garage sonar - what's it say? quick one" },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'how far to the wall from the HC-SR40 in the garadge?' },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Can I lay my 2.5 m ladder flat on the garage floor in front of the distance sensor without it hitting anything?',
          answer: [yesNo(gt(last('main'), 250), { yes: fits, no: [...tooTight, 'hit'] }), say(last('main'))],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'In feet, how far away is whatever the garage ultrasonic sensor is pointed at?',
          answer: [say(last('main'), { convert: { from: 'cm', to: 'ft' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Is the garage ultrasonic reading under 3 metres? Give me the number too.',
          answer: [
            yesNo(lt(last('main'), 300), { yes: ['under', 'below', 'less than', 'within', 'shorter'], no: ['over', 'above', 'more than', 'beyond', 'longer'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: 'Check the garage distance sensor. If it reads more than 2 metres, give me the figure in metres; otherwise give it in centimetres.',
          answer: [say(last('main'), { convert: { from: 'cm', to: 'm' }, when: gt(last('main'), 200) }), say(last('main'), { when: le(last('main'), 200) })],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "It's sweltering today and I've read that heat skews ultrasonic rangers. What's the air temperature in the workshop next to the garage, and what does the garage HC-SR04 read?",
          with: { workshop: quantity('air-temperature', 'workshop') },
          answer: [say(last('workshop')), say(last('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Garage status please: the distance on the ultrasonic sensor and the raw ADC value of the KY-035 Hall sensor out there.',
          with: { hall: sensor('KY-035', 'raw', garage) },
          answer: [say(last('main')), say(last('hall'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: "Before I head out: what's the garage ultrasonic reading, and how bright is it in the living room? Can't remember if I left the lamp on.",
          with: { light: quantity('light', 'living-room') },
          answer: [say(last('main')), say(last('light'))],
        },
      ],
    },
  ],
};

export default bank;
