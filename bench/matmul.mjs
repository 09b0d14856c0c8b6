// fp32 matmul GFLOP/s through lmforge vs the machine's ceiling, measured in the same run:
//   - blas: the BLAS library's own sgemm_ called directly (no libtorch, no JS)
//   - numpy: numpy.matmul in a Python subprocess, when numpy is installed
// Run: node --import tsx bench/matmul.mjs [--reps 5] [--threads N]
import { execFileSync } from 'node:child_process';
import { randn, getNumThreads, setNumThreads, buildInfo } from '../lib/tensor/index.ts';
import { nativeBinding } from '../lib/native.ts';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? Number(args[i + 1]) : dflt; };
const reps = opt('reps', 5);
if (args.includes('--threads')) setNumThreads(opt('threads', 2));
const sizes = [256, 512, 1024, 2048];

// lmforge and raw sgemm runs alternate, so load from other processes hits both alike; best of `reps` each.
function measure(n) {
  const a = randn([n, n]);
  const b = randn([n, n]);
  let lm = 0;
  let blas = 0;
  for (let r = 0; r < reps + 1; r++) {
    const t0 = process.hrtime.bigint();
    const c = a.matmul(b);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    c.dispose();
    if (r > 0) lm = Math.max(lm, (2 * n ** 3) / s / 1e9);
    blas = Math.max(blas, native.blasSgemmGflops(n, 1));
  }
  a.dispose();
  b.dispose();
  return { lm, blas };
}

function numpyGflops(threads) {
  const code = `
import time, numpy as np
out = {}
for n in ${JSON.stringify(sizes)}:
    a = np.random.randn(n, n).astype(np.float32); b = np.random.randn(n, n).astype(np.float32)
    best = 0
    for r in range(${reps} + 1):
        t0 = time.perf_counter(); a @ b; s = time.perf_counter() - t0
        if r > 0: best = max(best, 2 * n ** 3 / s / 1e9)
    out[n] = best
import json; print(json.dumps(out))`;
  try {
    const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
    return JSON.parse(execFileSync('python3', ['-c', code], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'], timeout: 300_000 }));
  } catch {
    return null;
  }
}

const threads = getNumThreads();
const info = buildInfo();
const native = nativeBinding();
const rows = [];
const np = numpyGflops(threads);
for (const n of sizes) {
  const { lm, blas } = measure(n);
  rows.push({ n, lmforge: lm, blas, numpy: np ? np[n] : null });
}
const peak = Math.max(...rows.map((r) => Math.max(r.blas, r.numpy ?? 0)));
console.log(`lmforge fp32 matmul, ${threads} threads, libtorch ${info.torchVersion}, BLAS ${info.blasLibrary} (${info.blasParallel})`);
console.log('   n | lmforge GFLOP/s | raw sgemm GFLOP/s | numpy GFLOP/s | lmforge / raw sgemm | lmforge / peak');
for (const r of rows) {
  console.log(`${String(r.n).padStart(4)} | ${r.lmforge.toFixed(1).padStart(15)} | ${r.blas.toFixed(1).padStart(17)} | ${(r.numpy?.toFixed(1) ?? 'n/a').padStart(13)} | ${(r.lmforge / r.blas).toFixed(2).padStart(19)} | ${(r.lmforge / peak).toFixed(2).padStart(14)}`);
}
console.log(`machine peak measured in this run (best of raw sgemm and numpy): ${peak.toFixed(1)} GFLOP/s`);
console.log(JSON.stringify({ bench: 'matmul', threads, blas: info.blasParallel, peakGflops: peak, rows }));
