import type { ToolHost } from '../host/tool-host.js';
import { offeredTools } from '../loop/agent-loop.js';
import { type Provider, ProviderError } from '../providers/provider.js';
import { callWithRetries } from '../providers/retry.js';

/**
 * The check before the first trial: one minimal request to the model, with the whole tool list the trials will
 * offer, so a closed port, a refused key, an unknown model or a tool list that does not fit the model's context
 * stops the run in seconds with its cause, instead of failing every trial after minutes of retries.
 */

/** How long the check may take in all, ms: a provider that cannot answer a one-line request by then is not usable. */
export const PREFLIGHT_TIMEOUT_MS = 10_000;

/** A run that cannot start, with why and what to do: `run` prints both and exits with the usage code. */
export class RunRefused extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(hint === '' ? message : `${message}\n  hint: ${hint}`);
    this.name = 'RunRefused';
  }
}

export async function preflightProvider(provider: Provider, host: ToolHost, baseUrl: string | undefined): Promise<void> {
  const timeout = AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS);
  // The very tool list a trial offers, so a context that cannot hold it fails here.
  const { tools } = offeredTools(host);
  try {
    await callWithRetries(
      () =>
        provider.turn({
          messages: [
            { role: 'system', content: 'This is a connection check before a benchmark run.' },
            { role: 'user', content: 'Reply with the single word: ready.' },
          ],
          tools,
          toolChoice: 'none',
          signal: timeout,
        }),
      // One quick retry: a server that is starting up gets a second chance, a dead one costs a second.
      { maxRetries: 1, baseDelayMs: 500, maxDelayMs: 1_000 },
      { signal: timeout },
    );
  } catch (error) {
    throw refusal(error, provider, baseUrl, tools.length, timeout.aborted);
  }
}

function refusal(error: unknown, provider: Provider, baseUrl: string | undefined, toolCount: number, timedOut: boolean): RunRefused {
  const where = `${provider.name}${baseUrl === undefined ? '' : ` at ${baseUrl}`}`;
  const message = error instanceof Error ? error.message : String(error);
  if (timedOut)
    return new RunRefused(
      `the provider ${where} did not answer a one-line request within ${PREFLIGHT_TIMEOUT_MS / 1000} s`,
      'is the server up and the model loaded? check --base-url',
    );
  if (!(error instanceof ProviderError)) return new RunRefused(`the check request to ${where} failed: ${message}`, '');
  const status = error.details.status;
  switch (error.kind) {
    case 'network':
      return new RunRefused(`cannot reach the provider ${where}: ${message}`, 'is the server running? check --base-url (and the port)');
    case 'auth':
      return new RunRefused(
        `the provider ${where} refused the credentials (${status ?? 'auth'}): ${message}`,
        'check the key in the variable --api-key-env names',
      );
    case 'bad-request':
      if (status === 404 || /model|not found|does not exist|unknown/i.test(message)) {
        return new RunRefused(
          `the provider ${where} does not know the model "${provider.model}": ${message}`,
          'check --model against the models the server lists',
        );
      }
      if (/context|too long|too many tokens|maximum|exceed/i.test(message)) {
        return new RunRefused(
          `the ${toolCount} tool definitions do not fit the context of "${provider.model}": ${message}`,
          'use a model (or a server setting) with a larger context window',
        );
      }
      return new RunRefused(`the provider ${where} refused the check request (${status ?? 'bad request'}): ${message}`, '');
    case 'rate-limit':
      return new RunRefused(`the provider ${where} is rate-limiting already: ${message}`, 'wait, or lower --concurrency');
    default:
      return new RunRefused(`the provider ${where} failed the check request (${error.kind}): ${message}`, 'try again; if it persists, check the server');
  }
}
