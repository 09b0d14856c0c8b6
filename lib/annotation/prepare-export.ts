import { checkArg, LmforgeError } from '../errors.js';
import type { DataRecord } from '../data/record.js';
import { redactPII } from '../privacy/index.js';
import type { ExportCommonOptions, Preannotation } from './types.js';
import { isList } from './guards.js';

export interface PreparedItem {
  record: DataRecord;
  /** Text as annotators will see it (redacted unless opted out). */
  text: string;
  preannotation?: Preannotation;
}

export interface ExportStats {
  records: number;
  redacted: boolean;
  /** PII entities replaced across all records. */
  piiEntities: number;
  /** Records whose text changed by redaction. */
  recordsRedacted: number;
  preannotated: number;
}

/** Validates options and records, redacts, and runs the pre-annotator: the part both exporters share. */
export function prepareExport(records: readonly DataRecord[], options: ExportCommonOptions, where: string): { items: PreparedItem[]; stats: ExportStats } {
  checkArg(isList(records), `${where}: records`, 'an array of records', records);
  checkArg(options !== null && typeof options === 'object', `${where}: options`, 'an object', options);
  if (options.task !== 'classification' && options.task !== 'spans') {
    throw new LmforgeError('E_OPTION', `${where}: options.task must be 'classification' or 'spans', got ${String(options.task)}`);
  }
  checkArg(isList(options.labels) && options.labels.length > 0 && options.labels.every((l) => typeof l === 'string' && l.length > 0),
    `${where}: options.labels`, 'a non-empty array of label strings', options.labels);
  if (new Set(options.labels).size !== options.labels.length) throw new LmforgeError('E_OPTION', `${where}: options.labels has duplicates`);
  const labelSet = new Set(options.labels);
  const redact = options.redact === undefined ? { mode: 'tag' as const } : options.redact;
  const stats: ExportStats = { records: records.length, redacted: redact !== false, piiEntities: 0, recordsRedacted: 0, preannotated: 0 };
  const seen = new Set<string>();
  const items = records.map((record, i): PreparedItem => {
    if (record === null || typeof record !== 'object' || typeof record.id !== 'string' || typeof record.text !== 'string') {
      throw new LmforgeError('E_RECORD', `${where}: records[${i}] must be a record with string id and text`);
    }
    if (seen.has(record.id)) throw new LmforgeError('E_RECORD', `${where}: records[${i}] repeats id ${record.id}; ids must be unique to map annotations back`);
    seen.add(record.id);
    let text = record.text;
    if (redact !== false) {
      const r = redactPII(text, redact);
      stats.piiEntities += r.stats.entities;
      if (r.text !== text) stats.recordsRedacted++;
      text = r.text;
    }
    const item: PreparedItem = { record, text };
    if (options.preannotate) {
      const pre = options.preannotate(text, { id: record.id, meta: record.meta ?? {} });
      if (pre) {
        if (pre.label !== undefined && !labelSet.has(pre.label)) {
          throw new LmforgeError('E_PREANNOTATION', `${where}: pre-annotation of record ${record.id} uses label '${pre.label}' not in options.labels`);
        }
        for (const [j, s] of (pre.spans ?? []).entries()) {
          if (!labelSet.has(s.label) || !Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > text.length || s.start >= s.end) {
            throw new LmforgeError('E_PREANNOTATION', `${where}: pre-annotation span ${j} of record ${record.id} (${JSON.stringify(s)}) has an unknown label or offsets outside the text (length ${text.length})`);
          }
        }
        item.preannotation = pre;
        stats.preannotated++;
      }
    }
    return item;
  });
  return { items, stats };
}

/** Escapes text for an XML attribute or text node (Label Studio configs are XML). */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
