import t from 'tap';
import { splitDataset, type SplitName } from '../../lib/annotation/splits.js';
import { splitStep } from '../../lib/annotation/split-step.js';
import { isDrop, type DataRecord } from '../../lib/data/record.js';
import { LmforgeError } from '../../lib/errors.js';

function makeRecords(n: number, from = 0, labels = ['a', 'b', 'c']): DataRecord[] {
  const out: DataRecord[] = [];
  for (let i = from; i < from + n; i++) {
    out.push({ id: `doc-${i}`, text: `text ${i}`, meta: { label: labels[(i * 7) % labels.length]!, thread: `t${i % 37}` } });
  }
  return out;
}

const ratios = { train: 0.8, validation: 0.1, test: 0.1 };

t.test('deterministic: same seed, same split, whatever the input order', async (t) => {
  const recs = makeRecords(500);
  const a = splitDataset(recs, { ratios, seed: 42 });
  const b = splitDataset([...recs].reverse(), { ratios, seed: 42 });
  t.same([...a.assignment.entries()].sort(), [...b.assignment.entries()].sort());
  // Records come out in input order.
  t.same(a.train.map((r) => r.id), recs.filter((r) => a.assignment.get(r.id) === 'train').map((r) => r.id));
  const c = splitDataset(recs, { ratios, seed: 43 });
  t.not([...a.assignment.values()].join(), [...c.assignment.values()].join(), 'another seed gives another split');
  t.equal(a.stats.records, 500);
  t.equal(a.train.length + a.validation.length + a.test.length, 500, 'nothing lost');
  // 500 draws at p = 0.8: 400 ± 4.5 sd; ± 40 is ~9 sd.
  t.ok(Math.abs(a.train.length - 400) < 40, `train size ${a.train.length} near 400`);
});

t.test('machine-independent values: a pinned assignment for seed "lmforge"', async (t) => {
  // Expected values computed independently in Python:
  //   u = int.from_bytes(hmac.new(b'lmforge', f'doc-{i}'.encode(), hashlib.sha256).digest()[:6], 'big') / 2**48
  //   u = .6037 .9795 .2276 .8565 .8072 .6719 .4633 .5515 for doc-0..7, cut at 0.5 / 0.75.
  // Any change to the hashing would move every user's split, so these must never change silently.
  const recs = makeRecords(8);
  const res = splitDataset(recs, { ratios: { train: 0.5, validation: 0.25, test: 0.25 }, seed: 'lmforge', allowEmptySplits: true });
  t.same([...res.assignment.entries()], [
    ['doc-0', 'validation'], ['doc-1', 'test'], ['doc-2', 'train'], ['doc-3', 'test'],
    ['doc-4', 'test'], ['doc-5', 'validation'], ['doc-6', 'train'], ['doc-7', 'validation'],
  ]);
});

t.test('appending 10% new records never moves an old record (plain hash split)', async (t) => {
  const old = makeRecords(2000);
  const before = splitDataset(old, { ratios, seed: 'stable' });
  const grown = [...old, ...makeRecords(200, 2000)];
  const after = splitDataset(grown, { ratios, seed: 'stable' });
  let moved = 0;
  for (const r of old) if (before.assignment.get(r.id) !== after.assignment.get(r.id)) moved++;
  t.equal(moved, 0, 'no old record changed split');
  t.equal(after.stats.records, 2200);
});

t.test('stratified: each stratum within ±1 of its target, and stable with previous', async (t) => {
  const labels = ['pos', 'neg', 'neu', 'rare'];
  const recs: DataRecord[] = [];
  // Uneven strata: 613 pos, 287 neg, 91 neu, 9 rare.
  const sizes: Record<string, number> = { pos: 613, neg: 287, neu: 91, rare: 9 };
  let i = 0;
  for (const l of labels) for (let k = 0; k < sizes[l]!; k++) recs.push({ id: `r${i++}`, text: '', meta: { label: l } });
  const check = (res: ReturnType<typeof splitDataset<DataRecord>>, total: Record<string, number>) => {
    for (const l of labels) {
      const counts = res.stats.strata![l]!;
      for (const [name, r] of Object.entries(ratios) as [SplitName, number][]) {
        t.ok(Math.abs(counts[name] - r * total[l]!) <= 1, `${l}/${name}: ${counts[name]} vs ${r * total[l]!}`);
      }
    }
  };
  const a = splitDataset(recs, { ratios, seed: 7, stratifyBy: 'label' });
  check(a, sizes);
  // Grow by ~10% across strata; with previous, old records stay and strata stay balanced.
  const extra: DataRecord[] = [];
  const more: Record<string, number> = { pos: 61, neg: 29, neu: 9, rare: 1 };
  for (const l of labels) for (let k = 0; k < more[l]!; k++) extra.push({ id: `r${i++}`, text: '', meta: { label: l } });
  const b = splitDataset([...recs, ...extra], { ratios, seed: 7, stratifyBy: 'label', previous: a.assignment });
  let moved = 0;
  for (const r of recs) if (a.assignment.get(r.id) !== b.assignment.get(r.id)) moved++;
  t.equal(moved, 0, 'no old record moved');
  t.equal(b.stats.pinned, recs.length);
  check(b, Object.fromEntries(labels.map((l) => [l, sizes[l]! + more[l]!])));
});

t.test('stratified ±1 bound holds across many random sizes and ratios', async (t) => {
  let worst = 0;
  for (let trial = 0; trial < 60; trial++) {
    const n = 1 + ((trial * 7919) % 97);
    const r1 = 0.05 + ((trial * 31) % 50) / 100;
    const r2 = (1 - r1) * (((trial * 13) % 9) / 10);
    const rs = { train: 1 - r1 - r2, validation: r2, test: r1 };
    const recs = makeRecords(n, 0, ['x']);
    const res = splitDataset(recs, { ratios: rs, seed: trial, stratifyBy: 'label', allowEmptySplits: true });
    for (const [name, r] of Object.entries(rs) as [SplitName, number][]) {
      worst = Math.max(worst, Math.abs(res.stats.strata!['x']![name] - r * n));
    }
  }
  t.ok(worst <= 1, `worst deviation ${worst} <= 1`);
});

t.test('group-aware: every group lands in exactly one split', async (t) => {
  const recs = makeRecords(600);
  const res = splitDataset(recs, { ratios, seed: 1, groupBy: 'thread' });
  const where = new Map<string, Set<SplitName>>();
  for (const name of ['train', 'validation', 'test'] as const) {
    for (const r of res[name]) {
      const g = r.meta['thread'] as string;
      if (!where.has(g)) where.set(g, new Set());
      where.get(g)!.add(name);
    }
  }
  t.equal(where.size, 37);
  t.same([...where.values()].filter((s) => s.size !== 1), [], 'no group spans two splits');
  t.equal(res.stats.units, 37);
});

t.test('stratified and group-aware together: groups intact, group strata balanced', async (t) => {
  // 40 threads; a thread's stratum is its most common label (here every record of a thread shares one).
  const recs: DataRecord[] = [];
  for (let i = 0; i < 400; i++) recs.push({ id: `m${i}`, text: '', meta: { thread: `t${i % 40}`, label: i % 40 < 30 ? 'common' : 'rare' } });
  const res = splitDataset(recs, { ratios, seed: 3, groupBy: 'thread', stratifyBy: 'label' });
  t.equal(res.stats.units, 40);
  const common = res.stats.strata!['common']!;
  const rare = res.stats.strata!['rare']!;
  t.equal(common.train + common.validation + common.test, 30);
  t.equal(rare.train + rare.validation + rare.test, 10);
  for (const [name, r] of Object.entries(ratios) as [SplitName, number][]) {
    t.ok(Math.abs(common[name] - r * 30) <= 1 && Math.abs(rare[name] - r * 10) <= 1, `${name} within ±1 thread per stratum`);
  }
  t.equal(res.stats.counts.train, common.train * 10 + rare.train * 10, 'whole threads move together');
});

t.test('bad input: clear errors', async (t) => {
  const recs = makeRecords(10);
  t.throws(() => splitDataset(recs, { ratios: { train: 0.8, validation: 0.1, test: 0.2 }, seed: 1 }), /ratios must sum to 1, got 1.1/);
  t.throws(() => splitDataset(recs, { ratios: { train: 1.2, validation: -0.1, test: -0.1 }, seed: 1 }), /ratios.train must be a number in \[0, 1\]/);
  t.throws(() => splitDataset([], { ratios, seed: 1 }), /records is empty/);
  const noKey = [...recs, { id: 'x', text: '', meta: {} }];
  t.throws(() => splitDataset(noKey, { ratios, seed: 1, key: 'patient' }), /record #0 \(id doc-0\) has no field 'patient'/);
  t.throws(() => splitDataset(noKey, { ratios, seed: 1, groupBy: 'thread' }), /record #10 \(id x\) has no field 'thread'/);
  const err = t.throws(() => splitDataset(makeRecords(2), { ratios, seed: 1 })) as unknown;
  t.ok(err instanceof LmforgeError && err.code === 'E_EMPTY_SPLIT' && /allowEmptySplits/.test(err.message), 'empty split named');
  const ok = splitDataset(makeRecords(2), { ratios, seed: 1, allowEmptySplits: true });
  t.equal(ok.train.length + ok.validation.length + ok.test.length, 2);
});

t.test('splitStep tags records exactly as splitDataset assigns them', async (t) => {
  const recs = makeRecords(300);
  const res = splitDataset(recs, { ratios, seed: 'x', groupBy: 'thread' });
  const step = splitStep({ ratios, seed: 'x', groupBy: 'thread' });
  let same = 0;
  for (const r of recs) {
    const out = step.process!(r);
    if (!isDrop(out as never) && (out as DataRecord).meta['split'] === res.assignment.get(r.meta['thread'] as string)) same++;
  }
  t.equal(same, 300, 'every record tagged with its splitDataset split');
  t.equal(step.stats.in, 300);
  t.equal(step.stats.kept, 300);
  t.equal(step.stats.counters['split.train'], res.stats.counts.train);
  const onlyTest = splitStep({ ratios, seed: 'x', keep: ['test'] });
  let dropped = 0;
  for (const r of recs) if (isDrop(onlyTest.process!(r) as never)) dropped++;
  t.equal(onlyTest.stats.kept + dropped, 300);
  t.equal((onlyTest.stats.filtered['split:train'] ?? 0) + (onlyTest.stats.filtered['split:validation'] ?? 0), dropped);
  t.throws(() => splitStep({ ratios, seed: 1, key: 'nope' }).process!({ id: 'q', text: '', meta: {} }), /record #0 \(id q\) has no field 'nope'/);
});
