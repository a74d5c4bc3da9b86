import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PACKAGE_ROOT } from '../../core/package.js';
import { checkLayers, LAYERS, readTree, runtimeDependencies, SOURCE_ROOTS, type SourceFile, unreadSourceFolders } from './layers.test-helper.js';

const tree = readTree(PACKAGE_ROOT);

test('the source tree keeps its layering: no upward or sibling import, no cycle, no test code shipped', () => {
  assert.ok(tree.length > 300, `read only ${tree.length} files from ${PACKAGE_ROOT}`);
  const problems = checkLayers(tree, { dependencies: runtimeDependencies(PACKAGE_ROOT) });
  assert.deepEqual(
    problems.map((p) => p.message),
    [],
  );
});

test('every layer named in the table holds code', () => {
  for (const layer of LAYERS) {
    const held = tree.some((file) => layer.paths.some((path) => (path.endsWith('/') ? file.path.startsWith(path) : file.path === path)));
    assert.ok(held, `layer ${layer.name} (${layer.paths.join(', ')}) holds no file: the table has drifted from the tree`);
  }
});

/** A small tree with one file per line: `path: import, import`. */
function treeOf(spec: Record<string, string[]>): SourceFile[] {
  return Object.entries(spec).map(([path, imports]) => ({
    path,
    text: imports.map((target, i) => (target.startsWith('.') ? `import { x${i} } from '${target}';` : `import '${target}';`)).join('\n'),
  }));
}

const rulesOf = (files: SourceFile[]) => checkLayers(files, { dependencies: new Set(['zod']) }).map((p) => p.rule);

test('the checker catches each kind of break it exists for', () => {
  assert.deepEqual(rulesOf(treeOf({ 'core/a.ts': ['../tasks/b.js'], 'tasks/b.ts': [] })), ['upward']);
  assert.deepEqual(rulesOf(treeOf({ 'datapool/a.ts': ['../devices/b.js'], 'devices/b.ts': [] })), ['sibling']);
  assert.deepEqual(rulesOf(treeOf({ 'core/a.ts': ['./a.test-helper.js'], 'core/a.test-helper.ts': [] })), ['test-code']);
  assert.deepEqual(rulesOf(treeOf({ 'core/a.ts': ['./b.js'], 'core/b.ts': ['./a.js'] })), ['file-cycle']);
  assert.deepEqual(rulesOf(treeOf({ 'core/x/a.ts': ['../y/b.js'], 'core/y/b.ts': ['../x/c.js'], 'core/x/c.ts': [] })), ['folder-cycle']);
  assert.deepEqual(rulesOf(treeOf({ 'elsewhere/a.ts': [] })), ['unplaced']);
  assert.deepEqual(rulesOf(treeOf({ 'core/a.ts': ['../elsewhere/b.js'] })), ['unplaced']);
  assert.deepEqual(
    rulesOf([
      { path: 'core/a.mts', text: "import '../cli/b.mjs';" },
      { path: 'cli/b.mts', text: '' },
    ]),
    ['upward'],
  );
  assert.deepEqual(rulesOf(treeOf({ 'core/a.ts': ['typescript', 'zod', 'node:fs'] })), ['dev-dependency']);
  // `import type`, re-exports and `import()` are dependencies too.
  const typeOnly: SourceFile[] = [
    { path: 'core/a.ts', text: "import type { T } from '../bench/host/t.js';\nexport { u } from '../datapool/u.js';\nawait import('../cli/main.js');" },
    { path: 'bench/host/t.ts', text: '' },
    { path: 'datapool/u.ts', text: '' },
    { path: 'cli/main.ts', text: '' },
  ];
  assert.deepEqual(rulesOf(typeOnly), ['upward', 'upward', 'upward']);
});

test('what the layering allows passes: downward imports, a folder and its subfolders, tests importing anything', () => {
  const fine = treeOf({
    'cli/main.ts': ['../system/s.js', '../core/c.js'],
    'system/s.ts': ['../bench/run/r.js'],
    'bench/run/r.ts': ['../host/h.js', '../../datapool/d.js'],
    'bench/host/h.ts': ['../mcp/m.js'],
    'bench/mcp/m.ts': ['../../devices/v.js', '../../datapool/d.js'],
    'devices/v.ts': ['../core/c.js'],
    'datapool/d.ts': ['./store/st.js', '../core/c.js'],
    'datapool/store/st.ts': ['../types.js'],
    'datapool/types.ts': [],
    'core/c.ts': ['zod'],
    'datapool/d.test.ts': ['../devices/v.js', '../cli/main.js', 'typescript'],
  });
  assert.deepEqual(rulesOf(fine), []);
});

test('no source lies outside the folders the checker reads', () => {
  assert.deepEqual(unreadSourceFolders(PACKAGE_ROOT), []);
});

test('every source folder is compiled and tested: tsconfig includes each one', () => {
  const config = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
  for (const root of SOURCE_ROOTS) assert.ok(config.include.includes(`${root}/**/*.ts`), `tsconfig.json does not include ${root}/`);
});

test('ARCHITECTURE.md shows the layer table the test holds, and names only paths that exist', () => {
  const text = readFileSync(join(PACKAGE_ROOT, 'ARCHITECTURE.md'), 'utf8');
  const documented = new Map<string, string>();
  for (const [, rank, folders] of text.matchAll(/^\| (\d+) \| [^|]+ \| ([^|]+) \|/gm)) {
    for (const [, path] of folders!.matchAll(/`([^`]+)`/g)) documented.set(path!, rank!);
  }
  const held = new Map(LAYERS.flatMap((layer) => layer.paths.map((path) => [path, String(layer.rank)] as const)));
  assert.deepEqual(Object.fromEntries([...documented].sort()), Object.fromEntries([...held].sort()));
  for (const [, path] of text.matchAll(/`((?:core|tasks|devices|datapool|bench|system|measure|cli|scripts|test)\/[\w./-]*)`/g)) {
    assert.ok(existsSync(join(PACKAGE_ROOT, path!)), `ARCHITECTURE.md names ${path}, which does not exist`);
  }
});
