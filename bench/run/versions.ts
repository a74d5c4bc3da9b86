import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PACKAGE_VERSION } from '../../core/package.js';
import { TASK_FORMAT_VERSION } from '../../tasks/schema.js';
import { TOOL_OUTPUT_VERSION } from '../mcp/tool-result.js';
import type { RunFormats } from '../results/manifest.js';
import { SCORING_VERSION } from '../scoring/score-trial.js';

const require = createRequire(import.meta.url);

/**
 * The installed version of a package, found by walking up from its resolved entry to its package.json
 * (many packages do not export `./package.json`). Null when it is not installed.
 */
export function installedVersion(name: string): string | null {
  let dir: string | undefined;
  // Some packages (the MCP SDK) export no "." entry: any file of theirs leads up to their package.json.
  for (const entry of [name, `${name}/package.json`]) {
    try {
      dir = dirname(require.resolve(entry));
      break;
    } catch {
      // try the next way in
    }
  }
  if (dir === undefined) return null;
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/** The harness's own version. */
export function harnessVersion(): string {
  return PACKAGE_VERSION;
}

const PROVIDER_PACKAGES: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: '@anthropic-ai/sdk',
  ollama: 'ollama',
  llamacpp: 'node-llama-cpp',
};

export function runVersions(provider: string): Record<string, string> {
  const versions: Record<string, string> = {
    'iotmcp-bench': harnessVersion(),
    node: process.versions.node,
    '@modelcontextprotocol/sdk': installedVersion('@modelcontextprotocol/sdk') ?? 'unknown',
  };
  const sdk = PROVIDER_PACKAGES[provider];
  if (sdk !== undefined) versions[sdk] = installedVersion(sdk) ?? 'not installed';
  return versions;
}

/** The format versions this build writes and scores with, recorded in every run's manifest. */
export function currentFormats(): RunFormats {
  return { task: TASK_FORMAT_VERSION, toolOutput: TOOL_OUTPUT_VERSION, scoring: SCORING_VERSION };
}

/** What a run from before formats were recorded counts as: 0, a version no build writes. */
export const UNKNOWN_FORMATS: RunFormats = { task: 0, toolOutput: 0, scoring: 0 };
