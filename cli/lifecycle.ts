/**
 * Keeps a long-running command alive until Ctrl-C (SIGINT) or SIGTERM, then stops what it started, once.
 * A second Ctrl-C exits at once, for when a shutdown hangs.
 */
export function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write('\nstopping...\n');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * For commands that stop gracefully (run, perf, soak): the first Ctrl-C or SIGTERM prints `message` and
 * aborts the returned signal, so the command can write what it has; a second one exits 130 at once.
 * `release` removes the handlers when the command is done.
 */
export function abortOnSignal(message: string): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const onSignal = (): void => {
    // Exiting also runs the exit handlers that kill child processes (a datapool child, a broker).
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`\n${message} (Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    release() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
