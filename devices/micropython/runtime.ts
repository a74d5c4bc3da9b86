import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MicroPythonInstance } from '@micropython/micropython-webassembly-pyscript';
import { packageFile } from '../../core/package.js';

/**
 * Runs our MicroPython firmware, unchanged, inside MicroPython's WebAssembly port in the current thread: the
 * firmware files go where they sit on a board's flash (`/main.py`, `/iotmcp/...`, `/config.json`), the shims for
 * `machine`, `network` and `socket` go to `/lib`, and the JS module `iotmcp_sim` gives the shims their real I/O
 * (`io_*`) and simulated sensor buses (`bus_*`). Then `import main` boots the board as a reset would.
 *
 * One runtime per JS realm: the port keeps its state on `globalThis`, so two boards in one thread corrupt each
 * other. Run each board in its own worker (`board-worker.ts`).
 */

// biome-ignore lint/suspicious/noExplicitAny: functions called from MicroPython with loosely typed arguments
type SimFunction = (...args: any[]) => unknown;

export interface RuntimeOptions {
  /** The board's config.json, as the firmware reads it. */
  config: Record<string, unknown>;
  /** The `io_*` and `bus_*` functions the shims call. */
  functions: Record<string, SimFunction>;
  /** The board's console (print output), one line per call. */
  stdout?: (line: string) => void;
  /** Tracebacks and errors the firmware prints. */
  stderr?: (line: string) => void;
  /** Initial heap of the port, bytes (it grows on demand; MicroPython's allocator is what `gc.mem_alloc()` counts). */
  heapBytes?: number;
}

export interface HeapStats {
  /** `gc.mem_alloc()`: bytes the allocator holds (live objects and garbage not yet collected). */
  alloc: number;
  /** `gc.mem_alloc()` right after a `gc.collect()`: the live heap. */
  live: number;
}

export interface MicroPythonRuntime {
  /**
   * Heap the stand-ins for `machine`, `network`, `socket` and the sensor bus modules hold: C modules on a board,
   * Python here. The firmware leaves it out of `peak_memory` (`memory_offset_bytes`), so its reports are its own.
   */
  readonly platformBytes: number;
  /** The heap now (collects once to report the live part). */
  heap(): HeapStats;
  /** Runs Python in the board's interpreter (tests and diagnostics); returns its value converted to JS. */
  run(code: string): unknown;
}

/** The firmware's files (a board's flash root) and the shims (its `/lib`), from the package root. */
const FIRMWARE_DIR = packageFile('firmware', 'micropython');
const SHIMS_DIR = packageFile('devices', 'micropython', 'shims');
/** Files of the firmware folder that are documentation, not code the board imports. */
const NOT_ON_FLASH = /\.(md|json)$/;

function copyTree(mp: MicroPythonInstance, from: string, to: string): void {
  mp.FS.mkdirTree(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = `${to === '/' ? '' : to}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== '__pycache__') copyTree(mp, source, target);
    } else if (entry.name.endsWith('.py') && !NOT_ON_FLASH.test(entry.name)) {
      mp.FS.writeFile(target, readFileSync(source, 'utf8'));
    }
  }
}

/** The modules a board has in C, imported before the firmware so that what they hold can be left out of its reports. */
const PLATFORM_MODULES = ['machine', 'network', 'socket', 'dht', 'onewire', 'ds18x20'];

function measurePlatform(mp: MicroPythonInstance): number {
  mp.runPython(
    `import gc\ngc.collect()\n_before = gc.mem_alloc()\nimport ${PLATFORM_MODULES.join(', ')}\ngc.collect()\n_platform = gc.mem_alloc() - _before\ndel _before`,
  );
  return Number(mp.globals.get('_platform'));
}

/** Boots the board. Rejects with the firmware's own message when it cannot start (a bad config, a missing pin). */
export async function startRuntime(options: RuntimeOptions): Promise<MicroPythonRuntime> {
  // Loaded on demand: only a process that runs MicroPython boards pays for the port (about 0.5 MB of wasm).
  const { loadMicroPython } = await import('@micropython/micropython-webassembly-pyscript');
  const mp = await loadMicroPython({
    heapsize: options.heapBytes ?? 192 * 1024,
    stdout: options.stdout ?? (() => {}),
    stderr: options.stderr ?? ((line) => process.stderr.write(`${line}\n`)),
  });
  copyTree(mp, FIRMWARE_DIR, '/');
  copyTree(mp, SHIMS_DIR, '/lib');
  mp.registerJsModule('iotmcp_sim', options.functions);
  const platformBytes = measurePlatform(mp);
  mp.FS.writeFile('/config.json', JSON.stringify({ ...options.config, memory_offset_bytes: platformBytes }));
  try {
    mp.runPython('import main');
  } catch (err) {
    const message = err instanceof Error ? err.message.trim() : String(err);
    throw new Error(`the MicroPython firmware did not start: ${message}`);
  }
  return {
    platformBytes,
    heap() {
      mp.runPython('import gc\n_heap = gc.mem_alloc()\ngc.collect()\n_heap = "%d %d" % (_heap, gc.mem_alloc())');
      const [alloc, live] = String(mp.globals.get('_heap')).split(' ').map(Number);
      return { alloc: alloc ?? Number.NaN, live: live ?? Number.NaN };
    },
    run: (code) => mp.runPython(code),
  };
}
