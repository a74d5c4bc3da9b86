import type { SensorBank } from '../bank.js';
import { abs, aFewSeconds, and, count, gt, last, lt, max, mean, min, or, quantity, range, realTime, say, sensor, series, sub, which, yesNo } from '../bank.js';

/*
 * The MPU6050 sits on the workshop bench board (rp2040-workshop). In `shaken` the bench is rocked and
 * tipped: pitch/roll swing by tens of degrees, gyro rates reach 50-110 deg/s, accel.z jumps between about
 * 0 and 19 m/s2. In calm scenarios it lies flat: accel.z ~9.8, |tilt| < 4 deg, |gyro| < 2 deg/s. The die
 * runs ~3 C above the air: ~20 C in quiet-night, ~25-27 C on a normal morning, ~35-36 C in hot-afternoon.
 */

const WORKSHOP = { place: 'workshop' } as const;

const LEVEL_WORDS = { yes: ['level', 'flat', 'straight', 'even'], no: ['tilted', 'leaning', 'crooked', 'sloping', 'tipped'] } as const;
const MOVING_WORDS = {
  yes: ['moving', 'rotating', 'spinning', 'shaking', 'disturbed', 'being moved'],
  no: ['still', 'steady', 'at rest', 'stationary', 'motionless', 'undisturbed'],
} as const;

const bank: SensorBank = {
  sensor: 'MPU6050',
  entries: [
    // ---- read_temperature: the die thermometer, single read on an ordinary morning ----
    {
      key: 'die-temperature',
      tool: 'read_temperature',
      world: { scenario: 'normal-day' },
      main: sensor('MPU6050', 'temperature', WORKSHOP),
      prompt: 'What temperature is the MPU6050 on the workshop bench reporting?',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'The little IMU breakout on my workbench felt weirdly warm when I brushed past it. Is that chip cooking itself or am I imagining things?',
          answer: [
            yesNo(gt(last('main'), 45), { yes: ['too hot', 'overheating', 'cooking'], no: ['normal', 'fine', 'okay', 'ok', 'safe', 'imagining'] }),
            say(last('main')),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'whats the temprature of the mpu 6050 chip in the workshp' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "how warm's the gyro chip on the bench rn?" },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          world: { scenario: 'hot-afternoon' },
          prompt:
            'The calibration notes for my MPU6050 say to only run the offset routine while the chip is below 30 °C. Can I start the calibration on the workshop board now?',
          answer: [
            yesNo(lt(last('main'), 30), {
              yes: ['go ahead', 'can start', 'below', 'under', 'cool enough', 'fine'],
              no: ['wait', 'too warm', 'too hot', 'above', 'over'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "My old thermometer only does °F and I want to compare: what's the workshop MPU6050 die temperature in Fahrenheit?",
          answer: [say(last('main'), { convert: { from: 'C', to: 'F' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'hot-afternoon' },
          prompt: 'Is the MPU6050 in the workshop running hotter than 30 °C? Tell me the actual number too.',
          answer: [
            yesNo(gt(last('main'), 30), { yes: ['hotter', 'above', 'over', 'exceeds', 'higher'], no: ['below', 'under', 'cooler', 'lower'] }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Once a second for 5 seconds, read the MPU6050 die temperature in the workshop. Average, and the lowest and highest reading?',
          sampling: series(1, 5),
          answer: [say(mean('main')), say(min('main')), say(max('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'The MPU6050 and the TMP36 both sit on the workshop bench. How far above the TMP36 air reading is the MPU6050 die temperature? Give me both readings as well.',
          with: { air: sensor('TMP36', 'celsius', WORKSHOP) },
          answer: [say(sub(last('main'), last('air')), { says: 'MPU6050 die minus TMP36 air temperature' }), say(last('main')), say(last('air'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Which is warmer right now: the IMU chip in the workshop or the living room air? Numbers for both please.',
          with: { lounge: quantity('air-temperature', 'living-room') },
          answer: [
            which(
              'max',
              [
                { label: 'workshop', phrases: ['IMU', 'chip', 'MPU6050', 'workshop'], value: last('main') },
                { label: 'living-room', phrases: ['living room', 'lounge'], value: last('lounge') },
              ],
              ['warmer', 'hotter', 'higher'],
            ),
            say(last('main')),
            say(last('lounge')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'shaken' },
          prompt: "Check two things on the workshop bench: the MPU6050's temperature, and whether the SW420 says the bench is vibrating.",
          with: { shake: sensor('SW420', 'shock', WORKSHOP) },
          answer: [say(last('main')), yesNo(last('shake'))],
        },
      ],
    },

    // ---- read_accel: a single accelerometer read, board lying flat ----
    {
      key: 'level-accel',
      tool: 'read_accel',
      world: { scenario: 'normal-day' },
      main: sensor('MPU6050', ['accel.x', 'accel.y', 'accel.z'], WORKSHOP),
      prompt: 'Read the accelerometer of the MPU6050 in the workshop. What are the x, y and z values?',
      answer: [say(last('main.accel.x')), say(last('main.accel.y')), say(last('main.accel.z'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "So I finally got round to soldering the headers onto my GY-521 board last night and it's screwed down on the bench in the workshop now. Before I sink a whole weekend into sensor-fusion code I'd like a quick sign of life from the accelerometer, just so I know the I2C side works. Could you grab its current x, y and z readings?",
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'mpu6050 acelerometer in the workshp, can u give me x y and z' },
        { kind: 'ambiguification', style: 'colloquial', prompt: "what's the accel on the bench IMU saying? all 3 axes" },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: "I'm about to glue the MPU6050 into its enclosure and it has to be lying face up. Is the one in the workshop sitting the right way round?",
          answer: [
            yesNo(gt(last('main.accel.z'), 9), { yes: ['face up', 'right way', 'flat', 'correct'], no: ['upside down', 'on its side', 'wrong way', 'tilted'] }),
            say(last('main.accel.z')),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'In g rather than m/s², please: the three accelerometer axes of the workshop MPU6050.',
          answer: [
            say(last('main.accel.x'), { convert: { from: 'm/s2', to: 'g' } }),
            say(last('main.accel.y'), { convert: { from: 'm/s2', to: 'g' } }),
            say(last('main.accel.z'), { convert: { from: 'm/s2', to: 'g' } }),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Which axis of the workshop MPU6050 accelerometer reads the largest magnitude right now, and what is it?',
          answer: [
            which(
              'max',
              [
                { label: 'x', phrases: ['x axis', 'x-axis', 'x'], value: abs(last('main.accel.x')) },
                { label: 'y', phrases: ['y axis', 'y-axis', 'y'], value: abs(last('main.accel.y')) },
                { label: 'z', phrases: ['z axis', 'z-axis', 'z'], value: abs(last('main.accel.z')) },
              ],
              ['largest', 'biggest', 'highest', 'strongest', 'dominant', 'most'],
            ),
            say(last('main.accel.z')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'Every half second for 3 seconds, log the workshop MPU6050 accelerometer. Average z, and how far did z move between its lowest and highest sample?',
          sampling: series(0.5, 3),
          answer: [say(mean('main.accel.z')), say(range('main.accel.z'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'shaken' },
          prompt: 'Something on the workshop bench is rattling. Does the SW420 pick up vibration, and what does the MPU6050 accelerometer read on x, y and z?',
          with: { shake: sensor('SW420', 'shock', WORKSHOP) },
          answer: [yesNo(last('shake')), say(last('main.accel.x')), say(last('main.accel.y')), say(last('main.accel.z'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Sanity check for my bench rig: does the KY-020 tilt switch say it's tilted, and what z acceleration does the MPU6050 next to it measure?",
          with: { ball: sensor('KY-020', 'tilted', WORKSHOP) },
          answer: [yesNo(last('ball')), say(last('main.accel.z'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "For a drift test I'm logging the workshop MPU6050 acceleration on all three axes plus the air temperature from the TMP36 on the same board. What do they read now?",
          with: { air: sensor('TMP36', 'celsius', WORKSHOP) },
          answer: [say(last('main.accel.x')), say(last('main.accel.y')), say(last('main.accel.z')), say(last('air'))],
        },
      ],
    },

    // ---- read_gyro: watch the yaw rate live while the bench is being moved ----
    {
      key: 'yaw-live',
      tool: 'read_gyro',
      world: { scenario: 'shaken' },
      main: sensor('MPU6050', 'gyro.z', { ...WORKSHOP, sampling: realTime(4) }),
      prompt: 'Watch the MPU6050 gyro in the workshop live for 4 seconds. What were the lowest and highest rotation rates about the z axis?',
      answer: [say(min('main')), say(max('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'Somebody must be fiddling with the board on my workshop bench, I can see it twisting back and forth on the webcam. Keep an eye on it for a few seconds and tell me the lowest and highest yaw rate you see?',
          sampling: aFewSeconds(),
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'moniter the gyro on the mpu6050 live for 4 secs, whats the min and max on the z axsis' },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'yo can u watch the bench IMU spin live for like 4 sec and gimme the lowest n highest yaw rate',
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm building a little turntable for product photos and the MPU6050 is taped to the platter, which lives on the workshop bench for now. My friend is turning it by hand to test it and I'd love to know how fast it actually goes round. If you could watch the gyro live for about 4 seconds and tell me the lowest and highest z-axis rate you saw, that'd be great.",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Monitor the workshop MPU6050 gyro live for 4 seconds and give me the minimum and maximum z rate in radians per second.',
          answer: [say(min('main'), { convert: { from: 'deg', to: 'rad' } }), say(max('main'), { convert: { from: 'deg', to: 'rad' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'During a 4 second live watch of the workshop MPU6050, did the z-axis rotation ever go beyond 30 °/s in either direction? Give me the extremes too.',
          answer: [
            yesNo(or(gt(max('main'), 30), lt(min('main'), -30)), {
              yes: ['beyond', 'exceeded', 'over', 'above', 'faster'],
              no: ['within', 'below', 'under', 'slower'],
            }),
            say(min('main')),
            say(max('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Sample the z gyro of the MPU6050 in the workshop every 0.5 s for 4 s. Mean value and total spread (max minus min)?',
          sampling: series(0.5, 4),
          answer: [say(mean('main')), say(range('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Two things from the workshop bench: the lowest and highest z rate the MPU6050 shows over a 4-second live watch, and whether the SW420 detects vibration.',
          with: { shake: sensor('SW420', 'shock', WORKSHOP) },
          answer: [say(min('main')), say(max('main')), yesNo(last('shake'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "There's a magnet lying on the workshop bench and the IMU board keeps swinging past it. Watch the MPU6050 z rate live for 4 s (give me min and max) and tell me what field the KY-035 Hall sensor in the workshop reads.",
          with: { field: sensor('KY-035', 'field', WORKSHOP) },
          answer: [say(min('main')), say(max('main')), say(last('field'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            'The kids in the living room say they can hear the bench in the workshop rattling. How loud is it in the living room, and how fast is the MPU6050 yawing (lowest and highest z rate over a 4 second live watch)?',
          with: { noise: quantity('sound-level', 'living-room') },
          answer: [say(last('noise')), say(min('main')), say(max('main'))],
        },
      ],
    },

    // ---- read_angle: one tilt reading of the rocked board ----
    {
      key: 'tilt-now',
      tool: 'read_angle',
      world: { scenario: 'shaken' },
      main: sensor('MPU6050', ['tilt.x', 'tilt.y'], WORKSHOP),
      prompt: 'What pitch and roll does the MPU6050 in the workshop report right now?',
      answer: [say(last('main.tilt.x')), say(last('main.tilt.y'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          world: { scenario: 'normal-day' },
          prompt: "I'm levelling the camera rig on my workshop bench and the MPU6050 is zip-tied to it. Is the rig level to within 5 degrees?",
          answer: [
            yesNo(and(lt(abs(last('main.tilt.x')), 5), lt(abs(last('main.tilt.y')), 5)), LEVEL_WORDS),
            say(last('main.tilt.x')),
            say(last('main.tilt.y')),
          ],
        },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wat angle is the mpu6050 in the workshop at? pitch and rol' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'how wonky is the board on the bench atm? pitch/roll pls' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'On the webcam feed the breadboard with the IMU looks like it is leaning over. How is it actually sitting in the workshop at the moment?',
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'My control code works in radians. What are the pitch and roll of the workshop MPU6050 in rad?',
          answer: [say(last('main.tilt.x'), { convert: { from: 'deg', to: 'rad' } }), say(last('main.tilt.y'), { convert: { from: 'deg', to: 'rad' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'quiet-night' },
          prompt: 'Has the MPU6050 in the workshop tipped more than 20° in pitch or roll? Include both angles.',
          answer: [
            yesNo(or(gt(abs(last('main.tilt.x')), 20), gt(abs(last('main.tilt.y')), 20)), {
              yes: ['tipped', 'more than', 'beyond', 'over', 'exceeds'],
              no: ['within', 'less than', 'under', 'level'],
            }),
            say(last('main.tilt.x')),
            say(last('main.tilt.y')),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Ignoring the sign, which is bigger on the workshop MPU6050 right now, the pitch or the roll? Give me both.',
          answer: [
            which(
              'max',
              [
                { label: 'pitch', phrases: ['pitch'], value: abs(last('main.tilt.x')) },
                { label: 'roll', phrases: ['roll'], value: abs(last('main.tilt.y')) },
              ],
              ['bigger', 'larger', 'greater', 'more'],
            ),
            say(last('main.tilt.x')),
            say(last('main.tilt.y')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Does the KY-020 tilt switch in the workshop agree with the MPU6050? Tell me whether the switch says tilted, and the MPU6050 pitch and roll.',
          with: { ball: sensor('KY-020', 'tilted', WORKSHOP) },
          answer: [yesNo(last('ball')), say(last('main.tilt.x')), say(last('main.tilt.y'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "I keep a magnet on the workshop bench and one stuck to the garage door. Which Hall sensor sees the stronger field, the workshop one or the garage one (both readings please)? Also give me the workshop MPU6050's pitch and roll.",
          with: { benchField: quantity('magnetic-field', 'workshop'), garageField: quantity('magnetic-field', 'garage') },
          answer: [
            which(
              'max',
              [
                { label: 'workshop', phrases: ['workshop', 'bench'], value: abs(last('benchField')) },
                { label: 'garage', phrases: ['garage'], value: abs(last('garageField')) },
              ],
              ['stronger', 'higher', 'bigger', 'larger', 'more'],
            ),
            say(last('benchField')),
            say(last('garageField')),
            say(last('main.tilt.x')),
            say(last('main.tilt.y')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Tilt of the MPU6050 in the workshop, please, and is the SW420 beside it registering shaking?',
          with: { shake: sensor('SW420', 'shock', WORKSHOP) },
          answer: [say(last('main.tilt.x')), say(last('main.tilt.y')), yesNo(last('shake'))],
        },
      ],
    },

    // ---- read_accel as a series: how hard the bench is jolted ----
    {
      key: 'jolt-log',
      tool: 'read_accel',
      world: { scenario: 'shaken' },
      main: sensor('MPU6050', 'accel.z', { ...WORKSHOP, sampling: series(0.5, 3) }),
      prompt: 'Log the z acceleration of the workshop MPU6050 every half second for 3 seconds. What were the highest and lowest values?',
      answer: [say(max('main')), say(min('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            'the solder joints on my IMU board keep cracking and i reckon the bench in the workshop gets knocked about way more than i think. can you watch its up-down (z) acceleration for a few seconds and tell me the highest and lowest it hits?',
          sampling: aFewSeconds(),
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'z axis acceleraton on the MPU6050 in the worshop, log it evry 0.5 s for 3 seconds and tell me the highst and lowest',
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "Quick background: I'm trying to figure out whether the bench grinder next door is what's rattling my electronics. The MPU6050 board is bolted to the workshop bench, so if you log its z-axis acceleration every half second for three seconds and tell me the highest and lowest numbers, I can compare them with a run I'll do later with the grinder unplugged.",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt:
            "Can I leave a resin print curing on the workshop bench right now, or is it too shaky? Watch the z acceleration of the MPU6050 bolted to it for a few seconds; if it swings by more than 1 m/s² it's too shaky for me.",
          sampling: aFewSeconds(),
          answer: [
            yesNo(lt(range('main'), 1), {
              yes: ['steady', 'stable', 'still', 'fine', 'safe', 'go ahead'],
              no: ['shaking', 'too shaky', 'unstable', 'moving', 'jolted', 'wait'],
            }),
            say(range('main'), { says: 'how far z swung (highest minus lowest), m/s2' }),
          ],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          world: { scenario: 'normal-day' },
          prompt: 'Did the workshop MPU6050 z acceleration ever drop below 9 m/s²? Sample it every half second for 3 seconds and say the lowest value.',
          answer: [yesNo(lt(min('main'), 9), { yes: ['dropped', 'below', 'under', 'dipped'], no: ['stayed above', 'above', 'over'] }), say(min('main'))],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Every 0.5 s for 3 s, log the z acceleration of the MPU6050 on the workshop bench and give me the mean and the range.',
          answer: [say(mean('main')), say(range('main'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'Track the workshop MPU6050 z acceleration every half second for 3 seconds and give me the lowest and highest value. If it swung by more than 4 m/s², also take one gyro reading and tell me the x rotation rate.',
          with: { roll: sensor('MPU6050', 'gyro.x', { ...WORKSHOP, when: gt(range('main'), 4) }) },
          answer: [say(min('main')), say(max('main')), say(last('roll'), { when: gt(range('main'), 4) })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'With the same timing for both, every half second for 3 seconds, log the MPU6050 z acceleration in the workshop (min and max) and the SW420. How many of the SW420 samples showed vibration?',
          with: { shake: sensor('SW420', 'shock', { ...WORKSHOP, sampling: series(0.5, 3) }) },
          answer: [say(min('main')), say(max('main')), say(count('shake', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            'Over 3 seconds at half-second steps, record the z acceleration from the workshop MPU6050 and the KY-020 tilt switch. Give me the z range and how many times the tilt switch read tilted.',
          with: { ball: sensor('KY-020', 'tilted', { ...WORKSHOP, sampling: series(0.5, 3) }) },
          answer: [say(range('main')), say(count('ball', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "My neighbour says the garage shakes when I'm working in the workshop. Log the workshop MPU6050 z acceleration every half second for 3 s (highest and lowest) and tell me what the garage's ultrasonic sensor measures to the door right now.",
          with: { door: sensor('HC-SR04', 'distance_cm', { place: 'garage' }) },
          answer: [say(max('main')), say(min('main')), say(last('door'))],
        },
      ],
    },

    // ---- read_all: the full readout of a board at rest in the night ----
    {
      key: 'full-readout',
      tool: 'read_all',
      world: { scenario: 'quiet-night' },
      main: sensor('MPU6050', ['temperature', 'accel.x', 'accel.y', 'accel.z', 'gyro.x', 'gyro.y', 'gyro.z', 'tilt.x', 'tilt.y'], WORKSHOP),
      prompt: 'Give me a full readout of the MPU6050 in the workshop: die temperature, acceleration (x, y, z), gyro (x, y, z) and pitch and roll.',
      answer: [
        say(last('main.temperature')),
        say(last('main.accel.x')),
        say(last('main.accel.y')),
        say(last('main.accel.z')),
        say(last('main.gyro.x')),
        say(last('main.gyro.y')),
        say(last('main.gyro.z')),
        say(last('main.tilt.x')),
        say(last('main.tilt.y')),
      ],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt:
            'Is anything moving my IMU board in the workshop, or is it sitting still? Need to know before I start a long gyro-bias capture. Anything under 5 °/s on the gyro is just its bias.',
          answer: [
            yesNo(or(gt(abs(last('main.gyro.x')), 5), gt(abs(last('main.gyro.y')), 5), gt(abs(last('main.gyro.z')), 5)), MOVING_WORDS),
            say(last('main.gyro.x')),
            say(last('main.gyro.y')),
            say(last('main.gyro.z')),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'dump evrything from the MPU-6050 in the wrokshop pls, temp, accel, gyro and the pitch/roll angels',
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm writing up a short report on the sensor board in my workshop and I want one snapshot of everything the MPU6050 measures to paste into it. That means the chip temperature, the three acceleration axes, the three gyro axes and the pitch and roll angles. No rush, and thanks in advance!",
        },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'gimme the whole lot off the bench IMU - temp, accel, gyro, angles, the works',
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Read everything from the workshop MPU6050, but give me the temperature in °F and the three accelerations in g.',
          answer: [
            say(last('main.temperature'), { convert: { from: 'C', to: 'F' } }),
            say(last('main.accel.x'), { convert: { from: 'm/s2', to: 'g' } }),
            say(last('main.accel.y'), { convert: { from: 'm/s2', to: 'g' } }),
            say(last('main.accel.z'), { convert: { from: 'm/s2', to: 'g' } }),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'Take a full MPU6050 reading in the workshop every 2 seconds for 6 seconds. What were the average die temperature and the average pitch and roll?',
          sampling: series(2, 6),
          answer: [say(mean('main.temperature')), say(mean('main.tilt.x')), say(mean('main.tilt.y'))],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'Pull a full MPU6050 snapshot in the workshop. I need the temperature and the roll, and if the roll is past 10° either way, add the y acceleration.',
          world: { scenario: 'shaken' },
          answer: [say(last('main.temperature')), say(last('main.tilt.y')), say(last('main.accel.y'), { when: gt(abs(last('main.tilt.y')), 10) })],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "It's the middle of the night. Is the MPU6050 die in the workshop warmer than the bedroom air? Give me the full MPU6050 readout and the bedroom temperature.",
          with: { bedroom: quantity('air-temperature', 'bedroom') },
          answer: [
            yesNo(gt(last('main.temperature'), last('bedroom')), { yes: ['warmer', 'hotter', 'higher'], no: ['cooler', 'colder', 'lower'] }),
            say(last('main.temperature')),
            say(last('bedroom')),
            say(last('main.accel.z')),
            say(last('main.tilt.x')),
            say(last('main.tilt.y')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Full status of the workshop bench please: everything from the MPU6050, plus the SW420 vibration flag and the KY-020 tilt switch.',
          with: { shake: sensor('SW420', 'shock', WORKSHOP), ball: sensor('KY-020', 'tilted', WORKSHOP) },
          answer: [
            say(last('main.temperature')),
            say(last('main.accel.z')),
            say(last('main.gyro.z')),
            say(last('main.tilt.x')),
            say(last('main.tilt.y')),
            yesNo(last('shake')),
            yesNo(last('ball')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          world: { scenario: 'shaken' },
          prompt:
            "Someone's shaking the bench again. Read everything from the MPU6050 in the workshop and tell me how strong the magnetic field at the workshop's KY-035 is; I want to know how close the board swings to the magnet.",
          with: { field: sensor('KY-035', 'field', WORKSHOP) },
          answer: [
            say(last('main.temperature')),
            say(last('main.accel.x')),
            say(last('main.accel.y')),
            say(last('main.accel.z')),
            say(last('main.gyro.x')),
            say(last('main.gyro.y')),
            say(last('main.gyro.z')),
            say(last('main.tilt.x')),
            say(last('main.tilt.y')),
            say(last('field')),
          ],
        },
      ],
    },
  ],
};

export default bank;
