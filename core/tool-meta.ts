import { z } from 'zod';
import { actuatorHistoryProblems, MAX_ACTUATOR_EVENTS } from './actuators/history.js';
import type { ActuatorEvent } from './actuators/types.js';
import { type DeviceNote, deviceNoteProblems } from './world/device-notes.js';
import type { WorldContext } from './world/types.js';
import { findScenario, SCENARIOS } from './world/world.js';

/**
 * The contract between the host and the tool servers carried in MCP's `_meta`: the keys, and the shape of the
 * world a `tools/call` request carries.
 */

/** The `_meta` key of a `tools/call` request that carries the trial's world to the sensor servers. */
export const WORLD_META_KEY = 'iotmcp.dev/world';
/**
 * The `_meta` key of an elicitation the safety gate sends (to confirm a move) that names the trial it is about,
 * so a host running trials side by side answers it as that trial's user.
 */
export const TRIAL_META_KEY = 'iotmcp.dev/trial';
/** The `_meta` key of an error result that carries the datapool's error code. */
export const ERROR_META_KEY = 'iotmcp.dev/error';

/**
 * The trial's world as it travels in a `tools/call` request's `_meta[WORLD_META_KEY]`. The sensor servers
 * read it with `worldFromMeta`; a world they cannot sample is refused at once with a message naming what is
 * wrong, instead of failing on the board later.
 */

const scenarioNames = SCENARIOS.map((scenario) => scenario.name).join(', ');

/**
 * A trial's actuator history as a world carries it: at most MAX_ACTUATOR_EVENTS events, each naming a known
 * actuator and a place, at a finite world time, with a value in the actuator's range (`core/actuators/history.ts`
 * says why each bound). Each event comes out as its four fields, so nothing else rides along to the boards.
 */
export const ActuatorHistorySchema = z
  .array(z.unknown(), { error: `actuators must be a list of at most ${MAX_ACTUATOR_EVENTS} actuator events {actuator, place, timeMs, value}` })
  .superRefine((events, ctx) => {
    for (const problem of actuatorHistoryProblems(events)) ctx.addIssue({ code: 'custom', message: problem, input: events });
  })
  .transform((events) => (events as ActuatorEvent[]).map(({ actuator, place, timeMs, value }): ActuatorEvent => ({ actuator, place, timeMs, value })));

/** A world's device notes: bounded in number and length, printable, each as its two fields. */
export const DeviceNotesSchema = z
  .array(z.unknown())
  .superRefine((notes, ctx) => {
    for (const problem of deviceNoteProblems(notes)) ctx.addIssue({ code: 'custom', message: problem, input: notes });
  })
  .transform((notes) => (notes as DeviceNote[]).map(({ place, text }): DeviceNote => ({ place, text })));

export const WorldContextSchema = z.object(
  {
    scenario: z
      .string({ error: 'scenario must be a scenario name' })
      .refine((name) => findScenario(name) !== undefined, { error: (issue) => `unknown scenario ${JSON.stringify(issue.input)}; scenarios: ${scenarioNames}` }),
    seed: z.number({ error: 'seed must be a number' }).int({ error: 'seed must be an integer' }).min(0, { error: 'seed must not be negative' }),
    // zod 4 numbers are finite: Infinity and NaN are refused.
    timeMs: z.number({ error: 'timeMs must be a finite number of ms since the epoch' }),
    actuators: ActuatorHistorySchema.exactOptional(),
    trial: z
      .string({ error: 'trial must be a trial id' })
      .min(1, { error: 'trial must be a trial id of 1 to 200 characters' })
      .max(200, { error: 'trial must be a trial id of 1 to 200 characters' })
      .exactOptional(),
    notes: DeviceNotesSchema.exactOptional(),
  },
  { error: 'the world must be an object {scenario, seed, timeMs, actuators?, trial?, notes?}' },
);

export type WorldMeta = { ok: true; world: WorldContext | undefined } | { ok: false; message: string };

const ABSENT: WorldMeta = { ok: true, world: undefined };

/** The world a request's `_meta` carries (`world: undefined` when it carries none), or why it is unusable. */
export function worldFromMeta(meta: Record<string, unknown> | undefined): WorldMeta {
  const raw = meta?.[WORLD_META_KEY];
  if (raw === undefined) return ABSENT;
  const parsed = WorldContextSchema.safeParse(raw);
  if (parsed.success) return { ok: true, world: parsed.data };
  const problems = parsed.error.issues.map((issue) => issue.message).join('; ');
  return { ok: false, message: `invalid world in the request's _meta["${WORLD_META_KEY}"]: ${problems} (got ${preview(raw)})` };
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}
