import type { TinyConfig } from './gpt2-reference.js';
export { GPT } from '../../lib/model/index.js';

/** GPT-2 parameter count with tied embeddings. */
export function parameterCount(c: TinyConfig): number {
  const C = c.nEmbd;
  const perLayer = 2 * C + (C * 3 * C + 3 * C) + (C * C + C) + 2 * C + (C * 4 * C + 4 * C) + (4 * C * C + C);
  return c.vocabSize * C + c.nPositions * C + c.nLayer * perLayer + 2 * C;
}
