/**
 * Finds and loads the native binary. The one module that knows about variants, threads and loading;
 * everything else asks `nativeBinding()`.
 *
 * Order: LMFORGE_BINARY, then a local build (build/Release), then prebuilds/<platform>-<arch>/ — the CUDA
 * variant first when an NVIDIA driver is present, then the CPU one. node-gyp-build's filename tags cover
 * platform, arch, libc and runtime but not CUDA vs CPU, so the choice is made here. Each candidate is first
 * loaded in a child process (a bad CUDA load can take the whole process down), and the verdict is cached.
 */
import { existsSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { packageRoot } from './version.js';
import { LmforgeError } from './errors.js';
import { writeFileAtomicSync } from './util/atomic.js';

const require = createRequire(import.meta.url);

interface Candidate {
  path: string;
  why: string;
}

function hasNvidiaDriver(): boolean {
  return existsSync('/proc/driver/nvidia/version') || existsSync('/dev/nvidiactl');
}

function candidates(): Candidate[] {
  const out: Candidate[] = [];
  // An explicit choice is the only candidate: falling back silently would hide a broken override.
  if (process.env.LMFORGE_BINARY) return [{ path: process.env.LMFORGE_BINARY, why: 'LMFORGE_BINARY' }];
  for (const dir of ['build/Release', 'build/Debug']) {
    const p = join(packageRoot, dir, 'lmforge.node');
    if (existsSync(p)) out.push({ path: p, why: `local build (${dir})` });
  }
  const pre = join(packageRoot, 'prebuilds', `${process.platform}-${process.arch}`);
  if (existsSync(pre)) {
    const files = readdirSync(pre).filter((f) => f.endsWith('.node')).sort();
    const cuda = files.filter((f) => f.includes('cuda'));
    const cpu = files.filter((f) => !f.includes('cuda'));
    if (hasNvidiaDriver()) for (const f of cuda) out.push({ path: join(pre, f), why: 'prebuilt CUDA variant' });
    for (const f of cpu) out.push({ path: join(pre, f), why: 'prebuilt CPU variant' });
  }
  return out;
}

/** Loads `path` in a child process first; caches a success keyed by path, size and mtime. */
function testLoad(path: string): string | null {
  const st = statSync(path);
  const key = createHash('sha256').update(`${path}\0${st.size}\0${st.mtimeMs}\0${process.version}`).digest('hex').slice(0, 24);
  const cacheDir = join(tmpdir(), 'lmforge-loadcheck');
  const marker = join(cacheDir, key);
  if (existsSync(marker)) return null;
  const child = spawnSync(process.execPath, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(path)})`], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (child.status === 0) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      writeFileAtomicSync(marker, 'ok\n');
    } catch { /* cache is an optimisation only */ }
    return null;
  }
  const reason = child.signal ? `crashed with ${child.signal}` : (child.stderr || '').split('\n').find((l) => /Error|error/.test(l)) ?? `exit code ${child.status}`;
  return reason.trim();
}

let loaded: Record<string, unknown> | null = null;
const loadHooks: Array<(binding: Record<string, unknown>) => void> = [];

/** Registers a function run once, right after the binary loads (e.g. to extend the Tensor prototype). */
export function onNativeLoad(hook: (binding: Record<string, unknown>) => void): void {
  if (loaded) hook(loaded);
  else loadHooks.push(hook);
}
let loadedFrom = '';

/** The native binding (loaded once). Throws an LmforgeError that says what was tried and what to do. */
export function nativeBinding<T = Record<string, unknown>>(): T {
  if (loaded) return loaded as T;
  const tried: string[] = [];
  for (const c of candidates()) {
    if (!existsSync(c.path)) {
      tried.push(`  - ${c.path} (${c.why}): file not found`);
      continue;
    }
    const problem = testLoad(c.path);
    if (problem) {
      tried.push(`  - ${c.path} (${c.why}): ${problem}`);
      continue;
    }
    const binding = require(c.path) as Record<string, unknown>;
    configureThreads(binding);
    loaded = binding;
    loadedFrom = c.path;
    for (const hook of loadHooks) hook(binding);
    return binding as T;
  }
  throw new LmforgeError(
    'NATIVE_NOT_FOUND',
    [
      `lmforge could not load its native addon for ${process.platform}-${process.arch} (Node ${process.version}).`,
      tried.length ? `Tried:\n${tried.join('\n')}` : 'No build and no prebuilt binary was found.',
      'To fix it:',
      '  - Debian/Ubuntu: run `npm run setup` (installs libtorch-dev and OpenBLAS with apt), then `npm run build`.',
      '  - With Python torch (CUDA hosts): `pip install torch`, then `npm run build` (found through torch.utils.cmake_prefix_path).',
      '  - With an unpacked libtorch: `LIBTORCH=/path/to/libtorch npm run build`.',
      '  - Or point LMFORGE_BINARY at a lmforge.node you built.',
    ].join('\n'),
  );
}

/** Path of the loaded binary (after the first nativeBinding() call). */
export function nativePath(): string {
  nativeBinding();
  return loadedFrom;
}

function configureThreads(binding: Record<string, unknown>): void {
  // OpenMP defaults to ONE thread inside a Node process (measured), halving matmul speed: set it explicitly.
  const fromEnv = process.env.LMFORGE_NUM_THREADS;
  let n = availableParallelism();
  if (fromEnv !== undefined && fromEnv !== '') {
    const v = Number(fromEnv);
    if (!Number.isInteger(v) || v < 1) throw new LmforgeError('BAD_ENV', `LMFORGE_NUM_THREADS must be a positive integer, got '${fromEnv}'`);
    n = v;
  }
  (binding.setNumThreads as (n: number) => void)(n);
}

