/**
 * trainBpe: byte-level BPE training on the native side. Documents are counted into unique words in parallel
 * (worker threads, both cores), then the merge loop runs off the main thread; `onProgress` reports both phases.
 */
import { access, constants } from 'node:fs/promises';
import { checkArg, LmforgeError } from '../errors.js';
import { tokenizerBinding } from './binding.js';
import type { NativeTrainStats, PreTokenizerName, WhitespaceRule } from './native-types.js';
import { PRE_TOKENIZERS, WHITESPACE_RULES } from './pretokenize.js';
import { Tokenizer } from './tokenizer.js';

export interface BpeTrainProgress {
  phase: 'count' | 'merge' | 'done';
  /** Files or texts counted so far (phase 'count'). */
  documents: number;
  /** Bytes of text counted so far. */
  bytes: number;
  /** Merges done and the most merges the vocabulary size allows (phase 'merge'). */
  mergesDone: number;
  mergesTarget: number;
}

export interface TrainBpeOptions {
  /** Text files (UTF-8; invalid bytes are replaced with U+FFFD and counted in the report). */
  files?: string[];
  /** Documents, e.g. a generator over a JSONL shard. */
  texts?: AsyncIterable<string> | Iterable<string>;
  /** Final vocabulary size including the 256 byte tokens and the special tokens. */
  vocabSize: number;
  /** Stop merging when the best pair occurs fewer times than this (default 0). */
  minFrequency?: number;
  /** Special tokens: ids 0..n-1, never split, never merged. */
  specialTokens?: string[];
  /** Pre-tokenizer (default 'gpt2'). */
  preTokenizer?: PreTokenizerName;
  /** What \s means to the pre-tokenizer (default 'unicode': HF tokenizers split saved files the same way). */
  whitespace?: WhitespaceRule;
  /** Worker threads for counting (default: all cores). */
  threads?: number;
  onProgress?: (progress: BpeTrainProgress) => void;
}

/** What the training saw, alongside the tokenizer. */
export interface BpeTrainReport extends NativeTrainStats {
  merges: number;
  vocabSize: number;
  seconds: number;
}

/** Texts are sent to the native side in batches of about this many UTF-16 units. */
const BATCH_CHARS = 4 << 20;

/** Trains a byte-level BPE tokenizer. The returned tokenizer carries the run's report in `trainReport`. */
export async function trainBpe(options: TrainBpeOptions): Promise<Tokenizer & { trainReport: BpeTrainReport }> {
  checkArg(typeof options === 'object' && options !== null, 'options', 'an object', options);
  const { files = [], texts, vocabSize, minFrequency = 0, specialTokens = [], preTokenizer = 'gpt2', whitespace = 'unicode', threads, onProgress } = options;
  checkArg(Array.isArray(files) && files.every((f) => typeof f === 'string'), 'options.files', 'an array of file paths', files);
  checkArg(texts === undefined || (typeof texts === 'object' && texts !== null && (Symbol.iterator in texts || Symbol.asyncIterator in texts)), 'options.texts', 'an iterable or async iterable of strings', texts);
  checkArg(Number.isInteger(vocabSize), 'options.vocabSize', 'an integer', vocabSize);
  checkArg(Number.isInteger(minFrequency) && minFrequency >= 0, 'options.minFrequency', 'a non-negative integer', minFrequency);
  checkArg(Array.isArray(specialTokens) && specialTokens.every((t) => typeof t === 'string' && t !== ''), 'options.specialTokens', 'an array of non-empty strings', specialTokens);
  checkArg(PRE_TOKENIZERS.includes(preTokenizer), 'options.preTokenizer', `one of ${PRE_TOKENIZERS.join(', ')}`, preTokenizer);
  checkArg(WHITESPACE_RULES.includes(whitespace), 'options.whitespace', "'unicode' or 'javascript'", whitespace);
  checkArg(onProgress === undefined || typeof onProgress === 'function', 'options.onProgress', 'a function', onProgress);
  if (threads !== undefined) checkArg(Number.isInteger(threads) && threads >= 1, 'options.threads', 'a positive integer', threads);
  const uniqueSpecials = [...new Set(specialTokens)];
  if (vocabSize < 256 + uniqueSpecials.length) {
    throw new LmforgeError('BAD_VOCAB_SIZE', `options.vocabSize must be at least 256 + ${uniqueSpecials.length} special tokens = ${256 + uniqueSpecials.length}, got ${vocabSize}`);
  }
  if (files.length === 0 && texts === undefined) {
    throw new LmforgeError('EMPTY_CORPUS', 'trainBpe needs options.files or options.texts');
  }
  for (const f of files) {
    try {
      await access(f, constants.R_OK);
    } catch (err) {
      throw new LmforgeError('FILE_UNREADABLE', `cannot read training file '${f}': ${(err as Error).message}`, { cause: err });
    }
  }

  const started = performance.now();
  const { NativeBpeTrainer } = tokenizerBinding();
  const trainer = new NativeBpeTrainer({ preTokenizer, specialTokens: uniqueSpecials, threads, unicodeWhitespace: whitespace === 'unicode' });
  const report = (phase: BpeTrainProgress['phase'], mergesDone = 0, mergesTarget = 0): void => {
    if (!onProgress) return;
    const s = trainer.stats();
    onProgress({ phase, documents: s?.documents ?? 0, bytes: s?.bytes ?? 0, mergesDone, mergesTarget });
  };

  const wrap = async (p: Promise<void>): Promise<void> => {
    try {
      await p;
    } catch (err) {
      throw new LmforgeError('TRAIN_FAILED', (err as Error).message, { cause: err });
    }
  };
  // Files go in groups so one call reads several small files and both threads have work.
  for (let i = 0; i < files.length; i += 64) {
    await wrap(trainer.addFiles(files.slice(i, i + 64)));
    report('count');
  }
  if (texts !== undefined) {
    let batch: string[] = [];
    let chars = 0;
    let index = 0;
    for await (const t of texts as AsyncIterable<string>) {
      if (typeof t !== 'string') throw new TypeError(`options.texts[${index}] must be a string, got ${t === null ? 'null' : typeof t}`);
      index++;
      batch.push(t);
      chars += t.length;
      if (chars >= BATCH_CHARS) {
        await wrap(trainer.addTexts(batch));
        report('count');
        batch = [];
        chars = 0;
      }
    }
    if (batch.length) await wrap(trainer.addTexts(batch));
    report('count');
  }
  const stats = trainer.stats()!;
  if (stats.bytes === 0 || stats.uniqueWords === 0) {
    throw new LmforgeError('EMPTY_CORPUS', `the training corpus is empty (${stats.documents} documents, 0 bytes of text)`);
  }
  let handle;
  try {
    handle = await trainer.train({ vocabSize, minFrequency }, onProgress ? (done, target) => report('merge', done, target) : undefined);
  } catch (err) {
    throw new LmforgeError('TRAIN_FAILED', (err as Error).message, { cause: err });
  }
  const tokenizer = new Tokenizer(handle) as Tokenizer & { trainReport: BpeTrainReport };
  const merges = tokenizer.mergeCount;
  tokenizer.trainReport = { ...stats, merges, vocabSize: tokenizer.vocabSize, seconds: (performance.now() - started) / 1000 };
  report('done', merges, vocabSize - 256 - uniqueSpecials.length);
  return tokenizer;
}
