import t, { type Test } from 'tap';
import { accuracy, confusionMatrix, f1, fbeta, precision, precisionRecallFscore, recall, type ClassLabel as Label } from '../../lib/eval/metrics/classification.js';
import { LmforgeError } from '../../lib/errors.js';
import { rng } from './synthetic-runs.js';

const near = (tt: Test, got: number | number[], want: number | number[], msg: string): void => {
  const g = Array.isArray(got) ? got : [got];
  const w = Array.isArray(want) ? want : [want];
  tt.ok(g.length === w.length && g.every((v, i) => Math.abs(v - w[i]!) < 1e-12), `${msg}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
};

// Expected values: scikit-learn 1.2.1 (Debian python3-sklearn), precision_recall_fscore_support /
// accuracy_score / confusion_matrix / fbeta_score on exactly these inputs.
type Case = { yt: Label[]; yp: Label[]; acc: number; cm: number[][]; prf: Record<string, [number[] | number, number[] | number, number[] | number]>; f2macro: number };
const cases: Record<string, Case> = {
  binary: {
    yt: [0, 1, 1, 0, 1, 1, 0, 0, 1, 1], yp: [0, 1, 0, 0, 1, 1, 1, 0, 1, 0], acc: 0.7, cm: [[3, 1], [2, 4]],
    prf: {
      binary: [0.8, 0.6666666666666666, 0.7272727272727272],
      macro: [0.7, 0.7083333333333333, 0.6969696969696968],
      micro: [0.7, 0.7, 0.7],
      weighted: [0.7200000000000001, 0.7, 0.7030303030303029],
      none: [[0.6, 0.8], [0.75, 0.6666666666666666], [0.6666666666666665, 0.7272727272727272]],
    },
    f2macro: 0.7019704433497537,
  },
  strings: {
    yt: ['cat', 'dog', 'bird', 'cat', 'dog', 'cat', 'bird', 'bird', 'dog', 'cat'],
    yp: ['cat', 'cat', 'bird', 'cat', 'dog', 'dog', 'bird', 'cat', 'dog', 'bird'], acc: 0.6,
    cm: [[2, 1, 0], [1, 2, 1], [0, 1, 2]],
    prf: {
      macro: [0.611111111111111, 0.611111111111111, 0.611111111111111], micro: [0.6, 0.6, 0.6], weighted: [0.6, 0.6, 0.6],
      none: [[0.6666666666666666, 0.5, 0.6666666666666666], [0.6666666666666666, 0.5, 0.6666666666666666], [0.6666666666666666, 0.5, 0.6666666666666666]],
    },
    f2macro: 0.611111111111111,
  },
  // The example in sklearn's precision_score docstring.
  sklearnDoc: {
    yt: [0, 1, 2, 0, 1, 2], yp: [0, 2, 1, 0, 0, 1], acc: 0.3333333333333333, cm: [[2, 0, 0], [1, 0, 1], [0, 2, 0]],
    prf: {
      macro: [0.2222222222222222, 0.3333333333333333, 0.26666666666666666],
      micro: [0.3333333333333333, 0.3333333333333333, 0.3333333333333333],
      weighted: [0.2222222222222222, 0.3333333333333333, 0.26666666666666666],
      none: [[0.6666666666666666, 0, 0], [1, 0, 0], [0.8, 0, 0]],
    },
    f2macro: 0.30303030303030304,
  },
};

for (const [name, c] of Object.entries(cases)) {
  t.test(`sklearn parity: ${name}`, (tt) => {
    near(tt, accuracy(c.yt, c.yp), c.acc, 'accuracy');
    tt.same(confusionMatrix(c.yt, c.yp).matrix, c.cm, 'confusion matrix');
    for (const [avg, [p, r, f]] of Object.entries(c.prf)) {
      const average = avg === 'none' ? null : (avg as 'macro');
      near(tt, precision(c.yt, c.yp, { average }), p, `precision ${avg}`);
      near(tt, recall(c.yt, c.yp, { average }), r, `recall ${avg}`);
      near(tt, f1(c.yt, c.yp, { average }), f, `f1 ${avg}`);
    }
    near(tt, fbeta(c.yt, c.yp, 2, { average: 'macro' }), c.f2macro, 'f2 macro');
    tt.end();
  });
}

// 1000 seeded labels over 5 classes (60% correct, else random), scored by scikit-learn 1.2.1.
t.test('sklearn parity on 1000 generated labels', (tt) => {
  const r = rng(11);
  const yt = Array.from({ length: 1000 }, () => Math.floor(r() * 5));
  const yp = yt.map((y) => (r() < 0.6 ? y : Math.floor(r() * 5)));
  near(tt, accuracy(yt, yp), 0.686, 'accuracy');
  tt.same(confusionMatrix(yt, yp).matrix, [[152, 22, 18, 14, 14], [9, 130, 11, 24, 17], [11, 19, 144, 14, 21], [28, 14, 13, 126, 13], [12, 15, 16, 9, 134]]);
  const want: Record<string, number[][] | number[]> = {
    macro: [0.6854032089637778, 0.6860894444161522, 0.685383297295638],
    micro: [0.686, 0.686, 0.686],
    weighted: [0.6868387567623906, 0.686, 0.6860653274988574],
  };
  for (const [avg, [p, rc, f]] of Object.entries(want) as [string, number[]][]) {
    const got = precisionRecallFscore(yt, yp, { average: avg as 'macro' });
    near(tt, got.precision, p!, `precision ${avg}`); near(tt, got.recall, rc!, `recall ${avg}`); near(tt, got.fscore, f!, `f1 ${avg}`);
  }
  near(tt, precision(yt, yp, { average: null }), [0.7169811320754716, 0.65, 0.7128712871287128, 0.6737967914438503, 0.6733668341708543], 'per-label precision');
  near(tt, recall(yt, yp, { average: null }), [0.6909090909090909, 0.680628272251309, 0.6889952153110048, 0.6494845360824743, 0.7204301075268817], 'per-label recall');
  near(tt, f1(yt, yp, { average: null }), [0.7037037037037037, 0.6649616368286445, 0.7007299270072993, 0.6614173228346457, 0.6961038961038961], 'per-label f1');
  tt.end();
});

t.test('zero_division like sklearn', (tt) => {
  // Class 2 is never predicted: its precision is undefined. sklearn 1.2.1 values for zero_division 0 and 1.
  const yt = [0, 1, 2, 2];
  const yp = [0, 1, 1, 1];
  near(tt, precision(yt, yp, { average: 'macro' }), 0.4444444444444444, 'macro p zd=0');
  near(tt, precision(yt, yp, { average: 'macro', zeroDivision: 1 }), 0.7777777777777777, 'macro p zd=1');
  near(tt, precision(yt, yp, { average: 'weighted', zeroDivision: 1 }), 0.8333333333333333, 'weighted p zd=1');
  near(tt, f1(yt, yp, { average: 'weighted' }), 0.375, 'weighted f1');
  near(tt, f1(yt, yp, { average: 'macro' }), 0.5, 'macro f1');
  near(tt, precisionRecallFscore(yt, yp, { average: 'macro', labels: [2, 1] }).precision, 0.16666666666666666, 'labels subset and order');
  tt.same(precisionRecallFscore(yt, yp, { average: null }).undefinedLabels.precision, [2], 'undefined labels reported');
  // All negative, positive label 1 never appears: sklearn gives (1,1,1) with zero_division=1, (0,0,0) with 0.
  const all = precisionRecallFscore([0, 0, 0], [0, 0, 0], { zeroDivision: 1 });
  tt.same([all.precision, all.recall, all.fscore], [1, 1, 1]);
  const all0 = precisionRecallFscore([0, 0, 0], [0, 0, 0]);
  tt.same([all0.precision, all0.recall, all0.fscore], [0, 0, 0]);
  tt.end();
});

t.test('labels and bad input', (tt) => {
  tt.equal(precision([true, false, true], [true, true, true]), 2 / 3, 'boolean labels, posLabel true');
  tt.same(confusionMatrix(['b', 'a'], ['a', 'a']).labels, ['a', 'b'], 'sorted labels');
  tt.equal(accuracy([1, 2, 3], [1, 2, 0], { normalize: false }), 2);
  tt.throws(() => precision([0, 1, 2], [0, 1, 1]), /average is 'binary'/);
  tt.throws(() => precision([0, 1], [0, 1], { posLabel: 5 }), /posLabel 5/);
  tt.throws(() => accuracy([0, 1], [0]), LmforgeError);
  tt.throws(() => accuracy([], []), /empty/);
  tt.throws(() => accuracy([0, 'a'], [0, 0]), /yTrue\[1\] is a string/);
  tt.throws(() => accuracy([0, NaN], [0, 0]), /yTrue\[1\]/);
  tt.throws(() => precision([0, 1], [0, 1], { average: 'samples' as 'macro' }), /options.average/);
  tt.end();
});
