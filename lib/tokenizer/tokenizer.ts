/**
 * The byte-level BPE tokenizer: a thin typed facade over the native model (native/tokenizer/). Reads and
 * writes Hugging Face tokenizer.json and GPT-2's encoder.json + vocab.bpe.
 *
 * Text that is not well-formed UTF-16 (lone surrogates) is encoded as U+FFFD, so decode(encode(x)) equals
 * x.toWellFormed(); for every well-formed string it equals x.
 */
import { readFile } from 'node:fs/promises';
import { checkArg, LmforgeError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { TokenizerLike } from '../model/contracts.js';
import { tokenizerBinding } from './binding.js';
import { gpt2FilesToSpec, hfJsonToSpec, specToHfJson } from './hf-json.js';
import type { NativeModelHandle, NativeTokenizer, NativeTokenizerSpec, PreTokenizerName, WhitespaceRule } from './native-types.js';

export interface EncodeBatchOptions {
  /** Worker threads (default: all cores). */
  threads?: number;
}

export interface TokenizerDecodeOptions {
  /** Leave special tokens out of the text (default false). */
  skipSpecialTokens?: boolean;
}

export interface TokenizerSaveOptions {
  /** Indent the JSON (default true, as HF writes it). */
  pretty?: boolean;
}

export interface FromGpt2Options {
  /** Names in encoder.json to treat as special tokens (default ['<|endoftext|>']). */
  specialTokens?: string[];
  /**
   * What \s means when pre-tokenizing (default 'javascript': ids identical to js-tiktoken's gpt2 encoding;
   * 'unicode' gives HF tokenizers' and Python tiktoken's ids). Only U+0085 and U+FEFF are affected.
   */
  whitespace?: WhitespaceRule;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new LmforgeError('FILE_UNREADABLE', `cannot read ${what} '${path}': ${(err as Error).message}`, { cause: err });
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new LmforgeError('BAD_TOKENIZER_JSON', `${path}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
}

/** Native failures on bad data (e.g. a vocabulary without all 256 bytes) become LmforgeErrors. */
function nativeCall<T>(code: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof TypeError || err instanceof LmforgeError) throw err;
    throw new LmforgeError(code, (err as Error).message, { cause: err });
  }
}

/** Ids with the span of text each token covers. */
export interface EncodingWithOffsets {
  ids: Uint32Array;
  /** [start, end) in UTF-16 code units of the input, per token. A token holding part of a character spans all of it. */
  offsets: Array<[number, number]>;
}

export class Tokenizer implements TokenizerLike {
  readonly #native: NativeTokenizer;
  #byteLengths: Uint32Array | null = null;

  /** Use Tokenizer.load / fromGpt2 / fromJSON / trainBpe instead. */
  constructor(source: NativeTokenizerSpec | NativeModelHandle) {
    const { NativeTokenizer } = tokenizerBinding();
    this.#native = nativeCall('BAD_TOKENIZER', () => new NativeTokenizer(source));
  }

  /** Number of ids (ordinary and special tokens). */
  get vocabSize(): number {
    return this.#native.vocabSize();
  }

  get preTokenizer(): PreTokenizerName {
    return this.#native.preTokenizer();
  }

  /** Number of merge rules. */
  get mergeCount(): number {
    return this.#native.mergeCount();
  }

  /** What \s means to the pre-tokenizer (tokenizer.json files always mean 'unicode'). */
  get whitespace(): WhitespaceRule {
    return this.#native.unicodeWhitespace() ? 'unicode' : 'javascript';
  }

  encode(text: string): Uint32Array {
    checkArg(typeof text === 'string', 'text', 'a string', text);
    return this.#native.encode(text);
  }

  /** Encodes and reports the text span of every token (HF's `offsets`, in JavaScript string indices). */
  encodeWithOffsets(text: string): EncodingWithOffsets {
    if (this.#native.addPrefixSpace()) {
      throw new LmforgeError('NOT_IMPLEMENTED', 'encodeWithOffsets is not implemented for tokenizers with add_prefix_space');
    }
    const ids = this.encode(text);
    const lengths = (this.#byteLengths ??= this.#native.tokenByteLengths());
    // UTF-8 byte offset -> UTF-16 index of the character starting there (lone surrogates count 3 bytes, as U+FFFD).
    const charAt: number[] = [];
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
      for (let k = 0; k < n; k++) charAt.push(i);
      bytes += n;
      if (pair) i++;
    }
    charAt.push(text.length);
    const offsets: Array<[number, number]> = [];
    let pos = 0;
    for (const id of ids) {
      const end = pos + lengths[id]!;
      // A token ending inside a multi-byte character extends to the end of that character.
      const endIndex = end >= bytes ? text.length : charAt[end - 1] === charAt[end] ? nextChar(charAt, end) : charAt[end]!;
      offsets.push([charAt[Math.min(pos, bytes)]!, endIndex]);
      pos = end;
    }
    return { ids, offsets };
  }

  /** Encodes many texts in parallel on worker threads (the main thread stays free). */
  async encodeBatch(texts: readonly string[], options: EncodeBatchOptions = {}): Promise<Uint32Array[]> {
    checkArg(Array.isArray(texts), 'texts', 'an array of strings', texts);
    if (options.threads !== undefined) checkArg(Number.isInteger(options.threads) && options.threads >= 1, 'options.threads', 'a positive integer', options.threads);
    return this.#native.encodeBatch(texts as string[], options.threads);
  }

  decode(ids: ArrayLike<number>, options: TokenizerDecodeOptions = {}): string {
    checkArg(ids !== null && typeof ids === 'object' && typeof ids.length === 'number', 'ids', 'an array or typed array of token ids', ids);
    return nativeCall('BAD_TOKEN_ID', () => this.#native.decode(ids, options.skipSpecialTokens ?? false));
  }

  decodeBatch(batch: readonly ArrayLike<number>[], options: TokenizerDecodeOptions = {}): string[] {
    checkArg(Array.isArray(batch), 'batch', 'an array of id arrays', batch);
    return nativeCall('BAD_TOKEN_ID', () => this.#native.decodeBatch(batch as ArrayLike<number>[], options.skipSpecialTokens ?? false));
  }

  /** Id of a token by its name (byte-level name as in tokenizer.json, e.g. 'Ġthe'; special tokens by text). */
  tokenToId(token: string): number | undefined {
    checkArg(typeof token === 'string', 'token', 'a string', token);
    return this.#native.tokenToId(token);
  }

  /** Name of a token (byte-level name, or the text of a special token); undefined when out of range. */
  idToToken(id: number): string | undefined {
    checkArg(Number.isInteger(id), 'id', 'an integer', id);
    return this.#native.idToToken(id);
  }

  /** The pieces of `text` as token names (handy for showing how a word splits). */
  tokenize(text: string): string[] {
    return Array.from(this.encode(text), (id) => this.#native.idToToken(id) ?? '');
  }

  /**
   * Adds special tokens: matched in raw text before pre-tokenization, never split, appended after the current
   * ids (a name already in the vocabulary keeps its id). Returns how many new ids were added.
   */
  addSpecialTokens(tokens: readonly string[]): number {
    checkArg(Array.isArray(tokens) && tokens.every((t) => typeof t === 'string'), 'tokens', 'an array of strings', tokens);
    this.#byteLengths = null;
    return this.#native.addSpecialTokens(tokens as string[]);
  }

  /** The Hugging Face tokenizer.json object. */
  toJSON(): object {
    return specToHfJson(this.#native.exportSpec());
  }

  /** Writes a Hugging Face tokenizer.json (atomically). */
  async save(path: string, options: TokenizerSaveOptions = {}): Promise<void> {
    checkArg(typeof path === 'string' && path !== '', 'path', 'a file path', path);
    const json = JSON.stringify(this.toJSON(), null, options.pretty === false ? undefined : 2);
    await writeFileAtomic(path, json + '\n');
  }

  /** Reads a Hugging Face tokenizer.json of a byte-level BPE model (GPT-2, RoBERTa, Llama-3 style). */
  static async load(path: string): Promise<Tokenizer> {
    checkArg(typeof path === 'string' && path !== '', 'path', 'a file path', path);
    const json = parseJson(await readText(path, 'tokenizer file'), path);
    return Tokenizer.fromJSON(json, path);
  }

  /** Builds a tokenizer from a parsed tokenizer.json object (`source` names it in errors). */
  static fromJSON(json: unknown, source = 'tokenizer.json'): Tokenizer {
    const spec = hfJsonToSpec(json, source);
    try {
      return new Tokenizer(spec);
    } catch (err) {
      if (err instanceof LmforgeError) throw new LmforgeError('BAD_TOKENIZER_JSON', `${source}: ${err.message}`, { cause: err });
      throw err;
    }
  }

  /** Reads GPT-2's original files: encoder.json and vocab.bpe (the merges). */
  static async fromGpt2(encoderJsonPath: string, mergesPath: string, options: FromGpt2Options = {}): Promise<Tokenizer> {
    checkArg(typeof encoderJsonPath === 'string' && encoderJsonPath !== '', 'encoderJsonPath', 'a file path', encoderJsonPath);
    checkArg(typeof mergesPath === 'string' && mergesPath !== '', 'mergesPath', 'a file path', mergesPath);
    const [encoderText, mergesText] = await Promise.all([readText(encoderJsonPath, 'encoder.json'), readText(mergesPath, 'merges file')]);
    const spec = gpt2FilesToSpec(parseJson(encoderText, encoderJsonPath), mergesText, encoderJsonPath, mergesPath, options.specialTokens ?? ['<|endoftext|>'], (options.whitespace ?? 'javascript') === 'unicode');
    return new Tokenizer(spec);
  }
}

/** UTF-16 index just past the character that contains byte b - 1 (a token ending mid-character covers all of it). */
function nextChar(charAt: number[], b: number): number {
  const start = charAt[b - 1]!;
  while (b < charAt.length - 1 && charAt[b] === start) b++;
  return charAt[b]!;
}
