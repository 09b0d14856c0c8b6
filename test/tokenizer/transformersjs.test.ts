// tokenizer.json files written by lmforge load in transformers.js's tokenizer (@huggingface/tokenizers, the
// pure-JS implementation transformers.js uses) and encode exactly as lmforge does.
import t from 'tap';
import { Tokenizer as HfJsTokenizer } from '@huggingface/tokenizers';
import { Tokenizer, trainBpe } from '../../lib/tokenizer/index.js';
import { sotuTexts, mailTexts, gpt2Files } from './data.js';

function chunks(texts: string[], size: number, max: number): string[] {
  const out: string[] = [];
  for (const text of texts) for (let i = 0; i < text.length && out.length < max; i += size) out.push(text.slice(i, i + size));
  return out;
}

t.test('a trained tokenizer and GPT-2 encode identically in transformers.js', async (t) => {
  const sample = [...chunks(sotuTexts(12), 1500, 120), ...chunks(mailTexts(40), 1500, 60)];
  const trained = await trainBpe({ texts: sotuTexts(4), vocabSize: 3000, specialTokens: ['<|endoftext|>'] });
  const gpt2 = await Tokenizer.fromGpt2(...gpt2Files, { whitespace: 'unicode' });
  for (const [name, ours] of [['trained 3k', trained], ['gpt2', gpt2]] as const) {
    const theirs = new HfJsTokenizer(ours.toJSON() as object, {});
    let same = 0;
    let firstDiff = '';
    for (const text of sample) {
      const a = Array.from(ours.encode(text));
      const b = theirs.encode(text, { add_special_tokens: false }).ids;
      if (a.length === b.length && a.every((v, i) => v === b[i])) same++;
      else if (!firstDiff) firstDiff = JSON.stringify(text.slice(0, 80));
    }
    t.equal(same, sample.length, `${name}: ${same}/${sample.length} chunks identical${firstDiff ? `; first difference in ${firstDiff}` : ''}`);
    t.equal(theirs.decode(Array.from(ours.encode(sample[0]!))), sample[0], `${name}: transformers.js decodes our ids back to the text`);
  }
});
