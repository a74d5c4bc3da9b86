import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

/**
 * The layering of the source tree, lowest first, and a checker that holds the code to it. A layer may import
 * its own files and any layer of a lower rank; layers of the same rank (devices and datapool, say) are
 * siblings and never import each other. Test code (`*.test.ts`, `*.test-helper.ts`, `test/`) sits above
 * everything, since a test assembles whatever it checks, and nothing else may import it.
 */

export interface Layer {
  name: string;
  rank: number;
  /** Folder prefixes (ending in `/`) or single files that belong to the layer. */
  paths: readonly string[];
}

export const LAYERS: readonly Layer[] = [
  { name: 'core', rank: 0, paths: ['core/'] },
  { name: 'tasks', rank: 1, paths: ['tasks/'] },
  { name: 'devices', rank: 2, paths: ['devices/'] },
  { name: 'datapool', rank: 2, paths: ['datapool/'] },
  { name: 'mcp', rank: 3, paths: ['bench/mcp/'] },
  { name: 'host', rank: 4, paths: ['bench/host/'] },
  { name: 'results', rank: 5, paths: ['bench/results/'] },
  { name: 'providers', rank: 6, paths: ['bench/providers/'] },
  { name: 'scoring', rank: 6, paths: ['bench/scoring/'] },
  { name: 'loop', rank: 7, paths: ['bench/loop/'] },
  { name: 'agents', rank: 8, paths: ['bench/agents/'] },
  { name: 'report', rank: 8, paths: ['bench/report/'] },
  { name: 'run', rank: 9, paths: ['bench/run/', 'bench/public-api.ts'] },
  { name: 'system', rank: 10, paths: ['system/'] },
  { name: 'measure', rank: 11, paths: ['measure/'] },
  { name: 'cli', rank: 12, paths: ['cli/'] },
  { name: 'scripts', rank: 13, paths: ['scripts/'] },
];

/** The folders scanned for source; anything else at the top of the tree is not code. */
export const SOURCE_ROOTS = ['core', 'tasks', 'devices', 'datapool', 'bench', 'system', 'measure', 'cli', 'scripts', 'test'];

export function isTestCode(file: string): boolean {
  return file.startsWith('test/') || /\.test(-helper)?\.ts$/.test(file);
}

export function layerOf(file: string, layers: readonly Layer[] = LAYERS): Layer | undefined {
  return layers.find((layer) => layer.paths.some((path) => (path.endsWith('/') ? file.startsWith(path) : file === path)));
}

export interface SourceFile {
  /** Path from the tree's root, with `/` separators. */
  path: string;
  text: string;
}

/** TypeScript sources, declaration files aside. */
function isSource(name: string): boolean {
  return /\.(?:ts|tsx|mts|cts)$/.test(name) && !/\.d\.(?:ts|mts|cts)$/.test(name);
}

/** Folders at the top of the tree that hold source but are not among the roots the checker reads. */
export function unreadSourceFolders(root: string, roots: readonly string[] = SOURCE_ROOTS): string[] {
  const skipped = new Set(['node_modules', 'dist', 'results', ...roots]);
  const holdsSource = (dir: string): boolean =>
    readdirSync(join(root, dir), { withFileTypes: true }).some((entry) => (entry.isDirectory() ? holdsSource(`${dir}/${entry.name}`) : isSource(entry.name)));
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !skipped.has(entry.name))
    .map((entry) => entry.name)
    .filter(holdsSource);
}

/** Every TypeScript source file under the source roots of `root`. */
export function readTree(root: string, roots: readonly string[] = SOURCE_ROOTS): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (isSource(entry.name)) files.push({ path, text: readFileSync(join(root, path), 'utf8') });
    }
  };
  for (const dir of roots) {
    try {
      walk(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return files;
}

export interface Import {
  from: string;
  /** The imported file (`.ts`) for a relative import, else the package name. */
  to: string;
  relative: boolean;
}

/** Static imports, re-exports, `import()` with a literal and `import type` alike: each is a dependency. */
export function importsOf(file: SourceFile): Import[] {
  return ts.preProcessFile(file.text, true, true).importedFiles.map(({ fileName }) => {
    if (!fileName.startsWith('.')) {
      const parts = fileName.split('/');
      return { from: file.path, to: fileName.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!, relative: false };
    }
    const target = normalize(join(dirname(file.path), fileName))
      .split('\\')
      .join('/');
    return {
      from: file.path,
      to: target
        .replace(/\.js$/, '.ts')
        .replace(/\.mjs$/, '.mts')
        .replace(/\.cjs$/, '.cts'),
      relative: true,
    };
  });
}

export interface Problem {
  rule: 'unplaced' | 'upward' | 'sibling' | 'test-code' | 'dev-dependency' | 'file-cycle' | 'folder-cycle';
  message: string;
}

export interface CheckOptions {
  layers?: readonly Layer[];
  /** Packages product code may import (the manifest's `dependencies`); anything else only tests and scripts may. */
  dependencies?: ReadonlySet<string>;
}

export function checkLayers(files: readonly SourceFile[], options: CheckOptions = {}): Problem[] {
  const layers = options.layers ?? LAYERS;
  const problems: Problem[] = [];
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    const own = layerOf(file.path, layers);
    const test = isTestCode(file.path);
    if (!own && !test) problems.push({ rule: 'unplaced', message: `${file.path} lies in no layer` });
    const targets = new Set<string>();
    edges.set(file.path, targets);
    for (const edge of importsOf(file)) {
      if (!edge.relative) {
        const external = !edge.to.startsWith('node:') && options.dependencies !== undefined && !options.dependencies.has(edge.to);
        if (external && !test && own?.name !== 'scripts') {
          problems.push({ rule: 'dev-dependency', message: `${file.path} imports ${edge.to}, which the package does not depend on at run time` });
        }
        continue;
      }
      targets.add(edge.to);
      if (test) continue;
      if (isTestCode(edge.to)) {
        problems.push({ rule: 'test-code', message: `${file.path} imports test code ${edge.to}` });
        continue;
      }
      const theirs = layerOf(edge.to, layers);
      if (own && !theirs) {
        problems.push({ rule: 'unplaced', message: `${file.path} imports ${edge.to}, which lies in no layer` });
        continue;
      }
      if (!own || !theirs || theirs === own) continue;
      if (theirs.rank > own.rank) problems.push({ rule: 'upward', message: `${own.name} -> ${theirs.name}: ${file.path} imports ${edge.to}` });
      else if (theirs.rank === own.rank)
        problems.push({ rule: 'sibling', message: `${own.name} -> ${theirs.name} (siblings): ${file.path} imports ${edge.to}` });
    }
  }
  for (const cycle of cycles(edges)) problems.push({ rule: 'file-cycle', message: `import cycle: ${cycle.join(' -> ')}` });
  const folders = new Map<string, Set<string>>();
  for (const [from, targets] of edges) {
    // Tests sit above everything, so their folders are left out of the rings between folders.
    if (isTestCode(from)) continue;
    for (const to of targets) {
      const a = dirname(from);
      const b = dirname(to);
      // A folder and its own subfolders are one module: only separate folders must not import each other in a ring.
      if (a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`)) continue;
      let set = folders.get(a);
      if (!set) {
        set = new Set();
        folders.set(a, set);
      }
      set.add(b);
    }
  }
  for (const cycle of cycles(folders)) problems.push({ rule: 'folder-cycle', message: `folders import each other in a ring: ${cycle.join(' -> ')}` });
  return problems;
}

/** The strongly connected components with more than one member (Tarjan), each listed once. */
function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** The run-time dependencies the package declares. */
export function runtimeDependencies(root: string): Set<string> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return new Set(Object.keys(manifest.dependencies ?? {}));
}
