import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SUITE_CHOICES, type SuiteChoice } from '../../tasks/suite-names.js';

/**
 * `--config FILE`: the same settings as the flags, in JSON or YAML (by the file's extension: .json, .yaml,
 * .yml), so a model behind any OpenAI-compatible endpoint is one file and no code. Flags given on the command
 * line win over the file. Keys are never stored in it: `apiKeyEnv` names the environment variable to read the
 * key from. `models` lists several models to run one after another and compare.
 */
export const RunConfigFileSchema = z.strictObject({
  provider: z.string().optional(),
  model: z.string().optional(),
  models: z.array(z.string().min(1)).min(1).optional(),
  baseUrl: z.string().url().optional(),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional(),
  temperature: z.number().min(0).max(2).optional(),
  seed: z.number().int().nonnegative().optional(),
  maxTokens: z.number().int().positive().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  modelPath: z.string().optional(),
  suite: z.enum([...SUITE_CHOICES] as [SuiteChoice, ...SuiteChoice[]]).optional(),
  tasks: z.array(z.string()).optional(),
  policy: z.string().optional(),
  filter: z.string().optional(),
  limit: z.number().int().positive().optional(),
  trials: z.number().int().positive().optional(),
  concurrency: z.number().int().positive().optional(),
  mcp: z.enum(['memory', 'stdio', 'http', 'mqtt']).optional(),
  architecture: z.enum(['gateway', 'native']).optional(),
  broker: z.string().optional(),
  datapool: z.string().optional(),
  fleet: z.string().optional(),
  deviceSpeed: z.number().min(1).optional(),
  trialTimeout: z.number().positive().optional(),
  callTimeout: z.number().positive().optional(),
  retries: z.number().int().nonnegative().optional(),
  cache: z.string().optional(),
  prices: z.string().optional(),
  out: z.string().optional(),
  minSuccess: z.number().min(0).max(1).optional(),
  maxConsecutiveErrors: z.number().int().nonnegative().optional(),
});
export type RunConfigFile = z.infer<typeof RunConfigFileSchema>;

export async function readRunConfigFile(path: string): Promise<RunConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`--config ${path}: ${(error as Error).message}`);
  }
  const yaml = ['.yaml', '.yml'].includes(extname(path).toLowerCase());
  let raw: unknown;
  try {
    raw = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const hint = yaml ? '' : extname(path).toLowerCase() === '.json' ? '' : ' (a YAML file needs a .yaml or .yml name)';
    throw new Error(`--config ${path}: not valid ${yaml ? 'YAML' : 'JSON'}${hint}: ${(error as Error).message}`);
  }
  const parsed = RunConfigFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new Error(`--config ${path}:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
