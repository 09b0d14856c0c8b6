// The loader: a broken binary is test-loaded in a child process and explained, never loaded into the caller.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const nativeTs = fileURLToPath(new URL('../../lib/native.ts', import.meta.url));
const load = (env: Record<string, string>): { status: number | null; out: string } => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', `import(${JSON.stringify(nativeTs)}).then((m) => { m.nativeBinding(); console.log('LOADED', m.nativePath()); }).catch((e) => { console.log(e.code, e.message); process.exit(3); })`], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status, out: r.stdout + r.stderr };
};

t.test('a corrupt LMFORGE_BINARY gives an explanation, not a crash', async (t) => {
  const bad = join(mkdtempSync(join(tmpdir(), 'lmforge-')), 'bad.node');
  writeFileSync(bad, 'not an ELF file');
  const r = load({ LMFORGE_BINARY: bad });
  t.equal(r.status, 3);
  t.match(r.out, /NATIVE_NOT_FOUND lmforge could not load its native addon/);
  t.match(r.out, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(LMFORGE_BINARY\\): .*file too short`));
  t.match(r.out, /npm run setup/, 'says what to do next');
});

t.test('a missing LMFORGE_BINARY is reported as not found', async (t) => {
  const r = load({ LMFORGE_BINARY: '/nonexistent/lmforge.node' });
  t.equal(r.status, 3);
  t.match(r.out, /\/nonexistent\/lmforge.node \(LMFORGE_BINARY\): file not found/);
});

t.test('the local build loads and a bad LMFORGE_NUM_THREADS is refused', async (t) => {
  const ok = load({ LMFORGE_BINARY: '' });
  t.match(ok.out, /LOADED .*lmforge.*\.node/);
  const bad = load({ LMFORGE_BINARY: '', LMFORGE_NUM_THREADS: 'lots' });
  t.match(bad.out, /BAD_ENV LMFORGE_NUM_THREADS must be a positive integer, got 'lots'/);
});
