import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { TestContext } from 'node:test';
import { CLI_PATH } from '../core/package.js';

/** A long-running CLI command (`datapool`, `up`, `mcp serve`...) in a child process, stopped after the test. */
export interface CliService {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** The first match of `pattern` in its output, once it appears; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

/** Starts `iotmcp-bench <args>` with `env` added to ours (secrets travel there, as in real use). */
export function startCli(t: TestContext, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliService {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let text = '';
  const listeners = new Set<() => void>();
  const onChunk = (chunk: Buffer): void => {
    text += chunk.toString();
    for (const listener of [...listeners]) listener();
  };
  child.stdout!.on('data', onChunk);
  child.stderr!.on('data', onChunk);
  const exited = once(child, 'exit');
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  });
  return {
    child,
    output: () => text,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(text);
          if (match === null) return;
          listeners.delete(check);
          resolve(match);
        };
        listeners.add(check);
        check();
        exited.then(([code]) => {
          if (!listeners.has(check)) return;
          listeners.delete(check);
          reject(new Error(`iotmcp-bench ${args.join(' ')} exited (${String(code)}) before printing ${pattern}:\n${text}`));
        }, reject);
      });
    },
  };
}
