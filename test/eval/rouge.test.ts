import t, { type Test } from 'tap';
import { readFileSync } from 'node:fs';
import { rouge, rougeScore, rougeTokenize } from '../../lib/eval/metrics/rouge.js';
import { sotuPairs } from './corpus.js';

const fx = (name: string): string => readFileSync(new URL(`../fixtures/eval/rouge/${name}`, import.meta.url), 'utf8');
const near = (tt: Test, got: number, want: number, places: number, msg: string): void => {
  tt.ok(Math.abs(got - want) < 0.5 * 10 ** -places + 1e-12, `${msg}: got ${got}, want ${want}`);
};

// google-research/rouge rouge_scorer_test.py (the rouge-score package's own tests).
t.test('rouge-score unit cases', (tt) => {
  let r = rougeScore('testing one two', 'testing', { rougeTypes: ['rouge1'] });
  tt.same(r.rouge1, { precision: 1, recall: 1 / 3, fmeasure: 1 / 2 });
  for (const type of ['rouge1', 'rouge2', 'rougeL', 'rougeLsum']) {
    tt.same(rougeScore('testing one two', '', { rougeTypes: [type] })[type], { precision: 0, recall: 0, fmeasure: 0 }, `${type} empty`);
  }
  r = rougeScore('testing one two', 'testing one', { rougeTypes: ['rouge2'] });
  near(tt, r.rouge2!.precision, 1, 7, 'rouge2 p'); near(tt, r.rouge2!.recall, 1 / 2, 7, 'rouge2 r'); near(tt, r.rouge2!.fmeasure, 2 / 3, 7, 'rouge2 f');
  for (const pred of ['testing one', 'testing two']) {
    r = rougeScore('testing one two', pred, { rougeTypes: ['rougeL'] });
    near(tt, r.rougeL!.precision, 1, 7, 'L p'); near(tt, r.rougeL!.recall, 2 / 3, 7, 'L r'); near(tt, r.rougeL!.fmeasure, 4 / 5, 7, 'L f');
  }
  r = rougeScore('w1 w2 w3 w4 w5', 'w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5', { rougeTypes: ['rougeLsum'] });
  near(tt, r.rougeLsum!.recall, 0.8, 7, 'Lsum r'); near(tt, r.rougeLsum!.precision, 0.4, 7, 'Lsum p'); near(tt, r.rougeLsum!.fmeasure, 0.5333, 3, 'Lsum f');
  for (const [a, b] of [['w1 w2 w3 w4 w5', ''], ['', 'w1'], ['w1 w2 w3 w4 w5', '/']]) {
    tt.same(rougeScore(a!, b!, { rougeTypes: ['rougeLsum'] }).rougeLsum, { precision: 0, recall: 0, fmeasure: 0 }, `Lsum zero ${JSON.stringify([a, b])}`);
  }
  tt.end();
});

// Same file: numbers from manual runs of ROUGE-1.5.5 on testdata/target.txt and prediction.txt.
t.test('against ROUGE-1.5.5 (rouge-score testdata)', (tt) => {
  const targets = fx('target.txt').split(/(?<=\n)/);
  const preds = fx('prediction.txt').split(/(?<=\n)/);
  const want: Record<string, [boolean, number, [number, number, number]][]> = {
    rouge1: [[false, 0, [0.40741, 0.68750, 0.51163]], [false, 1, [0.40476, 0.65385, 0.50000]],
      [true, 0, [0.40741, 0.68750, 0.51163]], [true, 1, [0.42857, 0.69231, 0.52941]]],
    rouge2: [[false, 0, [0.30769, 0.53333, 0.39024]], [false, 1, [0.29268, 0.48000, 0.36364]],
      [true, 0, [0.30769, 0.53333, 0.39024]], [true, 1, [0.29268, 0.48000, 0.36364]]],
    rougeL: [[false, 0, [0.40741, 0.68750, 0.51163]], [false, 1, [0.40476, 0.65385, 0.50000]]],
  };
  for (const [type, rows] of Object.entries(want)) {
    for (const [stem, i, [rc, pr, f]] of rows) {
      const s = rougeScore(targets[i]!, preds[i]!, { rougeTypes: [type], useStemmer: stem })[type]!;
      near(tt, s.recall, rc, 5, `${type} stem=${stem} #${i} recall`);
      near(tt, s.precision, pr, 5, `${type} stem=${stem} #${i} precision`);
      near(tt, s.fmeasure, f, 5, `${type} stem=${stem} #${i} f`);
    }
  }
  const s = rougeScore(fx('target_multi.0.txt'), fx('prediction_multi.0.txt'), { rougeTypes: ['rougeLsum'], useStemmer: true }).rougeLsum!;
  near(tt, s.recall, 0.36538, 5, 'Lsum multi recall');
  near(tt, s.precision, 0.66667, 5, 'Lsum multi precision');
  near(tt, s.fmeasure, 0.47205, 5, 'Lsum multi f');
  tt.end();
});

// Cross-check: rouge-score's rouge_scorer.py/tokenize.py (commit 0c1bbe5) run with NLTK 3.8's PorterStemmer
// (Debian python3-nltk) on these inputs; values are [precision, recall, fmeasure].
t.test('against rouge-score + NLTK with and without stemming', (tt) => {
  const cases: [string, string, boolean, Record<string, number[]>][] = [
    ['The quick brown fox jumps over the lazy dog.\nIt was running quickly.', 'The quick brown dogs jumped on the lazy foxes.\nThey ran quickly and happily.', false,
      { rouge1: [0.42857142857142855, 0.46153846153846156, 0.4444444444444445], rouge2: [0.23076923076923078, 0.25, 0.24000000000000002], rougeL: [0.42857142857142855, 0.46153846153846156, 0.4444444444444445], rougeLsum: [0.42857142857142855, 0.46153846153846156, 0.4444444444444445] }],
    ['The quick brown fox jumps over the lazy dog.\nIt was running quickly.', 'The quick brown dogs jumped on the lazy foxes.\nThey ran quickly and happily.', true,
      { rouge1: [0.6428571428571429, 0.6923076923076923, 0.6666666666666666], rouge2: [0.23076923076923078, 0.25, 0.24000000000000002], rougeL: [0.5, 0.5384615384615384, 0.5185185185185186], rougeLsum: [0.5, 0.5384615384615384, 0.5185185185185186] }],
    ['Police arrested the suspects after a lengthy investigation into the stolen paintings.', 'The suspects were arrested by police investigating stolen paintings.', true,
      { rouge1: [0.7777777777777778, 0.5833333333333334, 0.6666666666666666], rouge2: [0.25, 0.18181818181818182, 0.2105263157894737], rougeL: [0.5555555555555556, 0.4166666666666667, 0.4761904761904762], rougeLsum: [0.5555555555555556, 0.4166666666666667, 0.4761904761904762] }],
    ['Generalization of the models improved with regularizing techniques such as dropout.\nTraining was stable.', 'Regularization techniques like dropout improve model generalization.\nThe training runs were stable and generalizable.', false,
      { rouge1: [0.42857142857142855, 0.42857142857142855, 0.42857142857142855], rouge2: [0, 0, 0], rougeL: [0.2857142857142857, 0.2857142857142857, 0.2857142857142857], rougeLsum: [0.35714285714285715, 0.35714285714285715, 0.35714285714285715] }],
    ['Generalization of the models improved with regularizing techniques such as dropout.\nTraining was stable.', 'Regularization techniques like dropout improve model generalization.\nThe training runs were stable and generalizable.', true,
      { rouge1: [0.6428571428571429, 0.6428571428571429, 0.6428571428571429], rouge2: [0.07692307692307693, 0.07692307692307693, 0.07692307692307693], rougeL: [0.35714285714285715, 0.35714285714285715, 0.35714285714285715], rougeLsum: [0.42857142857142855, 0.42857142857142855, 0.42857142857142855] }],
  ];
  for (const [target, pred, stem, want] of cases) {
    const got = rougeScore(target, pred, { useStemmer: stem });
    for (const [type, [p, r, f]] of Object.entries(want)) {
      for (const [k, v] of [['precision', p], ['recall', r], ['fmeasure', f]] as const) {
        near(tt, got[type]![k], v!, 12, `${type} ${k} stem=${stem} ${pred.slice(0, 20)}`);
      }
    }
  }
  tt.end();
});

// Same transcription of rouge-score + NLTK 3.8, averaged over 100 items of 3 newline-separated sentences
// built from the State of the Union corpus (test/eval/corpus.ts); [precision, recall, fmeasure].
t.test('corpus means against rouge-score + NLTK, with and without stemming', (tt) => {
  const p = sotuPairs(300);
  const targets: string[] = [];
  const preds: string[] = [];
  for (let i = 0; i < 300; i += 3) {
    targets.push(p.slice(i, i + 3).map((x) => x.ref).join('\n'));
    preds.push(p.slice(i, i + 3).map((x) => x.hyp).join('\n'));
  }
  const want: Record<string, Record<string, number[]>> = {
    plain: { rouge1: [0.9292152845490034, 0.7896915798800276, 0.8532735606733357], rouge2: [0.6989569790927754, 0.5944500190430839, 0.6420875845774614], rougeL: [0.9134356245320433, 0.776391952607048, 0.8388462731605241], rougeLsum: [0.9247883506120838, 0.7859561864224911, 0.8492233676654213] },
    stemmed: { rouge1: [0.9295661517256992, 0.7899910360997626, 0.8535965606894852], rouge2: [0.6990645059744959, 0.5945471064217247, 0.642189625393788], rougeL: [0.9134356245320433, 0.776391952607048, 0.8388462731605241], rougeLsum: [0.9251416216349334, 0.7862562701011868, 0.8495477626806427] },
  };
  for (const [mode, types] of Object.entries(want)) {
    const r = rouge(preds, targets, { useStemmer: mode === 'stemmed' });
    for (const [type, [pr, rc, f]] of Object.entries(types)) {
      near(tt, r.mean[type]!.precision, pr!, 12, `${mode} ${type} precision`);
      near(tt, r.mean[type]!.recall, rc!, 12, `${mode} ${type} recall`);
      near(tt, r.mean[type]!.fmeasure, f!, 12, `${mode} ${type} fmeasure`);
    }
  }
  tt.end();
});

t.test('tokenizer, corpus mean and multiple references', (tt) => {
  tt.same(rougeTokenize("It's 2024: the runners' running!"), ['it', 's', '2024', 'the', 'runners', 'running']);
  tt.same(rougeTokenize('the runners running', true), ['the', 'runner', 'run'], 'stems only tokens longer than 3');
  const r = rouge(['testing one two', 'a b'], ['testing one', ['x y', 'a b']], { rougeTypes: ['rouge1'] });
  near(tt, r.perItem[0]!.rouge1!.fmeasure, 0.8, 12, 'item 0');
  tt.equal(r.perItem[1]!.rouge1!.fmeasure, 1, 'best of two references');
  near(tt, r.mean.rouge1!.fmeasure, 0.9, 12, 'mean');
  tt.throws(() => rouge(['a'], ['a', 'b']), /predictions has 1 items but references has 2/);
  tt.throws(() => rougeScore('a', 'b', { rougeTypes: ['rouge0'] }), /rouge0/);
  tt.throws(() => rouge([1 as unknown as string], ['a']), /predictions\[0\]/);
  tt.end();
});
