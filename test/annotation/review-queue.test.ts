import t from 'tap';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aggregateLabels } from '../../lib/annotation/aggregate.js';
import { writeReviewQueue } from '../../lib/annotation/review-queue.js';
import type { AnnotatedItem } from '../../lib/annotation/types.js';

const dir = mkdtempSync(join(tmpdir(), 'lmforge-review-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const items: AnnotatedItem[] = [
  { id: 'ok', text: 'fine', meta: {}, annotations: [{ annotator: 'ann', label: 'pos' }, { annotator: 'bob', label: 'pos' }] },
  { id: 'tie', text: 'Is <script>alert(1)</script> & "this" good?', meta: {}, annotations: [{ annotator: 'ann', label: 'pos' }, { annotator: 'bob', label: 'neg' }] },
  { id: 'none', text: 'nobody looked', meta: {}, annotations: [] },
];

t.test('review queue: JSONL and a self-contained HTML page', async (t) => {
  const agg = aggregateLabels(items);
  t.same(agg.review.map((i) => [i.id, i.reasons]), [['tie', ['tie']], ['none', ['too-few-annotations']]]);
  t.same(agg.stats, { items: 3, resolved: 1, review: 2, ties: 1, lowAgreement: 0, tooFewAnnotations: 1 });
  const jsonlPath = join(dir, 'review.jsonl');
  const htmlPath = join(dir, 'review.html');
  const res = await writeReviewQueue(agg.review, { jsonlPath, htmlPath, title: 'Sentiment review', guidelines: 'Pick the customer mood.' });
  t.equal(res.count, 2);
  const lines = readFileSync(jsonlPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  t.same(lines[0], {
    id: 'tie', text: items[1]!.text, reasons: ['tie'], agreement: 0.5, votes: { pos: 1, neg: 1 },
    annotations: [{ annotator: 'ann', label: 'pos' }, { annotator: 'bob', label: 'neg' }],
  });
  const html = readFileSync(htmlPath, 'utf8');
  t.match(html, /^<!DOCTYPE html>/);
  t.match(html, /<title>Sentiment review<\/title>/);
  t.match(html, /Is &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;this&quot; good\?/, 'text escaped');
  t.notMatch(html, /<script/i, 'no scripts');
  t.notMatch(html, /(src|href)=/i, 'no external assets');
  // Side by side: each annotator's box with their label.
  t.match(html, /<div class="ann"><h4>ann<\/h4>\n<div class="label">pos<\/div>/);
  t.match(html, /<div class="ann"><h4>bob<\/h4>\n<div class="label">neg<\/div>/);
  t.match(html, /Pick the customer mood\./);
});

t.test('review queue: spans are marked per annotator', async (t) => {
  const spanItems: AnnotatedItem[] = [{
    id: 's', text: 'Ada met Charles', meta: {},
    annotations: [
      { annotator: 'u1', spans: [{ start: 0, end: 3, label: 'PER' }] },
      { annotator: 'u2', spans: [{ start: 0, end: 3, label: 'PER' }, { start: 8, end: 15, label: 'PER' }] },
    ],
  }];
  const agg = aggregateLabels(spanItems, { task: 'spans' });
  t.same(agg.review[0]!.reasons, ['tie']);
  const htmlPath = join(dir, 'spans.html');
  await writeReviewQueue(agg.review, { htmlPath });
  const html = readFileSync(htmlPath, 'utf8');
  t.match(html, /<mark title="PER">Ada<sub>PER<\/sub><\/mark> met Charles/);
  t.match(html, /<mark title="PER">Ada<sub>PER<\/sub><\/mark> met <mark title="PER">Charles<sub>PER<\/sub><\/mark>/);
  await t.rejects(writeReviewQueue(agg.review, {}), /options must be an object with jsonlPath and\/or htmlPath/);
});
