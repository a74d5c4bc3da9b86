import type { SensorBank } from '../bank.js';
import {
  abs,
  aFewSeconds,
  any,
  count,
  delta,
  gt,
  last,
  lt,
  max,
  mean,
  min,
  mul,
  not,
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
 * KY-035 analog Hall sensors: one on the workshop bench, one in the garage. The interesting worlds:
 * `shaken` swings the workshop board toward a magnet on the bench (about 4-20 mT, a 4.3 s swing);
 * `someone-moving` carries a magnetic key fob past each sensor for 5 s of every visit (about 18-24 mT,
 * pole by seed: +1 for seeds 1 and 7, -1 for seeds 4 and 6). Times below were picked with world-peek:
 * seed 1 fob in the garage 18:01:12.7-17.7; seed 6 in the garage 18:01:03.6-08.6; seed 7 in the workshop
 * 18:02:37.1-42.1; seed 4 in the workshop 18:01:49.1-54.1. Elsewhere the field sits within about 1 mT of 0.
 */
/** A live watch with no step named: the server default (1 s) or any reasonable step (at most 20 samples). */
const liveFor = (seconds: number) => realTime(seconds, { min: Math.max(0.2, seconds / 20), max: 2 });

const bank: SensorBank = {
  sensor: 'KY-035',
  entries: [
    {
      key: 'workshop-field',
      tool: 'read_field',
      world: { scenario: 'shaken', at: '14:00', seed: 11 },
      main: sensor('KY-035', 'field', { place: 'workshop' }),
      prompt: 'What magnetic flux density is the KY-035 Hall sensor in the workshop reading right now? Give it in millitesla.',
      answer: [say(last('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt: 'The compass app on my phone spins like crazy every time I set it down on the workshop bench. What is the Hall sensor over there picking up?',
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'yo how many millitesla is the workshop hall thing showing rn' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'whats the magnetic feild on the KY035 hall sensr in the workshp? in mT' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "So there's a pile of dev boards on the workshop bench and I'm fairly sure somebody left a speaker magnet rattling around in there with them. Before I start digging through the mess, could you check what field the KY-035 Hall sensor on that bench is reading at the moment? Millitesla is fine.",
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'All my old gaussmeter notes are in gauss. What does the KY-035 in the workshop read, converted to G?',
          answer: [say(last('main'), { convert: { from: 'mT', to: 'G' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Is the field at the workshop Hall sensor stronger than 30 mT, either pole? Give me the reading as well.',
          answer: [
            yesNo(gt(abs(last('main')), 30), {
              yes: ['stronger', 'above', 'over', 'exceeds', 'more than'],
              no: ['weaker', 'below', 'under', 'less than', 'within'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            'The field on the workshop bench keeps swinging. Over 5 seconds, one KY-035 reading every half second, what were the weakest and strongest values?',
          sampling: series(0.5, 5),
          answer: [say(min('main')), say(max('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Which Hall sensor sees the stronger magnetic field right now, the one in the workshop or the one in the garage? Tell me both readings.',
          with: { garage: quantity('magnetic-field', 'garage') },
          answer: [
            which(
              'max',
              [
                { label: 'workshop', phrases: ['workshop'], value: abs(last('main')) },
                { label: 'garage', phrases: ['garage'], value: abs(last('garage')) },
              ],
              ['stronger', 'strongest', 'higher', 'more'],
            ),
            say(last('main')),
            say(last('garage')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Stuff is rattling around on the workshop bench. Is the SW420 picking up vibration, and what's the Hall sensor's field doing over there?",
          with: { shock: sensor('SW420', 'shock', { place: 'workshop' }) },
          answer: [yesNo(last('shock')), say(last('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "I think the board is swinging toward a magnet on the bench. Give me the workshop Hall field together with the MPU6050's pitch angle.",
          with: { pitch: sensor('MPU6050', 'tilt.x', { place: 'workshop' }) },
          answer: [say(last('main')), say(last('pitch'))],
        },
      ],
    },
    {
      key: 'garage-magnet-watch',
      tool: 'read_switch',
      world: { scenario: 'someone-moving', at: '18:01:10', seed: 1 },
      main: sensor('KY-035', 'switch', { place: 'garage', sampling: liveFor(6) }),
      prompt: 'Watch the magnet switch of the KY-035 Hall sensor in the garage live for 6 seconds and tell me whether a magnet shows up.',
      answer: [yesNo(any('main'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt:
            'I keep misplacing the car key fob, the one with the magnet in it. Is it anywhere near the garage Hall sensor? Keep an eye out for a few secs.',
          sampling: realTime({ min: 2, max: 10 }, { min: 0.2, max: 2 }),
        },
        {
          kind: 'ambiguification',
          style: 'colloquial',
          prompt: 'garage hall switch - watch it live like 6 sec, anything magnetic go past?',
          world: { scenario: 'someone-moving', at: '18:00:30', seed: 1 },
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'can u watch the garage hal sensor switch live for 6 secnds and tell me if a magnit comes near it',
          world: { scenario: 'quiet-night' },
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "My partner swears it's the car key fob that keeps setting off the garage sensor, there's a little magnet inside the casing apparently. Somebody's about to walk past with it, so could you monitor the Hall switch in the garage live for the next 6 seconds and let me know whether it picks up a magnet at all?",
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt: 'Stream the garage KY-035 switch in real time for 8 seconds. In how many of the samples was a magnet detected?',
          sampling: liveFor(8),
          answer: [say(count('main', { cmp: 'eq', value: true }))],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            'For 6 seconds, live: track both the magnet switch and the field of the garage Hall sensor. Did the field ever go beyond 15 mT in either direction? What was the highest field reading?',
          with: { field: sensor('KY-035', 'field', { place: 'garage', sampling: liveFor(6) }) },
          answer: [
            yesNo(or(gt(max('field'), 15), lt(min('field'), -15)), {
              yes: ['beyond', 'above', 'over', 'exceeded', 'past', 'stronger than'],
              no: ['below', 'under', 'within', 'weaker than'],
            }),
            say(max('field')),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'Keep a live eye on the garage Hall switch for 6 s. If it catches a magnet, take a field reading right afterwards so I know how strong it still is; otherwise just tell me it stayed clear.',
          with: { field: sensor('KY-035', 'field', { place: 'garage', when: any('main') }) },
          answer: [yesNo(any('main')), say(last('field'), { when: any('main') })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Two things in the garage: a 6-second live watch on the Hall switch for magnets, and whatever distance the ultrasonic sensor reads.',
          world: { scenario: 'normal-day', at: '11:20' },
          with: { distance: sensor('HC-SR04', 'distance_cm', { place: 'garage' }) },
          answer: [yesNo(any('main')), say(last('distance'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Monitor both KY-035 Hall switches, garage and workshop, live for 6 seconds. Did either of them see a magnet?',
          with: { workshop: sensor('KY-035', 'switch', { place: 'workshop', sampling: liveFor(6) }) },
          answer: [yesNo(or(any('main'), any('workshop')), { yes: ['magnet', 'detected', 'triggered'], no: ['neither', 'nothing', 'clear'] })],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: "Give the garage Hall switch a 6-second live watch for magnets, then tell me what field the workshop's Hall sensor reads right now.",
          with: { workshop: quantity('magnetic-field', 'workshop') },
          answer: [yesNo(any('main')), say(last('workshop'))],
        },
      ],
    },
    {
      key: 'workshop-raw',
      tool: 'read_raw',
      world: { scenario: 'normal-day', at: '10:00' },
      main: sensor('KY-035', 'raw', { place: 'workshop' }),
      prompt: 'Read the raw ADC count from the KY-035 Hall sensor on the workshop board.',
      answer: [say(last('main'))],
      variants: [
        { kind: 'ambiguification', style: 'misspelled', prompt: 'wat raw adc numbr is the hall efect sensor in the workshp giving' },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'quick one: raw counts off the KY-035 in the shop?' },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm writing my own calibration routine for the Hall module on the workshop board, and before I trust the zero point I want to see the actual ADC number it spits out with nothing magnetic nearby. Could you grab the raw reading from the KY-035 there? Just the number is fine.",
        },
        {
          kind: 'ambiguification',
          style: 'goal-only',
          prompt: "Can I trust the workshop Hall sensor's raw zero-field count for calibration, or is something magnetic throwing it off?",
          answer: [
            yesNo(lt(abs(sub(last('main'), 2048)), 50), {
              yes: ['trust', 'centred', 'centered', 'good to go', 'reliable', 'usable'],
              no: ['offset', 'shifted', 'off-centre', 'off-center', 'disturbed', 'skewed', 'magnet nearby'],
            }),
          ],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "Convert the workshop KY-035's raw count into volts for me (12-bit ADC, 3.3 V reference).",
          answer: [say(mul(last('main'), 3.3 / 4095), { tol: 0.005, says: 'workshop Hall raw reading in volts', unit: 'V', about: { quantity: 'voltage' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt:
            "Somebody's been fiddling around in the workshop. Is the KY-035's raw count more than 100 counts away from its 2048 no-magnet midpoint? Tell me the count.",
          world: { scenario: 'someone-moving', at: '18:01:51', seed: 4 },
          answer: [
            yesNo(gt(abs(sub(last('main'), 2048)), 100), {
              yes: ['more than 100', 'beyond', 'outside', 'exceeds', 'further than', 'farther than'],
              no: ['within', 'less than', 'close to', 'inside'],
            }),
            say(last('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt:
            'The workshop boards are getting knocked about. Take two raw readings from the Hall sensor there three seconds apart: how much did the count change between them?',
          world: { scenario: 'shaken', at: '14:00', seed: 11 },
          sampling: series(3, 6),
          answer: [say(abs(delta('main')), { says: 'change in the workshop Hall raw count between the two readings' })],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Hall sensors drift with temperature. Give me the workshop KY-035 raw count and the TMP36 temperature right next to it.',
          with: { temp: sensor('TMP36', 'celsius', { place: 'workshop' }) },
          answer: [say(last('main')), say(last('temp'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'How far apart are the raw counts of the two KY-035s, the workshop one and the garage one? Give me both.',
          with: { garage: sensor('KY-035', 'raw', { place: 'garage' }) },
          answer: [say(last('main')), say(last('garage')), say(abs(sub(last('main'), last('garage'))))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt:
            "I'm calibrating the workshop Hall module and the bench has to be dead still. Give me its raw count and tell me whether the SW420 on that board feels any vibration.",
          with: { shock: sensor('SW420', 'shock', { place: 'workshop' }) },
          answer: [say(last('main')), yesNo(last('shock'))],
        },
      ],
    },
    {
      key: 'garage-voltage-series',
      tool: 'read_voltage',
      world: { scenario: 'someone-moving', at: '18:01:02', seed: 6 },
      main: sensor('KY-035', 'voltage', { place: 'garage', sampling: series(0.5, 4) }),
      prompt: 'Sample the KY-035 output voltage in the garage every 0.5 s for 4 seconds. What were the lowest and highest voltages?',
      answer: [say(min('main')), say(max('main'))],
      variants: [
        { kind: 'ambiguification', style: 'colloquial', prompt: 'grab the garage hall sensor volts every half sec for 4 secs, gimme the low and the high' },
        { kind: 'ambiguification', style: 'misspelled', prompt: 'pls sample the garge KY-035 voltge every 0.5s for 4s, min and max' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "I've got a hunch the magnetic catch on the garage door is messing with the Hall sensor mounted beside it. Could you see whether its output voltage moves around over a few seconds?",
          sampling: aFewSeconds(),
          // Noise is a few mV; a magnet moves the output by tens to hundreds of mV.
          answer: [
            yesNo(gt(range('main'), 0.05), {
              yes: ['moves', 'moving', 'moved', 'changes', 'changed', 'varies', 'fluctuates', 'dropped', 'drops'],
              no: ['steady', 'stable', 'constant', 'flat'],
            }),
          ],
        },
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            'Okay, this is for a little project log I keep. The garage board has a KY-035 on it and I want a short trace of its analog output, nothing fancy. If you could sample the voltage every half a second for four seconds and then report back the lowest and highest values you saw, that would be perfect for my notes.',
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: "What's the average output of the garage Hall sensor in millivolts? Take a reading every 0.5 s for 4 s.",
          answer: [say(mean('main'), { convert: { from: 'V', to: 'mV' } })],
        },
        {
          kind: 'complexification',
          category: 'threshold',
          prompt: 'Over 4 seconds of sampling every half second, did the garage KY-035 output ever dip below 1.55 V? Give me the lowest value.',
          answer: [
            yesNo(lt(min('main'), 1.55), { yes: ['below', 'under', 'dipped', 'dropped', 'lower than'], no: ['above', 'higher than', 'stayed over'] }),
            say(min('main')),
          ],
        },
        {
          kind: 'complexification',
          category: 'aggregate',
          prompt:
            "Over a 4-second run at one reading per half second, how many of the garage Hall sensor's voltage samples came in under 1.6 V, and what was the average of all of them?",
          answer: [say(count('main', { cmp: 'lt', value: 1.6 })), say(mean('main'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: 'Garage vs workshop: take the Hall sensor voltage in each every 0.5 s for 4 s and tell me which one averaged lower.',
          with: { workshop: sensor('KY-035', 'voltage', { place: 'workshop', sampling: series(0.5, 4) }) },
          answer: [
            which(
              'min',
              [
                { label: 'garage', phrases: ['garage'], value: mean('main') },
                { label: 'workshop', phrases: ['workshop'], value: mean('workshop') },
              ],
              ['lower', 'lowest', 'less'],
            ),
            say(mean('main')),
            say(mean('workshop')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'Lowest and highest garage Hall voltage over 4 s of samples every half second, please, and grab the HC-SR04 distance in the garage as well.',
          with: { distance: sensor('HC-SR04', 'distance_cm', { place: 'garage' }) },
          answer: [say(min('main')), say(max('main')), say(last('distance'))],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt:
            "I want the garage Hall voltage trace, every 0.5 s for 4 s, lowest and highest, plus the workshop Hall sensor's current field in mT to compare.",
          with: { workshop: quantity('magnetic-field', 'workshop') },
          answer: [say(min('main')), say(max('main')), say(last('workshop'))],
        },
      ],
    },
    {
      key: 'workshop-all',
      tool: 'read_all',
      world: { scenario: 'someone-moving', at: '18:02:39', seed: 7 },
      main: sensor('KY-035', ['raw', 'voltage', 'field', 'switch'], { place: 'workshop' }),
      prompt: 'Give me everything the KY-035 on the workshop board reports: raw count, voltage, field and the magnet switch.',
      answer: [say(last('main.raw')), say(last('main.voltage')), say(last('main.field')), yesNo(last('main.switch'))],
      variants: [
        {
          kind: 'ambiguification',
          style: 'wordy',
          prompt:
            "I'm documenting every board in the house for a wiki page, and the workshop one with the KY-035 Hall module is next. Could you take a reading and give me each value it reports, the raw count, voltage, field and switch state, so the table isn't missing anything?",
          world: { scenario: 'normal-day', at: '16:30' },
        },
        {
          kind: 'ambiguification',
          style: 'misspelled',
          prompt: 'giv me all the readigns from the workshop hall sensor KY35 - raw, voltige, feild and the swich',
          world: { scenario: 'quiet-night' },
        },
        { kind: 'ambiguification', style: 'colloquial', prompt: 'full dump of the workshop hall sensor pls, the whole lot' },
        {
          kind: 'ambiguification',
          style: 'indirect',
          prompt:
            "The magnetic reed alarm on the workshop door keeps chirping even though the door's shut. Show me everything the Hall sensor on the bench is reporting; is something magnetic hanging around?",
          answer: [yesNo(last('main.switch')), say(last('main.field')), say(last('main.raw')), say(last('main.voltage'))],
        },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Full workshop Hall sensor readout, but with the field in microtesla and the voltage in millivolts.',
          answer: [
            say(last('main.field'), { convert: { from: 'mT', to: 'uT' } }),
            say(last('main.voltage'), { convert: { from: 'V', to: 'mV' } }),
            say(last('main.raw')),
            yesNo(last('main.switch')),
          ],
        },
        {
          kind: 'complexification',
          category: 'condition',
          prompt:
            'Do a full read of the workshop KY-035. If it reports a magnet nearby, tell me the field strength with its sign; if not, just give me the raw count.',
          world: { scenario: 'normal-day', at: '09:15' },
          answer: [
            yesNo(last('main.switch')),
            say(last('main.field'), { when: last('main.switch') }),
            say(last('main.raw'), { when: not(last('main.switch')) }),
          ],
        },
        {
          kind: 'complexification',
          category: 'comparison',
          prompt: 'Read everything from the workshop Hall sensor and tell me how far its output voltage sits from the 1.65 V no-field midpoint, in millivolts.',
          answer: [
            say(mul(abs(sub(last('main.voltage'), 1.65)), 1000), {
              tol: 6,
              says: 'distance of the workshop Hall output from 1.65 V, mV',
              unit: 'mV',
              about: { quantity: 'voltage' },
            }),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-place',
          prompt: "Full readout of the workshop KY-035, plus the garage Hall sensor's field. Which of the two is seeing the stronger field?",
          with: { garage: sensor('KY-035', 'field', { place: 'garage' }) },
          answer: [
            which(
              'max',
              [
                { label: 'workshop', phrases: ['workshop'], value: abs(last('main.field')) },
                { label: 'garage', phrases: ['garage'], value: abs(last('garage')) },
              ],
              ['stronger', 'strongest', 'higher', 'more'],
            ),
            say(last('main.field')),
            say(last('garage')),
          ],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: "Dump everything the workshop KY-035 reports, and tell me whether the KY-020 tilt switch on that same board says it's tilted.",
          with: { tilt: sensor('KY-020', 'tilted', { place: 'workshop' }) },
          answer: [say(last('main.raw')), say(last('main.voltage')), say(last('main.field')), yesNo(last('main.switch')), yesNo(last('tilt'))],
        },
        {
          kind: 'integration',
          category: 'cross-sensor',
          prompt: 'The Hall sensor in the workshop: full readout, please, and the temperature from the TMP36 on the same board.',
          world: { scenario: 'hot-afternoon' },
          with: { temp: sensor('TMP36', 'celsius', { place: 'workshop' }) },
          answer: [say(last('main.raw')), say(last('main.voltage')), say(last('main.field')), yesNo(last('main.switch')), say(last('temp'))],
        },
      ],
    },
  ],
};
export default bank;
