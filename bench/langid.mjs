// Language-ID accuracy and speed on test/fixtures/data/langid-eval.jsonl (1,920 real short texts,
// 16 languages incl. Esperanto, Czech, Bulgarian, Chinese; built by build-langid-set.py from Debian
// man-page translations and GNU gettext catalogues): lmforge's detectLanguage vs eld, tinyld,
// cld3-asm and franc in the same run. Run: node --import tsx bench/langid.mjs
import { readFileSync } from 'node:fs';
import { eld } from 'eld/large';
import { eld as eldXs } from 'eld/extrasmall';
import * as tinyld from 'tinyld';
import { franc } from 'franc';
import { loadModule } from 'cld3-asm';
import { detectLanguage } from '../lib/data/index.ts';

const rows = readFileSync(new URL('../test/fixtures/data/langid-eval.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const cldFactory = await loadModule();
const cld = cldFactory.create(0, 1000);
const ISO3 = { deu: 'de', spa: 'es', fra: 'fr', ita: 'it', pol: 'pl', rus: 'ru', ces: 'cs', jpn: 'ja', cmn: 'zh', ukr: 'uk', nld: 'nl', swe: 'sv', tur: 'tr', eng: 'en', bul: 'bg', epo: 'eo' };
const detectors = {
  'lmforge detectLanguage': (t) => detectLanguage(t).lang,
  'eld (large)': (t) => eld.detect(t).language,
  'eld (extrasmall)': (t) => eldXs.detect(t).language,
  tinyld: (t) => tinyld.detect(t),
  'cld3-asm': (t) => cld.findLanguage(t).language.split('-')[0],
  franc: (t) => ISO3[franc(t, { minLength: 1 })] ?? 'other',
};
const langs = [...new Set(rows.map((r) => r.lang))];
const results = [];
for (const [name, fn] of Object.entries(detectors)) {
  for (const r of rows.slice(0, 200)) fn(r.text); // warm-up
  const perLang = Object.fromEntries(langs.map((l) => [l, 0]));
  let ok = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let rep = 0; rep < 3; rep++) for (const r of rows) { const p = fn(r.text); if (rep === 0 && p === r.lang) { ok++; perLang[r.lang]++; } }
  const secs = (performance.now() - t0) / 1000 / 3;
  const c1 = process.cpuUsage(c0);
  const cpuSecs = (c1.user + c1.system) / 1e6 / 3;
  const noEo = rows.filter((r) => r.lang !== 'eo').length;
  results.push({ name, accuracy: ok / rows.length, accuracyWithoutEo: (ok - perLang.eo) / noEo, docsPerSec: Math.round(rows.length / secs), docsPerCpuSec: Math.round(rows.length / cpuSecs), perLang });
}
console.log(`${rows.length} texts, ${langs.length} languages (${langs.join(' ')}), avg ${Math.round(rows.reduce((a, r) => a + r.text.length, 0) / rows.length)} chars`);
console.log('detector'.padEnd(24), 'accuracy', 'w/o eo', ' docs/s', 'docs/cpu-s', '  weakest languages');
for (const r of results) {
  const weak = Object.entries(r.perLang).sort((a, b) => a[1] - b[1]).slice(0, 3).map(([l, n]) => `${l} ${n}/120`).join(', ');
  console.log(r.name.padEnd(24), (r.accuracy * 100).toFixed(1).padStart(7) + '%', (r.accuracyWithoutEo * 100).toFixed(1).padStart(5) + '%', String(r.docsPerSec).padStart(7), String(r.docsPerCpuSec).padStart(10), ' ', weak);
}
console.log(JSON.stringify({ bench: 'langid', texts: rows.length, languages: langs.length, results: results.map(({ perLang, ...r }) => r) }));
