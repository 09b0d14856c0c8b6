import t from 'tap';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importLabelStudio, toLabelStudioTasks, writeLabelStudioProject, labelStudioConfig } from '../../lib/annotation/labelstudio.js';
import { aggregateLabels, labelAgreement } from '../../lib/annotation/aggregate.js';
import { spanF1 } from '../../lib/annotation/span-f1.js';
import type { DataRecord } from '../../lib/data/record.js';

const dir = mkdtempSync(join(tmpdir(), 'lmforge-ls-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const records: DataRecord[] = [
  { id: 'r1', text: 'Great service, would come again.', meta: {} },
  { id: 'r2', text: 'Contact me at jane.doe@example.com about the refund.', meta: {} },
  { id: 'r3', text: 'The parcel arrived on Tuesday.', meta: {} },
  { id: 'r4', text: 'It works, I guess, but the manual is useless.', meta: {} },
  { id: 'r5', text: 'Broken on arrival and nobody answers.', meta: {} },
  { id: 'r6', text: 'Fast and friendly.', meta: {} },
];

type Result = Record<string, unknown>;
const choice = (label: string): Result => ({ id: 'x', from_name: 'label', to_name: 'text', type: 'choices', value: { choices: [label] }, origin: 'manual' });
const annotation = (user: number, result: Result[], extra: Record<string, unknown> = {}) => ({
  id: user * 100, completed_by: user, result, was_cancelled: false, ground_truth: false, lead_time: 3.2, ...extra,
});

t.test('export: tasks, config, guidelines, PII redacted by default', async (t) => {
  const exp = toLabelStudioTasks(records, { task: 'classification', labels: ['pos', 'neg', 'neu'], guidelines: 'Label the sentiment of the customer.' });
  t.equal(exp.tasks.length, 6);
  t.equal(exp.tasks[1]!.data.text, 'Contact me at <EMAIL_ADDRESS> about the refund.', 'email replaced by its tag');
  t.equal(exp.tasks[1]!.data.lmforge_id, 'r2');
  t.equal(exp.stats.recordsRedacted, 1);
  t.equal(exp.project.expert_instruction, 'Label the sentiment of the customer.');
  t.equal(exp.project.maximum_annotations, 3, 'three annotators per task by default');
  t.equal(exp.project.overlap_cohort_percentage, 100);
  t.throws(() => toLabelStudioTasks(records, { task: 'classification', labels: ['pos'], annotatorsPerTask: 0 }), /annotatorsPerTask must be a positive integer/);
  t.match(exp.labelConfig, /<Choices name="label" toName="text" choice="single"/);
  t.match(exp.labelConfig, /<Choice value="neu"\/>/);
  const raw = toLabelStudioTasks(records, { task: 'classification', labels: ['pos', 'neg', 'neu'], redact: false });
  t.equal(raw.tasks[1]!.data.text, records[1]!.text, 'redact: false keeps the text (explicit opt-out)');
  t.equal(raw.stats.redacted, false);
  const pseudo = toLabelStudioTasks(records, { task: 'classification', labels: ['pos', 'neg', 'neu'], redact: { mode: 'pseudonym', secret: 'k' } });
  t.notMatch(pseudo.tasks[1]!.data.text, /jane\.doe/);
  t.match(pseudo.tasks[1]!.data.text, /@example\.com/, 'pseudonym mode writes a realistic fake');
  const paths = await writeLabelStudioProject(join(dir, 'project'), exp);
  t.same(JSON.parse(readFileSync(paths.tasks, 'utf8')), exp.tasks);
  t.match(readFileSync(paths.config, 'utf8'), /^<View>/);
  t.throws(() => toLabelStudioTasks(records, { task: 'classification', labels: [] }), /options.labels must be a non-empty array/);
  t.throws(() => toLabelStudioTasks([...records, records[0]!], { task: 'classification', labels: ['pos'] }), /repeats id r1/);
});

t.test('export: pre-annotations become predictions, spans config', async (t) => {
  const exp = toLabelStudioTasks(records.slice(0, 2), {
    task: 'spans', labels: ['EMAIL', 'DAY'], redact: false, modelVersion: 'detector-1',
    preannotate: (text) => {
      const m = /\S+@\S+\.com/.exec(text);
      return m ? { spans: [{ start: m.index, end: m.index + m[0].length, label: 'EMAIL' }], score: 0.9 } : undefined;
    },
  });
  t.notOk(exp.tasks[0]!.predictions, 'no prediction when the detector finds nothing');
  const pred = exp.tasks[1]!.predictions![0]!;
  t.equal(pred.model_version, 'detector-1');
  t.same(pred.result[0]!.value, { start: 14, end: 34, text: 'jane.doe@example.com', labels: ['EMAIL'] });
  t.equal(labelStudioConfig('spans', ['A&B']), '<View>\n  <Labels name="label" toName="text">\n    <Label value="A&amp;B"/>\n  </Labels>\n  <Text name="text" value="$text"/>\n</View>');
  t.throws(() => toLabelStudioTasks(records.slice(0, 1), { task: 'spans', labels: ['X'], redact: false, preannotate: () => ({ spans: [{ start: 0, end: 999, label: 'X' }] }) }), /offsets outside the text/);
});

t.test('round trip with 3 annotators: export -> annotate -> import -> agreement', async (t) => {
  const exp = toLabelStudioTasks(records, { task: 'classification', labels: ['pos', 'neg', 'neu'] });
  // Simulated annotation in Label Studio: users 11, 12, 13 label every task. Label Studio adds task
  // ids and an `annotations` list to each task on export.
  const labels: Record<string, [string, string, string | null]> = {
    r1: ['pos', 'pos', 'pos'],
    r2: ['neg', 'neg', 'pos'],
    r3: ['neu', 'neu', 'neu'],
    r4: ['pos', 'neg', 'neu'],
    r5: ['neg', 'neg', 'neg'],
    r6: ['pos', 'pos', null], // user 13's answer is malformed (below): missing data, not disagreement
  };
  const exported: unknown[] = exp.tasks.map((task, i) => {
    const [a, b, c] = labels[task.data.lmforge_id]!;
    const anns: unknown[] = [annotation(11, [choice(a)]), annotation(12, [choice(b)])];
    if (c !== null) anns.push(annotation(13, [choice(c)]));
    else anns.push(annotation(13, [{ from_name: 'label', to_name: 'text', type: 'choices', value: {} }]));
    // User 14 opened r3 and cancelled (skipped) it.
    if (task.data.lmforge_id === 'r3') anns.push(annotation(14, [], { was_cancelled: true }));
    return { id: 1000 + i, data: task.data, annotations: anns, predictions: [], project: 7 };
  });
  // A task without data (e.g. hand-edited file) must be rejected, not dropped silently.
  exported.push({ id: 2000, annotations: [] });
  const file = join(dir, 'export.json');
  writeFileSync(file, JSON.stringify(exported));
  const rejectsPath = join(dir, 'rejects.jsonl');
  const imported = await importLabelStudio(file, { rejectsPath });

  t.equal(imported.items.length, 6);
  t.same(imported.items.map((it) => it.id), ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'], 'lmforge ids come back');
  t.equal(imported.items[1]!.text, 'Contact me at <EMAIL_ADDRESS> about the refund.');
  t.equal(imported.stats.skipped, 1, 'the cancelled annotation is counted as skipped');
  t.equal(imported.stats.annotations, 19, '18 answers + 1 cancelled (the data-less task has none)');
  const rejects = readFileSync(rejectsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  t.same(rejects, [
    { file, item: 5, itemId: 'r6', field: 'annotations[2].result[0].value.choices', reason: 'expected a non-empty list of strings' },
    { file, item: 6, itemId: '2000', field: 'data', reason: 'missing task data (not a Label Studio JSON task; JSON-MIN and CSV exports are not supported)' },
  ]);
  // Accounting: 18 answers = 17 used + 1 rejected; 1 cancelled.
  t.equal(imported.items.reduce((s, it) => s + it.annotations.length, 0), 17);

  const agreement = labelAgreement(imported.items);
  t.same(agreement.annotators, ['11', '12', '13']);
  // Hand-computed (see the table above):
  // Fleiss over r1..r5 (3 raters, categories neg/neu/pos): P_i = 1, 1/3, 1, 0, 1 -> Pbar = 2/3;
  //   p = (6, 4, 5)/15 -> Pe = 77/225; kappa = (2/3 - 77/225) / (1 - 77/225) = 73/148.
  t.equal(agreement.fleissItems, 5);
  t.ok(Math.abs(agreement.fleiss - 73 / 148) < 1e-12, `fleiss ${agreement.fleiss} = 73/148`);
  // Krippendorff nominal over r1..r6: coincidences o(neg,neg)=4, o(neu,neu)=3, o(pos,pos)=5,
  //   o(neg,pos)=1.5, o(neg,neu)=.5, o(neu,pos)=.5 (each both ways); n_c = 6, 4, 7, n = 17;
  //   alpha = 1 - (n-1) * 5 / (2 * (6*4 + 6*7 + 4*7)) = 1 - 80/188 = 27/47.
  t.ok(Math.abs(agreement.alpha - 27 / 47) < 1e-12, `alpha ${agreement.alpha} = 27/47`);
  // Raw agreement: 11 agreeing pairs of 16.
  t.equal(agreement.percentAgreement, 11 / 16);
  // Cohen 11 vs 12 over 6 items: po = 5/6, pe = (2*3 + 1*1 + 3*2)/36 = 13/36 -> kappa = 17/23.
  const ab = agreement.pairwiseCohen.find((p) => p.a === '11' && p.b === '12')!;
  t.ok(Math.abs(ab.kappa - 17 / 23) < 1e-12, `cohen ${ab.kappa} = 17/23`);
  t.equal(ab.items, 6);

  const agg = aggregateLabels(imported.items, { minAgreement: 0.6 });
  t.same(agg.resolved.map((i) => [i.id, i.label]), [['r1', 'pos'], ['r2', 'neg'], ['r3', 'neu'], ['r5', 'neg'], ['r6', 'pos']]);
  t.same(agg.review.map((i) => [i.id, i.reasons]), [['r4', ['tie', 'low-agreement']]], 'three-way tie goes to review, never broken');
  t.equal(agg.resolved[1]!.agreement, 2 / 3);
  const strict = aggregateLabels(imported.items, { minAgreement: 0.7, minAnnotations: 3 });
  t.same(strict.review.map((i) => [i.id, i.reasons]), [['r2', ['low-agreement']], ['r4', ['tie', 'low-agreement']], ['r6', ['too-few-annotations']]]);
});

t.test('import: legacy completions, bad shapes, unknown formats', async (t) => {
  const legacy = await importLabelStudio([{ id: 1, data: { text: 'abc' }, completions: [{ completed_by: { id: 3, email: 'a@b.c' }, result: [choice('x')] }] }]);
  t.same(legacy.items[0]!.annotations, [{ annotator: 'a@b.c', label: 'x', spans: [] }]);
  const spans = await importLabelStudio([
    {
      id: 9, data: { text: 'Ada Lovelace met Babbage.' },
      annotations: [
        annotation(1, [{ from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 12, labels: ['PER'] } }]),
        annotation(2, [{ from_name: 'label', to_name: 'text', type: 'labels', value: { start: 17, end: 40, labels: ['PER'] } }]),
        annotation(3, [{ from_name: 'label', to_name: 'text', type: 'rectanglelabels', value: {} }]),
        annotation(1, [choice('x')]),
      ],
    },
  ], { file: 'ner.json' });
  t.same(spans.items[0]!.annotations, [{ annotator: '1', spans: [{ start: 0, end: 12, label: 'PER', text: 'Ada Lovelace' }] }]);
  t.same(spans.rejects.map((r) => [r.file, r.item, r.field]), [
    ['ner.json', 0, 'annotations[1].result[0].value.start'],
    ['ner.json', 0, 'annotations[2].result[0].type'],
    ['ner.json', 0, 'annotations[3].completed_by'],
  ]);
  await t.rejects(importLabelStudio({ tasks: [] } as never, { file: 'odd.json' }), /odd.json is not a Label Studio JSON export/);
  await t.rejects(importLabelStudio([{ text: 'a', label: 'b' }], { file: 'min.json' }), /none of the 1 items in min.json has a 'data' object/);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '[{"data": ');
  await t.rejects(importLabelStudio(bad), /bad.json is not valid JSON/);
  await t.rejects(importLabelStudio(join(dir, 'missing.json')), /cannot read .*missing.json/);
});

t.test('fixture: a Label Studio NER export with 3 annotators (all the fields LS writes)', async (t) => {
  // test/fixtures/annotation/labelstudio-ner-export.json, shaped like Label Studio 1.x's JSON export.
  const file = new URL('../fixtures/annotation/labelstudio-ner-export.json', import.meta.url).pathname;
  const res = await importLabelStudio(file);
  t.equal(res.rejects.length, 0);
  t.same(res.items.map((i) => [i.id, i.annotations.length]), [['news-1', 3], ['news-2', 3]]);
  const by = (u: string) => res.items.map((it) => it.annotations.find((a) => a.annotator === u)!.spans!);
  // Hand-computed, micro over both tasks. 1 vs 2: exact tp 2 + 2 of 5 and 5 spans -> F1 8/10;
  // with overlap "Angela Merkel" ~ "Merkel" also matches -> 10/10.
  t.equal(spanF1(by('1'), by('2'), { match: 'exact' }).f1, 0.8);
  t.equal(spanF1(by('1'), by('2'), { match: 'overlap' }).f1, 1);
  // 1 vs 3: LOC vs ORG on "Paris" differs; 3 marked nothing in task 2 -> tp 2 of 5 and 3 -> 4/8.
  const r13 = spanF1(by('1'), by('3'));
  t.same([r13.f1, r13.precision, r13.recall], [0.5, 2 / 3, 0.4]);
  const agg = aggregateLabels(res.items, { task: 'spans' });
  t.equal(agg.review.length, 0, 'three annotators cannot tie on a span');
  t.same(agg.resolved[0]!.spans, [{ start: 0, end: 12, label: 'PER' }, { start: 21, end: 26, label: 'LOC' }, { start: 32, end: 45, label: 'PER' }]);
  t.same(agg.resolved[1]!.spans, [{ start: 4, end: 10, label: 'ORG' }, { start: 18, end: 28, label: 'LOC' }]);
  // Mean pairwise exact F1: task 1 (2/3 + 2/3 + 1/3) / 3 = 5/9; task 2 (1 + 0 + 0) / 3 = 1/3.
  t.ok(Math.abs(agg.resolved[0]!.agreement - 5 / 9) < 1e-12);
  t.ok(Math.abs(agg.resolved[1]!.agreement - 1 / 3) < 1e-12);
  t.equal(aggregateLabels(res.items, { task: 'spans', minAgreement: 0.5 }).review.map((i) => i.id).join(), 'news-2');
});
