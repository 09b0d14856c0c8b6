import t from 'tap';
import { getEncoding } from 'js-tiktoken';
import { Tokenizer, trainBpe } from '../../lib/tokenizer/index.js';
import { LmforgeError } from '../../lib/errors.js';
import { gpt2Files, mailTexts, randomText, rng, sotuTexts, wellFormed } from './data.js';

const gpt2 = await Tokenizer.fromGpt2(...gpt2Files);
const tiktoken = getEncoding('gpt2');

t.test('fromGpt2 loads the 50,257-token vocabulary', async (t) => {
  t.equal(gpt2.vocabSize, 50257);
  // Known GPT-2 ids (encoder.json): 'Hello' 15496, 'Ġworld' 995, 'Ġthe' 262, '<|endoftext|>' 50256.
  t.same(Array.from(gpt2.encode('Hello world')), [15496, 995]);
  t.equal(gpt2.tokenToId('Ġthe'), 262);
  t.equal(gpt2.idToToken(262), 'Ġthe');
  t.equal(gpt2.tokenToId('<|endoftext|>'), 50256);
  t.equal(gpt2.idToToken(50257), undefined);
  t.equal(gpt2.tokenToId('not a token at all'), undefined);
  t.same(gpt2.tokenize(' tokenization'), ['Ġtoken', 'ization']);
});

t.test('fromGpt2 encodes real documents exactly like js-tiktoken', async (t) => {
  // A sample of the bench's check (which runs every SOTU address and 1,500 mails).
  const docs = [...sotuTexts(12), ...mailTexts(250)];
  let same = 0;
  const differing: number[] = [];
  docs.forEach((d, i) => {
    const a = Array.from(gpt2.encode(d));
    const b = tiktoken.encode(d, [], []);
    if (a.length === b.length && a.every((x, k) => x === b[k])) same++;
    else differing.push(i);
  });
  t.equal(same, docs.length, `identical ids for all ${docs.length} documents (differing: ${differing.slice(0, 5).join(', ')})`);
});

t.test('random strings: same ids as js-tiktoken, and decode(encode(x)) === x.toWellFormed()', async (t) => {
  const next = rng(11);
  let ok = 0;
  for (let i = 0; i < 500; i++) {
    const s = randomText(next, 1 + Math.floor(next() * 80)).replaceAll('<|endoftext|>', '<|x|>');
    const ids = gpt2.encode(s);
    const back = gpt2.decode(ids);
    if (back !== wellFormed(s)) {
      t.equal(back, wellFormed(s), `round trip of ${JSON.stringify(s)}`);
      return;
    }
    const ref = tiktoken.encode(s, [], []);
    if (ref.length !== ids.length || ref.some((x, k) => x !== ids[k])) {
      t.same(Array.from(ids), ref, `ids of ${JSON.stringify(s)}`);
      return;
    }
    ok++;
  }
  t.equal(ok, 500);
  t.equal(gpt2.decode(gpt2.encode('a\ud800b')), 'a\ufffdb', 'a lone surrogate is encoded as U+FFFD');
  t.equal(gpt2.decode([]), '');
  t.same(Array.from(gpt2.encode('')), []);
});

t.test('decoding ids that cut characters replaces invalid UTF-8 like TextDecoder (js-tiktoken)', async (t) => {
  const next = rng(21);
  let same = 0;
  for (let i = 0; i < 300; i++) {
    // Mostly byte tokens (ids 0..255), which split multi-byte characters, plus some whole tokens.
    const ids = Array.from({ length: 1 + Math.floor(next() * 12) }, () => (next() < 0.8 ? Math.floor(next() * 256) : Math.floor(next() * 50256)));
    if (gpt2.decode(ids) === tiktoken.decode(ids)) same++;
    else t.equal(gpt2.decode(ids), tiktoken.decode(ids), `ids ${ids.join(',')}`);
  }
  t.equal(same, 300);
});

t.test('long pieces (heap merge path) match js-tiktoken', async (t) => {
  const next = rng(9);
  for (const n of [257, 1000, 4000]) {
    const word = ' ' + Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)]).join('');
    t.same(Array.from(gpt2.encode(word)), tiktoken.encode(word, [], []), `a ${n}-letter piece`);
  }
  const long = 'a'.repeat(1_000_000);
  t.equal(gpt2.decode(gpt2.encode(long)), long, 'a one-million-letter piece encodes in O(n log n) and round-trips');
});

t.test('encodeWithOffsets: spans in string indices', async (t) => {
  // GPT-2: 'Hello' | ' world' | ',' ; the emoji is 4 UTF-8 bytes cut into byte tokens that each span the whole pair.
  const r = gpt2.encodeWithOffsets('Hello world, é😀');
  t.same(Array.from(r.ids).slice(0, 3), [15496, 995, 11]);
  t.same(r.offsets.slice(0, 3), [[0, 5], [5, 11], [11, 12]]);
  const text = 'Hello world, é😀';
  const last = r.offsets.at(-1)!;
  t.equal(last[1], text.length, 'the last token ends at the end of the text');
  t.ok(r.offsets.every(([a, b], i) => a <= b && (i === 0 || a >= r.offsets[i - 1]![0])), 'spans are ordered');
  const mail = mailTexts(3)[2]!;
  const m = gpt2.encodeWithOffsets(mail);
  // Tokens that cover whole characters reproduce their text from the span.
  const whole = m.offsets.filter(([a, b], i) => gpt2.decode([m.ids[i]!]) === mail.slice(a, b)).length;
  t.ok(whole / m.ids.length > 0.99, `${whole}/${m.ids.length} spans equal their token's text`);
});

t.test('special tokens are matched first and never split', async (t) => {
  const ids = Array.from(gpt2.encode('a<|endoftext|>b'));
  t.same(ids, [64, 50256, 65]);
  t.equal(gpt2.decode(ids), 'a<|endoftext|>b');
  t.equal(gpt2.decode(ids, { skipSpecialTokens: true }), 'ab');
  const tok = await Tokenizer.fromGpt2(...gpt2Files);
  t.equal(tok.addSpecialTokens(['<|user|>', '<|endoftext|>', '<|user|>']), 1, 'existing and repeated names are not added again');
  t.equal(tok.vocabSize, 50258);
  t.equal(tok.tokenToId('<|user|>'), 50257);
  t.same(Array.from(tok.encode('<|user|> hi<|user|>')), [50257, 23105, 50257]);
  t.equal(gpt2.vocabSize, 50257, 'another instance is unaffected');
});

t.test('encodeBatch equals encode, decodeBatch equals decode', async (t) => {
  const texts = [...sotuTexts(30), ...mailTexts(40), '', 'x'];
  const batch = await gpt2.encodeBatch(texts);
  t.equal(batch.length, texts.length);
  t.ok(batch.every((ids, i) => ids instanceof Uint32Array && ids.join() === gpt2.encode(texts[i]!).join()));
  const one = await gpt2.encodeBatch(texts, { threads: 1 });
  t.ok(one.every((ids, i) => ids.join() === batch[i]!.join()), 'one thread gives the same ids');
  t.same(gpt2.decodeBatch(batch), texts.map((s) => wellFormed(s)));
  t.same(await gpt2.encodeBatch([]), []);
});

t.test('bad input: clear errors', async (t) => {
  const err = (() => {
    try {
      gpt2.decode([50257]);
    } catch (e) {
      return e;
    }
  })();
  t.ok(err instanceof LmforgeError, 'LmforgeError');
  t.match((err as Error).message, /token id 50257 is out of range \(vocabulary size 50257\)/);
  t.throws(() => gpt2.decode([-1]), TypeError);
  t.throws(() => gpt2.decode([1.5]), /ids\[0\]/);
  t.throws(() => gpt2.encode(42 as unknown as string), /text must be a string/);
  await t.rejects(gpt2.encodeBatch(['a', 3 as unknown as string]), /texts\[1\] must be a string/);
  await t.rejects(Tokenizer.fromGpt2('/nonexistent/encoder.json', gpt2Files[1]), { code: 'FILE_UNREADABLE' });
});

t.test('a trained tokenizer satisfies TokenizerLike and round-trips', async (t) => {
  const tok = await trainBpe({ texts: sotuTexts(20), vocabSize: 1000, specialTokens: ['<pad>'] });
  const like: import('../../lib/model/contracts.js').TokenizerLike = tok;
  t.equal(like.vocabSize, 1000);
  const next = rng(3);
  for (let i = 0; i < 200; i++) {
    const s = randomText(next, 40);
    if (tok.decode(tok.encode(s)) !== wellFormed(s)) {
      t.fail(`round trip of ${JSON.stringify(s)}`);
      return;
    }
  }
  t.pass('200 random strings round-trip');
});
