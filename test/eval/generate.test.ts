import t from 'tap';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateText, generateDetailed } from '../../lib/eval/prompting/generate.js';
import { errorAnalysis } from '../../lib/eval/prompting/error-analysis.js';
import { CharTokenizer, EchoModel, UniformModel } from './stand-ins.js';

const tok = new CharTokenizer();

t.test('generateText: one prompt, many prompts, stop strings, truncation', async (tt) => {
  const echo = new EchoModel(256, 16);
  tt.equal(await generateText(echo, tok, 'abc', { maxNewTokens: 8 }), 'cba');
  tt.same(await generateText(echo, tok, ['ab', 'xyz'], { maxNewTokens: 2 }), ['ba', 'zy']);
  tt.equal(await generateText(echo, tok, 'hello world', { maxNewTokens: 8, stopStrings: [' '] }), 'dlrow');
  // Context 16, 8 new tokens: only the last 8 prompt characters are kept.
  const d = await generateDetailed(echo, tok, ['0123456789ABCDEF'], { maxNewTokens: 8 });
  tt.equal(d[0]!.truncatedTokens, 8);
  tt.equal(d[0]!.text, 'FEDCBA98');
  await tt.rejects(generateText(echo, tok, '0123456789ABCDEF', { maxNewTokens: 8, truncate: 'error' }), /prompts\[0\] has 16 tokens/);
  await tt.rejects(generateText(echo, tok, 'a', { maxNewTokens: 16 }), /leaves no room/);
  await tt.rejects(generateText(echo, tok, [1 as unknown as string], { maxNewTokens: 2 }), /prompts\[0\]/);
  const progress: number[] = [];
  await generateText(echo, tok, ['a', 'b', 'c'], { maxNewTokens: 1, onProgress: (d) => progress.push(d) });
  tt.same(progress, [1, 2, 3]);
});

t.test('errorAnalysis: per-item metrics, worst first, JSONL/Markdown/HTML', async (tt) => {
  const echo = new EchoModel(256, 64);
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-ea-'));
  const prompts = ['tac', 'god', 'a|b<c>'];
  const refs = ['cat', 'big dog', ['x', '>c<b|a']];
  const r = await errorAnalysis(echo, tok, prompts, refs, { maxNewTokens: 16, outPath: join(dir, 'review') });
  tt.same(r.items.map((x) => x.generation), ['cat', 'dog', '>c<b|a']);
  tt.same(r.items.map((x) => x.metrics!.exactMatch), [1, 0, 1]);
  // 'dog' vs 'big dog': rougeL P=1, R=1/2, F=2/3.
  tt.ok(Math.abs(r.items[1]!.metrics!.rougeL - 2 / 3) < 1e-12);
  tt.ok(Math.abs(r.items[0]!.metrics!.bleu - 100) < 1e-9);
  tt.ok(Math.abs(r.summary.exactMatch! - 2 / 3) < 1e-12);
  tt.same(r.files, ['jsonl', 'md', 'html'].map((e) => join(dir, `review.${e}`)));
  const jsonl = readFileSync(r.files[0]!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string });
  tt.equal(jsonl[0]!.id, '2', 'worst item first');
  const md = readFileSync(r.files[1]!, 'utf8');
  tt.match(md, /\| 3 \| a\\\|b<c> \| >c<b\\\|a \|/, 'pipes escaped in Markdown');
  tt.match(md, /3 items · exact match 0\.667/);
  const html = readFileSync(r.files[2]!, 'utf8');
  tt.match(html, /<td>a\|b&lt;c&gt;<\/td>/, 'HTML escaped');
  tt.match(html, /<tr class="miss"><td>2<\/td>/);
  // Without references: generations only, input order, nothing written without outPath.
  const plain = await errorAnalysis(new UniformModel(256, 64, [104, 105]), tok, ['p1', 'p2'], undefined, { maxNewTokens: 2 });
  tt.same(plain.items.map((x) => x.generation), ['hi', 'hi']);
  tt.same(plain.files, []);
  tt.equal(plain.summary.exactMatch, undefined);
  await tt.rejects(errorAnalysis(echo, tok, ['a'], ['a', 'b']), /prompts has 1 items but references has 2/);
  await tt.rejects(errorAnalysis(echo, tok, []), /prompts is empty/);
  // Chain-of-thought style: score only the extracted answer.
  const cot = await errorAnalysis(new UniformModel(256, 64, Array.from('x\nAnswer: 4', (c) => c.charCodeAt(0))), tok, ['q'], ['4'], {
    maxNewTokens: 20, answer: (g) => /Answer: (.*)/.exec(g)?.[1] ?? null,
  });
  tt.equal(cot.items[0]!.answer, '4');
  tt.equal(cot.items[0]!.metrics!.exactMatch, 1);
});
