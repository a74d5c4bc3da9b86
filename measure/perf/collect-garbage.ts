import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection in this process, so that resident memory measured next is what is live, not
 * what earlier measurements (a previous fleet size's hundred thousand commands) left for the collector. Run
 * twice: the second collection hands back to the system the pages the first one freed. Node exposes `gc`
 * only behind a flag; setting it now makes it available to new contexts, which is where it is taken from.
 */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc ?? exposedGc();
  gc();
  gc();
}

let cached: (() => void) | undefined;

function exposedGc(): () => void {
  if (cached === undefined) {
    setFlagsFromString('--expose-gc');
    cached = runInNewContext('gc') as () => void;
  }
  return cached;
}
