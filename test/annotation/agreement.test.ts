// Agreement metrics against published values. Each expected number says where it came from.
import t from 'tap';
import { cohenKappa, fleissKappa, ratingsToTable } from '../../lib/annotation/kappa.js';
import { krippendorffAlpha } from '../../lib/annotation/krippendorff.js';
import { spanF1 } from '../../lib/annotation/span-f1.js';

const rep = <T>(v: T, n: number): T[] => new Array<T>(n).fill(v);
const close = (t: Tap.Test, got: number, want: number, decimals: number, msg: string) =>
  t.ok(Math.abs(got - want) < 1.5 * 10 ** -decimals, `${msg}: ${got} ≈ ${want} (${decimals} dp)`);

// Expanding a confusion table into two rating vectors (rows = rater 1's label, columns = rater 2's).
function fromTable(table: number[][]): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  table.forEach((row, i) => row.forEach((n, j) => { for (let k = 0; k < n; k++) { a.push(i); b.push(j); } }));
  return [a, b];
}

t.test("Cohen's kappa: scikit-learn's test_cohen_kappa values", async (t) => {
  // sklearn/metrics/tests/test_classification.py::test_cohen_kappa
  const y1 = [...rep(0, 40), ...rep(1, 60)];
  const y2 = [...rep(0, 20), ...rep(1, 20), ...rep(0, 10), ...rep(1, 50)];
  const kappa = cohenKappa(y1, y2);
  close(t, kappa, 0.348, 3, 'binary');
  t.equal(cohenKappa(y2, y1), kappa, 'symmetric');
  // Labels outside `labels` are ignored (same test: appending four 2s with labels=[0, 1]).
  t.equal(cohenKappa([...y1, 2, 2, 2, 2], [...y2, 2, 2, 2, 2], { labels: [0, 1] }), kappa);
  t.equal(cohenKappa(y1, y1), 1);
  close(t, cohenKappa([...rep(0, 46), ...rep(1, 44), ...rep(2, 10)], [...rep(0, 52), ...rep(1, 32), ...rep(2, 16)]), 0.8013, 4, '3 classes');
  const a = [...rep(0, 46), ...rep(1, 44), ...rep(2, 10)];
  const b = [...rep(0, 50), ...rep(1, 40), ...rep(2, 10)];
  close(t, cohenKappa(a, b), 0.9315, 4, 'unweighted');
  close(t, cohenKappa(a, b, { weights: 'linear' }), 0.9412, 4, 'linear weights');
  close(t, cohenKappa(a, b, { weights: 'quadratic' }), 0.9541, 4, 'quadratic weights');
  // String labels behave like numbers when their order matches.
  const s = (v: number) => ['lo', 'mid', 'top'][v]!;
  close(t, cohenKappa(a.map(s), b.map(s), { weights: 'quadratic' }), 0.9541, 4, 'string labels');
});

t.test("Cohen's kappa: the SAS example in statsmodels' test_inter_rater.py", async (t) => {
  // table10 = [[0,4,1],[0,8,0],[0,1,5]]: SAS prints simple kappa 0.4842 and weighted (linear,
  // weights [0,1,2]) kappa 0.4701 (statsmodels UnweightedCohens / TestWeightedCohens).
  const [a, b] = fromTable([[0, 4, 1], [0, 8, 0], [0, 1, 5]]);
  close(t, cohenKappa(a, b), 0.4842, 4, 'simple');
  close(t, cohenKappa(a, b, { weights: 'linear' }), 0.4701, 4, 'linear');
});

t.test("Cohen's kappa: missing ratings skipped, bad input named", async (t) => {
  // Kept pairs: (x,x) (x,x) (y,y) -> perfect agreement; the half-rated items would disagree.
  t.equal(cohenKappa(['x', null, 'y', 'x', 'y'], ['x', 'y', 'x', 'x', 'y'].map((v, i) => (i === 2 ? undefined : v))), 1, 'only items both rated count');
  t.ok(Number.isNaN(cohenKappa(['x', 'x'], ['x', 'x'])), 'no chance disagreement -> NaN (as sklearn)');
  t.throws(() => cohenKappa([1, 2], [1]), /a has 2 ratings but b has 1/);
  t.throws(() => cohenKappa([1], [1], { weights: 'cubic' as never }), /weights must be 'linear' or 'quadratic'/);
});

// Fleiss (1971), table 1: 30 patients, 6 psychiatrists, 5 diagnoses (as raw ratings in
// statsmodels' test_inter_rater.py, `diagnoses`).
const diagnoses = [
  [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
];

t.test("Fleiss' kappa: Fleiss 1971 and the Wikipedia example, as statsmodels", async (t) => {
  const { table, categories } = ratingsToTable(diagnoses);
  t.same(categories, [1, 2, 3, 4, 5]);
  // statsmodels test_aggregate_raters: column sums [26, 26, 30, 55, 43].
  t.same(categories.map((_, j) => table.reduce((s, r) => s + r[j]!, 0)), [26, 26, 30, 55, 43]);
  // statsmodels test_fleiss_kappa_irr: 0.4302445 (R irr::kappam.fleiss; Fleiss 1971 reports .430), 7 dp.
  close(t, fleissKappa(table), 0.4302445, 7, 'Fleiss 1971');
  // statsmodels test_fleiss_kappa: Wikipedia's 10 subjects x 14 raters table, kappa 0.210.
  const wiki = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
  ];
  close(t, fleissKappa(wiki), 0.21, 3, 'Wikipedia');
  t.throws(() => fleissKappa([[1, 1], [2, 1]]), /subject 1 has 3 ratings but subject 0 has 2/);
  t.throws(() => fleissKappa([[1, 1], [2]]), /table\[1\] has 1 columns, expected 2/);
});

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
// 12 units, values 1-5 with missing data. Published: nominal .743, ordinal .815, interval .849,
// ratio .797 (ordinal and ratio also asserted by fast-krippendorff's tests/test_krippendorff.py).
const K = null;
const kripp2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, K, K, K],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, K, 3],
  [K, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, K],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, K],
];

t.test("Krippendorff's alpha: Krippendorff's own worked example with missing values", async (t) => {
  close(t, krippendorffAlpha(kripp2011, { level: 'nominal' }), 0.743, 3, 'nominal');
  close(t, krippendorffAlpha(kripp2011, { level: 'ordinal' }), 0.815, 3, 'ordinal');
  close(t, krippendorffAlpha(kripp2011, { level: 'interval' }), 0.849, 3, 'interval');
  close(t, krippendorffAlpha(kripp2011, { level: 'ratio' }), 0.797, 3, 'ratio');
  // The same data as ordered strings with a domain (fast-krippendorff test_string_labels_ordinal_with_domain: .815).
  const names = ['very low', 'low', 'mid', 'high', 'very high'];
  const asStrings = kripp2011.map((row) => row.map((v) => (v === null ? null : names[v - 1]!)));
  close(t, krippendorffAlpha(asStrings, { level: 'ordinal', domain: names }), 0.815, 3, 'ordinal strings');
  // Unit 12 has one value only: it is not pairable, so removing it changes nothing.
  const without12 = kripp2011.map((row) => row.slice(0, 11));
  t.equal(krippendorffAlpha(without12, { level: 'interval' }), krippendorffAlpha(kripp2011, { level: 'interval' }), 'lone values are missing data, not disagreement');
});

t.test("Krippendorff's alpha: Wikipedia example and Krippendorff's binary example", async (t) => {
  // fast-krippendorff tests: nominal 0.691358, interval 0.810845 (Wikipedia's 3 coders x 15 units).
  const wiki = [
    [K, K, K, K, K, 3, 4, 1, 2, 1, 1, 3, 3, K, 3],
    [1, K, 2, 1, 3, 3, 4, 3, K, K, K, K, K, K, K],
    [K, K, 2, 1, 3, 4, 4, K, 2, 1, 1, 3, 3, K, 4],
  ];
  close(t, krippendorffAlpha(wiki, { level: 'nominal' }), 0.691358, 6, 'nominal');
  close(t, krippendorffAlpha(wiki, { level: 'interval' }), 0.810845, 6, 'interval');
  // Krippendorff (2011) section A: binary data, two observers, alpha = 0.095.
  close(t, krippendorffAlpha([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]), 0.095, 3, 'binary');
  // fast-krippendorff test_string_labels_nominal: 0.722222.
  close(t, krippendorffAlpha([['pos', 'neg', 'neu', K], ['pos', 'neg', 'neu', 'pos'], ['pos', 'neg', 'pos', 'pos']]), 0.722222, 6, 'string nominal');
  t.equal(krippendorffAlpha([[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]], { level: 'interval' }), 1);
  t.throws(() => krippendorffAlpha([[1, K], [K, 2]]), /no unit has values from two or more coders/);
  t.throws(() => krippendorffAlpha([['a', 'b'], ['a', 'b']], { level: 'interval' }), /interval data must be numbers/);
  t.throws(() => krippendorffAlpha([[1, 2], [1, 3]], { domain: [1, 2] }), /data\[1\]\[1\] = 3 is not in options.domain/);
});

t.test('span F1: exact and overlap matching, hand-computed', async (t) => {
  // Reference: PER 0-5, ORG 10-20, LOC 30-35. Other: PER 0-5 (exact hit), ORG 12-20 (overlap
  // only), LOC 40-45 (miss), PER 50-52 (extra).
  const a = [{ start: 0, end: 5, label: 'PER' }, { start: 10, end: 20, label: 'ORG' }, { start: 30, end: 35, label: 'LOC' }];
  const b = [{ start: 0, end: 5, label: 'PER' }, { start: 12, end: 20, label: 'ORG' }, { start: 40, end: 45, label: 'LOC' }, { start: 50, end: 52, label: 'PER' }];
  // exact: tp 1, P = 1/4, R = 1/3, F1 = 2*1/(3+4) = 2/7.
  const ex = spanF1(a, b, { match: 'exact' });
  t.same([ex.truePositives, ex.falsePositives, ex.falseNegatives], [1, 3, 2]);
  close(t, ex.precision, 0.25, 12, 'exact P');
  close(t, ex.recall, 1 / 3, 12, 'exact R');
  close(t, ex.f1, 2 / 7, 12, 'exact F1');
  // overlap: tp 2, F1 = 4/7.
  close(t, spanF1(a, b, { match: 'overlap' }).f1, 4 / 7, 12, 'overlap F1');
  // Label mismatch blocks a match unless labels: false.
  t.equal(spanF1([{ start: 0, end: 4, label: 'PER' }], [{ start: 0, end: 4, label: 'ORG' }]).f1, 0);
  t.equal(spanF1([{ start: 0, end: 4, label: 'PER' }], [{ start: 0, end: 4, label: 'ORG' }], { labels: false }).f1, 1);
  // One long span overlapping two short ones counts once.
  const one = spanF1([{ start: 0, end: 10, label: 'X' }], [{ start: 0, end: 3, label: 'X' }, { start: 5, end: 9, label: 'X' }], { match: 'overlap' });
  t.same([one.truePositives, one.falsePositives, one.falseNegatives], [1, 1, 0]);
  // Several items, micro-averaged: item 1 as above (tp 1 of 3 vs 4), item 2 both empty -> F1 2/7.
  close(t, spanF1([a, []], [b, []]).f1, 2 / 7, 12, 'micro over items');
  t.equal(spanF1([], []).f1, 1, 'two empty sides agree');
  t.throws(() => spanF1([{ start: 5, end: 2, label: 'X' }], []), /a\[0\] must be \{ start, end, label \}/);
});
