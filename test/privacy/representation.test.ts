import t from 'tap';
import {
  auditRepresentation, representationAuditStep, RepresentationAuditor, firstNamesByGender, NATIONALITIES, reweight, stratifiedSample,
} from '../../lib/index.js';

t.test('counts, shares, rates and flags', async (t) => {
  const r = auditRepresentation(['She said her mother called.', 'He agreed.'], { minCount: 1 });
  t.equal(r.documents, 2);
  t.equal(r.words, 7);
  t.same(r.lexicons.gender!.counts, { female: 3, male: 1 });
  t.same(r.lexicons.gender!.shares, { female: 0.75, male: 0.25 });
  t.equal(r.lexicons.gender!.imbalance, 3);
  t.ok(Math.abs(r.lexicons.gender!.ratePerThousand.female! - 3000 / 7) < 1e-9);
  t.same(r.lexicons.pronouns!.counts, { she: 2, he: 1, they: 0 });
  t.equal(r.lexicons.pronouns!.imbalance, Infinity);
  t.same(r.flags, ['gender', 'pronouns']);
  t.same(auditRepresentation(['She said her mother called.', 'He agreed.']).flags, [], 'below minCount nothing is flagged');
});

t.test('custom lexicons: names by gender and nationalities', async (t) => {
  const names = firstNamesByGender();
  t.ok(names.female!.includes('sarah') && names.male!.includes('david'));
  t.notOk(names.female!.includes('jordan') && names.male!.includes('jordan'), 'names on both lists are left out');
  const a = new RepresentationAuditor({ lexicons: { names, nationality: NATIONALITIES }, minCount: 1 });
  const c = a.add('Sarah met David and Tom, a German and a French engineer.');
  t.same(c.counts.names, { female: 1, male: 2 });
  t.same(c.counts.nationality, { german: 1, french: 1 });
  t.throws(() => new RepresentationAuditor({ lexicons: { x: { a: ['two words'] } } }), { code: 'BIAS_BAD_LEXICON' });
});

t.test('as a pipeline step', async (t) => {
  const step = representationAuditStep({ minCount: 1 });
  const out = await step.process!({ id: '1', text: 'She and her sister.', meta: {} });
  t.same((out as { meta: Record<string, unknown> }).meta.representation, { gender: { female: 3 }, pronouns: { she: 2 } });
  t.same(step.stats.counters, { 'gender.female': 3, 'pronouns.she': 2 });
  t.same(step.report().lexicons.gender!.counts, { female: 3, male: 0 });
});

t.test('reweight to a target distribution', async (t) => {
  const items = ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b'];
  const w = reweight(items, { groupOf: (x) => x });
  // uniform target: a is 0.75 of the data -> 0.5 / 0.75; b is 0.25 -> 0.5 / 0.25
  t.ok(Math.abs(w[0]! - 2 / 3) < 1e-12);
  t.equal(w[7], 2);
  t.ok(Math.abs(w.reduce((s, x) => s + x, 0) - items.length) < 1e-9, 'weights average 1');
  const w2 = reweight(items, { groupOf: (x) => x, target: { a: 1, b: 0 } });
  t.equal(w2[7], 0);
});

t.test('stratified sampling', async (t) => {
  const items = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1', 'b2'];
  const g = (x: string) => x[0]!;
  const s = stratifiedSample(items, { groupOf: g, seed: 3 });
  t.equal(s.length, 4, 'largest balanced sample without replacement: 2 + 2');
  t.same(s.map(g).sort(), ['a', 'a', 'b', 'b']);
  t.same(stratifiedSample(items, { groupOf: g, seed: 3 }), s, 'same seed, same sample');
  const s2 = stratifiedSample(items, { groupOf: g, target: { a: 3, b: 1 }, n: 4 });
  t.same(s2.map(g).sort(), ['a', 'a', 'a', 'b']);
  t.throws(() => stratifiedSample(items, { groupOf: g, n: 8 }), { code: 'BIAS_GROUP_TOO_SMALL' });
  t.equal(stratifiedSample(items, { groupOf: g, n: 8, replace: true }).filter((x) => x[0] === 'b').length, 4);
});
