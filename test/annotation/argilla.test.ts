import t from 'tap';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importArgilla, toArgillaRecords, writeArgillaDataset } from '../../lib/annotation/argilla.js';
import { aggregateLabels } from '../../lib/annotation/aggregate.js';
import { spanF1 } from '../../lib/annotation/span-f1.js';
import type { DataRecord } from '../../lib/data/record.js';

const dir = mkdtempSync(join(tmpdir(), 'lmforge-argilla-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const records: DataRecord[] = [
  { id: 'a1', text: 'Ada Lovelace wrote to Charles Babbage from London.', meta: { source: 'letters', year: 1843 } },
  { id: 'a2', text: 'Write to ada@example.com for the notes.', meta: { source: 'mail' } },
];

t.test('export: records in Argilla 2.x to_dict shape, settings with guidelines, suggestions', async (t) => {
  // Names are the point of this NER task, so redaction is explicitly off here.
  const exp = toArgillaRecords(records, {
    task: 'spans', labels: ['PER', 'LOC'], guidelines: 'Mark people and places.', metadata: ['source', 'year'], redact: false,
    preannotate: (text) => (text.startsWith('Ada') ? { spans: [{ start: 0, end: 12, label: 'PER' }], score: 0.8 } : undefined),
    modelVersion: 'ner-v1',
  });
  t.same(exp.records[0], {
    id: 'a1',
    fields: { text: 'Ada Lovelace wrote to Charles Babbage from London.' },
    metadata: { source: 'letters', year: 1843 },
    suggestions: { span: { value: [{ start: 0, end: 12, label: 'PER' }], agent: 'ner-v1', score: 0.8 } },
    responses: {},
  });
  t.same(exp.records[1]!.suggestions, {}, 'no suggestion where the pre-annotator returns nothing');
  // Default export redacts PII (tag mode).
  const redacted = toArgillaRecords(records, { task: 'spans', labels: ['PER'] });
  t.equal(redacted.records[1]!.fields.text, 'Write to <EMAIL_ADDRESS> for the notes.');
  t.ok(redacted.stats.piiEntities >= 1);
  t.same(exp.settings.questions, [{ name: 'span', title: 'Spans', type: 'span', field: 'text', labels: ['PER', 'LOC'], allow_overlapping: false, required: true }]);
  t.equal(exp.settings.guidelines, 'Mark people and places.');
  t.same(exp.settings.distribution, { strategy: 'overlap', min_submitted: 3 });
  const paths = await writeArgillaDataset(join(dir, 'ds'), exp);
  t.same(JSON.parse(readFileSync(paths.records, 'utf8')), exp.records);
  const cls = toArgillaRecords(records, { task: 'classification', labels: ['hist', 'other'], redact: false, preannotate: () => ({ label: 'hist' }) });
  t.same(cls.records[0]!.suggestions, { label: { value: 'hist', agent: 'lmforge' } });
  t.equal(cls.settings.questions[0]!.type, 'label_selection');
  t.throws(() => toArgillaRecords(records, { task: 'classification', labels: ['x'], redact: false, preannotate: () => ({ label: 'y' }) }), /label 'y' not in options.labels/);
});

t.test('import 2.x: responses per user, span agreement, rejects', async (t) => {
  const text = 'Ada Lovelace wrote to Charles Babbage from London.';
  // Hand-made like Argilla 2.x `dataset.records.to_list(flatten=False)` / `Record.to_dict()`.
  const exported = [
    {
      id: 'a1', _server_id: 'f0e1', fields: { text }, metadata: {}, vectors: {}, suggestions: {},
      responses: {
        span: [
          { value: [{ start: 0, end: 12, label: 'PER' }, { start: 22, end: 37, label: 'PER' }, { start: 43, end: 49, label: 'LOC' }], user_id: 'u1' },
          { value: [{ start: 0, end: 12, label: 'PER' }, { start: 30, end: 37, label: 'PER' }, { start: 43, end: 49, label: 'LOC' }], user_id: 'u2' },
          { value: [{ start: 0, end: 12, label: 'PER' }], user_id: 'u3', status: 'discarded' },
        ],
      },
    },
    { id: 'a2', fields: { text: 'x' }, responses: { span: [{ value: [{ start: 0, end: 5, label: 'PER' }], user_id: 'u1' }] } },
    { id: 'a3', fields: {}, responses: {} },
  ];
  const file = join(dir, 'records.json');
  writeFileSync(file, JSON.stringify(exported));
  const rejectsPath = join(dir, 'rejects.jsonl');
  const res = await importArgilla(file, { rejectsPath });
  t.equal(res.items.length, 2);
  t.equal(res.stats.skipped, 1, 'discarded response skipped');
  const [u1, u2] = res.items[0]!.annotations;
  t.equal(u1!.annotator, 'u1');
  t.same(u1!.spans![1], { start: 22, end: 37, label: 'PER', text: 'Charles Babbage' });
  // Exact: 2 of 3 spans agree -> F1 = 2*2/(3+3) = 2/3. Overlap: "Babbage" overlaps "Charles Babbage" -> 1.
  t.equal(spanF1(u1!.spans!, u2!.spans!, { match: 'exact' }).f1, 2 / 3);
  t.equal(spanF1(u1!.spans!, u2!.spans!, { match: 'overlap' }).f1, 1);
  const agg = aggregateLabels(res.items.slice(0, 1), { task: 'spans' });
  // Two annotators: spans both chose are kept; spans only one chose are exactly half -> tie -> review.
  t.same(agg.review[0]!.reasons, ['tie']);
  t.same(agg.review[0]!.spans, [{ start: 0, end: 12, label: 'PER' }, { start: 43, end: 49, label: 'LOC' }]);
  t.equal(agg.review[0]!.agreement, 2 / 3);
  const rejects = readFileSync(rejectsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  t.same(rejects, [
    { file, item: 1, itemId: 'a2', field: 'responses.span[0].start', reason: 'span [0, 5) is outside the text (length 1) (user u1)' },
    { file, item: 2, itemId: 'a3', field: 'fields.text', reason: 'missing or not a string' },
  ]);
  t.same(res.items[1]!.annotations, [], 'a2 kept (with its rejected answer listed), no silent loss');
});

t.test('import 1.x FeedbackDataset records and unknown formats', async (t) => {
  const v1 = await importArgilla({
    records: [
      {
        external_id: 'b1', fields: { text: 'good' }, metadata: {},
        responses: [
          { user_id: 'u1', values: { label: { value: 'pos' } }, status: 'submitted' },
          { user_id: 'u2', values: { label: { value: 'neg' } }, status: 'submitted' },
          { user_id: 'u3', values: { label: { value: 'pos' } }, status: 'draft' },
        ],
        suggestions: [],
      },
    ],
  });
  t.same(v1.items[0]!.annotations, [{ annotator: 'u1', label: 'pos' }, { annotator: 'u2', label: 'neg' }]);
  t.equal(v1.stats.skipped, 1);
  t.same(aggregateLabels(v1.items).review.map((i) => i.reasons), [['tie']], '1-1 tie goes to review');
  await t.rejects(importArgilla({ rows: [] }, { file: 'x.json' }), /x.json is not an Argilla records export/);
  await t.rejects(importArgilla([{ text: 'a', 'label.responses': ['pos'] }], { file: 'flat.json' }), /none of the 1 records in flat.json has the Argilla 1.x or 2.x record shape/);
  const odd = await importArgilla([{ id: 'c', fields: { text: 't' }, responses: 'yes' }, { id: 'd', fields: { text: 't' }, responses: {} }], { file: 'odd.json' });
  t.same(odd.rejects.map((r) => [r.item, r.field]), [[0, 'responses']]);
});
