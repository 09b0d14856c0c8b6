/** Types of the tokenizer slice of the native addon (native/tokenizer/tokenizer_addon.cc). */

export type PreTokenizerName = 'gpt2' | 'cl100k' | 'whitespace' | 'digits';

/**
 * What \s means to the pre-tokenizer: 'unicode' = Unicode White_Space (HF tokenizers, Python tiktoken);
 * 'javascript' = JavaScript's \s (js-tiktoken). They differ only on U+0085 (space in Unicode) and U+FEFF
 * (space in JavaScript).
 */
export type WhitespaceRule = 'unicode' | 'javascript';

/** A tokenizer as plain data: what crosses the boundary when loading and saving. */
export interface NativeTokenizerSpec {
  /** Token names by id: byte-level names (GPT-2's alphabet) for ordinary tokens, the text for special ones. */
  tokens: string[];
  /** 1 where the token is special (matched before pre-tokenization, never split). */
  special: Uint8Array;
  /** (left id, right id, merged id) triples in rank order. */
  merges: Uint32Array;
  preTokenizer: PreTokenizerName;
  /** Emit a piece that is itself a token without merging (HF `ignore_merges`, used by Llama-3). */
  ignoreMerges: boolean;
  /** Prepend a space to each text segment that does not start with one (HF ByteLevel `add_prefix_space`). */
  addPrefixSpace: boolean;
  /** true: WhitespaceRule 'unicode'; false: 'javascript'. */
  unicodeWhitespace: boolean;
}

/** Opaque handle to a trained model, turned into a NativeTokenizer by its constructor. */
export interface NativeModelHandle {
  readonly __nativeModel: unique symbol;
}

export interface NativeTokenizer {
  encode(text: string): Uint32Array;
  encodeBatch(texts: string[], threads?: number): Promise<Uint32Array[]>;
  decode(ids: ArrayLike<number>, skipSpecialTokens?: boolean): string;
  decodeBatch(batch: ArrayLike<number>[], skipSpecialTokens?: boolean): string[];
  tokenToId(token: string): number | undefined;
  idToToken(id: number): string | undefined;
  vocabSize(): number;
  preTokenizer(): PreTokenizerName;
  unicodeWhitespace(): boolean;
  addPrefixSpace(): boolean;
  mergeCount(): number;
  addSpecialTokens(tokens: string[]): number;
  exportSpec(): NativeTokenizerSpec;
  tokenByteLengths(): Uint32Array;
}

export interface NativeTrainStats {
  documents: number;
  bytes: number;
  pieces: number;
  invalidUtf8: number;
  uniqueWords: number;
}

export interface NativeBpeTrainer {
  addTexts(texts: string[]): Promise<void>;
  addFiles(paths: string[]): Promise<void>;
  /** undefined while a call is running. */
  stats(): NativeTrainStats | undefined;
  train(options: { vocabSize: number; minFrequency: number }, onProgress?: (done: number, target: number) => void): Promise<NativeModelHandle>;
}

export interface TokenizerNativeSlice {
  preTokenize(text: string, preTokenizer: PreTokenizerName, unicodeWhitespace: boolean): string[];
  NativeTokenizer: new (spec: NativeTokenizerSpec | NativeModelHandle) => NativeTokenizer;
  NativeBpeTrainer: new (options: { preTokenizer: PreTokenizerName; specialTokens: string[]; threads?: number; unicodeWhitespace: boolean }) => NativeBpeTrainer;
}
