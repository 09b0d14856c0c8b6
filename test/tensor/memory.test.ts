// Native memory is freed deterministically (dispose, tidy) and by GC (external memory reported to V8).
import t from 'tap';
import { ones, zeros, tidy, empty } from '../../lib/tensor/index.js';
import type { Tensor } from '../../lib/tensor/index.js';
import { setImmediate as tick } from 'node:timers/promises';

t.test('tidy disposes everything made inside except what it returns', async (t) => {
  let inner: Tensor | undefined;
  const kept = tidy(() => {
    inner = ones([4]);
    const a = inner.mul(3);
    return { a, list: [a.add(1)] };
  });
  t.ok(inner!.isDisposed);
  t.notOk(kept.a.isDisposed);
  t.notOk(kept.list[0].isDisposed);
  t.same(kept.list[0].toArray(), [4, 4, 4, 4]);
  // nested: kept tensors move to the outer scope and are disposed when it ends
  let fromInner: Tensor | undefined;
  tidy(() => {
    fromInner = tidy(() => ones([2]).mul(2));
    t.notOk(fromInner.isDisposed);
    return undefined;
  });
  t.ok(fromInner!.isDisposed);
  // async
  const v = await tidy(async () => {
    const z = zeros([2]);
    await new Promise((r) => setTimeout(r, 1));
    return z.add(5);
  });
  t.same(v.toArray(), [5, 5]);
  // throwing disposes too
  let leaked: Tensor | undefined;
  t.throws(() => tidy(() => {
    leaked = ones([1]);
    throw new Error('boom');
  }));
  t.ok(leaked!.isDisposed);
});

t.test('100,000 tensors of 1 MB: RSS stays bounded (dispose and GC)', async (t) => {
  const mb = 1 << 20;
  const floats = mb / 4;
  const rssMB = (): number => process.memoryUsage().rss / mb;
  // Warm up allocator and binding.
  for (let i = 0; i < 200; i++) empty([floats]).fill_(1).dispose();
  const start = rssMB();
  let peak = start;
  // Half disposed explicitly, half left to GC: both paths must give memory back. N-API runs finalizers after
  // GC on a later tick, so the loop yields to the event loop now and then, as any real program does.
  for (let i = 0; i < 100_000; i++) {
    const x = empty([floats]);
    x.fill_(i);
    if (i % 2 === 0) x.dispose();
    if (i % 250 === 0) {
      await tick();
      peak = Math.max(peak, rssMB());
    }
  }
  peak = Math.max(peak, rssMB());
  t.comment(`RSS start ${start.toFixed(0)} MB, peak ${peak.toFixed(0)} MB over 100,000 x 1 MB (97.7 GB allocated in total)`);
  t.ok(peak - start < 1536, `RSS grew by ${(peak - start).toFixed(0)} MB, bounded far below the 50 GB left to GC`);
});
