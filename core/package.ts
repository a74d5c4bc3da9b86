import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own files, found from this module wherever it was compiled to: the repository's `dist/`,
 * a private build directory deeper down, or an installed package. Data files (task suites, the default
 * fleet, the price table) are source, not compiled, so they sit under the package root, not the build.
 */

const HERE = dirname(fileURLToPath(import.meta.url));

/** The nearest directory above this module holding package.json (this module's own directory if none). */
export const PACKAGE_ROOT = findPackageRoot(HERE);

/** The package's version; a private build with no package.json above it reports `0.0.0-dev`. */
export const PACKAGE_VERSION = readVersion(PACKAGE_ROOT);

/** The CLI of the same build as this module: child processes (stdio servers, a datapool) run this file. */
export const CLI_PATH = join(HERE, '..', 'cli', 'main.js');

/** A shipped data file, by its path inside the package (`tasks/basic.jsonl`). */
export function packageFile(...segments: string[]): string {
  return join(PACKAGE_ROOT, ...segments);
}

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

function readVersion(root: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0-dev';
  } catch {
    return '0.0.0-dev';
  }
}
