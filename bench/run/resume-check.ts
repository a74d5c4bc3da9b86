import { resolve } from 'node:path';
import type { RunManifest } from '../results/manifest.js';
import { manifestSuite } from './manifest-suite.js';

/**
 * What a resumed run may not change. A run's trials must all come from one provider, model, seed, task
 * selection, transport and world: a flag given with `--resume` that says otherwise is an error naming the
 * difference, never a silent switch. Concurrency, caching, retries, timeouts of a single call and where
 * results go may change between sessions; they change how fast a run goes, not what it measures.
 */

/** The settings a resumed run holds fixed, as their flags spell them, read from what was given. */
export interface GivenSettings {
  provider?: string;
  model?: string;
  baseUrl?: string;
  temperature?: number;
  maxTokens?: number;
  seed?: number;
  suite?: string;
  tasks?: readonly string[];
  filter?: string;
  limit?: number;
  trials?: number;
  mcp?: string;
  architecture?: string;
  datapool?: string;
  fleet?: string;
  deviceSpeed?: number;
  trialTimeout?: number;
  shard?: string;
  policy?: string;
}

type Fixed = {
  [K in keyof GivenSettings]-?: { flag: string; saved: (m: RunManifest) => unknown; same?: (given: NonNullable<GivenSettings[K]>, saved: unknown) => boolean };
};

const FIXED: Fixed = {
  provider: { flag: '--provider', saved: (m) => m.provider.name },
  model: { flag: '--model', saved: (m) => m.provider.model },
  baseUrl: { flag: '--base-url', saved: (m) => m.provider.baseUrl },
  temperature: { flag: '--temperature', saved: (m) => m.provider.temperature },
  maxTokens: { flag: '--max-tokens', saved: (m) => m.provider.maxTokens },
  seed: { flag: '--seed', saved: (m) => m.seed },
  // A run from before the actuator suites recorded `all` for the paper's two: it is `paper` now.
  suite: { flag: '--suite', saved: (m) => manifestSuite(m) },
  tasks: {
    flag: '--tasks',
    saved: (m) => m.dataset.files,
    same: (given, saved) => JSON.stringify(given.map((f) => resolve(f))) === JSON.stringify((saved as string[]).map((f) => resolve(f))),
  },
  filter: { flag: '--filter', saved: (m) => m.options.filter },
  limit: { flag: '--limit', saved: (m) => m.options.limit },
  trials: { flag: '--trials', saved: (m) => m.options.trials },
  mcp: { flag: '--mcp', saved: (m) => m.options.mcp },
  architecture: { flag: '--architecture', saved: (m) => m.options.architecture },
  datapool: { flag: '--datapool', saved: (m) => (m.options.datapool === 'embedded' ? null : m.options.datapool) },
  fleet: {
    flag: '--fleet',
    saved: (m) => m.provenance?.fleet?.path ?? null,
    same: (given, saved) => saved === null || resolve(given) === resolve(String(saved)),
  },
  deviceSpeed: { flag: '--device-speed', saved: (m) => m.options.speed },
  trialTimeout: { flag: '--trial-timeout', saved: (m) => m.options.trialTimeoutMs / 1000 },
  shard: { flag: '--shard', saved: (m) => (m.options.shard === null ? null : `${m.options.shard.index}/${m.options.shard.count}`) },
  policy: {
    flag: '--policy',
    saved: (m) => m.actuators?.policyFile ?? null,
    same: (given, saved) => saved !== null && resolve(given) === resolve(String(saved)),
  },
};

function shown(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Each flag given that differs from what the run was started with, as "--flag X (the run has Y)". */
export function resumeConflicts(manifest: RunManifest, given: GivenSettings): string[] {
  const conflicts: string[] = [];
  for (const key of Object.keys(FIXED) as (keyof GivenSettings)[]) {
    const value = given[key];
    if (value === undefined) continue;
    const rule = FIXED[key] as { flag: string; saved: (m: RunManifest) => unknown; same?: (given: unknown, saved: unknown) => boolean };
    const saved = rule.saved(manifest);
    const same = rule.same !== undefined ? rule.same(value, saved) : JSON.stringify(value) === JSON.stringify(saved);
    if (!same) conflicts.push(`${rule.flag} ${shown(value)} (the run has ${shown(saved)})`);
  }
  return conflicts;
}
