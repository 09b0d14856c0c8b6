import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnv, checkEnv, validateApiKey, classifyEnvValue } from '../../lib/index.js';

t.test('classify values like the seed validate_api_key', async (t) => {
  t.equal(classifyEnvValue(undefined), 'missing');
  t.equal(classifyEnvValue('   '), 'missing');
  for (const p of ['your-api-key-here', 'sk-...', 'sk-xxxxxxxx', '<token>', 'changeme', 'xxx', 'INSERT_KEY', 'key_here', '${OPENAI_API_KEY}', 'TODO']) {
    t.equal(classifyEnvValue(p), 'placeholder', p);
  }
  for (const ok of ['sk-proj-4f9a8b7c6d5e4f3a2b1c', 'hf_AbCdEfGh123456', 'a-long-random-secret-29f8']) t.equal(classifyEnvValue(ok), 'ok', ok);
  t.same(validateApiKey('K', { K: 'your_api_key' }), { name: 'K', status: 'placeholder', message: 'K still holds a placeholder value: replace it in .env with the real value' });
  t.equal(validateApiKey('K', {}).status, 'missing');
  t.same(validateApiKey('K', { K: 'sk-live-123456789abc' }), { name: 'K', status: 'ok' });
});

t.test('loadEnv reads the file with dotenv rules and validates', async (t) => {
  const dir = t.testdir({});
  const path = join(dir, '.env');
  writeFileSync(path, [
    '# comment',
    'OPENAI_API_KEY=sk-proj-4f9a8b7c6d5e4f3a2b1c',
    'OPENAI_BASE_URL="http://127.0.0.1:8000/v1"',
    'LMFORGE_PII_SECRET=your-secret-here',
    'MULTI="line one\\nline two"',
    'export SHELLSTYLE=yes',
    '',
  ].join('\n'));
  const target: Record<string, string | undefined> = { OPENAI_BASE_URL: 'http://kept' };
  const r = loadEnv({ path, target, required: ['OPENAI_API_KEY'], optional: ['LMFORGE_PII_SECRET', 'HF_TOKEN'] });
  t.equal(target.OPENAI_API_KEY, 'sk-proj-4f9a8b7c6d5e4f3a2b1c');
  t.equal(target.OPENAI_BASE_URL, 'http://kept', 'the environment wins unless override');
  t.equal(target.MULTI, 'line one\nline two');
  t.equal(target.SHELLSTYLE, 'yes');
  t.same(r.placeholderOptional, ['LMFORGE_PII_SECRET']);
  t.same(r.absentOptional, ['HF_TOKEN']);
  t.ok(r.valid);
  t.same(r.loaded.sort(), ['LMFORGE_PII_SECRET', 'MULTI', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'SHELLSTYLE']);
  loadEnv({ path, target, override: true });
  t.equal(target.OPENAI_BASE_URL, 'http://127.0.0.1:8000/v1');
  t.throws(() => loadEnv({ path, target: {}, required: ['LMFORGE_PII_SECRET', 'NOPE'] }), {
    code: 'ENV_INVALID',
    message: /missing: NOPE; placeholder values: LMFORGE_PII_SECRET/,
  });
  t.same(loadEnv({ path: join(dir, 'absent.env'), target: {} }).fileFound, false, 'a missing file is fine by default');
  t.throws(() => loadEnv({ path: join(dir, 'absent.env'), target: {}, requireFile: true }), { code: 'ENV_READ_FAILED' });
  t.same(checkEnv({ required: ['A'] }, { A: 'real-value-123' }).ok, ['A']);
});

t.test('.env.example documents every variable lmforge reads and holds only placeholders', async (t) => {
  const { readFileSync } = await import('node:fs');
  const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'LMFORGE_PII_SECRET']) t.match(example, new RegExp(`^#?\\s*${name}=`, 'm'), name);
  const { parse } = await import('dotenv');
  const values = parse(example);
  t.equal(classifyEnvValue(values.OPENAI_API_KEY), 'placeholder');
  t.equal(classifyEnvValue(values.LMFORGE_PII_SECRET), 'placeholder');
});
