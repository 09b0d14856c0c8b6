import t from 'tap';
import { preTokenize } from '../../lib/tokenizer/index.js';
import { mailTexts, randomText, rng, sotuTexts, wellFormed } from './data.js';

// The reference patterns, run by V8's regex engine: the native scanners must cut text exactly like these.
const GPT2 = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
// js-tiktoken's cl100k_base pat_str.
const CL100K = /('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;
const WHITESPACE = / ?\S+|\s+(?!\S)|\s+/gu;
function digits(text: string): string[] {
  // HF Digits(individual_digits) then the GPT-2 split of what lies between.
  return text.split(/(\p{N})/u).flatMap((seg) => (seg === '' ? [] : /^\p{N}$/u.test(seg) ? [seg] : (seg.match(GPT2) ?? [])));
}
const reference = {
  gpt2: (s: string) => s.match(GPT2) ?? [],
  cl100k: (s: string) => s.match(CL100K) ?? [],
  whitespace: (s: string) => s.match(WHITESPACE) ?? [],
  digits,
};

t.test('known splits', async (t) => {
  t.same(preTokenize("Hello world, it's 2024!  Ok\n\nbye "), ['Hello', ' world', ',', ' it', "'s", ' 2024', '!', ' ', ' Ok', '\n', '\n', 'bye', ' ']);
  t.same(preTokenize("I'LL 12345 go\r\n\r\nnow", 'cl100k'), ['I', "'LL", ' ', '123', '45', ' go', '\r\n\r\n', 'now']);
  t.same(preTokenize('a  b\tc', 'whitespace'), ['a', ' ', ' b', '\t', 'c']);
  t.same(preTokenize('in 2024.', 'digits'), ['in', ' ', '2', '0', '2', '4', '.']);
  t.same(preTokenize(''), []);
  t.same(preTokenize('x\ud800y'), ['x', '\ufffd', 'y'], 'a lone surrogate becomes U+FFFD, classed as punctuation');
  t.throws(() => preTokenize('x', 'bogus' as 'gpt2'), TypeError);
  // U+FEFF is \s to JavaScript (js-tiktoken), U+0085 is White_Space to Unicode (HF tokenizers, Python tiktoken).
  t.same(preTokenize("a\ufeff's", 'gpt2', 'javascript'), ['a', '\ufeff', "'s"]);
  t.same(preTokenize("a\ufeff's", 'gpt2', 'unicode'), ['a', "\ufeff'", 's']);
  t.same(preTokenize("a\u0085's", 'gpt2', 'javascript'), ['a', "\u0085'", 's']);
  t.same(preTokenize("a\u0085's", 'gpt2', 'unicode'), ['a', '\u0085', "'s"]);
});

t.test('scanners equal the reference regexes on random tricky text', async (t) => {
  const next = rng(7);
  for (let i = 0; i < 300; i++) {
    const s = wellFormed(randomText(next, 1 + Math.floor(next() * 60)));
    for (const [name, ref] of Object.entries(reference)) {
      const got = preTokenize(s, name as keyof typeof reference, 'javascript');
      const want = ref(s);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        t.same(got, want, `${name} on ${JSON.stringify(s)}`);
        return;
      }
    }
  }
  t.pass('1,200 random strings split identically');
});

t.test('scanners equal the reference regexes on real text', async (t) => {
  const texts = [...sotuTexts(40), ...mailTexts(60)];
  for (const [name, ref] of Object.entries(reference)) {
    let same = 0;
    for (const s of texts) if (JSON.stringify(preTokenize(s, name as keyof typeof reference, 'javascript')) === JSON.stringify(ref(s))) same++;
    t.equal(same, texts.length, `${name}: every document split like the regex`);
  }
});
