/** The pre-tokenizers on their own: how a text is cut into the pieces BPE then merges within. */
import { checkArg } from '../errors.js';
import { tokenizerBinding } from './binding.js';
import type { PreTokenizerName, WhitespaceRule } from './native-types.js';

export const WHITESPACE_RULES: readonly WhitespaceRule[] = ['unicode', 'javascript'];
export const PRE_TOKENIZERS: readonly PreTokenizerName[] = ['gpt2', 'cl100k', 'whitespace', 'digits'];

/**
 * Splits text the way the named pre-tokenizer does (native scanners, equal to these regexes with the /u flag):
 * - gpt2: 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
 * - cl100k: (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
 * - whitespace:  ?\S+|\s+(?!\S)|\s+
 * - digits: every \p{N} alone, the text between split as gpt2
 * Lone surrogates come back as U+FFFD. `whitespace` picks what \s means (default 'unicode', as HF tokenizers).
 */
export function preTokenize(text: string, preTokenizer: PreTokenizerName = 'gpt2', whitespace: WhitespaceRule = 'unicode'): string[] {
  checkArg(typeof text === 'string', 'text', 'a string', text);
  checkArg(PRE_TOKENIZERS.includes(preTokenizer), 'preTokenizer', `one of ${PRE_TOKENIZERS.join(', ')}`, preTokenizer);
  checkArg(WHITESPACE_RULES.includes(whitespace), 'whitespace', "'unicode' or 'javascript'", whitespace);
  return tokenizerBinding().preTokenize(text, preTokenizer, whitespace === 'unicode');
}
