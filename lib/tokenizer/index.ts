// Public API of the tokenizer area.
export { Tokenizer, type EncodingWithOffsets, type EncodeBatchOptions, type TokenizerDecodeOptions, type TokenizerSaveOptions, type FromGpt2Options } from './tokenizer.js';
export { trainBpe, type TrainBpeOptions, type BpeTrainProgress, type BpeTrainReport } from './train.js';
export { compareTokenizers, type CompareTokenizersOptions, type TokenizerComparison, type TokenizerStats, type TermSplit, type TokenizerRef } from './compare.js';
export type { PreTokenizerName, WhitespaceRule } from './native-types.js';
export { preTokenize, PRE_TOKENIZERS, WHITESPACE_RULES } from './pretokenize.js';
