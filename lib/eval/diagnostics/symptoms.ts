/**
 * `diagnose(symptoms)`: the classic "symptom -> causes -> solutions" table for training problems,
 * kept as data, with free-text matching that survives wording, case, punctuation, plurals and
 * common synonyms ("loss goes to NaN", "CUDA OOM", "val loss rising").
 */
import { checkArg } from '../../errors.js';
import { porterStem } from '../metrics/porter.js';
import type { TrainingFix } from './fixes.js';
import type { FindingId, RunFinding } from './run-types.js';

export interface Remedy {
  cause: string;
  solution: string;
  /** The same solution as lmforge training options, when it is one. */
  fix?: TrainingFix;
}

export interface SymptomEntry {
  id: 'loss_explosion' | 'no_learning' | 'overfitting' | 'out_of_memory' | 'slow_training' | 'unstable_training';
  title: string;
  /** Phrases that name the symptom; a phrase matches when all its words occur (after normalising). */
  phrases: string[];
  remedies: Remedy[];
}

export const SYMPTOM_TABLE: readonly SymptomEntry[] = [
  {
    id: 'loss_explosion',
    title: 'Loss explodes or becomes NaN',
    phrases: ['loss explodes', 'loss exploding', 'loss explosion', 'loss nan', 'nan', 'inf', 'infinity', 'loss diverges',
      'divergence', 'loss blows up', 'loss goes up', 'loss shoots up', 'exploding gradients', 'gradient explosion', 'overflow'],
    remedies: [
      { cause: 'Learning rate too high', solution: 'Lower the learning rate by about 10x (for fine-tuning 1e-5 to 5e-5)', fix: { lr: 1e-5 } },
      { cause: 'Exploding gradients', solution: 'Clip the gradient norm to 1.0', fix: { clipGradNorm: 1.0 } },
      { cause: 'No or too short warm-up', solution: 'Warm the learning rate up over the first few hundred steps', fix: { warmupSteps: 500 } },
      { cause: 'fp16 overflow', solution: 'Train in bf16 instead of fp16 (same range as fp32)', fix: { precision: 'bf16' } },
      { cause: 'Bad data (empty or corrupted examples, label errors)', solution: 'Check the batch at the failing step; filter empty and extreme-length documents' },
    ],
  },
  {
    id: 'no_learning',
    title: 'Loss does not decrease',
    phrases: ['loss not decreasing', 'loss does not decrease', 'loss flat', 'loss stuck', 'not learning', 'no learning',
      'loss plateau', 'plateau', 'loss constant', 'loss stagnates', 'no improvement', 'model not improving', 'underfitting'],
    remedies: [
      { cause: 'Learning rate too low', solution: 'Raise the learning rate (try 3e-4 for pre-training small GPTs, 5e-5 for fine-tuning)', fix: { lr: 3e-4 } },
      { cause: 'Learning rate too high (stuck at a poor value)', solution: 'Lower the learning rate and warm it up', fix: { lr: 1e-4, warmupSteps: 200 } },
      { cause: 'Frozen parameters or wrong LoRA targets', solution: 'Run checkModelHealth: trainable parameters must be non-zero and receive gradients' },
      { cause: 'Data or labels broken (e.g. all tokens masked, shuffled labels)', solution: 'Decode a few training batches and check inputs and targets line up' },
      { cause: 'Effective batch too small and noisy', solution: 'Accumulate gradients over more micro-batches', fix: { gradientAccumulation: 4 } },
    ],
  },
  {
    id: 'overfitting',
    title: 'Overfitting: training loss falls while validation loss rises',
    phrases: ['overfitting', 'overfit', 'validation loss increasing', 'val loss increasing', 'validation loss rising', 'val loss rising',
      'validation loss going up', 'val loss going up', 'val loss up', 'eval loss increasing', 'gap between train and validation',
      'train validation gap', 'memorizing', 'memorising', 'memorization', 'generalization poor', 'generalizes poorly'],
    remedies: [
      { cause: 'Training too long for the data', solution: 'Stop at the best validation loss (early stopping)', fix: { earlyStopping: { patience: 3, minDelta: 0.001 }, evalEvery: 100 } },
      { cause: 'Too little regularisation', solution: 'Add weight decay and dropout', fix: { weightDecay: 0.1, dropout: 0.1 } },
      { cause: 'Too little or repetitive data', solution: 'Add data, deduplicate it (near-duplicates inflate memorisation), or use a smaller model / LoRA' },
      { cause: 'Learning rate too high late in training', solution: 'Use a decaying schedule with a lower peak', fix: { lr: 1e-4 } },
    ],
  },
  {
    id: 'out_of_memory',
    title: 'Out of memory',
    phrases: ['out of memory', 'oom', 'cuda oom', 'memory error', 'runs out of memory', 'not enough memory', 'allocation failed',
      'cannot allocate', 'memory exhausted', 'heap out of memory', 'gpu memory full'],
    remedies: [
      { cause: 'Batch too large', solution: 'Halve the batch size and accumulate gradients to keep the effective batch', fix: { batchSize: 4, gradientAccumulation: 8 } },
      { cause: 'Activations of long sequences', solution: 'Recompute activations (gradient checkpointing) or shorten the context', fix: { gradientCheckpointing: true, contextLength: 512 } },
      { cause: 'fp32 weights and activations', solution: 'Train in bf16 mixed precision', fix: { precision: 'bf16' } },
      { cause: 'Full fine-tuning of a large model', solution: 'Fine-tune with LoRA adapters instead of all weights' },
    ],
  },
  {
    id: 'slow_training',
    title: 'Training is slow',
    phrases: ['slow training', 'training slow', 'too slow', 'slow', 'low throughput', 'throughput drop', 'tokens per second low',
      'takes forever', 'takes too long', 'gpu utilization low', 'low gpu utilization', 'speed dropped', 'slower'],
    remedies: [
      { cause: 'Small batches leave the accelerator idle', solution: 'Raise the batch size as far as memory allows', fix: { batchSize: 32 } },
      { cause: 'fp32 arithmetic', solution: 'Use bf16 mixed precision', fix: { precision: 'bf16' } },
      { cause: 'Data loading or tokenisation on the fly', solution: 'Tokenise ahead of time into token files (lmforge tokenize) and train from them' },
      { cause: 'Evaluating or checkpointing too often', solution: 'Evaluate less often', fix: { evalEvery: 1000 } },
      { cause: 'Gradient checkpointing on when memory allows without it', solution: 'Turn gradient checkpointing off', fix: { gradientCheckpointing: false } },
    ],
  },
  {
    id: 'unstable_training',
    title: 'Unstable training: loss spikes or oscillates',
    phrases: ['unstable', 'instability', 'loss spikes', 'spike', 'spiky', 'loss oscillates', 'oscillating', 'oscillation',
      'loss jumps', 'loss jumping', 'noisy loss', 'loss fluctuates', 'fluctuating', 'erratic', 'zigzag'],
    remedies: [
      { cause: 'Learning rate too high', solution: 'Lower the learning rate', fix: { lr: 1e-4 } },
      { cause: 'Large gradient steps on rare batches', solution: 'Clip the gradient norm', fix: { clipGradNorm: 1.0 } },
      { cause: 'Batch too small (noisy gradients)', solution: 'Accumulate gradients for a larger effective batch', fix: { gradientAccumulation: 4 } },
      { cause: 'No warm-up', solution: 'Warm the learning rate up', fix: { warmupSteps: 500 } },
      { cause: 'Outlier or corrupted examples', solution: 'Inspect the batches at the spike steps; filter by length and quality' },
    ],
  },
];

// Synonyms mapped to one canonical word before stemming, so phrases match across wordings.
const SYNONYMS: Record<string, string> = {
  val: 'validation', valid: 'validation', eval: 'validation', evaluation: 'validation', dev: 'validation', test: 'validation',
  rising: 'increasing', rises: 'increasing', rise: 'increasing', grows: 'increasing', growing: 'increasing', increases: 'increasing',
  increase: 'increasing', up: 'increasing', higher: 'increasing', worse: 'increasing', climbs: 'increasing', climbing: 'increasing',
  nans: 'nan', infs: 'inf', infinite: 'inf',
  explode: 'explodes', exploded: 'explodes', explodes: 'explodes', exploding: 'explodes', explosion: 'explodes', blowing: 'blows', blew: 'blows',
  diverge: 'diverges', diverged: 'diverges', diverging: 'diverges', divergence: 'diverges',
  decreasing: 'decrease', decreases: 'decrease', dropping: 'decrease', falling: 'decrease', improving: 'improvement', improve: 'improvement',
  stuck: 'flat', stagnant: 'flat', stagnates: 'flat', stagnating: 'flat', constant: 'flat', plateaus: 'plateau', plateaued: 'plateau', plateauing: 'plateau',
  oom: 'oom', ooms: 'oom', vram: 'memory', ram: 'memory',
  sluggish: 'slow', slowly: 'slow', slowed: 'slower', throughput: 'throughput',
  spikes: 'spike', spiking: 'spike', spiky: 'spike', jumps: 'spike', jumping: 'spike',
  oscillates: 'oscillation', oscillate: 'oscillation', oscillating: 'oscillation', fluctuates: 'oscillation', fluctuating: 'oscillation', fluctuation: 'oscillation', zigzag: 'oscillation',
  overfit: 'overfitting', overfits: 'overfitting', overfitted: 'overfitting',
  gpu: 'gpu', cuda: 'gpu', accelerator: 'gpu',
  doesnt: 'not', isnt: 'not', wont: 'not', never: 'not', no: 'not',
};

const STOP = new Set(['the', 'a', 'an', 'is', 'are', 'my', 'our', 'it', 'of', 'to', 'and', 'in', 'on', 'at', 'after', 'during', 'when',
  'does', 'do', 'very', 'keeps', 'keep', 'goes', 'go', 'going', 'get', 'gets', 'getting', 'becomes', 'become', 'with', 'while', 'but', 'then', 'this', 'that', 'loss', 's']);

/** Lowercase, split on non-alphanumerics (apostrophes join: "doesn't" -> "doesnt"), map synonyms. */
function words(text: string): string[] {
  return text.toLowerCase().replace(/['’]/g, '').split(/[^a-z0-9]+/).filter(Boolean).map((w) => SYNONYMS[w] ?? w);
}

const stem = (w: string): string => (w.length > 3 ? porterStem(w) : w);

/** The normalised, stemmed words of a symptom, as matched against the table's phrases. */
export function normalizeSymptom(text: string): string[] {
  return words(text).map(stem);
}

interface PhraseWord { raw: string; stem: string }

function phraseWords(phrase: string): PhraseWord[] {
  // "loss" is implied by most symptoms; requiring it would make "NaN at step 300" miss.
  return words(phrase).map((raw) => ({ raw, stem: stem(raw) })).filter((w) => !STOP.has(w.stem) && !STOP.has(w.raw));
}

export interface SymptomMatch {
  id: SymptomEntry['id'];
  title: string;
  /** Number of words of the best phrase found in the symptom: higher is a surer match. */
  score: number;
  matchedPhrase: string;
  remedies: Remedy[];
}

export interface Diagnosis {
  symptom: string;
  /** Matching table entries, best first; empty when nothing matched. */
  matches: SymptomMatch[];
}

/** True when a and b differ by at most one insertion, deletion or substitution. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { i++; j++; continue; }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else { i++; j++; }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/**
 * A phrase word is present when the symptom has its stem, or (for words of 5+ letters) has a word one
 * typo away from it, before or after stemming ("validaton", "memmory").
 */
function hasWord(stems: Set<string>, raws: readonly string[], w: PhraseWord): boolean {
  if (stems.has(w.stem)) return true;
  if (w.raw.length >= 5 && raws.some((x) => withinOneEdit(x, w.raw))) return true;
  if (w.stem.length >= 5) for (const x of stems) if (withinOneEdit(x, w.stem)) return true;
  return false;
}

/**
 * Looks free-text symptoms up in {@link SYMPTOM_TABLE}. Each symptom gets every entry one of whose
 * phrases it contains (all words, any order, one typo allowed in longer words), ranked by the longest
 * phrase matched.
 */
export function diagnose(symptoms: string | string[]): Diagnosis[] {
  const list = typeof symptoms === 'string' ? [symptoms] : symptoms;
  checkArg(Array.isArray(list), 'symptoms', 'a string or an array of strings', symptoms);
  return list.map((symptom, i) => {
    checkArg(typeof symptom === 'string', `symptoms[${i}]`, 'a string', symptom);
    const raws = words(symptom);
    const stems = new Set(raws.map(stem));
    const matches: SymptomMatch[] = [];
    for (const entry of SYMPTOM_TABLE) {
      let best: { score: number; phrase: string } | null = null;
      for (const phrase of entry.phrases) {
        const pw = phraseWords(phrase);
        if (pw.length > 0 && pw.every((w) => hasWord(stems, raws, w)) && (best === null || pw.length > best.score)) best = { score: pw.length, phrase };
      }
      if (best) matches.push({ id: entry.id, title: entry.title, score: best.score, matchedPhrase: best.phrase, remedies: entry.remedies });
    }
    matches.sort((a, b) => b.score - a.score);
    return { symptom, matches };
  });
}

/** Which table row explains each kind of run finding (null: no row; the finding's own fix applies). */
export const SYMPTOM_FOR_FINDING: Readonly<Record<FindingId, SymptomEntry['id'] | null>> = {
  non_finite: 'loss_explosion', loss_explosion: 'loss_explosion', grad_norm_exploding: 'loss_explosion',
  loss_spikes: 'unstable_training', oscillation: 'unstable_training', grad_norm_spikes: 'unstable_training', warmup: 'unstable_training',
  plateau: 'no_learning', no_learning: 'no_learning', grad_norm_vanishing: 'no_learning', grad_clipped: 'unstable_training',
  overfitting: 'overfitting', throughput_drop: 'slow_training', warmup_too_long: null,
};

/** The table row (causes and remedies) behind a finding of `diagnoseRun`, or null. */
export function symptomForFinding(finding: Pick<RunFinding, 'id'>): SymptomEntry | null {
  const id = SYMPTOM_FOR_FINDING[finding.id];
  return id === null || id === undefined ? null : SYMPTOM_TABLE.find((e) => e.id === id) ?? null;
}
