import type { ActuatorSpec } from './types.js';

/**
 * A casement window opened by a high-torque servo (MG996R class, 50 Hz PWM, 500-2500 us) on the window's stay.
 * The servo itself would swing in a fraction of a second; the driver ramps the pulse width at 20 % of the travel
 * per second so the window never slams and the servo's stall current stays low, so the opening follows a command
 * within five seconds at most. An open window lets the outdoor air, humidity and daylight into its room in
 * proportion to the opening (`core/world/actuated.ts`). The driver drives it closed at power-on.
 *
 * Opening is the hazardous direction: a draught feeds a fire, an open window lets an intruder in, and opening
 * smart windows is what a prompt injection through a calendar invite was shown to do to a real home.
 */
export const WINDOW_SERVO: ActuatorSpec = {
  name: 'WINDOW-SERVO',
  aliases: ['WINDOW', 'WINDOW-OPENER', 'WINDOW-ACTUATOR', 'MG996R'],
  description: 'Window opened by a servo: opening 0 (closed) to 100 % (wide open), moving at most 20 % per second',
  level: {
    field: 'open_pct',
    description: 'How far the window is open, % (0 closed, 100 wide open)',
    unit: '%',
    range: [0, 100],
    integer: false,
    slewPerS: 20,
  },
  commands: {
    set_opening: { description: 'Move the window to this opening, %' },
    open: { description: 'Open the window wide', sets: 100 },
    close: { description: 'Close the window', sets: 0 },
    status: { description: 'How far the window is open now, without moving it' },
  },
  powerOn: 0,
  safe: 0,
  // A servo reversing under load draws its stall current; one move a second is plenty for a window.
  minIntervalMs: 1000,
  hazard: 'raise',
  // A PWM channel, its ramp timer and the target and current positions.
  driverMemoryBytes: 1648, // measured: our MicroPython driver's share of the heap (perf --only memory)
};
