// dtype and device round trips keep values (within each type's precision).
import t from 'tap';
import { tensor, arange, zeros, devices, defaultDevice, getNumThreads, setNumThreads, buildInfo } from '../../lib/tensor/index.js';
import type { DType } from '../../lib/tensor/index.js';

t.test('every dtype round-trips through float32', async (t) => {
  const values = [0, 1, 2, 100, 127];
  const dtypes: DType[] = ['float32', 'float64', 'float16', 'bfloat16', 'int64', 'int32', 'int16', 'int8', 'uint8'];
  for (const d of dtypes) {
    const x = tensor(values, { dtype: 'float32' }).to(d);
    t.equal(x.dtype, d);
    t.same(x.to('float32').toArray(), values, `${d} keeps small integers exactly`);
  }
  t.same(tensor([0, 1, 2]).to('bool').toArray(), [false, true, true]);
  t.equal(tensor([1.1], { dtype: 'float32' }).to('int32').item(), 1, 'float to int truncates like PyTorch');
  // precision: float16 has an 11-bit significand, bfloat16 8 bits
  t.equal(tensor([2049], { dtype: 'float32' }).to('float16').item(), 2048);
  t.equal(tensor([257], { dtype: 'float32' }).to('bfloat16').item(), 256);
  t.equal(tensor([1 / 3], { dtype: 'float64' }).item(), 1 / 3, 'float64 keeps full precision');
});

t.test('typed arrays come back with the matching type', async (t) => {
  t.ok(zeros([2]).toTypedArray() instanceof Float32Array);
  t.ok(zeros([2], { dtype: 'float64' }).toTypedArray() instanceof Float64Array);
  t.ok(arange(3).toTypedArray() instanceof BigInt64Array);
  t.ok(zeros([2], { dtype: 'int32' }).toTypedArray() instanceof Int32Array);
  t.ok(zeros([2], { dtype: 'bfloat16' }).toTypedArray() instanceof Float32Array, 'half types widen to float32');
  t.ok(zeros([2], { dtype: 'bool' }).toTypedArray() instanceof Uint8Array);
});

t.test('devices, threads and build info', async (t) => {
  const d = devices();
  t.equal(d.cpu, true);
  t.type(d.cuda, 'number');
  t.equal(zeros([2]).to('cpu').device, 'cpu');
  t.equal(defaultDevice(), d.cuda > 0 ? 'cuda' : d.mps ? 'mps' : 'cpu');
  const expected = process.env.LMFORGE_NUM_THREADS ? Number(process.env.LMFORGE_NUM_THREADS) : (await import('node:os')).availableParallelism();
  t.equal(getNumThreads(), expected, 'threads set to the available cores on load (OpenMP would default to 1)');
  setNumThreads(1);
  t.equal(getNumThreads(), 1);
  setNumThreads(expected);
  t.throws(() => setNumThreads(0), { name: 'TypeError' });
  const info = buildInfo();
  t.match(info.torchVersion, /^\d+\.\d+/);
  if (info.blasParallel !== 'unknown') t.not(info.blasParallel, 'pthreads', 'the OpenMP OpenBLAS is preferred when installed');
});
