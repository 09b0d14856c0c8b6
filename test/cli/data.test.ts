// `lmforge data split | leakage | diff` end to end, through the real entry point in a child process.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../lib/cli/main.ts', import.meta.url));
// Resolve tsx from this repo, not from the temp working directory.
const tsx = import.meta.resolve('tsx');
const run = (args: string[], cwd: string): { status: number | null; out: string } => {
  const r = spawnSync(process.execPath, ['--import', tsx, main, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
};

t.test('split writes three files deterministically, rejects are reported, leakage finds a planted copy', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-cli-'));
  const lines = Array.from({ length: 100 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `document ${i} ` + `word${i} `.repeat(20) }));
  writeFileSync(join(dir, 'all.jsonl'), [...lines, '{broken'].join('\n') + '\n');
  const a = run(['data', 'split', 'all.jsonl', '--out', 'a', '--seed', '3'], dir);
  t.equal(a.status, 0, a.out);
  t.match(a.out, /read 101 lines: 100 records, 1 rejected/);
  t.match(a.out, /all\.jsonl:101: bad JSON/);
  const b = run(['data', 'split', 'all.jsonl', '--out', 'b', '--seed', '3'], dir);
  t.equal(b.status, 0);
  const sizes = ['train', 'validation', 'test'].map((s) => readFileSync(join(dir, 'a', `${s}.jsonl`), 'utf8'));
  t.same(['train', 'validation', 'test'].map((s) => readFileSync(join(dir, 'b', `${s}.jsonl`), 'utf8')), sizes, 'same seed, same files');
  t.equal(sizes.join('').trim().split('\n').length, 100, 'every record lands in exactly one split');
  // plant a training record into test: leakage must see it
  const train = sizes[0].trim().split('\n');
  writeFileSync(join(dir, 'test-planted.jsonl'), sizes[2] + train[0] + '\n');
  const clean = run(['data', 'leakage', '--train', 'a/train.jsonl', '--test', 'a/test.jsonl'], dir);
  t.match(clean.out, /train -> test\s+\d+\s+0 \(0\.00%\)/);
  const leak = run(['data', 'leakage', '--train', 'a/train.jsonl', '--test', 'test-planted.jsonl'], dir);
  t.match(leak.out, /train -> test\s+\d+\s+1 \(/);
});

t.test('bad arguments are clear errors with a non-zero exit', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-cli-'));
  writeFileSync(join(dir, 'x.jsonl'), '{"text":"a"}\n');
  const r = run(['data', 'split', 'x.jsonl', '--out', 'o', '--ratios', '0.5,0.5'], dir);
  t.equal(r.status, 1);
  t.match(r.out, /--ratios must be three numbers/);
  t.match(run(['data', 'diff', 'nope-a', 'nope-b'], dir).out, /manifest nope-a does not exist/);
  t.equal(run(['frobnicate'], dir).status, 2);
});
