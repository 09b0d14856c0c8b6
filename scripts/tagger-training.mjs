// The PII name tagger's training (lib/privacy/pii/tagger.ts), shared by scripts/train-pii-tagger.mjs
// and the test that checks the shipped weights are what this training gives.
//
// Model: logistic regression over hashed features, AdaGrad, a few epochs in a seeded order, so the
// same sets always give the same weights.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLabelledJsonl } from '../lib/privacy/index.ts';
import { taggerView } from '../lib/privacy/pii/names.ts';
import { tokenFeatures, sigmoid, outOfScope, FEATURES_PER_TOKEN } from '../lib/privacy/pii/tagger.ts';

export const BITS = 18;
const EPOCHS = 6;
const LR = 0.5;
const L2 = 2e-6;
export const MIN_ABS = 0.02;
export const FIXTURES = fileURLToPath(new URL('../test/fixtures/privacy/', import.meta.url));

/**
 * Sets kept out of training: the last round scored once with the shipped weights stays out until the
 * next round is scored, so that its first-run figure (bench/pii.mjs) keeps describing those weights.
 */
export const HELD_OUT = new Set(['pii-holdout59', 'pii-holdout60', 'pii-holdout61', 'pii-holdout62']);

/** Every labelled set (*.jsonl) in `dirs` but the held-out ones, in name order. */
export function loadSets(dirs = [FIXTURES]) {
  const sets = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
      if (HELD_OUT.has(f.replace(/\.jsonl$/, ''))) continue;
      sets.push({ name: f.replace(/\.jsonl$/, ''), docs: parseLabelledJsonl(readFileSync(dir + '/' + f, 'utf8'), f) });
    }
  }
  return sets;
}

/** Feature rows and labels of the capitalised tokens in scope: a token is a name's when most of it is labelled PERSON. */
export function featurize(docs) {
  const rows = [];
  for (const d of docs) {
    const gold = new Uint8Array(d.text.length);
    for (const s of d.spans) if (s.type === 'PERSON') gold.fill(1, s.start, s.end);
    const { toks, classOf } = taggerView(d.text);
    for (const t of toks) {
      if (outOfScope(t, classOf(t.lower))) continue;
      let c = 0;
      const end = d.text.charCodeAt(t.end - 1) === 46 ? t.end - 1 : t.end;
      for (let k = t.start; k < end; k++) c += gold[k];
      const f = tokenFeatures(d.text, t, classOf, new Int32Array(FEATURES_PER_TOKEN), BITS);
      rows.push({ f, y: c * 2 > end - t.start ? 1 : 0, doc: d, t });
    }
  }
  return rows;
}

/** A small seeded generator (mulberry32), so the training order and the weights are reproducible. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Trains on feature rows; returns the weight table. */
export function train(rows) {
  const w = new Float32Array(1 << BITS);
  const g2 = new Float32Array(1 << BITS).fill(1e-8);
  const order = rows.map((_, k) => k);
  const rand = rng(1234);
  for (let ep = 0; ep < EPOCHS; ep++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      [order[k], order[j]] = [order[j], order[k]];
    }
    for (const k of order) {
      const { f, y } = rows[k];
      let z = 0;
      for (const s of f) z += w[s];
      const g = sigmoid(z) - y;
      for (const s of f) {
        const gs = g + L2 * w[s];
        g2[s] += gs * gs;
        w[s] -= (LR * gs) / Math.sqrt(g2[s]);
      }
    }
  }
  return w;
}

