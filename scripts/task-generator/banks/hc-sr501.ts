import type { SensorBank } from '../bank.js';
import {
  aFewSeconds,
  and,
  any,
  count,
  first,
  fraction,
  ge,
  gt,
  last,
  lt,
  max,
  ne,
  none,
  not,
  or,
  quantity,
  realTime,
  say,
  sensor,
  series,
  yesNo,
} from '../bank.js';

/**
 * HC-SR501: the PIR motion detectors in the kitchen and the living room. Nobody moves in `normal-day`,
 * `quiet-night` or `fire`; in `someone-moving` a person spends 30 s in each place in turn (seeded order and
 * phase), and the PIR of the place they are in reads true for the whole visit.
 */

const kitchen = { place: 'kitchen' } as const;
const livingRoom = { place: 'living-room' } as const;
const motionSeen = { cmp: 'eq', value: true } as const;
/** The field table's words for the PIR, for verdicts that add their own. */
const MOTION_WORDS = {
  yes: ['motion', 'movement', 'moving', 'someone', 'somebody', 'occupied', 'presence', 'activity'],
  no: ['still', 'empty', 'unoccupied', 'nobody', 'no one', 'no motion', 'no movement'],
};
/** "Is the room empty?": true when the PIR sees nobody. */
const EMPTY_ROOM = { yes: ['empty', 'unoccupied', 'deserted', 'clear', 'nobody'], no: ['someone', 'somebody', 'occupied', 'motion', 'movement'] };

const bank: SensorBank = {
  sensor: 'HC-SR501',
  entries: [
    {
      key: 'kitchen-motion',
      tool: 'read_motion',
      // Seed 2: the person is in the kitchen from 18:00:55.7 to 18:01:25.7.
      world: { scenario: 'someone-moving', at: '18:01:00', seed: 2 },
      main: sensor('HC-SR501', 'motion', kitchen),
      prompt: 'Is the PIR motion sensor in the kitchen picking up any movement right now?',
      answer: [yesNo(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "I can hear cupboard doors banging in the kitchen and everyone's supposed to be out at the cinema.",
        },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'anyone knocking about in the kitchen rn?',
          world: { scenario: 'normal-day', at: '10:00', seed: 2 },
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'is ther any movment in the kichen? check the PIR' },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Can I sneak the last slice of cake out of the kitchen without getting caught?',
          answer: [
            yesNo(not(last('main')), {
              yes: ['coast is clear', 'clear', 'empty', 'go for it', 'safe'],
              no: ['someone', 'somebody', 'occupied', 'movement', 'caught'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Once a second for 5 seconds, check the kitchen PIR. In how many of those readings did it see motion?',
          sampling: series(1, 5),
          answer: [say(count('main', motionSeen))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            "If the kitchen motion sensor sees someone, keep checking it every second for another 4 seconds and tell me whether they're still there at the end. If it sees nobody, just tell me the kitchen is empty.",
          // Seed 2 at 18:00:40: the person is still in the workshop, so the kitchen is empty and no follow-up is due.
          world: { scenario: 'someone-moving', at: '18:00:40', seed: 2 },
          with: { follow: sensor('HC-SR501', 'motion', { ...kitchen, sampling: series(1, 4), when: last('main') }) },
          answer: [
            yesNo(last('main')),
            yesNo(last('follow'), { when: last('main'), yes: ['still there', 'still in', 'still moving', 'stayed'], no: ['gone', 'left', 'empty now'] }),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'More than half of its readings with motion? Poll the kitchen PIR every second for 6 s and give me the percentage.',
          // Seed 4: the person leaves the kitchen at 18:00:58.2, after the second reading.
          world: { scenario: 'someone-moving', at: '18:00:57', seed: 4 },
          sampling: series(1, 6),
          answer: [
            yesNo(gt(fraction('main', motionSeen), 0.5), {
              yes: ['more than half', 'majority', 'most'],
              no: ['half or fewer', 'less than half', 'minority', 'fewer'],
            }),
            say(fraction('main', motionSeen)),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Is anyone moving around in either the kitchen or the living room?',
          // Seed 2 at 18:00:35: the person is in the workshop.
          world: { scenario: 'someone-moving', at: '18:00:35', seed: 2 },
          with: { lounge: quantity('motion', 'living-room') },
          answer: [
            yesNo(or(last('main'), last('lounge')), {
              yes: ['someone', 'somebody', 'movement', 'motion', 'occupied'],
              no: ['empty', 'still', 'quiet', 'unoccupied'],
            }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Someone in the kitchen? And how warm is it in there according to the LM35?',
          with: { temp: sensor('LM35', 'celsius', kitchen) },
          answer: [yesNo(last('main')), say(last('temp'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Is something burning on the stove with nobody in the kitchen to watch it? Check the flame sensor and the PIR.',
          with: { flame: sensor('KY-026', 'detected', kitchen) },
          answer: [
            yesNo(and(last('flame'), not(last('main'))), { yes: ['unattended', 'left burning', 'unsupervised'], no: ['attended', 'all good', 'fine'] }),
            yesNo(last('flame')),
            yesNo(last('main')),
          ],
        },
      ],
    },
    {
      key: 'living-room-motion',
      tool: 'read_motion',
      // A normal morning: nobody around.
      world: { scenario: 'normal-day', at: '10:00', seed: 1 },
      main: sensor('HC-SR501', 'motion', livingRoom),
      prompt: 'Does the motion sensor in the living room detect anyone?',
      answer: [yesNo(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm stuck at work and the dog walker was meant to swing by around ten, grab Biscuit from the living room and head out. There's a PIR sensor in there. Could you check whether it's picking up any movement at the moment? I mostly want to know if they've been and gone.",
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'any1 in the livng room? chek the PIR sensro' },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'yo is the lounge empty or what',
          answer: [yesNo(not(last('main')), EMPTY_ROOM)],
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'Did the kids actually leave for school, or are they hiding behind the sofa again?',
          answer: [
            yesNo(not(last('main')), {
              yes: ['left', 'gone', 'empty', 'unoccupied', 'clear'],
              no: ['hiding', 'still there', 'someone', 'somebody', 'motion', 'movement'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Over the next 5 seconds, one reading a second: did the living room PIR see motion at any point?',
          // Seed 7: someone walks into the living room at 18:00:16.2, during this window.
          world: { scenario: 'someone-moving', at: '18:00:13', seed: 7 },
          sampling: series(1, 5),
          answer: [yesNo(any('main'))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Every 5 seconds for 10 seconds, check the living room motion sensor. Did its answer change between the two readings?',
          sampling: series(5, 10),
          answer: [
            yesNo(ne(first('main'), last('main')), { yes: ['changed', 'different', 'flipped'], no: ['same', 'unchanged', 'consistent'] }),
            yesNo(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'Sample the living room HC-SR501 every half second for 4 seconds. Did it report motion in at least a quarter of the readings? Tell me what share did, in percent.',
          sampling: series(0.5, 4),
          answer: [
            yesNo(ge(fraction('main', motionSeen), 0.25), {
              yes: ['at least a quarter', 'more than a quarter', 'over a quarter'],
              no: ['less than a quarter', 'under a quarter', 'fewer'],
            }),
            say(fraction('main', motionSeen)),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Anyone in the living room? And how bright is it in there, in lux?',
          with: { light: sensor('BH1750', 'lux', livingRoom) },
          answer: [yesNo(last('main')), say(last('light'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'House empty? Check the motion sensors in the living room and the kitchen.',
          with: { kitchen: quantity('motion', 'kitchen') },
          answer: [
            yesNo(not(or(last('main'), last('kitchen'))), {
              yes: ['empty', 'unoccupied', 'all clear', 'deserted'],
              no: ['someone', 'somebody', 'occupied', 'movement', 'motion'],
            }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Living room check: is it empty and quiet? Use the PIR and the KY-038 sound level, and tell me the dB reading too. Quiet means under 50 dB.',
          with: { noise: sensor('KY-038', 'level', livingRoom) },
          answer: [
            yesNo(and(not(last('main')), lt(last('noise'), 50)), {
              yes: ['empty and quiet', 'quiet and empty', 'all quiet'],
              no: ['someone', 'noisy', 'loud', 'movement'],
            }),
            say(last('noise')),
          ],
        },
      ],
    },
    {
      key: 'living-room-motion-all',
      tool: 'read_all',
      // Seed 7: the person is in the living room from 18:00:16.2 to 18:00:46.2.
      world: { scenario: 'someone-moving', at: '18:00:20', seed: 7 },
      main: sensor('HC-SR501', 'motion', livingRoom),
      prompt: 'Run read_all on the HC-SR501 PIR in the living room and tell me what it reports.',
      answer: [yesNo(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Okay to run the vacuum in the living room now without disturbing anyone?',
          answer: [
            yesNo(not(last('main')), { yes: ['go ahead', 'empty', 'clear', 'free', 'fine'], no: ['someone', 'somebody', 'occupied', 'wait', 'movement'] }),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'dump all the readigns from the HC-SR51 in the living rom' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            'Okay, strange one. The living room lamp is on a motion timer driven by the HC-SR501 up in the corner, and it keeps clicking off while my husband is reading on the couch. Could you pull the full read-out from that sensor right now so I can see what it thinks is going on in there?',
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: "what's the lounge PIR saying? full dump pls", world: { scenario: 'quiet-night', seed: 7 } },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'Read everything from the living room HC-SR501. If it says no motion, check it again every 2 seconds for 4 seconds before you tell me the room is empty.',
          with: { again: sensor('HC-SR501', 'motion', { ...livingRoom, sampling: series(2, 4), when: not(last('main')) }) },
          answer: [yesNo(last('main')), yesNo(any('again'), { when: not(last('main')) })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'What percentage of living room PIR readings show motion if you read it every half second for 4 seconds?',
          sampling: series(0.5, 4),
          answer: [say(fraction('main', motionSeen))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'At least 4 motion readings out of 6? Poll the living room HC-SR501 every second for 6 s and say how many.',
          // The person leaves the living room at 18:00:46.2: three readings with motion, three without.
          world: { scenario: 'someone-moving', at: '18:00:44', seed: 7 },
          sampling: series(1, 6),
          answer: [
            yesNo(ge(count('main', motionSeen), 4), { yes: ['at least 4', 'at least four', '4 or more', 'four or more'], no: ['fewer', 'less than'] }),
            say(count('main', motionSeen)),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'I want to raid the kitchen while my sister is busy in the living room. Check both PIRs: is she in the living room, and is the kitchen empty?',
          with: { kitchen: quantity('motion', 'kitchen') },
          answer: [
            yesNo(last('main'), { yes: [...MOTION_WORDS.yes, "she's in", 'she is in', "she's there", 'she is there'], no: MOTION_WORDS.no }),
            yesNo(not(last('kitchen')), {
              yes: ['kitchen is empty', 'kitchen is clear', 'kitchen is free', 'empty', 'clear', 'free'],
              no: ['kitchen is occupied', 'someone in the kitchen', 'somebody in the kitchen', 'busy'],
            }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "If there's someone in the living room, tell me the temperature in there as well, from the DHT11.",
          // Seed 7 at 18:00:50: the person has just moved on to the garage.
          world: { scenario: 'someone-moving', at: '18:00:50', seed: 7 },
          with: { temp: sensor('DHT11', 'temperature', { ...livingRoom, when: last('main') }) },
          answer: [yesNo(last('main')), say(last('temp'), { when: last('main') })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Is somebody in the living room, and are they making noise? Give me the PIR result and the sound level from the microphone in there.',
          with: { noise: sensor('KY-038', 'level', livingRoom) },
          answer: [yesNo(last('main')), say(last('noise'))],
        },
      ],
    },
    {
      key: 'kitchen-motion-series',
      tool: 'read_motion',
      // Seed 4: the person leaves the kitchen at 18:00:58.2, so the last two of six readings see nobody.
      world: { scenario: 'someone-moving', at: '18:00:55', seed: 4 },
      main: sensor('HC-SR501', 'motion', { ...kitchen, sampling: series(1, 6) }),
      prompt: 'Check the kitchen PIR sensor once a second for 6 seconds. Was there motion at any point, and in how many of the readings?',
      answer: [yesNo(any('main')), say(count('main', motionSeen))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'The cat jumps on the kitchen counter the moment I turn my back. Could you watch the kitchen motion sensor for a few seconds for me?',
          sampling: aFewSeconds(),
          answer: [yesNo(any('main'))],
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'chekc the kitchn motion sensor evry second for 6 seconds - did it see any movment, and how many times?',
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I've been trying to work out how long people actually hang around in the kitchen in the evening, because I'm thinking of putting the lights on a timer. For a start, could you read the PIR in there once every second for six seconds and tell me whether it saw anyone, and in how many of the readings?",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Is my flatmate done in the kitchen yet? I want to start cooking. Give the motion sensor in there a few seconds before you decide.',
          sampling: aFewSeconds(),
          answer: [yesNo(not(last('main')), { yes: ['done', 'left', 'gone', 'free', 'empty', 'clear'], no: ['still there', 'still in', 'occupied', 'busy'] })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Did whoever was in the kitchen leave? Read its PIR every second for 6 seconds: motion at the start and none at the end means they left.',
          answer: [yesNo(and(first('main'), not(last('main'))), { yes: ['left', 'gone', 'walked out'], no: ['stayed', 'still there', 'remained'] })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'What share of the readings show motion, as a percentage, if you sample the kitchen HC-SR501 every second for 6 s?',
          answer: [say(fraction('main', motionSeen))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Five or more motion readings out of six? Poll the kitchen motion sensor every second for 6 seconds and tell me.',
          answer: [
            yesNo(ge(count('main', motionSeen), 5), { yes: ['at least 5', 'at least five', '5 or more', 'five or more'], no: ['fewer', 'less than', 'only'] }),
            say(count('main', motionSeen)),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Every half second for 5 seconds, read both the kitchen PIR and the KY-010 light barrier in the kitchen. How many readings showed motion, and was the beam ever broken?',
          sampling: series(0.5, 5),
          with: { beam: sensor('KY-010', 'blocked', { ...kitchen, sampling: series(0.5, 5) }) },
          answer: [
            say(count('main', motionSeen)),
            yesNo(any('beam'), { yes: ['broken', 'blocked', 'interrupted', 'crossed'], no: ['clear', 'unbroken', 'intact'] }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Kitchen and living room PIRs, every second for 6 seconds: how many kitchen readings had motion, and did anyone show up in the living room?',
          with: { lounge: quantity('motion', 'living-room', { sampling: series(1, 6) }) },
          answer: [say(count('main', motionSeen)), yesNo(any('lounge'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Log the kitchen motion sensor once a second for 6 seconds and take one reading from the kitchen LM35. How many readings had motion, and how warm is it in there?',
          with: { temp: sensor('LM35', 'celsius', kitchen) },
          answer: [say(count('main', motionSeen)), say(last('temp'))],
        },
      ],
    },
    {
      key: 'living-room-motion-live',
      tool: 'read_all',
      // Seed 3: the person walks into the living room at 18:01:57.6, halfway through the window.
      world: { scenario: 'someone-moving', at: '18:01:54', seed: 3 },
      main: sensor('HC-SR501', 'motion', { ...livingRoom, sampling: realTime(8, 1) }),
      prompt: 'Monitor the living room HC-SR501 live for 8 seconds, one reading a second. Did it pick up any motion, and in how many of the readings?',
      answer: [yesNo(any('main')), say(count('main', motionSeen))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'keep tabs on the living room pir live for 8 secs, anything moving?',
          sampling: realTime(8, { min: 0.4, max: 2 }),
          answer: [yesNo(any('main'))],
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'monitr the living room motion sensr live for 8 secs, 1 reading a sec. did it catch anything and how many times?',
        },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "My brother just texted that he's coming in the front door any second now, and that door opens straight into the living room. Keep an eye out for a few seconds?",
          sampling: aFewSeconds(),
          answer: [yesNo(any('main'))],
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          category: 'advice',
          prompt: 'Is it safe to let the robot vacuum loose in the living room, or will it bump into someone? Have a look for a few seconds.',
          sampling: aFewSeconds(),
          answer: [yesNo(none('main'), { yes: ['safe', 'clear', 'go ahead', 'empty'], no: ['someone', 'occupied', 'movement', 'wait'] })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt:
            'Watch the living room PIR live for 8 seconds, once a second. Did someone walk in during that time, meaning no motion at first but motion by the end?',
          answer: [
            yesNo(and(not(first('main')), last('main')), {
              yes: ['walked in', 'came in', 'arrived', 'entered'],
              no: ['already there', 'already in the room', 'already present', 'already occupied'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Live-watch the living room motion sensor for 8 s, one reading per second. What percentage of the readings showed motion?',
          answer: [say(fraction('main', motionSeen))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Stream the living room PIR for 8 seconds, once a second. Did it report motion in more than 6 readings? Tell me the count.',
          answer: [
            yesNo(gt(count('main', motionSeen), 6), {
              yes: ['more than 6', 'more than six', 'over 6', 'over six'],
              no: ['6 or fewer', 'six or fewer', 'fewer', 'only'],
            }),
            say(count('main', motionSeen)),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Over an 8-second live watch of the living room PIR and its microphone, one sample a second: did anyone come in, and what was the loudest sound level?',
          with: { noise: sensor('KY-038', 'level', { ...livingRoom, sampling: realTime(8, 1) }) },
          answer: [yesNo(any('main')), say(max('noise'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Keep both the kitchen and the living room PIRs under live watch for 8 seconds, a reading per second. Did either of them see anyone?',
          with: { kitchen: quantity('motion', 'kitchen', { sampling: realTime(8, 1) }) },
          answer: [yesNo(or(any('main'), any('kitchen')), { yes: ['someone', 'somebody', 'motion', 'movement'], no: ['empty', 'still', 'quiet', 'nothing'] })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Is someone sitting in the dark in the living room? Watch its PIR live for 8 s (once a second) and read the light level in there once; dark means under 50 lux. Give me the lux too.',
          with: { light: sensor('BH1750', 'lux', livingRoom) },
          answer: [
            yesNo(and(any('main'), lt(last('light'), 50)), { yes: ['in the dark', 'dark'], no: ['bright', 'lit', 'light enough', 'empty'] }),
            say(last('light')),
          ],
        },
      ],
    },
  ],
};

export default bank;
