import { spawn } from 'node:child_process';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProviderError } from '../provider.js';
import { asNodeLlamaCpp, type LlamaGpu, type NodeLlamaCpp } from './node-llama-cpp-api.js';

/**
 * Finds node-llama-cpp, installing it the first time it is needed. It is not a dependency of the project
 * (its binaries are ~30 MB per platform and most runs never use a local model), so it comes from, in order:
 * the project's own node_modules (someone ran `npm install node-llama-cpp`), else a cache folder shared by all
 * runs, else a fresh `npm install` into that folder. The install takes only the npm registry: the package
 * plus the one prebuilt CPU binary package for this platform; install scripts are off and getLlama is told
 * never to build, so nothing compiles llama.cpp or downloads it from elsewhere.
 */

/** The version tested with this provider; the cache folder is per version, so changing it reinstalls. */
export const NODE_LLAMA_CPP_VERSION = '3.22.1';

export interface PrebuiltBinary {
  /** The npm package holding llama.cpp compiled for this platform. */
  packageName: string;
  /** The getLlama `gpu` option that package serves. */
  gpu: LlamaGpu;
}

/** The CPU build for each platform node-llama-cpp publishes one for (Apple silicon only has Metal). */
export function prebuiltBinaryFor(platform: NodeJS.Platform, arch: string): PrebuiltBinary | null {
  const key = `${platform}-${arch}`;
  const table: Record<string, PrebuiltBinary> = {
    'linux-x64': { packageName: '@node-llama-cpp/linux-x64', gpu: false },
    'linux-arm64': { packageName: '@node-llama-cpp/linux-arm64', gpu: false },
    'linux-arm': { packageName: '@node-llama-cpp/linux-armv7l', gpu: false },
    'linux-riscv64': { packageName: '@node-llama-cpp/linux-riscv64', gpu: false },
    'darwin-arm64': { packageName: '@node-llama-cpp/mac-arm64-metal', gpu: 'metal' },
    'darwin-x64': { packageName: '@node-llama-cpp/mac-x64', gpu: false },
    'win32-x64': { packageName: '@node-llama-cpp/win-x64', gpu: false },
    'win32-arm64': { packageName: '@node-llama-cpp/win-arm64', gpu: false },
  };
  return table[key] ?? null;
}

/** IOTMCP_LLAMACPP_DIR, else the user's cache folder (XDG_CACHE_HOME or ~/.cache)/iotmcp-bench/llamacpp. */
export function defaultInstallRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.IOTMCP_LLAMACPP_DIR) return path.resolve(env.IOTMCP_LLAMACPP_DIR);
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'iotmcp-bench', 'llamacpp');
}

export interface LoadOptions {
  /** Parent of the per-version install folders (default `defaultInstallRoot()`). */
  installRoot?: string;
  /** Where the one line announcing an install goes (npm's own output goes to stderr). */
  log?: (line: string) => void;
}

export interface LoadedNodeLlamaCpp {
  module: NodeLlamaCpp;
  /** Where it came from: the project's node_modules, the cache folder, or installed just now. */
  source: 'project' | 'cache' | 'installed';
  /** The install folder, for the cache and fresh installs. */
  dir: string | null;
  /** How long the install took, ms (fresh installs only). */
  installMs: number | null;
}

export async function loadNodeLlamaCpp(options: LoadOptions = {}): Promise<LoadedNodeLlamaCpp> {
  const fromProject = await importFromProject();
  if (fromProject !== null) return { module: fromProject, source: 'project', dir: null, installMs: null };

  const dir = installDir(options.installRoot ?? defaultInstallRoot());
  const cached = await importFrom(dir);
  if (cached !== null) return { module: cached, source: 'cache', dir, installMs: null };

  const started = performance.now();
  await install(dir, options.log ?? ((line) => process.stderr.write(`${line}\n`)));
  const installMs = performance.now() - started;
  const installed = await importFrom(dir);
  if (installed === null) {
    throw setupError(`node-llama-cpp was installed into ${dir} but cannot be imported from there. ${manualInstallHint(dir)}`);
  }
  return { module: installed, source: 'installed', dir, installMs };
}

export function installDir(root: string): string {
  return path.join(root, `node-llama-cpp-${NODE_LLAMA_CPP_VERSION}`);
}

async function importFromProject(): Promise<NodeLlamaCpp | null> {
  // A variable specifier keeps TypeScript from looking for the (absent) package's types.
  const specifier = 'node-llama-cpp';
  try {
    return checked(await import(specifier), 'the project');
  } catch (error) {
    if (isNotFound(error, specifier)) return null;
    throw error;
  }
}

async function importFrom(dir: string): Promise<NodeLlamaCpp | null> {
  let entry: string;
  try {
    entry = createRequire(path.join(dir, 'package.json')).resolve('node-llama-cpp');
  } catch (error) {
    if (isNotFound(error, 'node-llama-cpp')) return null;
    throw error;
  }
  return checked(await import(pathToFileURL(entry).href), dir);
}

function checked(module: unknown, where: string): NodeLlamaCpp {
  const api = asNodeLlamaCpp(module);
  if (api === null) throw setupError(`the node-llama-cpp found in ${where} has no getLlama/LlamaChat; version ${NODE_LLAMA_CPP_VERSION} is the one tested`);
  return api;
}

function isNotFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((error as Error).message).includes(specifier);
}

function npmArguments(binary: PrebuiltBinary): string[] {
  return [
    'install',
    '--no-audit',
    '--no-fund',
    '--save-exact',
    // No install scripts: node-llama-cpp's postinstall would look for (and may try to build) binaries itself.
    '--ignore-scripts',
    // Its optional dependencies are every platform's and GPU's binaries (CUDA alone is hundreds of MB):
    // skip them all and name the one CPU package this platform needs.
    '--omit=optional',
    `node-llama-cpp@${NODE_LLAMA_CPP_VERSION}`,
    `${binary.packageName}@${NODE_LLAMA_CPP_VERSION}`,
  ];
}

function manualInstallHint(dir: string): string {
  const binary = prebuiltBinaryFor(process.platform, process.arch);
  const command =
    binary === null ? `npm install node-llama-cpp@${NODE_LLAMA_CPP_VERSION}` : `npm install --prefix "${dir}" ${npmArguments(binary).slice(1).join(' ')}`;
  return `Install it by hand with: ${command} (or run \`npm install node-llama-cpp@${NODE_LLAMA_CPP_VERSION}\` in this project).`;
}

/**
 * Installs into a staging folder renamed into place at the end, so an interrupted or failed install never
 * leaves a half-filled folder that would later look installed, and two processes installing at once do
 * not write over each other (the second rename loses and its copy is removed).
 */
async function install(dir: string, log: (line: string) => void): Promise<void> {
  const binary = prebuiltBinaryFor(process.platform, process.arch);
  if (binary === null) {
    throw setupError(
      `node-llama-cpp publishes no prebuilt llama.cpp for ${process.platform}-${process.arch}. ` +
        `Run \`npm install node-llama-cpp@${NODE_LLAMA_CPP_VERSION}\` in this project (it builds llama.cpp from source, which needs cmake and a C++ compiler).`,
    );
  }
  const staging = `${dir}.staging-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(
      path.join(staging, 'package.json'),
      `${JSON.stringify({ name: 'iotmcp-bench-llamacpp', private: true, description: 'node-llama-cpp for the iotmcp-bench llamacpp provider, installed on demand' }, null, 2)}\n`,
    );
    log(
      `iotmcp-bench: installing node-llama-cpp@${NODE_LLAMA_CPP_VERSION} and ${binary.packageName} (about 85 MB) into ${dir}: ` +
        'the llamacpp provider needs them and they are not part of the default install.',
    );
    const failure = await runNpm(npmArguments(binary), staging);
    if (failure !== null) throw setupError(`installing node-llama-cpp failed: ${failure}. ${manualInstallHint(dir)}`);
    try {
      await rename(staging, dir);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Runs npm in `cwd`; resolves with null when it succeeded, else what went wrong. */
function runNpm(args: string[], cwd: string): Promise<string | null> {
  const windows = process.platform === 'win32';
  return new Promise((resolve) => {
    const child = spawn(windows ? 'npm.cmd' : 'npm', [...args, '--prefix', cwd], {
      cwd,
      // npm's output goes to our stderr: stdout may be a report someone is piping.
      stdio: ['ignore', 2, 2],
      shell: windows,
      env: { ...process.env, NODE_LLAMA_CPP_SKIP_DOWNLOAD: 'true', NODE_LLAMA_CPP_POSTINSTALL: 'skip' },
    });
    child.once('error', (error) => resolve(`npm could not be started: ${error.message}`));
    child.once('close', (code, signal) => {
      if (code === 0) resolve(null);
      else resolve(code === null ? `npm was stopped by ${signal ?? 'a signal'}` : `npm exited with code ${code}`);
    });
  });
}

function setupError(message: string): ProviderError {
  return new ProviderError('bad-request', `llamacpp: ${message}`, { provider: 'llamacpp' });
}
