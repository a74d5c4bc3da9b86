import type { Agent } from '../loop/agent.js';
import type { ProviderConfig } from '../providers/provider.js';

/**
 * What `--provider` names, each loaded only when asked for: a reference agent of this project (baseline,
 * oracle, adversary) or a language model's provider. A baseline run never loads an LLM SDK, and
 * node-llama-cpp is not even installed until someone asks for `llamacpp`.
 */
export const PROVIDER_NAMES = ['baseline', 'oracle', 'adversary', 'openai', 'anthropic', 'ollama', 'llamacpp'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export function isProviderName(name: string): name is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(name);
}

export async function createAgent(config: ProviderConfig): Promise<Agent> {
  const name = config.provider;
  if (!isProviderName(name)) throw new Error(`unknown provider "${name}"; use one of: ${PROVIDER_NAMES.join(', ')}`);
  switch (name) {
    case 'baseline':
      return (await import('./baseline.js')).createBaselineAgent(config);
    case 'oracle':
      return (await import('./oracle.js')).createOracleAgent(config);
    case 'adversary':
      return (await import('./adversary.js')).createAdversaryAgent(config);
    case 'openai':
      return (await import('../providers/openai.js')).createOpenAiProvider(config);
    case 'anthropic':
      return (await import('../providers/anthropic.js')).createAnthropicProvider(config);
    case 'ollama':
      return (await import('../providers/ollama.js')).createOllamaProvider(config);
    case 'llamacpp':
      return (await import('../providers/llamacpp.js')).createLlamaCppProvider(config);
  }
}
