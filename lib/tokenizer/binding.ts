/** The tokenizer slice of the native addon, loaded once through lib/native.ts. */
import { nativeBinding } from '../native.js';
import type { TokenizerNativeSlice } from './native-types.js';

export function tokenizerBinding(): TokenizerNativeSlice {
  return nativeBinding<TokenizerNativeSlice>();
}
