/**
 * `lmforge smoke`: proves the install works — which binary loaded, libtorch and BLAS, devices, threads,
 * and a measured fp32 matmul speed.
 */
import { randn, devices, defaultDevice, getNumThreads, buildInfo } from '../tensor/index.js';
import { nativePath } from '../native.js';
import { version } from '../version.js';

export function smoke(log: (line: string) => void = console.log): { gflops: number } {
  const info = buildInfo();
  log(`lmforge ${version}`);
  log(`  native binary : ${nativePath()}`);
  log(`  libtorch      : ${info.torchVersion}`);
  log(`  BLAS          : ${info.blasLibrary} (${info.blasParallel}${info.blasThreads !== null ? `, ${info.blasThreads} threads` : ''})`);
  log(`  devices       : ${JSON.stringify(devices())} -> default ${defaultDevice()}`);
  log(`  threads       : ${getNumThreads()}`);
  const n = 1024;
  const a = randn([n, n]);
  const b = randn([n, n]);
  a.matmul(b).dispose();
  let best = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    const c = a.matmul(b);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    c.dispose();
    best = Math.max(best, (2 * n ** 3) / s / 1e9);
  }
  a.dispose();
  b.dispose();
  log(`  matmul        : fp32 ${n}x${n} at ${best.toFixed(1)} GFLOP/s`);
  return { gflops: best };
}
