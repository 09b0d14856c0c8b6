import t from 'tap';
import {
  metricFrame, groupMetrics, selectionRate, demographicParityDifference, demographicParityRatio, equalizedOddsDifference,
  equalizedOddsRatio, LmforgeError,
} from '../../lib/index.js';

// Hand-computed example (values worked out on paper):
//   group a: yTrue 1 1 0 0, yPred 1 0 0 1 -> accuracy 0.5, selection 0.5, TPR 0.5, FPR 0.5
//   group b: yTrue 1 0 1 0, yPred 1 0 0 0 -> accuracy 0.75, selection 0.25, TPR 0.5, FPR 0
//   overall: accuracy 5/8, selection 3/8
const yTrue = [1, 1, 0, 0, 1, 0, 1, 0];
const yPred = [1, 0, 0, 1, 1, 0, 0, 0];
const sex = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
const close = (t: { ok: (v: boolean, m: string) => void }, a: number, b: number, msg: string) => t.ok(Math.abs(a - b) < 1e-12, `${msg}: ${a} vs ${b}`);

t.test('metricFrame overall, byGroup, difference, ratio', async (t) => {
  const mf = metricFrame({ metrics: { acc: groupMetrics.accuracy, sr: selectionRate }, yTrue, yPred, sensitiveFeatures: sex });
  t.same(mf.overall, { acc: 0.625, sr: 0.375 });
  t.same(mf.byGroup, { a: { acc: 0.5, sr: 0.5 }, b: { acc: 0.75, sr: 0.25 } });
  t.same(mf.groupSizes, { a: 4, b: 4 });
  t.same(mf.groupMin(), { acc: 0.5, sr: 0.25 });
  t.same(mf.groupMax(), { acc: 0.75, sr: 0.5 });
  t.same(mf.difference(), { acc: 0.25, sr: 0.25 });
  t.same(mf.difference({ method: 'to_overall' }), { acc: 0.125, sr: 0.125 });
  const r = mf.ratio();
  close(t, r.acc!, 2 / 3, 'acc ratio between groups');
  close(t, r.sr!, 0.5, 'sr ratio between groups');
  const ro = mf.ratio({ method: 'to_overall' });
  close(t, ro.acc!, 0.8, 'acc ratio to overall = min(0.5/0.625, 0.625/0.75)');
  close(t, ro.sr!, 2 / 3, 'sr ratio to overall = min(0.375/0.5, 0.25/0.375)');
  t.throws(() => mf.difference({ method: 'worst' as never }), LmforgeError);
});

t.test('single metric and intersectional groups', async (t) => {
  const age = ['y', 'o', 'y', 'o', 'y', 'o', 'y', 'o'];
  const mf = metricFrame({ metrics: groupMetrics.truePositiveRate, yTrue, yPred, sensitiveFeatures: { sex, age } });
  // a,y: rows 0,2 -> yTrue 1,0 yPred 1,0 -> TPR 1; a,o: rows 1,3 -> yTrue 1,0 yPred 0,1 -> TPR 0
  // b,y: rows 4,6 -> yTrue 1,1 yPred 1,0 -> TPR 0.5; b,o: rows 5,7 -> no positives -> 0 (sklearn zero_division)
  t.same(mf.byGroup, { 'a,o': { metric: 0 }, 'a,y': { metric: 1 }, 'b,o': { metric: 0 }, 'b,y': { metric: 0.5 } });
  t.equal(mf.overall.metric, 0.5);
});

t.test('fairness summaries', async (t) => {
  t.equal(demographicParityDifference(yTrue, yPred, { sensitiveFeatures: sex }), 0.25);
  t.equal(demographicParityRatio(yTrue, yPred, { sensitiveFeatures: sex }), 0.5);
  // TPR equal (0.5, 0.5); FPR 0.5 vs 0 -> worst case difference 0.5, ratio 0.
  t.equal(equalizedOddsDifference(yTrue, yPred, { sensitiveFeatures: sex }), 0.5);
  t.equal(equalizedOddsRatio(yTrue, yPred, { sensitiveFeatures: sex }), 0);
  t.equal(demographicParityDifference(['y', 'n'], ['y', 'n'], { sensitiveFeatures: ['a', 'b'], posLabel: 'y' }), 1);
  // All selection rates 0: fairlearn (numpy) gives nan for 0/0.
  t.ok(Number.isNaN(demographicParityRatio([0, 0], [0, 0], { sensitiveFeatures: ['a', 'b'] })));
});

t.test('bad input', async (t) => {
  t.throws(() => metricFrame({ metrics: groupMetrics.accuracy, yTrue: [1], yPred: [1, 0], sensitiveFeatures: ['a'] }), { code: 'BIAS_LENGTH_MISMATCH' });
  t.throws(() => metricFrame({ metrics: groupMetrics.accuracy, yTrue: [1], yPred: [1], sensitiveFeatures: ['a', 'b'] }), /sensitiveFeatures\[0\] has 2 rows/);
  t.throws(() => metricFrame({ metrics: {}, yTrue: [1], yPred: [1], sensitiveFeatures: ['a'] }), TypeError);
  t.throws(() => demographicParityDifference('x' as never, [1], { sensitiveFeatures: ['a'] }), TypeError);
});
