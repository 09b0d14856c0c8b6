import t, { type Test } from 'tap';
import { bleu, computeBleu, sentenceBleu } from '../../lib/eval/metrics/bleu.js';
import { tokenize13a, tokenizeIntl } from '../../lib/eval/metrics/bleu-tokenizers.js';
import { LmforgeError } from '../../lib/errors.js';
import { sotuPairs } from './corpus.js';

const close = (tt: Test, got: number, want: number, eps: number, msg: string): void => {
  tt.ok(Math.abs(got - want) < eps, `${msg}: got ${got}, want ${want} (±${eps})`);
};

// sacreBLEU test/test_bleu.py (mjpost/sacrebleu, v2.x): README example, two reference streams.
const refStreams = [
  ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
  ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
];
const hyps = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];
const refs = hyps.map((_, i) => refStreams.map((s) => s[i]!));

t.test('sacreBLEU test_corpus_bleu cases', (tt) => {
  close(tt, bleu(hyps, refs).score, 48.530827, 1e-6, 'default settings');
  close(tt, bleu(['', '', ''], refs).score, 0, 1e-8, 'empty hypotheses are kept and score 0');
  close(tt, bleu(hyps, refs, { tokenize: 'none' }).score, 49.1919566, 1e-6, "tokenize 'none'");
  close(tt, bleu(hyps, refs, { tokenize: '13a' }).score, 48.530827, 1e-6, "tokenize '13a'");
  close(tt, bleu(hyps, refs, { tokenize: 'intl' }).score, 43.91623493, 1e-6, "tokenize 'intl'");
  close(tt, bleu(hyps, refs, { smoothMethod: 'none' }).score, 48.530827, 1e-6, "smooth 'none'");
  tt.end();
});

t.test('sacreBLEU test_max_ngram_order (2 decimals)', (tt) => {
  const want = ['77.65', '60.50', '53.93', '48.53', '46.14', '43.28'];
  want.forEach((w, i) => tt.equal(bleu(hyps, refs, { maxNgramOrder: i + 1 }).score.toFixed(2), w, `order ${i + 1}`));
  tt.end();
});

// raw_corpus_bleu = floor smoothing, tokenize none, effective order (sacrebleu/compat.py).
const raw = (h: string[], r: string[], floor = 0.01): number =>
  bleu(h, r, { smoothMethod: 'floor', smoothValue: floor, tokenize: 'none', effectiveOrder: true }).score / 100;

t.test('sacreBLEU test_raw_bleu, effective order, offset and statistics', (tt) => {
  close(tt, raw(['this is a test', 'another test'], ['ref1', 'ref2']), 0, 1e-8, 'no matches -> 0 (#141)');
  close(tt, raw(['this is a test'], ['this is a test']), 1, 1e-8, 'identical');
  close(tt, raw(['this is a fest'], ['this is a test']), 0.223606797749979, 1e-8, 'one token differs');
  close(tt, raw(['test'], ['a test']), 0.3678794411714425, 1e-8, 'effective order 1');
  close(tt, raw(['a test'], ['a test']), 1, 1e-8, 'effective order 2');
  close(tt, raw(['a little test'], ['a test']), 0.03218297948685433, 1e-8, 'effective order 3');
  close(tt, raw(['am I am a character sequence'], ['I am a symbol string sequence a a'], 0.1), 0.1555722182, 1e-8, 'floor 0.1');
  close(tt, raw(['am I am a character sequence'], ['I am a symbol string sequence a a'], 0), 0, 1e-8, 'floor 0');
  const r = bleu(['am I am a character sequence'], ['I am a symbol string sequence a a'], { tokenize: 'none' });
  tt.same(r.counts, [4, 2, 1, 0], 'counts');
  tt.same(r.totals, [6, 5, 4, 3], 'totals');
  tt.end();
});

t.test('sacreBLEU test_scoring and test_degenerate_statistics (compute_bleu)', (tt) => {
  close(tt, computeBleu([9, 7, 5, 3], [10, 8, 6, 4], 11, 11, { smoothMethod: 'none' }).score / 100, 0.8375922397, 1e-8, 'scoring');
  const degenerate: [number[], number[], number, number, number][] = [
    [[0, 0, 0, 0], [4, 4, 2, 1], 0, 1, 0],
    [[0, 0, 0, 0], [10, 11, 12, 0], 14, 10, 0],
    [[0, 0, 0, 0], [0, 0, 0, 0], 0, 0, 0],
    [[6, 5, 4, 0], [6, 5, 4, 3], 6, 6, 0],
    [[0, 0, 0, 0], [0, 0, 0, 0], 0, 0, 0.1],
    [[0, 0, 0, 0], [0, 0, 0, 0], 1, 5, 0.01],
  ];
  for (const [c, tot, sys, ref, floor] of degenerate) {
    tt.equal(computeBleu(c, tot, sys, ref, { smoothMethod: 'floor', smoothValue: floor }).score, 0, `degenerate ${c}/${tot}`);
  }
  tt.end();
});

// sacreBLEU test/test_sentence_bleu.py: sentence BLEU (effective_order=True), issue #98 example, EPSILON 1e-3.
t.test('sacreBLEU test_sentence_bleu smoothing, tokenizers and case', (tt) => {
  const REF = 'producţia de zahăr brut se exprimă în zahăr alb;';
  const SYS = 'Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;';
  const cases: [string, number | undefined, boolean, '13a' | 'none' | 'char' | 'intl', number][] = [
    ['exp', undefined, false, '13a', 8.493],
    ['none', undefined, false, '13a', 0.0],
    ['floor', undefined, false, '13a', 4.51688],
    ['floor', 0.1, false, '13a', 4.51688],
    ['floor', 0.5, false, '13a', 10.10],
    ['add-k', undefined, false, '13a', 14.882],
    ['add-k', 1, false, '13a', 14.882],
    ['add-k', 2, false, '13a', 21.389],
    ['exp', undefined, false, 'none', 7.347],
    ['exp', undefined, false, 'intl', 8.493],
    ['exp', undefined, false, 'char', 40.8759],
    ['exp', undefined, true, 'char', 42.0267],
  ];
  for (const [m, v, lc, tok, want] of cases) {
    const got = bleu([SYS], [REF], { smoothMethod: m as 'exp', smoothValue: v, lowercase: lc, tokenize: tok, effectiveOrder: true }).score;
    close(tt, got, want, 1e-3, `${m} ${v} lc=${lc} tok=${tok}`);
  }
  close(tt, sentenceBleu(SYS, REF).score, 8.493, 1e-3, 'sentenceBleu defaults = sentence_score defaults');
  // #141: no matching n-gram at all is 0 whatever the smoothing.
  for (const m of ['exp', 'none', 'floor', 'add-k'] as const) {
    tt.equal(bleu(['this is a cat'], ['okay thanks'], { smoothMethod: m, effectiveOrder: true }).score, 0, `zero bleu ${m}`);
  }
  tt.end();
});

t.test('13a tokenizer rules', (tt) => {
  // Hand-derived from mteval-v13a's rules: punctuation split, period/comma kept inside numbers, dash after digit split.
  tt.equal(tokenize13a('Hello, world! 3.14 and 1,000 items; 5-6 &quot;x&quot;'), 'Hello , world ! 3.14 and 1,000 items ; 5 - 6 " x "');
  tt.equal(tokenize13a('a<skipped>b'), 'ab');
  tt.equal(tokenize13a('end.'), 'end .');
  tt.equal(tokenizeIntl('Hello, world!'), 'Hello , world !');
  tt.end();
});

t.test('brevity penalty and closest reference length', (tt) => {
  // hyp 3 tokens vs refs of 4 and 2 tokens: |3-4| = |3-2|, tie goes to the shorter (2) -> no penalty.
  const r = bleu(['a b c'], [['a b c d', 'a b']], { tokenize: 'none' });
  tt.equal(r.refLen, 2);
  tt.equal(r.bp, 1);
  const short = bleu(['a b'], ['a b c d'], { tokenize: 'none', smoothMethod: 'none', maxNgramOrder: 2 });
  close(tt, short.bp, Math.exp(1 - 4 / 2), 1e-12, 'bp = exp(1 - r/c)');
  close(tt, short.score, 100 * Math.exp(1 - 2), 1e-9, 'perfect precisions times bp');
  tt.match(r.signature, /nrefs:2\|case:mixed\|eff:no\|tok:none\|smooth:exp/);
  tt.end();
});

t.test("tokens split on Python's whitespace; n-gram keys cannot collide", (tt) => {
  // Python's str.split() treats \x1f as whitespace (JS \s does not); U+FEFF is not whitespace in Python.
  close(tt, bleu(['a\x1fb'], ['a b'], { tokenize: 'none', effectiveOrder: true }).score, 100, 1e-9, 'x1f splits');
  tt.same(bleu(['a\ufeffb'], ['a b'], { tokenize: 'none' }).totals, [1, 0, 0, 0]);
  tt.same(bleu(['a\u0001b c'], ['a b\u0001c'], { tokenize: 'none' }).counts, [0, 0, 0, 0]);
  tt.end();
});

// Independent implementation: NLTK 3.8 `corpus_bleu` (Debian python3-nltk) on whitespace tokens of the
// same 300 generated pairs. Without zero counts, NLTK's and sacreBLEU's corpus BLEU are the same formula
// (clipped counts over all references, closest reference length with ties to the shorter, brevity penalty).
t.test('matches NLTK corpus_bleu on 300 State of the Union pairs', (tt) => {
  const p = sotuPairs(300);
  const none = { tokenize: 'none', smoothMethod: 'none' } as const;
  close(tt, bleu(p.map((x) => x.hyp), p.map((x) => [x.ref, x.alt]), none).score / 100, 0.613346052238587, 1e-12, 'two references');
  close(tt, bleu(p.map((x) => x.hyp), p.map((x) => x.ref), none).score / 100, 0.5103375610942167, 1e-12, 'one reference');
  close(tt, bleu(p.slice(0, 50).map((x) => x.hyp), p.slice(0, 50).map((x) => [x.ref, x.alt]), { ...none, maxNgramOrder: 2 }).score / 100, 0.7877188459270033, 1e-12, 'bigram BLEU');
  tt.end();
});

t.test('bad input', (tt) => {
  tt.throws(() => bleu(['a'], ['a', 'b']), LmforgeError, 'length mismatch');
  tt.throws(() => bleu([], []), /empty/);
  tt.throws(() => bleu(['a'], [3 as unknown as string]), /references\[0\]/);
  tt.throws(() => bleu(['a'], ['a'], { tokenize: 'x' as '13a' }), /options.tokenize/);
  tt.throws(() => bleu(['a'], ['a'], { smoothMethod: 'x' as 'exp' }), /options.smoothMethod/);
  tt.end();
});
