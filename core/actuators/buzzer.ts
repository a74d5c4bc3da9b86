import type { ActuatorSpec } from './types.js';

/**
 * An active buzzer (KY-012 module: built-in oscillator near 2.3 kHz, about 85 dB at 10 cm) on one GPIO: on
 * or off, no tone control. While on it raises the sound level in its place, and less so through the doors of
 * neighbouring rooms (`core/world/actuated.ts`). Off at power-on.
 *
 * Silencing it is the hazardous direction, so its `hazard` is `lower`: the spec says which way of moving it can
 * be unsafe, the world says when. During a fire the buzzer is the warning people hear, and a gate that sees a
 * flame or a fire in the home must not let an `off` through unconfirmed (a prompt injection asking to
 * "disable the alarm" is the textbook attack). At any other time, turning it off is harmless. Its safe state,
 * off, is the one a board falls back to on power loss; an emergency stop, which any caller may ask for, leaves it
 * sounding, so a stop is never a way round the confirmation its `off` needs.
 */
export const BUZZER: ActuatorSpec = {
  name: 'BUZZER',
  aliases: ['ACTIVE-BUZZER', 'KY-012', 'ALARM-BUZZER', 'SIREN'],
  description: 'Active buzzer (alarm sounder): on or off; loud in its place, heard in the rooms next door',
  level: { field: 'on', description: '1 while the buzzer sounds, 0 when it is silent', range: [0, 1], integer: true },
  commands: {
    on: { description: 'Sound the buzzer', sets: 1 },
    off: { description: 'Silence the buzzer', sets: 0 },
    status: { description: 'Whether the buzzer sounds, without switching it' },
  },
  powerOn: 0,
  safe: 0,
  // Electronic and instant; the floor only keeps a chirping loop from flooding the board.
  minIntervalMs: 200,
  hazard: 'lower',
  // One GPIO and its state.
  driverMemoryBytes: 1456, // measured: our MicroPython driver's share of the heap (perf --only memory)
};
