/**
 * redactPII: detect, then rewrite each entity as a tag, a mask, a keyed pseudonym or nothing.
 */
import { checkArg, LmforgeError } from '../errors.js';
import { detectWith, resolveDetectOptions } from './pii/detect.js';
import { pseudonymFor } from './pii/pseudonym.js';
import type { DetectPiiOptions, PiiEntity, PiiType } from './pii/types.js';

export type RedactionMode = 'tag' | 'mask' | 'pseudonym' | 'remove';
const MODES: readonly RedactionMode[] = ['tag', 'mask', 'pseudonym', 'remove'];

export interface RedactPiiOptions extends DetectPiiOptions {
  /** Default 'tag' (`<EMAIL_ADDRESS>`, as Presidio's replace operator writes it). */
  mode?: RedactionMode;
  /** Key for 'pseudonym' mode; falls back to env LMFORGE_PII_SECRET. Keep it secret: it links fakes to people. */
  secret?: string | Uint8Array;
  /** Mask character for 'mask' mode (default '*'); the mask keeps the original length. */
  maskChar?: string;
  /** Tag format for 'tag' mode; `{type}` is replaced (default '<{type}>'). */
  tagFormat?: string;
  /** Use these entities instead of detecting (e.g. after a human review). */
  entitiesFound?: readonly PiiEntity[];
}

export interface RedactionStats {
  entities: number;
  byType: Partial<Record<PiiType, number>>;
  /** Characters of the input that were replaced. */
  charsRedacted: number;
}

export interface RedactionResult {
  text: string;
  /** Entities found in the input, with input offsets. */
  entities: PiiEntity[];
  stats: RedactionStats;
}

export interface ResolvedRedactOptions {
  mode: RedactionMode;
  secret: string | Uint8Array | undefined;
  maskChar: string;
  tagFormat: string;
}

export function resolveRedactOptions(options: RedactPiiOptions, argName = 'options'): ResolvedRedactOptions {
  const mode = options.mode ?? 'tag';
  if (!MODES.includes(mode)) {
    throw new LmforgeError('PII_UNKNOWN_MODE', `${argName}.mode must be one of ${MODES.join(', ')}, got ${JSON.stringify(mode)}`);
  }
  const maskChar = options.maskChar ?? '*';
  checkArg(typeof maskChar === 'string' && maskChar.length === 1, `${argName}.maskChar`, 'a single character', maskChar);
  const tagFormat = options.tagFormat ?? '<{type}>';
  checkArg(typeof tagFormat === 'string', `${argName}.tagFormat`, 'a string', tagFormat);
  let secret = options.secret;
  if (mode === 'pseudonym') {
    if (secret === undefined) secret = process.env.LMFORGE_PII_SECRET;
    if (secret === undefined || secret.length === 0) {
      throw new LmforgeError(
        'PII_SECRET_REQUIRED',
        `${argName}.secret is required for mode 'pseudonym' (or set LMFORGE_PII_SECRET): the fakes are keyed by it so they stay consistent across runs`,
      );
    }
    checkArg(typeof secret === 'string' || secret instanceof Uint8Array, `${argName}.secret`, 'a string or Uint8Array', secret);
  }
  return { mode, secret, maskChar, tagFormat };
}

export function redactPII(text: string, options: RedactPiiOptions = {}): RedactionResult {
  checkArg(typeof text === 'string', 'text', 'a string', text);
  checkArg(typeof options === 'object' && options !== null, 'options', 'an options object', options);
  const ro = resolveRedactOptions(options);
  let entities: PiiEntity[];
  if (options.entitiesFound !== undefined) {
    checkArg(Array.isArray(options.entitiesFound), 'options.entitiesFound', 'an array of entities', options.entitiesFound);
    entities = [...options.entitiesFound].sort((a, b) => a.start - b.start);
    for (const [i, e] of entities.entries()) {
      if (!(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.end <= text.length && e.start < e.end)) {
        throw new LmforgeError('PII_BAD_ENTITY', `options.entitiesFound[${i}] has offsets [${e.start}, ${e.end}) outside the text (length ${text.length})`);
      }
      if (i > 0 && e.start < entities[i - 1]!.end) {
        throw new LmforgeError('PII_BAD_ENTITY', `options.entitiesFound[${i}] overlaps the entity before it`);
      }
    }
  } else {
    entities = detectWith(text, resolveDetectOptions(options));
  }
  return applyRedaction(text, entities, ro);
}

export function applyRedaction(text: string, entities: PiiEntity[], ro: ResolvedRedactOptions): RedactionResult {
  const parts: string[] = [];
  const byType: Partial<Record<PiiType, number>> = {};
  let pos = 0;
  let chars = 0;
  for (const e of entities) {
    parts.push(text.slice(pos, e.start));
    parts.push(replacement(e, ro));
    pos = e.end;
    chars += e.end - e.start;
    byType[e.type] = (byType[e.type] ?? 0) + 1;
  }
  parts.push(text.slice(pos));
  return { text: parts.join(''), entities, stats: { entities: entities.length, byType, charsRedacted: chars } };
}

function replacement(e: PiiEntity, ro: ResolvedRedactOptions): string {
  switch (ro.mode) {
    case 'tag':
      return ro.tagFormat.split('{type}').join(e.type);
    case 'mask':
      return ro.maskChar.repeat(e.end - e.start);
    case 'remove':
      return '';
    case 'pseudonym':
      return pseudonymFor(ro.secret!, e.type, e.text);
  }
}
