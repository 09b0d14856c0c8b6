// PII detection benchmark: lmforge's detectPII against the seed's "advanced regex" baseline
// (a plain set of regexes for e-mail, phone, SSN, card and IP, as the seed writes them), on the
// labelled sets in test/fixtures/privacy (templated dev set and hand-written hold-out sets), plus throughput
// on ~10 MB of unique generated documents and a pathological input.
//
// Presidio (the reference, quoted at ~0.88 recall and ~50 docs/s) is Python and cannot be
// installed here (npm and apt only), so it is not run; its figures are quoted, not measured.
//
// Run: node --import tsx bench/pii.mjs
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The compiled package (dist/, what users run) when it is built; the TypeScript sources otherwise.
const built = existsSync(new URL('../dist/privacy/index.js', import.meta.url));
const { detectPII, evaluatePII, parseLabelledJsonl } = await import(built ? '../dist/privacy/index.js' : '../lib/privacy/index.ts');
import { generateDocs } from '../test/fixtures/privacy/make-pii-eval.mjs';

const fixture = (n) => fileURLToPath(new URL(`../test/fixtures/privacy/${n}`, import.meta.url));

// The seed's baseline: one regex per type, no validation, no context.
const BASELINE = [
  ['EMAIL_ADDRESS', /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g],
  ['PHONE_NUMBER', /(?:\+?1[-.\s]?)?\(?\d{3}\)?[-.\s]?\d{3}[-.\s]?\d{4}/g],
  ['US_SSN', /\b\d{3}-\d{2}-\d{4}\b/g],
  ['CREDIT_CARD', /\b(?:\d{4}[-\s]?){3}\d{4}\b/g],
  ['IP_ADDRESS', /\b(?:\d{1,3}\.){3}\d{1,3}\b/g],
];
function baseline(text) {
  const out = [];
  for (const [type, re] of BASELINE) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) out.push({ type, start: m.index, end: m.index + m[0].length });
  }
  return out;
}
const lmforge = (text) => detectPII(text);

function score(name, docs, detector) {
  const r = evaluatePII(docs, { detector });
  return { set: name, entityRecall: r.entities.recall, charPrecision: r.chars.precision, charRecall: r.chars.recall, charF1: r.chars.f1, entities: r.entities.total, byType: r.byType };
}

function throughput(detector, docs, repeats = 1) {
  let chars = 0;
  for (const d of docs) chars += d.length;
  // Warm-up on a slice, then time.
  for (const d of docs.slice(0, 200)) detector(d);
  // Best of `repeats` passes: on a shared machine the fastest pass is the least disturbed one.
  let s = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    for (const d of docs) detector(d);
    s = Math.min(s, Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    // CPU seconds of this process: the "one core" figure, less sensitive to other load.
    cpu = Math.min(cpu, (c.user + c.system) / 1e6);
  }
  repeats = 1;
  const mb = (chars * repeats) / 1e6;
  return { mbPerS: mb / s, mbPerCpuS: mb / cpu, docsPerS: (docs.length * repeats) / s, seconds: s, cpuSeconds: cpu, mb };
}

const dev = parseLabelledJsonl(readFileSync(fixture('pii-eval.jsonl'), 'utf8'), 'pii-eval.jsonl');
const holdout = parseLabelledJsonl(readFileSync(fixture('pii-holdout.jsonl'), 'utf8'), 'pii-holdout.jsonl');
const holdout2 = parseLabelledJsonl(readFileSync(fixture('pii-holdout2.jsonl'), 'utf8'), 'pii-holdout2.jsonl');
const holdout3 = parseLabelledJsonl(readFileSync(fixture('pii-holdout3.jsonl'), 'utf8'), 'pii-holdout3.jsonl');
const holdout4 = parseLabelledJsonl(readFileSync(fixture('pii-holdout4.jsonl'), 'utf8'), 'pii-holdout4.jsonl');
const holdout5 = parseLabelledJsonl(readFileSync(fixture('pii-holdout5.jsonl'), 'utf8'), 'pii-holdout5.jsonl');
const holdout6 = parseLabelledJsonl(readFileSync(fixture('pii-holdout6.jsonl'), 'utf8'), 'pii-holdout6.jsonl');
const holdout7 = parseLabelledJsonl(readFileSync(fixture('pii-holdout7.jsonl'), 'utf8'), 'pii-holdout7.jsonl');
const holdout8 = parseLabelledJsonl(readFileSync(fixture('pii-holdout8.jsonl'), 'utf8'), 'pii-holdout8.jsonl');
const holdout9 = parseLabelledJsonl(readFileSync(fixture('pii-holdout9.jsonl'), 'utf8'), 'pii-holdout9.jsonl');
const holdout10 = parseLabelledJsonl(readFileSync(fixture('pii-holdout10.jsonl'), 'utf8'), 'pii-holdout10.jsonl');
const holdout11 = parseLabelledJsonl(readFileSync(fixture('pii-holdout11.jsonl'), 'utf8'), 'pii-holdout11.jsonl');
const holdout12 = parseLabelledJsonl(readFileSync(fixture('pii-holdout12.jsonl'), 'utf8'), 'pii-holdout12.jsonl');
const independent = [13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34].map((n) => [n, parseLabelledJsonl(readFileSync(fixture(`pii-holdout${n}.jsonl`), 'utf8'), `pii-holdout${n}.jsonl`)]);

// Hold-outs 13-18 were written by independent annotators (helper agents that could not read or run the
// detector) and sealed until scored. 13-16 were scored once with the detector of commit 8dbc6ee (round 1
// of session 2), then used to develop round 2; 17 and 18 were written meanwhile and scored once with the
// round-2 detector (commit b5b2588): those two are this session's honest estimate.
const FIRST_RUN_INDEPENDENT = {
  13: { commit: '8dbc6ee', entityRecall: 0.890, charPrecision: 0.975, found: 187, entities: 210 },
  14: { commit: '8dbc6ee', entityRecall: 0.862, charPrecision: 0.937, found: 213, entities: 247 },
  15: { commit: '8dbc6ee', entityRecall: 0.927, charPrecision: 0.953, found: 227, entities: 245 },
  16: { commit: '8dbc6ee', entityRecall: 0.901, charPrecision: 0.939, found: 183, entities: 203 },
  17: { commit: 'b5b2588', entityRecall: 0.955, charPrecision: 0.984, found: 214, entities: 224 },
  18: { commit: 'b5b2588', entityRecall: 0.942, charPrecision: 0.969, found: 213, entities: 226 },
  // Session 3: four more annotators wrote 19-22 (support/HR/IT threads; UK/IE/AU/NZ care records; CSV
  // exports, invoices and EU legal letters; informal messages) while the detector was developed on
  // 13-18; they were scored once with the frozen detector of commit ef8b3d2. (On the same sets the
  // session-2 detector, b5b2588, finds 785/899 = 0.873; the session-1 detector, cb771cd, 742/899 = 0.825.)
  19: { commit: 'ef8b3d2', entityRecall: 0.910, charPrecision: 0.989, found: 203, entities: 223 },
  20: { commit: 'ef8b3d2', entityRecall: 0.843, charPrecision: 0.984, found: 183, entities: 217 },
  21: { commit: 'ef8b3d2', entityRecall: 0.882, charPrecision: 0.955, found: 231, entities: 262 },
  22: { commit: 'ef8b3d2', entityRecall: 0.904, charPrecision: 0.950, found: 178, entities: 197 },
  // Round 4 was developed on 19-22 while four more annotators wrote 23-26 (a company's shared inbox;
  // US/Canadian care records; continental Europe in local languages; logs, tickets and exports); they
  // were scored once with the frozen detector of commit 8c513f8. On the same sets: ef8b3d2 752/851 = 0.884,
  // b5b2588 743/851 = 0.873, cb771cd 678/851 = 0.797.
  23: { commit: '8c513f8', entityRecall: 0.959, charPrecision: 0.979, found: 185, entities: 193 },
  24: { commit: '8c513f8', entityRecall: 0.904, charPrecision: 0.973, found: 197, entities: 218 },
  25: { commit: '8c513f8', entityRecall: 0.795, charPrecision: 0.936, found: 175, entities: 220 },
  26: { commit: '8c513f8', entityRecall: 0.945, charPrecision: 0.964, found: 208, entities: 220 },
  // Round 5 was developed on 23-26 while 27-30 were written (UK/IE/AU small businesses and public
  // services; continental Europe; US legal/financial/health/education; multinational tech artifacts),
  // scored once with the frozen detector of commit 86dc118. On the same sets: 8c513f8 813/889 = 0.915,
  // ef8b3d2 803/889 = 0.903, b5b2588 791/889 = 0.890, cb771cd 752/889 = 0.846.
  27: { commit: '86dc118', entityRecall: 0.936, charPrecision: 0.955, found: 204, entities: 218 },
  28: { commit: '86dc118', entityRecall: 0.894, charPrecision: 0.921, found: 202, entities: 226 },
  29: { commit: '86dc118', entityRecall: 0.968, charPrecision: 0.992, found: 245, entities: 253 },
  30: { commit: '86dc118', entityRecall: 0.901, charPrecision: 0.986, found: 173, entities: 192 },
  // Round 6 was developed on 27-30 while 31-34 were written (everyday personal and small-business text;
  // Europe in local languages; professional records with captions and tables; tech and customer
  // operations), scored once with the frozen detector of commit 47014b1. On the same sets: 86dc118
  // 877/961 = 0.913, 8c513f8 869/961 = 0.904, ef8b3d2 858/961 = 0.893, b5b2588 849/961 = 0.883,
  // cb771cd 760/961 = 0.791.
  31: { commit: '47014b1', entityRecall: 0.956, charPrecision: 0.975, found: 218, entities: 228 },
  32: { commit: '47014b1', entityRecall: 0.872, charPrecision: 0.922, found: 211, entities: 242 },
  33: { commit: '47014b1', entityRecall: 0.879, charPrecision: 0.973, found: 247, entities: 281 },
  34: { commit: '47014b1', entityRecall: 0.962, charPrecision: 0.990, found: 202, entities: 210 },
  // Session 4, round 7: the first detector with the learned name tagger (lib/privacy/pii/tagger.ts),
  // scored once on 35-38, written meanwhile (US/Canadian healthcare; support e-mail and chat; UK/IE/US
  // legal and finance; continental Europe in local languages). On the same sets the session-3 final
  // detector (f0e2ade, no tagger) finds 944/1025 = 0.921 at char precision 0.981/0.961/0.978/0.977.
  35: { commit: 'c882ddf', entityRecall: 0.949, charPrecision: 0.976, found: 224, entities: 236 },
  36: { commit: 'c882ddf', entityRecall: 0.946, charPrecision: 0.958, found: 227, entities: 240 },
  37: { commit: 'c882ddf', entityRecall: 0.989, charPrecision: 0.971, found: 263, entities: 266 },
  38: { commit: 'c882ddf', entityRecall: 0.890, charPrecision: 0.959, found: 252, entities: 283 },
  // Round 8 was developed on 35-38 (the tagger retrained on them; lower-case names, particles, vetoes;
  // address, record-number and birth-date forms) while 39-42 were written (HR in the US/CA/AU/NZ; IT
  // and operations; property, utilities and deliveries; education and community), scored once with the
  // frozen detector of commit 8b0748c. On the same sets: c882ddf 1006/1090 = 0.923, f0e2ade (no tagger)
  // 987/1090 = 0.906.
  39: { commit: '8b0748c', entityRecall: 0.951, charPrecision: 0.958, found: 231, entities: 243 },
  40: { commit: '8b0748c', entityRecall: 0.893, charPrecision: 0.908, found: 234, entities: 262 },
  41: { commit: '8b0748c', entityRecall: 0.952, charPrecision: 0.976, found: 240, entities: 252 },
  42: { commit: '8b0748c', entityRecall: 0.898, charPrecision: 0.966, found: 299, entities: 333 },
  // Round 9 was developed on 39-42 (plus six independently labelled training sets for the tagger and its
  // veto of weak rule names) while 43-46 were written (UK/IE/AU everyday and small-business text; US
  // paperwork; a multinational's English documents; Northern and Central Europe in local languages),
  // scored once with the frozen detector of commit 3572080. On the same sets: 8b0748c 991/1104 = 0.898
  // at char precision 0.956/0.976/0.944/0.921; f0e2ade (no tagger) 949/1104 = 0.860.
  43: { commit: '3572080', entityRecall: 0.944, charPrecision: 0.963, found: 219, entities: 232 },
  44: { commit: '3572080', entityRecall: 0.978, charPrecision: 0.981, found: 272, entities: 278 },
  45: { commit: '3572080', entityRecall: 0.888, charPrecision: 0.974, found: 238, entities: 268 },
  46: { commit: '3572080', entityRecall: 0.794, charPrecision: 0.936, found: 259, entities: 326 },
  // Round 10 was developed on 43-46 (Nordic, Czech and Polish numbers, units and labels) while 47-50 were
  // written (US mix; UK and Irish mix; Southern and Western Europe in local languages; Northern and
  // Central Europe in local languages), scored once with the frozen detector of commit 44c4380. On the
  // same sets: 3572080 1039/1164 = 0.893, f0e2ade (no tagger) 1015/1164 = 0.872.
  47: { commit: '44c4380', entityRecall: 0.985, charPrecision: 0.981, found: 271, entities: 275 },
  48: { commit: '44c4380', entityRecall: 0.967, charPrecision: 0.983, found: 267, entities: 276 },
  49: { commit: '44c4380', entityRecall: 0.867, charPrecision: 0.926, found: 273, entities: 315 },
  50: { commit: '44c4380', entityRecall: 0.832, charPrecision: 0.927, found: 248, entities: 298 },
  // Round 11 was developed on 47-50 while 51-54 were written (US and Canadian mix; UK, Irish, Australian
  // and New Zealand mix; Southern and Western Europe in local languages; Central and Northern Europe in
  // local languages), scored once with the frozen detector of commit a71b605 (the session's last change
  // to what is detected). On the same sets: 44c4380 919/1025 = 0.897, f0e2ade (session 3's final
  // detector, no tagger) 873/1025 = 0.852 at char precision 0.969/0.979/0.912/0.964.
  51: { commit: 'a71b605', entityRecall: 0.966, charPrecision: 0.984, found: 226, entities: 234 },
  52: { commit: 'a71b605', entityRecall: 0.907, charPrecision: 0.983, found: 263, entities: 290 },
  53: { commit: 'a71b605', entityRecall: 0.882, charPrecision: 0.938, found: 240, entities: 272 },
  54: { commit: 'a71b605', entityRecall: 0.852, charPrecision: 0.977, found: 195, entities: 229 },
  // The session's final detector (commit 114fd3b: a71b605's rules, the tagger retrained with 51-54, and
  // output-identical speed work) scored once on 55-58, written meanwhile with the same four emphases as
  // 51-54. On the same sets: a71b605 932/1017 = 0.916; f0e2ade (no tagger) 889/1017 = 0.874 at char
  // precision 0.987/0.977/0.944/0.955. (Then opened: one more round was developed on them.)
  55: { commit: '114fd3b', entityRecall: 0.956, charPrecision: 0.992, found: 197, entities: 206 },
  56: { commit: '114fd3b', entityRecall: 0.958, charPrecision: 0.985, found: 295, entities: 308 },
  57: { commit: '114fd3b', entityRecall: 0.888, charPrecision: 0.963, found: 230, entities: 259 },
  58: { commit: '114fd3b', entityRecall: 0.881, charPrecision: 0.959, found: 215, entities: 244 },
  // Round 12 was developed on 55-58 (the tagger retrained with them; glued record numbers, more column
  // headers) while 59-62 were written with the same four emphases, scored once with the frozen detector
  // of commit 5c70728 (the session's final detector). On the same sets: 114fd3b 1058/1154 = 0.917;
  // f0e2ade (no tagger) 1005/1154 = 0.871 at char precision 0.969/0.990/0.920/0.941. These sets are held
  // out of the tagger's training (scripts/tagger-training.mjs HELD_OUT) so that this figure keeps
  // describing the shipped weights.
  59: { commit: '5c70728', entityRecall: 0.976, charPrecision: 0.987, found: 248, entities: 254 },
  60: { commit: '5c70728', entityRecall: 0.938, charPrecision: 0.992, found: 287, entities: 306 },
  61: { commit: '5c70728', entityRecall: 0.849, charPrecision: 0.958, found: 248, entities: 292 },
  62: { commit: '5c70728', entityRecall: 0.901, charPrecision: 0.965, found: 272, entities: 302 },
};

// First-run figures: each hold-out set scored once, before any rule change prompted by it. Later
// figures on the same set are development figures; these constants keep the honest ones in view.
//  - hold-out 1: first run 0.920 recall / 0.962 char precision (recorded by the module's author).
//  - hold-out 2: first run 0.843 / 0.976 (same).
//  - hold-out 3 (38 docs, 142 entities: UK/DE/FR/ES/IE/IN/AU/CA documents, lowercase chat,
//    look-alike negatives), scored with the detector as committed in 5de0c49 before any change:
const FIRST_RUN_HOLDOUT3 = { entityRecall: 0.704, charPrecision: 1.0, charRecall: 0.706, found: 100, entities: 142 };
//  - hold-out 4 (24 docs, 76 entities), written after the hold-out-3 round of changes and scored once
//    with that detector (the detector of 5de0c49 scores 0.724 / 0.940 on it):
const FIRST_RUN_HOLDOUT4 = { entityRecall: 0.842, charPrecision: 0.948, charRecall: 0.875, found: 64, entities: 76 };
//  - hold-out 5 (22 docs, 72 entities), written after the hold-out-4 round and scored once with that
//    detector (the detector of 5de0c49 scores 0.694 / 0.974 on it):
const FIRST_RUN_HOLDOUT5 = { entityRecall: 0.833, charPrecision: 0.979, charRecall: 0.819, found: 60, entities: 72 };
//  - hold-out 6 (22 docs), written after the hold-out-5 round and scored once with that detector (the
//    detector of 5de0c49 scores 0.778 / 0.945 on it). As first written it had 72 entities and scored
//    0.958 / 0.936; one street address (a bank's) had been left unlabelled against the set's own
//    convention, and labelling it gives the same run 70/73 = 0.959 / 0.968, the figure kept here.
//  - hold-out 7 (26 docs, 81 entities), written after the hold-out-6 round and scored once with that
//    detector (the detector of 5de0c49 scores 0.741 / 0.994 on it):
const FIRST_RUN_HOLDOUT7 = { entityRecall: 0.938, charPrecision: 0.967, charRecall: 0.936, found: 76, entities: 81 };
//  - hold-out 8 (24 docs, 78 entities), written after the hold-out-7 round and scored once with that
//    detector (the detector of 5de0c49 scores 0.654 / 0.999 on it):
const FIRST_RUN_HOLDOUT8 = { entityRecall: 0.795, charPrecision: 0.999, charRecall: 0.828, found: 62, entities: 78 };
//  - hold-out 9 (22 docs, 73 entities), written after the hold-out-8 round and scored once with that
//    detector (the detector of 5de0c49 scores 0.630 / 0.959 on it). As first generated it scored
//    0.877 / 0.963; the builder had labelled a given name inside an e-mail address ("thabo" in
//    thabo.mokoena@...) instead of the address, a builder bug fixed afterwards (whole words only);
//    with the address labelled, the same run is 0.877 / 0.983, the figure kept here.
const FIRST_RUN_HOLDOUT9 = { entityRecall: 0.877, charPrecision: 0.983, charRecall: 0.933, found: 64, entities: 73, asFirstGenerated: { entityRecall: 0.877, charPrecision: 0.963 } };
//  - hold-out 10 (20 docs, 63 entities), written after the hold-out-9 round and scored once with that
//    detector (the detector of 5de0c49 scores 0.746 / 0.982 on it):
const FIRST_RUN_HOLDOUT10 = { entityRecall: 0.889, charPrecision: 0.985, charRecall: 0.945, found: 56, entities: 63 };
//  - hold-out 11 (20 docs, 53 entities), written after the hold-out-10 round and scored once with that
//    detector (the detector of 5de0c49 scores 0.792 / 1.000 on it):
const FIRST_RUN_HOLDOUT11 = { entityRecall: 0.962, charPrecision: 0.961, charRecall: 0.972, found: 51, entities: 53 };
//  - hold-out 12 (20 docs, 57 entities), written after the last rule change and scored once with the
//    final detector; no rule was changed after it (the detector of 5de0c49 scores 0.684 / 0.973 on it):
const FIRST_RUN_HOLDOUT12 = { entityRecall: 0.912, charPrecision: 0.987, charRecall: 0.918, found: 52, entities: 57 };
const FIRST_RUN_HOLDOUT6 = { entityRecall: 0.959, charPrecision: 0.968, charRecall: 0.975, found: 70, entities: 73, asFirstWritten: { entityRecall: 0.958, charPrecision: 0.936 } };

const quality = [];
for (const [name, docs] of [['dev (250 docs)', dev], ['hold-out (35 docs)', holdout], ['hold-out 2 (22 docs)', holdout2],
  ['hold-out 3 (38 docs)', holdout3], ['hold-out 4 (24 docs)', holdout4], ['hold-out 5 (22 docs)', holdout5], ['hold-out 6 (22 docs)', holdout6], ['hold-out 7 (26 docs)', holdout7], ['hold-out 8 (24 docs)', holdout8], ['hold-out 9 (22 docs)', holdout9], ['hold-out 10 (20 docs)', holdout10], ['hold-out 11 (20 docs)', holdout11], ['hold-out 12 (20 docs)', holdout12], ...independent.map(([n, d]) => [`hold-out ${n} (${d.length} docs)`, d])]) {
  quality.push({ detector: 'lmforge', ...score(name, docs, lmforge) });
  quality.push({ detector: 'seed regex', ...score(name, docs, baseline) });
}

// Throughput corpus: unique documents from other seeds of the fixture generator (~10 MB).
const corpus = [];
let size = 0;
for (let s = 1; size < 10e6; s++) for (const d of generateDocs({ count: 400, seed: 1000 + s, hand: false })) { corpus.push(d.text); size += d.text.length; }
const speed = { lmforge: throughput(lmforge, corpus, 3), 'seed regex': throughput(baseline, corpus, 3) };

// Pathological input: 20 KB of local-part characters with no '@'. The baseline e-mail regex
// retries from every position (quadratic); lmforge anchors on '@'.
const evil = 'a.'.repeat(10_000);
const tEvil = (f) => { const t0 = process.hrtime.bigint(); f(evil); return Number(process.hrtime.bigint() - t0) / 1e6; };
const adversarial = { input: '20 KB "a.a.a..."', lmforgeMs: tEvil(lmforge), baselineMs: tEvil(baseline) };
const big = 'a.'.repeat(5e6);
const adversarial10mb = { input: '10 MB "a.a.a..."', lmforgeMs: tEvil.call(null, () => lmforge(big)) };

const f = (x) => x.toFixed(3);
console.log('PII detection quality (entity found when >= 90% of its characters are flagged)');
console.log('dev: templated, used for development. Hold-outs: hand-written (test/fixtures/privacy/make-*.mjs). Each of hold-outs 1-11');
console.log('was used after its first run to fix general rules, so its figure in the table is a development figure; hold-out 12');
console.log('was written after the last change and never tuned on. First runs (entity recall / char precision):');
console.log('  hold-out 1: 0.920 / 0.962   hold-out 2: 0.843 / 0.976');
const fr = (x) => `${x.entityRecall.toFixed(3)} / ${x.charPrecision.toFixed(3)}`;
console.log(`  hold-out 3: ${fr(FIRST_RUN_HOLDOUT3)}   hold-out 4: ${fr(FIRST_RUN_HOLDOUT4)}   hold-out 5: ${fr(FIRST_RUN_HOLDOUT5)}   hold-out 6: ${fr(FIRST_RUN_HOLDOUT6)}   hold-out 7: ${fr(FIRST_RUN_HOLDOUT7)}   hold-out 8: ${fr(FIRST_RUN_HOLDOUT8)}`);
console.log(`  hold-out 9: ${fr(FIRST_RUN_HOLDOUT9)}   hold-out 10: ${fr(FIRST_RUN_HOLDOUT10)}   hold-out 11: ${fr(FIRST_RUN_HOLDOUT11)}`);
console.log(`  hold-out 12: ${fr(FIRST_RUN_HOLDOUT12)} (untouched since)`);
// Pooled first runs of the sets written after a round of changes (4-12): each scored by the detector
// it had never been tuned on. This, not the figures above, is the generalisation estimate.
const FRESH = [FIRST_RUN_HOLDOUT4, FIRST_RUN_HOLDOUT5, FIRST_RUN_HOLDOUT6, FIRST_RUN_HOLDOUT7, FIRST_RUN_HOLDOUT8, FIRST_RUN_HOLDOUT9, FIRST_RUN_HOLDOUT10, FIRST_RUN_HOLDOUT11, FIRST_RUN_HOLDOUT12];
const freshFound = FRESH.reduce((a, x) => a + x.found, 0);
const freshTotal = FRESH.reduce((a, x) => a + x.entities, 0);
console.log(`  pooled first-run entity recall on hold-outs 4-12: ${freshFound}/${freshTotal} = ${(freshFound / freshTotal).toFixed(3)}; char precision ranged ${Math.min(...FRESH.map((x) => x.charPrecision)).toFixed(3)}-${Math.max(...FRESH.map((x) => x.charPrecision)).toFixed(3)}`);
console.log('  independent annotators, sealed until scored (entity recall / char precision, detector commit):');
for (const [n, x] of Object.entries(FIRST_RUN_INDEPENDENT)) console.log(`    hold-out ${n}: ${fr(x)} (${x.commit})`);
const pooledFirstRun = (sets) => {
  const found = sets.reduce((a, n) => a + FIRST_RUN_INDEPENDENT[n].found, 0);
  const total = sets.reduce((a, n) => a + FIRST_RUN_INDEPENDENT[n].entities, 0);
  return `${found}/${total} = ${(found / total).toFixed(3)}`;
};
console.log(`  pooled first run of 17-18 (session 2's detector): ${pooledFirstRun([17, 18])}`);
console.log(`  pooled first run of 19-22 (session 3, round 3): ${pooledFirstRun([19, 20, 21, 22])}`);
console.log(`  pooled first run of 23-26 (session 3, round 4): ${pooledFirstRun([23, 24, 25, 26])}`);
console.log(`  pooled first run of 27-30 (session 3, round 5): ${pooledFirstRun([27, 28, 29, 30])}`);
console.log(`  pooled first run of 31-34 (session 3, round 6): ${pooledFirstRun([31, 32, 33, 34])}`);
console.log(`  pooled first run of 35-38 (session 4, round 7, with the name tagger): ${pooledFirstRun([35, 36, 37, 38])}`);
console.log(`  pooled first run of 39-42 (session 4, round 8): ${pooledFirstRun([39, 40, 41, 42])}`);
console.log(`  pooled first run of 43-46 (session 4, round 9): ${pooledFirstRun([43, 44, 45, 46])}`);
console.log(`  pooled first run of 47-50 (session 4, round 10): ${pooledFirstRun([47, 48, 49, 50])}`);
console.log(`  pooled first run of 51-54 (session 4, round 11): ${pooledFirstRun([51, 52, 53, 54])}`);
console.log(`  pooled first run of 55-58 (session 4, round 12): ${pooledFirstRun([55, 56, 57, 58])}`);
console.log(`  pooled first run of 59-62 (session 4, the final detector: the current honest estimate): ${pooledFirstRun([59, 60, 61, 62])}`);
console.log(`(detector loaded from ${built ? 'dist/ (compiled)' : 'lib/ (TypeScript via tsx)'})`);
console.log('set                    detector     entity recall  char precision  char recall  char F1');
for (const q of quality) console.log(`${q.set.padEnd(22)} ${q.detector.padEnd(12)} ${f(q.entityRecall).padStart(13)}  ${f(q.charPrecision).padStart(14)}  ${f(q.charRecall).padStart(11)}  ${f(q.charF1).padStart(7)}`);
// Per-type recall pooled over the hand-written hold-out sets.
const pooled = (detector) => {
  const acc = {};
  for (const q of quality) {
    if (!q.set.startsWith('hold') || q.detector !== detector) continue;
    for (const [t, r] of Object.entries(q.byType)) {
      const a = (acc[t] ??= { total: 0, found: 0 });
      a.total += r.total;
      a.found += r.found;
    }
  }
  return acc;
};
console.log('\nPer-type entity recall, all hold-out sets pooled (lmforge / seed regex)');
const hl = pooled('lmforge');
const hb = pooled('seed regex');
for (const t of Object.keys(hl).sort()) if (hl[t].total > 0) console.log(`  ${t.padEnd(22)} ${f(hl[t].found / hl[t].total)} / ${f((hb[t]?.found ?? 0) / hl[t].total)}  (n=${hl[t].total})`);
console.log(`\nThroughput, one thread, ${corpus.length} unique documents, ${(size / 1e6).toFixed(1)} MB, best of 3 passes`);
console.log('  detector     wall MB/s  MB per CPU-second  docs/s (wall)');
for (const [k, v] of Object.entries(speed)) console.log(`  ${k.padEnd(12)} ${v.mbPerS.toFixed(2).padStart(9)}  ${v.mbPerCpuS.toFixed(2).padStart(17)}  ${Math.round(v.docsPerS).toString().padStart(13)}`);
console.log(`  (load average now ${(await import('node:os')).loadavg()[0].toFixed(1)}; wall figures suffer on a shared machine, CPU-second figures much less)`);
console.log(`\nPathological ${adversarial.input}: lmforge ${adversarial.lmforgeMs.toFixed(1)} ms, seed regex ${adversarial.baselineMs.toFixed(1)} ms`);
console.log(`Pathological ${adversarial10mb.input}: lmforge ${adversarial10mb.lmforgeMs.toFixed(0)} ms`);
console.log('Presidio: not run (Python; not installable here). Seed quotes ~0.88 recall, ~50 docs/s.');
console.log(JSON.stringify({
  bench: 'pii',
  quality: quality.map(({ byType, ...q }) => q),
  firstRun: { holdout1: { entityRecall: 0.92, charPrecision: 0.962 }, holdout2: { entityRecall: 0.843, charPrecision: 0.976 }, holdout3: FIRST_RUN_HOLDOUT3, holdout4: FIRST_RUN_HOLDOUT4, holdout5: FIRST_RUN_HOLDOUT5, holdout6: FIRST_RUN_HOLDOUT6, holdout7: FIRST_RUN_HOLDOUT7, holdout8: FIRST_RUN_HOLDOUT8, holdout9: FIRST_RUN_HOLDOUT9, holdout10: FIRST_RUN_HOLDOUT10, holdout11: FIRST_RUN_HOLDOUT11, holdout12: FIRST_RUN_HOLDOUT12, independent: FIRST_RUN_INDEPENDENT },
  throughput: Object.fromEntries(Object.entries(speed).map(([k, v]) => [k, { mbPerS: v.mbPerS, mbPerCpuSecond: v.mbPerCpuS, docsPerS: v.docsPerS, mb: v.mb }])),
  adversarial: { ...adversarial, lmforge10mbMs: adversarial10mb.lmforgeMs },
}));
