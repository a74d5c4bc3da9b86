import type { SensorBank } from '../bank.js';
import {
  abs,
  aFewSeconds,
  any,
  count,
  div,
  fraction,
  ge,
  gt,
  last,
  lt,
  max,
  mean,
  mentions,
  min,
  mul,
  or,
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

/**
 * KY-023 joystick on the living-room board. At rest both axes sit near 2048 counts (each part is off by
 * up to about 100); in `someone-moving` the visitor circles the stick at seconds 10-16 of each 30 s visit
 * and clicks it at 13-13.8. Times picked with world-peek: seed 3 at 18:02:09 (x about 3880), seed 5 from
 * 18:02:52 (a full sweep of both axes, click at 18:02:54.2-55.0), seed 1 from 18:02:02 (click at
 * 18:02:04.7-05.5), seed 6 (click at 18:02:55.6-56.4), seed 8 at 18:02:19 (x about 200).
 */

const LIVING_ROOM = { place: 'living-room' } as const;
/** The nominal centre of a 12-bit axis. */
const CENTRE = 2048;

const CLICKED_AT_SOME_POINT = { yes: ['clicked', 'pressed', 'pushed'], no: ['released', 'untouched', 'idle'] };
const MOTION = { yes: ['motion', 'movement', 'someone', 'somebody', 'occupied', 'presence'], no: ['empty', 'still', 'unoccupied', 'no motion'] };
const X_AXIS = { label: 'x', phrases: ['x', 'x axis', 'x-axis', 'horizontal'] };
const Y_AXIS = { label: 'y', phrases: ['y', 'y axis', 'y-axis', 'vertical'] };

const bank: SensorBank = {
  sensor: 'KY-023',
  entries: [
    {
      key: 'joystick-x',
      tool: 'read_x',
      world: { scenario: 'someone-moving', at: '18:02:09', seed: 3 },
      main: sensor('KY-023', 'x', LIVING_ROOM),
      prompt: "What's the X-axis reading of the KY-023 joystick in the living room?",
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'whats the x axsis value on the joystik in the livingroom' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "where's the joystick's x at rn? just the raw number" },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "My nephew built a little arcade cabinet out of an old bookshelf and hooked a KY-023 joystick up to the board in the living room. He says left and right are swapped in his game and asked me to 'check the numbers'. I have no idea what that means, to be honest, but could you tell me what the joystick's X axis is reading right now?",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Is somebody pushing the living-room joystick sideways at the moment?',
          answer: [
            yesNo(gt(abs(sub(last('main'), CENTRE)), 400), {
              yes: ['pushed', 'deflected', 'off centre', 'off center', 'sideways', 'moved'],
              no: ['centred', 'centered', 'resting', 'neutral', 'middle'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "Express the living-room joystick's current X reading as a percentage of the ADC's full scale (0 to 4095).",
          answer: [say(div(last('main'), 4095), { convert: { from: 'fraction', to: '%' }, tol: 0.5, says: 'X as a percentage of full scale' })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Quick check on the living room joystick: is its X value above 3000 right now? Include the reading.',
          answer: [
            yesNo(gt(last('main'), 3000), { yes: ['above', 'over', 'higher', 'more than'], no: ['below', 'under', 'lower', 'less than'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: "How far is the KY-023's X reading from the nominal centre of 2048, and is it above or below it?",
          answer: [
            say(abs(sub(last('main'), CENTRE)), { tol: 1, says: 'distance of X from 2048, counts' }),
            yesNo(gt(last('main'), CENTRE), { yes: ['above', 'higher', 'over'], no: ['below', 'lower', 'under'] }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Read the joystick's X axis and tell me whether the motion sensor in the living room sees anyone.",
          with: { motion: quantity('motion', 'living-room') },
          answer: [say(last('main')), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "I bet the kids are gaming in the dark again. What's the joystick's X reading, and how bright is it in the living room?",
          with: { light: quantity('light', 'living-room') },
          answer: [say(last('main')), say(last('light'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "The joystick in the living room drives my son's RC car around the garage. Give me the stick's X reading and what the ultrasonic sensor in the garage measures.",
          with: { garage: sensor('HC-SR04', 'distance_cm', { place: 'garage' }) },
          answer: [say(last('main')), say(last('garage'))],
        },
      ],
    },
    {
      key: 'joystick-y',
      tool: 'read_y',
      world: { scenario: 'normal-day' },
      main: sensor('KY-023', 'y', LIVING_ROOM),
      prompt: 'Read the Y axis of the KY-023 joystick in the living room.',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          category: 'advice',
          prompt:
            'The robot arm I steer with the living-room joystick keeps creeping forward by itself, even after I let go of the stick. Any idea what to do?',
          answer: [
            say(last('main')),
            mentions('suggests recalibrating the centre or adding a dead zone', [
              'calibrate',
              'recalibrate',
              'calibration',
              'dead zone',
              'deadzone',
              'dead-zone',
              'offset',
              'trim',
            ]),
          ],
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: "what's the joystick's y looking like atm" },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'y-axsis readng on the KY023 joystic in the livng room pls' },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: "Is the up/down axis of the living-room joystick resting in the middle where it's supposed to?",
          answer: [
            yesNo(lt(abs(sub(last('main'), CENTRE)), 300), {
              yes: ['centred', 'centered', 'middle', 'neutral', 'resting'],
              no: ['off centre', 'off-centre', 'off center', 'deflected', 'pushed'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "Convert the living-room joystick's Y reading to millivolts. It's a 12-bit ADC with a 3.3 V reference.",
          answer: [say(mul(last('main'), 3300 / 4095), { tol: 5, says: 'Y axis in millivolts', unit: 'mV', about: { quantity: 'voltage' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Y value on the living room joystick: below 1000 or not? Give me the number as well.',
          answer: [
            yesNo(lt(last('main'), 1000), { yes: ['below', 'under', 'lower', 'less than'], no: ['above', 'over', 'higher', 'more than'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: "Average of the joystick's Y axis over 5 seconds, one reading a second?",
          sampling: series(1, 5),
          answer: [say(mean('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "The kids claim they're gaming quietly. Give me the joystick's Y reading and the sound level in the living room.",
          with: { sound: quantity('sound-level', 'living-room') },
          answer: [say(last('main')), say(last('sound'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Encoder knob next to the joystick: pushed in or not? And what's the joystick's Y value?",
          with: { knob: sensor('KY-040', 'pressed', LIVING_ROOM) },
          answer: [yesNo(last('knob')), say(last('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "The living-room joystick's Y axis tilts the camera rig in the workshop. What's the stick's Y reading, and what pitch does the MPU6050 out there report?",
          with: { rig: sensor('MPU6050', 'tilt.x', { place: 'workshop' }) },
          answer: [say(last('main')), say(last('rig'))],
        },
      ],
    },
    {
      key: 'joystick-raw-series',
      tool: 'read_raw',
      world: { scenario: 'someone-moving', at: '18:02:52', seed: 5 },
      main: sensor('KY-023', ['x', 'y'], { ...LIVING_ROOM, sampling: series(0.5, 4) }),
      prompt:
        'Sample both raw axes of the KY-023 joystick in the living room every half second for 4 seconds, and give me the lowest and highest X and Y values.',
      answer: [say(min('main.x')), say(max('main.x')), say(min('main.y')), say(max('main.y'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm writing the input mapping for a game controller on the living-room board and I want the real travel of the KY-023 rather than the datasheet numbers, since every one of these modules seems a bit off. My son is waggling the stick around right now. Could you log the raw X and Y twice a second for four seconds and tell me the minimum and maximum you saw on each axis?",
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'sampel the joystick x and y evry 0.5s for 4s and give me min/max for each axsis' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "log the stick's x/y twice a sec for like 4 secs and gimme the extremes" },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "I'm mapping the living-room joystick to a game and I've no clue how far the stick actually travels when someone really waggles it.",
          sampling: aFewSeconds(),
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Take raw X/Y readings from the living-room joystick every half second for 4 seconds and tell me the average of each axis.',
          answer: [say(mean('main.x')), say(mean('main.y'))],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Which axis of the living-room joystick swings through the wider range over 4 seconds, X or Y? Take raw readings every 0.5 s.',
          answer: [
            which(
              'max',
              [
                { ...X_AXIS, value: range('main.x') },
                { ...Y_AXIS, value: range('main.y') },
              ],
              ['wider', 'larger', 'bigger', 'more', 'greater'],
            ),
            say(range('main.x'), { says: 'range of X' }),
            say(range('main.y'), { says: 'range of Y' }),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            "Log the living-room joystick's X and Y every half second for 4 seconds. Did either axis go above 3500 at any point? Give me the peak of each axis.",
          answer: [
            yesNo(or(gt(max('main.x'), 3500), gt(max('main.y'), 3500)), {
              yes: ['above', 'over', 'exceeded', 'went past'],
              no: ['below', 'under', 'stayed under'],
            }),
            say(max('main.x')),
            say(max('main.y')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "Record the joystick's raw X and Y every half second for 4 seconds and give me the lowest and highest value of each, then tell me whether the PIR in the living room sees somebody.",
          with: { motion: quantity('motion', 'living-room') },
          answer: [say(min('main.x')), say(max('main.x')), say(min('main.y')), say(max('main.y')), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Every half second for 4 seconds, read the joystick axes and the KY-004 push button together. Did the button get pressed while the stick was moving? And what was the spread between the lowest and highest reading on each axis?',
          with: { button: sensor('KY-004', 'pressed', { ...LIVING_ROOM, sampling: series(0.5, 4) }) },
          answer: [
            yesNo(any('button'), { yes: ['pressed', 'pushed'], no: ['released', 'idle', 'untouched'] }),
            say(range('main.x'), { says: 'range of X' }),
            say(range('main.y'), { says: 'range of Y' }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Is somebody playing with the joystick instead of helping in the kitchen? Log its raw X and Y twice a second for 4 seconds, tell me the spread between each axis's lowest and highest reading, and check the kitchen's motion sensor.",
          with: { kitchen: quantity('motion', 'kitchen') },
          answer: [say(range('main.x'), { says: 'range of X' }), say(range('main.y'), { says: 'range of Y' }), yesNo(last('kitchen'), MOTION)],
        },
      ],
    },
    {
      key: 'joystick-button',
      tool: 'read_switch',
      world: { scenario: 'normal-day' },
      main: sensor('KY-023', 'pressed', LIVING_ROOM),
      prompt: 'Is the push switch on the living-room KY-023 joystick pressed in?',
      answer: [yesNo(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'colloquial', prompt: 'joystick clicked in or nah?' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'is the joystik buton pushed down rite now, the one in the living room' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "My game keeps firing as if I'm holding the button on the living-room joystick, and my hands are nowhere near it.",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'I want to recalibrate the living-room joystick. Is someone holding its button down at the moment?',
          answer: [yesNo(last('main'), { yes: ['pressed', 'held down', 'holding'], no: ['released', 'free', 'go ahead', 'idle'] })],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "Check the living-room joystick's switch. If it's pressed, also give me the stick's X and Y; if it isn't, just tell me it's released.",
          with: { stick: sensor('KY-023', ['x', 'y'], { ...LIVING_ROOM, when: last('main') }) },
          answer: [yesNo(last('main')), say(last('stick.x'), { when: last('main') }), say(last('stick.y'), { when: last('main') })],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: "Poll the living-room joystick's push switch every quarter second for 4 seconds. In how many samples was it pressed?",
          world: { scenario: 'someone-moving', at: '18:02:53', seed: 6 },
          sampling: series(0.25, 4),
          answer: [say(count('main', { cmp: 'eq', value: true }), { tol: 0, says: 'samples with the switch pressed' })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Check the joystick button in the living room four times a second for 3 seconds. Was it held down for at least half of the samples?',
          sampling: series(0.25, 3),
          answer: [
            yesNo(ge(fraction('main', { cmp: 'eq', value: true }), 0.5), {
              yes: ['at least half', 'half or more', 'most'],
              no: ['less than half', 'under half', 'fewer', 'none'],
            }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Is either of the buttons in the living room pressed right now, the joystick switch or the KY-004 push button?',
          with: { button: sensor('KY-004', 'pressed', LIVING_ROOM) },
          answer: [yesNo(or(last('main'), last('button')), { yes: ['pressed', 'one of them', 'either'], no: ['neither', 'both released', 'released'] })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Does the living room motion sensor even see anybody, and is the joystick button down?',
          with: { motion: quantity('motion', 'living-room') },
          answer: [yesNo(last('main')), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "The toddler's napping in the bedroom and her brother promised to keep it down. Is he clicking the living-room joystick, and how loud is the bedroom?",
          with: { bedroom: quantity('sound-level', 'bedroom') },
          answer: [yesNo(last('main')), say(last('bedroom'))],
        },
      ],
    },
    {
      key: 'joystick-switch-live',
      tool: 'read_switch',
      world: { scenario: 'someone-moving', at: '18:02:02', seed: 1 },
      main: sensor('KY-023', 'pressed', { ...LIVING_ROOM, sampling: realTime(5, 0.25) }),
      prompt: "Watch the living-room joystick's push switch live for 5 seconds, checking four times a second, and tell me if anyone clicked it.",
      answer: [yesNo(any('main'), CLICKED_AT_SOME_POINT)],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: "My daughter insists the joystick button in the living room is broken. She's clicking away at it as we speak.",
          sampling: aFewSeconds(),
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Okay, slightly odd request. My son built a reaction game on the living-room board where you have to click the joystick down the moment an LED lights up, and he's convinced the board misses his clicks. He's playing right now. Could you watch the joystick switch live for five seconds, checking four times a second, and tell me whether any click came through?",
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wach the joystik switch live for 5 sec (4x a second) n tell me if any1 clickd it' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'keep an eye on the joystick button live for 5 secs, 4 checks a sec. any clicks?' },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            "Roughly how long in total does the living-room joystick's switch get held down over the next 5 seconds? Monitor it live, four samples per second.",
          answer: [
            say(mul(count('main', { cmp: 'eq', value: true }), 0.25), { tol: 0.25, says: 'seconds held down', unit: 's', about: { quantity: 'duration' } }),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Monitor the joystick button in the living room live for 5 s, four times a second. Did anyone hold it down for two seconds or more?',
          answer: [
            yesNo(ge(mul(count('main', { cmp: 'eq', value: true }), 0.25), 2), {
              yes: ['two seconds or more', 'at least two seconds', 'long press'],
              no: ['shorter', 'brief', 'quick', 'short'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt: "Live-monitor the joystick's switch for 5 seconds at 4 Hz. If anyone clicks it, read the stick's X position once afterwards.",
          with: { x: sensor('KY-023', 'x', { ...LIVING_ROOM, when: any('main') }) },
          answer: [yesNo(any('main'), CLICKED_AT_SOME_POINT), say(last('x'), { when: any('main') })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "For 5 seconds, stream the living-room joystick's switch live (four times a second) and tell me whether it got clicked; afterwards, check the PIR motion sensor in there.",
          with: { motion: quantity('motion', 'living-room') },
          answer: [yesNo(any('main'), CLICKED_AT_SOME_POINT), yesNo(last('motion'), MOTION)],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'The kids get rowdy when they game. Watch the joystick switch live for 5 seconds at four samples a second (any clicks?), then tell me how loud the living room is.',
          with: { sound: quantity('sound-level', 'living-room') },
          answer: [yesNo(any('main'), CLICKED_AT_SOME_POINT), say(last('sound'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Dinner's ready and the kids have to come through the kitchen door, where the light barrier is. Watch the living-room joystick switch live for 5 seconds, four checks a second, and tell me if anyone clicked it; then tell me if the kitchen light barrier is blocked.",
          with: { door: sensor('KY-010', 'blocked', { place: 'kitchen' }) },
          answer: [yesNo(any('main'), CLICKED_AT_SOME_POINT), yesNo(last('door'))],
        },
      ],
    },
    {
      key: 'joystick-read-all',
      tool: 'read_all',
      world: { scenario: 'someone-moving', at: '18:02:19', seed: 8 },
      main: sensor('KY-023', ['x', 'y', 'voltage.x', 'voltage.y', 'pressed'], LIVING_ROOM),
      prompt: 'Read everything from the KY-023 joystick in the living room: both axes in ADC counts and in volts, plus the switch.',
      answer: [say(last('main.x')), say(last('main.y')), say(last('main.voltage.x')), say(last('main.voltage.y')), yesNo(last('main.pressed'))],
      variants: [
        { kind: 'ambiguification', style: 'colloquial', prompt: 'full joystick readout pls: x, y, volts n the button' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'can u dump all the KY-23 joystik values? x y, the voltages and the swich' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm filling in a spreadsheet of what every module on the living-room board reports, because I keep forgetting which ones give counts and which give volts. Next on the list is the KY-023 joystick. Could you grab all of its values in one go (both axes, the axis voltages and the switch) and list them for me?",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: 'Is anybody fiddling with the living-room joystick right now?',
          answer: [
            // The stick held well off centre; the switch is left out so reading the axes alone answers it.
            yesNo(or(gt(abs(sub(last('main.x'), CENTRE)), 400), gt(abs(sub(last('main.y'), CENTRE)), 400)), {
              yes: ['fiddling', 'moved', 'deflected', 'pushed', 'in use', 'someone'],
              no: ['centred', 'centered', 'resting', 'idle', 'untouched'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Give me both joystick axis voltages in millivolts.',
          answer: [say(last('main.voltage.x'), { convert: { from: 'V', to: 'mV' } }), say(last('main.voltage.y'), { convert: { from: 'V', to: 'mV' } })],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Which joystick axis is further from its 2048 centre right now, X or Y?',
          answer: [
            which(
              'max',
              [
                { ...X_AXIS, value: abs(sub(last('main.x'), CENTRE)) },
                { ...Y_AXIS, value: abs(sub(last('main.y'), CENTRE)) },
              ],
              ['further', 'farther', 'more', 'bigger', 'larger'],
            ),
            say(last('main.x')),
            say(last('main.y')),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Is either axis voltage of the living-room joystick below 0.5 V at the moment? Give me both voltages.',
          answer: [
            yesNo(or(lt(last('main.voltage.x'), 0.5), lt(last('main.voltage.y'), 0.5)), {
              yes: ['below', 'under', 'less than'],
              no: ['above', 'over', 'higher'],
            }),
            say(last('main.voltage.x')),
            say(last('main.voltage.y')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "I'm reading out the whole control panel in the living room: every value from the KY-023 joystick and from the KY-040 encoder, please.",
          with: { encoder: sensor('KY-040', ['clk', 'dt', 'switch', 'pressed'], LIVING_ROOM) },
          answer: [
            say(last('main.x')),
            say(last('main.y')),
            say(last('main.voltage.x')),
            say(last('main.voltage.y')),
            say(last('encoder.clk')),
            say(last('encoder.dt')),
            say(last('encoder.switch')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'I swear the joystick drifts when the living room warms up. Give me its full readout and the DHT11 temperature in there.',
          with: { temperature: sensor('DHT11', 'temperature', LIVING_ROOM) },
          answer: [say(last('main.x')), say(last('main.y')), say(last('main.voltage.x')), say(last('main.voltage.y')), say(last('temperature'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "Our pan-tilt rig in the workshop is steered from the living-room joystick. Give me the stick's full readout and whether the workshop's tilt switch says the rig has tipped over.",
          with: { rig: sensor('KY-020', 'tilted', { place: 'workshop' }) },
          answer: [
            say(last('main.x')),
            say(last('main.y')),
            say(last('main.voltage.x')),
            say(last('main.voltage.y')),
            yesNo(last('main.pressed')),
            yesNo(last('rig')),
          ],
        },
      ],
    },
  ],
};

export default bank;
