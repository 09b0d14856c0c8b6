/**
 * Hugging Face `tokenizer.json` <-> the native tokenizer spec. Writes a faithful dump of our pieces (BPE model,
 * ByteLevel pre-tokenizer and decoder, added_tokens) that HF tokenizers and transformers.js load and encode
 * the same way; reads byte-level BPE files (GPT-2, RoBERTa, Llama-3 style), naming the field when one is
 * missing or not supported.
 */
import { LmforgeError } from '../errors.js';
import type { NativeTokenizerSpec, PreTokenizerName } from './native-types.js';

/** The cl100k split pattern as HF files (Llama-3, GPT-4 conversions) write it; onig supports (?i:...). */
const CL100K_HF = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
/** Variants of the same pattern seen in the wild (possessive quantifiers, tiktoken's spelling). */
const CL100K_VARIANTS = new Set([
  CL100K_HF,
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?+\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+",
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
]);
const WHITESPACE_HF = ' ?\\S+|\\s+(?!\\S)|\\s+';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface HfAddedToken {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

function byteLevel(useRegex: boolean, addPrefixSpace = false): JsonObject {
  return { type: 'ByteLevel', add_prefix_space: addPrefixSpace, trim_offsets: true, use_regex: useRegex };
}

function preTokenizerJson(kind: PreTokenizerName, addPrefixSpace: boolean): JsonObject {
  switch (kind) {
    case 'gpt2':
      return byteLevel(true, addPrefixSpace);
    case 'cl100k':
      return {
        type: 'Sequence',
        pretokenizers: [{ type: 'Split', pattern: { Regex: CL100K_HF }, behavior: 'Isolated', invert: false }, byteLevel(false)],
      };
    case 'whitespace':
      return {
        type: 'Sequence',
        pretokenizers: [{ type: 'Split', pattern: { Regex: WHITESPACE_HF }, behavior: 'Isolated', invert: false }, byteLevel(false)],
      };
    case 'digits':
      return { type: 'Sequence', pretokenizers: [{ type: 'Digits', individual_digits: true }, byteLevel(true)] };
  }
}

/** The tokenizer.json object for a spec (keys in HF's order). */
export function specToHfJson(spec: NativeTokenizerSpec): JsonObject {
  const vocab: JsonObject = {};
  const added: JsonObject[] = [];
  for (let id = 0; id < spec.tokens.length; id++) {
    const name = spec.tokens[id]!;
    if (spec.special[id]) {
      added.push({ id, content: name, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
    }
    // HF keeps special tokens in the model vocab too (its trainer does); skip a name an ordinary token owns.
    if (!(name in vocab)) vocab[name] = id;
  }
  const merges: Json[] = [];
  for (let i = 0; i < spec.merges.length; i += 3) merges.push([spec.tokens[spec.merges[i]!]!, spec.tokens[spec.merges[i + 1]!]!]);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: preTokenizerJson(spec.preTokenizer, spec.addPrefixSpace),
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: spec.ignoreMerges,
      vocab,
      merges,
    },
  };
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(source: string, field: string, what: string): LmforgeError {
  return new LmforgeError('BAD_TOKENIZER_JSON', `${source}: ${field} ${what}`);
}

function unsupported(source: string, field: string, what: string): LmforgeError {
  return new LmforgeError('UNSUPPORTED_TOKENIZER', `${source}: ${field} ${what} (lmforge reads byte-level BPE tokenizers: GPT-2, RoBERTa, Llama-3 style)`);
}

/** Checks a ByteLevel piece; returns its add_prefix_space. */
function checkByteLevel(source: string, field: string, v: JsonObject, wantRegex: boolean): boolean {
  const useRegex = v.use_regex === undefined ? true : v.use_regex === true;
  if (useRegex !== wantRegex) throw unsupported(source, `${field}.use_regex`, `must be ${wantRegex} here`);
  return v.add_prefix_space === true;
}

function readPreTokenizer(source: string, v: unknown): { kind: PreTokenizerName; addPrefixSpace: boolean } {
  const field = 'pre_tokenizer';
  if (!isObject(v)) throw bad(source, field, 'is missing (expected a ByteLevel pre-tokenizer)');
  if (v.type === 'ByteLevel') return { kind: 'gpt2', addPrefixSpace: checkByteLevel(source, field, v, true) };
  if (v.type === 'Sequence' && Array.isArray(v.pretokenizers) && v.pretokenizers.length === 2) {
    const [first, second] = v.pretokenizers;
    if (!isObject(first) || !isObject(second) || second.type !== 'ByteLevel') {
      throw unsupported(source, `${field}.pretokenizers`, 'is not [Split|Digits, ByteLevel]');
    }
    if (first.type === 'Split') {
      const addPrefixSpace = checkByteLevel(source, `${field}.pretokenizers[1]`, second, false);
      // After a Split, HF prepends the space to every piece, not once per text: not supported.
      if (addPrefixSpace) throw unsupported(source, `${field}.pretokenizers[1].add_prefix_space`, 'true after a Split is not supported');
      const pattern = isObject(first.pattern) ? first.pattern.Regex : undefined;
      if (first.behavior !== 'Isolated' || first.invert === true) throw unsupported(source, `${field}.pretokenizers[0].behavior`, 'must be Isolated');
      if (typeof pattern === 'string' && CL100K_VARIANTS.has(pattern)) return { kind: 'cl100k', addPrefixSpace: false };
      if (pattern === WHITESPACE_HF) return { kind: 'whitespace', addPrefixSpace: false };
      throw unsupported(source, `${field}.pretokenizers[0].pattern`, `${JSON.stringify(pattern)} is not a known split pattern`);
    }
    if (first.type === 'Digits' && first.individual_digits === true) {
      if (checkByteLevel(source, `${field}.pretokenizers[1]`, second, true)) {
        throw unsupported(source, `${field}.pretokenizers[1].add_prefix_space`, 'true after Digits is not supported');
      }
      return { kind: 'digits', addPrefixSpace: false };
    }
  }
  throw unsupported(source, field, `of type ${JSON.stringify(v.type)}`);
}

/** Parses a tokenizer.json object into a spec; errors name the file and field. */
export function hfJsonToSpec(json: unknown, source: string): NativeTokenizerSpec {
  if (!isObject(json)) throw bad(source, 'the top level', 'is not a JSON object');
  const model = json.model;
  if (!isObject(model)) throw bad(source, 'model', 'is missing');
  if (model.type !== undefined && model.type !== 'BPE') throw unsupported(source, 'model.type', `${JSON.stringify(model.type)} is not BPE`);
  if (model.byte_fallback === true) throw unsupported(source, 'model.byte_fallback', 'true is not supported');
  if (model.continuing_subword_prefix) throw unsupported(source, 'model.continuing_subword_prefix', 'is not supported');
  if (model.end_of_word_suffix) throw unsupported(source, 'model.end_of_word_suffix', 'is not supported');
  if (json.normalizer !== null && json.normalizer !== undefined) throw unsupported(source, 'normalizer', 'must be null');
  const { kind: preTokenizer, addPrefixSpace } = readPreTokenizer(source, json.pre_tokenizer);
  if (!isObject(model.vocab)) throw bad(source, 'model.vocab', 'is missing');
  if (!Array.isArray(model.merges)) throw bad(source, 'model.merges', 'is missing');

  const byId: (string | undefined)[] = [];
  const special: number[] = [];
  const ids = new Map<string, number>();
  for (const [name, id] of Object.entries(model.vocab)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 0x7fffffff) {
      throw bad(source, `model.vocab[${JSON.stringify(name)}]`, 'must be a non-negative integer id');
    }
    if (byId[id] !== undefined) throw bad(source, `model.vocab[${JSON.stringify(name)}]`, `reuses id ${id}`);
    byId[id] = name;
    ids.set(name, id);
  }
  const addedTokens = json.added_tokens ?? [];
  if (!Array.isArray(addedTokens)) throw bad(source, 'added_tokens', 'must be an array');
  addedTokens.forEach((t, i) => {
    if (!isObject(t)) throw bad(source, `added_tokens[${i}]`, 'must be an object');
    if (typeof t.id !== 'number' || !Number.isInteger(t.id) || t.id < 0) throw bad(source, `added_tokens[${i}].id`, 'is missing');
    if (typeof t.content !== 'string' || t.content === '') throw bad(source, `added_tokens[${i}].content`, 'is missing');
    const existing = byId[t.id];
    if (existing !== undefined && existing !== t.content) {
      throw bad(source, `added_tokens[${i}]`, `has id ${t.id}, which model.vocab gives to ${JSON.stringify(existing)}`);
    }
    byId[t.id] = t.content;
    // Added tokens (special or not) are matched in the raw text before pre-tokenization, as HF does.
    special[t.id] = 1;
  });
  for (let id = 0; id < byId.length; id++) {
    if (byId[id] === undefined) throw bad(source, 'model.vocab', `has no token with id ${id} (ids must be 0..${byId.length - 1} without gaps)`);
  }
  const tokens = byId as string[];
  const merges = new Uint32Array(model.merges.length * 3);
  model.merges.forEach((m, i) => {
    let left: unknown, right: unknown;
    if (typeof m === 'string') {
      const parts = m.split(' ');
      if (parts.length !== 2) throw bad(source, `model.merges[${i}]`, `(${JSON.stringify(m)}) is not "left right"`);
      [left, right] = parts;
    } else if (Array.isArray(m) && m.length === 2) {
      [left, right] = m;
    } else {
      throw bad(source, `model.merges[${i}]`, 'is not a "left right" string or a [left, right] pair');
    }
    if (typeof left !== 'string' || typeof right !== 'string') throw bad(source, `model.merges[${i}]`, 'must hold two strings');
    const a = ids.get(left), b = ids.get(right), c = ids.get(left + right);
    if (a === undefined) throw bad(source, `model.merges[${i}]`, `refers to ${JSON.stringify(left)}, which is not in model.vocab`);
    if (b === undefined) throw bad(source, `model.merges[${i}]`, `refers to ${JSON.stringify(right)}, which is not in model.vocab`);
    if (c === undefined) throw bad(source, `model.merges[${i}]`, `makes ${JSON.stringify(left + right)}, which is not in model.vocab`);
    merges[3 * i] = a;
    merges[3 * i + 1] = b;
    merges[3 * i + 2] = c;
  });
  const flags = new Uint8Array(tokens.length);
  for (let id = 0; id < tokens.length; id++) flags[id] = special[id] ? 1 : 0;
  // HF's regexes (Oniguruma) use Unicode White_Space for \s.
  return { tokens, special: flags, merges, preTokenizer, ignoreMerges: model.ignore_merges === true, addPrefixSpace, unicodeWhitespace: true };
}

/**
 * GPT-2's original files: encoder.json ({name: id}) and vocab.bpe ("#version" line, then "left right" per line).
 * `<|endoftext|>` (and any other name in `specialTokens`) becomes a special token.
 */
export function gpt2FilesToSpec(encoder: unknown, mergesText: string, encoderPath: string, mergesPath: string, specialTokens: readonly string[], unicodeWhitespace: boolean): NativeTokenizerSpec {
  if (!isObject(encoder)) throw new LmforgeError('BAD_TOKENIZER_FILE', `${encoderPath}: expected a JSON object mapping token names to ids`);
  const lines = mergesText.split('\n');
  const mergeList: [string, string][] = [];
  lines.forEach((line, i) => {
    const l = line.replace(/\r$/, '');
    if (l === '' || (i === 0 && l.startsWith('#version'))) return;
    const parts = l.split(' ');
    if (parts.length !== 2) throw new LmforgeError('BAD_TOKENIZER_FILE', `${mergesPath}:${i + 1}: expected "left right", got ${JSON.stringify(l)}`);
    mergeList.push(parts as [string, string]);
  });
  const wanted = new Set(specialTokens);
  const json = {
    model: { type: 'BPE', vocab: encoder, merges: mergeList },
    pre_tokenizer: byteLevel(true),
    added_tokens: Object.entries(encoder)
      .filter(([name]) => wanted.has(name))
      .map(([content, id]) => ({ id, content, special: true })),
  };
  try {
    return { ...hfJsonToSpec(json, `${encoderPath} + ${mergesPath}`), unicodeWhitespace };
  } catch (err) {
    if (err instanceof LmforgeError) throw new LmforgeError('BAD_TOKENIZER_FILE', err.message.replace(/model\.(vocab|merges)/g, (_, w: string) => (w === 'vocab' ? 'encoder.json' : 'vocab.bpe')));
    throw err;
  }
}
