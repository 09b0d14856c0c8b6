import t from 'tap';
import { fileURLToPath } from 'node:url';
import { evaluatePII, parseLabelledJsonl } from '../../lib/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/privacy/${name}`, import.meta.url));

t.test('hand-computed char and entity scores', async (t) => {
  // gold: [0,4) PERSON, [6,10) EMAIL; predicted: [2,5) PERSON, [6,10) EMAIL.
  const r = evaluatePII([{ text: 'abcdefghij', spans: [{ start: 0, end: 4, type: 'PERSON' }, { start: 6, end: 10, type: 'EMAIL_ADDRESS' }] }], {
    detector: () => [{ start: 2, end: 5, type: 'PERSON' }, { start: 6, end: 10, type: 'EMAIL_ADDRESS' }],
  });
  // tp = 2 + 4, fp = 1 (char 4), fn = 2 (chars 0, 1)
  t.equal(r.chars.truePositive, 6);
  t.equal(r.chars.falsePositive, 1);
  t.equal(r.chars.falseNegative, 2);
  t.equal(r.chars.precision, 6 / 7);
  t.equal(r.chars.recall, 0.75);
  t.ok(Math.abs(r.chars.f1 - 0.8) < 1e-12);
  // PERSON has 2 of 4 chars flagged (< 90%): not found.
  t.same(r.entities, { total: 2, found: 1, recall: 0.5 });
  t.equal(r.byType.PERSON!.recall, 0);
  t.equal(r.byType.EMAIL_ADDRESS!.recall, 1);
  t.equal(r.byType.PERSON!.charPrecision, 2 / 3);
  t.same(r.misses, [{ id: 'labelled[0]', type: 'PERSON', text: 'abcd' }]);
});

t.test('typeMatters counts a flagged char only for the same type', async (t) => {
  const doc = { text: 'abcd', spans: [{ start: 0, end: 4, type: 'PERSON' }] };
  const detector = () => [{ start: 0, end: 4, type: 'LOCATION' }];
  t.equal(evaluatePII([doc], { detector }).entities.recall, 1);
  t.equal(evaluatePII([doc], { detector, typeMatters: true }).entities.recall, 0);
});

t.test('JSONL parsing names the line', async (t) => {
  t.equal(parseLabelledJsonl('{"text":"ab","label":[[0,1,"PERSON"]]}\n\n').length, 1, 'doccano label arrays');
  t.throws(() => parseLabelledJsonl('{"text":"ab","spans":[]}\n{oops'), /input:2: not valid JSON/);
  t.throws(() => parseLabelledJsonl('{"text":"ab","spans":[{"start":1,"end":9,"type":"X"}]}'), /spans\[0\]/);
  t.throws(() => evaluatePII('/no/such/file.jsonl'), { code: 'PII_BAD_LABELS' });
});

// The goal, on the labelled sets under test/fixtures/privacy (see make-*.mjs there).
for (const name of ['pii-eval.jsonl', 'pii-holdout.jsonl', 'pii-holdout2.jsonl', 'pii-holdout3.jsonl', 'pii-holdout5.jsonl',
  'pii-holdout6.jsonl', 'pii-holdout7.jsonl', 'pii-holdout9.jsonl', 'pii-holdout10.jsonl']) {
  t.test(`goal on ${name}: entity recall and char precision >= 0.97`, async (t) => {
    const r = evaluatePII(fixture(name));
    t.ok(r.entities.recall >= 0.97, `entity recall ${r.entities.recall.toFixed(4)}`);
    t.ok(r.chars.precision >= 0.97, `char precision ${r.chars.precision.toFixed(4)}`);
  });
}

// Sets still below the goal keep a regression floor instead: hold-out 4 (lower-case chat handles
// that are unknown given names), hold-out 8 (an ambiguous given name as a chat handle, a nickname,
// a phone number after "in case:"), hold-out 11 (a lower-case name typed as a chat answer), and
// hold-out 12, scored once with the final rules and never tuned on (first run 0.912 / 0.987, see
// bench/pii.mjs).
for (const [name, floor] of [['pii-holdout4.jsonl', 0.94], ['pii-holdout8.jsonl', 0.94], ['pii-holdout11.jsonl', 0.94], ['pii-holdout12.jsonl', 0.9]] as const) {
  t.test(`regression floor on ${name}`, async (t) => {
    const r = evaluatePII(fixture(name));
    t.ok(r.entities.recall >= floor, `entity recall ${r.entities.recall.toFixed(4)}`);
    t.ok(r.chars.precision >= 0.95, `char precision ${r.chars.precision.toFixed(4)}`);
  });
}
