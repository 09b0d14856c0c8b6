#!/usr/bin/env node
// Finds the libtorch to build against, in this order, and says which one it chose (on stderr):
//   1. LIBTORCH (root of an unpacked libtorch: share/cmake/Torch) or Torch_DIR (the cmake dir itself)
//   2. Python's torch (`torch.utils.cmake_prefix_path`): how CUDA hosts usually have libtorch
//   3. System packages: Debian/Ubuntu libtorch-dev (/usr/lib/<triplet>/cmake/Torch), Homebrew pytorch
// Both build definitions call this script (CMakeLists.txt and binding.gyp), so discovery lives in one place.
//
// Usage: node scripts/find-libtorch.mjs [--json | --cmake-dir | --include-dirs | --lib-dir | --libs | --cflags | --ldflags | --rpath]
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname, resolve } from 'node:path';

function fail(message) {
  process.stderr.write(`lmforge: ${message}\n`);
  process.exit(1);
}

/** Walks from a Torch cmake dir (…/share/cmake/Torch or /usr/lib/<triplet>/cmake/Torch) to headers and libraries. */
function describe(cmakeDir, source) {
  cmakeDir = resolve(cmakeDir);
  if (!existsSync(join(cmakeDir, 'TorchConfig.cmake'))) return null;
  const config = readFileSync(join(cmakeDir, 'TorchConfig.cmake'), 'utf8');
  // A distribution layout (pip wheel, libtorch zip): <root>/share/cmake/Torch with <root>/include, <root>/lib.
  let root = resolve(cmakeDir, '..', '..', '..');
  let includeDirs, libDir;
  if (existsSync(join(root, 'include', 'torch')) && existsSync(join(root, 'lib'))) {
    includeDirs = [join(root, 'include'), join(root, 'include', 'torch', 'csrc', 'api', 'include')];
    libDir = join(root, 'lib');
  } else {
    // Debian layout: /usr/lib/<triplet>/cmake/Torch, headers in /usr/include.
    libDir = resolve(cmakeDir, '..', '..');
    const prefix = resolve(libDir, '..', '..');
    includeDirs = [join(prefix, 'include'), join(prefix, 'include', 'torch', 'csrc', 'api', 'include')];
    root = prefix;
  }
  const abi = /_GLIBCXX_USE_CXX11_ABI=(\d)/.exec(config);
  const cflags = abi ? [`-D_GLIBCXX_USE_CXX11_ABI=${abi[1]}`] : [];
  // Torch >= 2.x wheels compute the ABI flag at configure time from the compiled library; ask Python when we came from it.
  if (!abi && source.startsWith('python')) {
    try {
      const v = execFileSync('python3', ['-c', 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      cflags.push(`-D_GLIBCXX_USE_CXX11_ABI=${v}`);
    } catch { /* leave the compiler default */ }
  }
  const cuda = existsSync(join(libDir, 'libtorch_cuda.so')) || existsSync(join(libDir, 'libc10_cuda.so'));
  const libs = ['torch', 'torch_cpu', 'c10', ...(cuda ? ['torch_cuda', 'c10_cuda'] : [])];
  return { source, cmakeDir, root, includeDirs, libDir, libs, cflags, cuda };
}

function fromEnv() {
  if (process.env.Torch_DIR) {
    const d = describe(process.env.Torch_DIR, 'Torch_DIR');
    if (!d) fail(`Torch_DIR=${process.env.Torch_DIR} has no TorchConfig.cmake`);
    return d;
  }
  if (process.env.LIBTORCH) {
    const d = describe(join(process.env.LIBTORCH, 'share', 'cmake', 'Torch'), 'LIBTORCH');
    if (!d) fail(`LIBTORCH=${process.env.LIBTORCH} has no share/cmake/Torch/TorchConfig.cmake (expected the root of an unpacked libtorch)`);
    return d;
  }
  return null;
}

function fromPython() {
  for (const py of ['python3', 'python']) {
    try {
      const prefix = execFileSync(py, ['-c', 'import torch.utils; print(torch.utils.cmake_prefix_path)'], {
        encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000,
      }).trim();
      const d = describe(join(prefix, 'Torch'), `python torch (${py})`);
      if (d) return d;
    } catch { /* no python or no torch */ }
  }
  return null;
}

function fromSystem() {
  const candidates = [];
  for (const triplet of ['x86_64-linux-gnu', 'aarch64-linux-gnu', 'arm-linux-gnueabihf', 'powerpc64le-linux-gnu', 's390x-linux-gnu', 'riscv64-linux-gnu']) {
    candidates.push(`/usr/lib/${triplet}/cmake/Torch`);
  }
  candidates.push('/usr/lib/cmake/Torch', '/usr/local/share/cmake/Torch', '/usr/local/lib/cmake/Torch');
  if (process.platform === 'darwin') {
    for (const brew of ['/opt/homebrew', '/usr/local']) candidates.push(`${brew}/opt/pytorch/share/cmake/Torch`);
  }
  for (const c of candidates) {
    const d = describe(c, c.includes('homebrew') || c.includes('/opt/pytorch') ? 'Homebrew pytorch' : 'system package');
    if (d) return d;
  }
  return null;
}

const found = fromEnv() ?? fromPython() ?? fromSystem();
if (!found) {
  fail([
    'no libtorch found. Get one of these, then build again:',
    '  1. Debian/Ubuntu: sudo apt-get install libtorch-dev libopenblas0-openmp   (or run: sh scripts/setup.sh)',
    '  2. Python: pip install torch   (CUDA hosts: the CUDA wheel; found through torch.utils.cmake_prefix_path)',
    '  3. An unpacked libtorch from pytorch.org: export LIBTORCH=/path/to/libtorch   (or Torch_DIR=/path/to/share/cmake/Torch)',
  ].join('\n'));
}

// Debian's libtorch links libblas.so.3, which update-alternatives may point at the pthreads OpenBLAS; its own
// thread pool then fights libtorch's OpenMP threads. When the OpenMP variant is installed, we put its directory
// on the addon's DT_RPATH: the loader searches it for libtorch's own libblas/liblapack too, so the OpenMP build
// wins without the user switching alternatives or setting variables.
const openblasOmp = ['x86_64-linux-gnu', 'aarch64-linux-gnu'].map((t) => `/usr/lib/${t}/openblas-openmp`).filter((d) => existsSync(join(d, 'libblas.so.3')));
const rpath = [...(found.source === "system package" ? openblasOmp : []), found.libDir];

const arg = process.argv[2] ?? '--json';
const out = {
  '--json': () => JSON.stringify({ ...found, rpath }, null, 2),
  '--cmake-dir': () => found.cmakeDir,
  '--include-dirs': () => found.includeDirs.join(' '),
  '--lib-dir': () => found.libDir,
  // libtorch_cuda only registers the CUDA backend from static initialisers: with --as-needed (Ubuntu's default)
  // the linker would drop it because no symbol is referenced, and CUDA would silently be missing at run time.
  '--libs': () => {
    const flags = found.libs.map((l) => `-l${l}`);
    return (found.cuda && process.platform === 'linux' ? ['-Wl,--no-as-needed', ...flags, '-Wl,--as-needed'] : flags).join(' ');
  },
  '--cflags': () => found.cflags.join(' '),
  '--rpath': () => rpath.join(';'),
  // DT_RPATH (--disable-new-dtags) is an ELF notion; Apple's ld has only LC_RPATH and rejects the flag.
  '--ldflags': () => [`-L${found.libDir}`, ...(process.platform === 'darwin' ? [] : ['-Wl,--disable-new-dtags']), ...rpath.map((r) => `-Wl,-rpath,${r}`)].join(' '),
}[arg];
if (!out) fail(`unknown option ${arg}`);
process.stderr.write(`lmforge: using libtorch from ${found.source}: ${found.cmakeDir}\n`);
process.stdout.write(out() + '\n');
