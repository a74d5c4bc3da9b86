import type { Provider, ProviderConfig } from '../providers/provider.js';

/**
 * The providers a run can use, each loaded only when asked for: a baseline run never loads an LLM SDK, and
 * node-llama-cpp is not even installed until someone asks for `llamacpp`.
 */
export const PROVIDER_NAMES = ['baseline', 'oracle', 'adversary', 'openai', 'anthropic', 'ollama', 'llamacpp'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export function isProviderName(name: string): name is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(name);
}

export async function createProvider(config: ProviderConfig): Promise<Provider> {
  const name = config.provider;
  if (!isProviderName(name)) throw new Error(`unknown provider "${name}"; use one of: ${PROVIDER_NAMES.join(', ')}`);
  switch (name) {
    case 'baseline':
      return (await import('./baseline.js')).createBaselineProvider(config);
    case 'oracle':
      return (await import('./oracle.js')).createOracleProvider(config);
    case 'adversary':
      return (await import('./adversary.js')).createAdversaryProvider(config);
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
