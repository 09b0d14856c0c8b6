/**
 * Argilla round trip. Export writes records in the shape Argilla 2.x's `Record.to_dict()` /
 * `Record.from_dict()` use (`id`, `fields`, `metadata`, `suggestions` keyed by question,
 * `responses` keyed by question → list of `{value, user_id}`), plus the dataset settings
 * (guidelines, a text field, a label_selection or span question). Import reads that 2.x shape and
 * the 1.x FeedbackDataset shape (`responses` as a list of `{user_id, values: {q: {value}}, status}`).
 */
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { LmforgeError } from '../errors.js';
import type { DataRecord } from '../data/record.js';
import { writeFileAtomic } from '../util/atomic.js';
import { prepareExport, type ExportStats } from './prepare-export.js';
import { finishImport, isObject, loadExport, RejectLog, type ImportOptions } from './import-common.js';
import type { Annotation, AnnotatedItem, ExportCommonOptions, ImportResult, Span } from './types.js';

export interface ArgillaSpanValue {
  start: number;
  end: number;
  label: string;
}

export interface ArgillaSuggestion {
  value: string | ArgillaSpanValue[];
  score?: number;
  agent?: string;
}

export interface ArgillaRecord {
  id: string;
  fields: { text: string };
  metadata: Record<string, string | number>;
  suggestions: Record<string, ArgillaSuggestion>;
  responses: Record<string, { value: string | ArgillaSpanValue[]; user_id: string }[]>;
}

/** Dataset settings, named as `rg.Settings` takes them. */
export interface ArgillaSettings {
  guidelines: string;
  /** Task distribution: a record is complete once this many annotators submitted (Argilla 2.x). */
  distribution: { strategy: 'overlap'; min_submitted: number };
  fields: { name: 'text'; title: string; type: 'text'; required: true; use_markdown: false }[];
  questions: (
    | { name: string; title: string; type: 'label_selection'; labels: string[]; required: true }
    | { name: string; title: string; type: 'span'; field: 'text'; labels: string[]; allow_overlapping: false; required: true }
  )[];
}

export interface ArgillaExport {
  settings: ArgillaSettings;
  records: ArgillaRecord[];
  stats: ExportStats;
}

export interface ArgillaExportOptions extends ExportCommonOptions {
  /** Question name (default 'label' for classification, 'span' for spans). */
  question?: string;
  /** Record metadata keys copied from `record.meta` (string or number values only). */
  metadata?: readonly string[];
  /** Annotators per record (`distribution.min_submitted`); default 3. */
  annotatorsPerRecord?: number;
}

/** Records → Argilla records + settings. Text is PII-redacted first unless `redact: false`. */
export function toArgillaRecords(records: readonly DataRecord[], options: ArgillaExportOptions): ArgillaExport {
  const where = 'toArgillaRecords';
  const { items, stats } = prepareExport(records, options, where);
  const question = options.question ?? (options.task === 'spans' ? 'span' : 'label');
  const agent = options.modelVersion ?? 'lmforge';
  const out = items.map(({ record, text, preannotation }): ArgillaRecord => {
    const metadata: Record<string, string | number> = {};
    for (const k of options.metadata ?? []) {
      const v = record.meta?.[k];
      if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) metadata[k] = v;
    }
    const rec: ArgillaRecord = { id: record.id, fields: { text }, metadata, suggestions: {}, responses: {} };
    if (preannotation) {
      let value: ArgillaSuggestion['value'] | undefined;
      if (options.task === 'classification' && preannotation.label !== undefined) value = preannotation.label;
      if (options.task === 'spans' && preannotation.spans) value = preannotation.spans.map((s) => ({ start: s.start, end: s.end, label: s.label }));
      if (value !== undefined) {
        const s: ArgillaSuggestion = { value, agent };
        if (preannotation.score !== undefined) s.score = preannotation.score;
        rec.suggestions[question] = s;
      }
    }
    return rec;
  });
  const perRecord = options.annotatorsPerRecord ?? 3;
  if (!Number.isInteger(perRecord) || perRecord < 1) {
    throw new LmforgeError('E_OPTION', `${where}: options.annotatorsPerRecord must be a positive integer, got ${String(perRecord)}`);
  }
  const settings: ArgillaSettings = {
    guidelines: options.guidelines ?? '',
    distribution: { strategy: 'overlap', min_submitted: perRecord },
    fields: [{ name: 'text', title: 'Text', type: 'text', required: true, use_markdown: false }],
    questions: [
      options.task === 'spans'
        ? { name: question, title: 'Spans', type: 'span', field: 'text', labels: [...options.labels], allow_overlapping: false, required: true }
        : { name: question, title: 'Label', type: 'label_selection', labels: [...options.labels], required: true },
    ],
  };
  return { settings, records: out, stats };
}

/** Writes `settings.json` and `records.json` into `dir`. */
export async function writeArgillaDataset(dir: string, exp: ArgillaExport): Promise<{ settings: string; records: string }> {
  await mkdir(dir, { recursive: true });
  const paths = { settings: join(dir, 'settings.json'), records: join(dir, 'records.json') };
  await writeFileAtomic(paths.settings, JSON.stringify(exp.settings, null, 2) + '\n');
  await writeFileAtomic(paths.records, JSON.stringify(exp.records, null, 1) + '\n');
  return paths;
}

export interface ArgillaImportOptions extends ImportOptions {
  /** Question holding the label (default 'label'). */
  labelQuestion?: string;
  /** Question holding spans (default 'span'). */
  spanQuestion?: string;
  /** Field holding the text (default 'text'). */
  textField?: string;
}

type Answer = { user: string; question: string; value: unknown; status?: unknown };

/** Reads responses in 2.x (dict of lists) or 1.x (list of per-user objects) shape. */
function readResponses(responses: unknown): { answers: Answer[] } | { error: string } {
  if (responses === undefined || responses === null) return { answers: [] };
  const answers: Answer[] = [];
  if (Array.isArray(responses)) {
    for (let j = 0; j < responses.length; j++) {
      const r = responses[j];
      if (!isObject(r) || !isObject(r['values'])) return { error: `responses[${j}]: expected {user_id, values, status} (Argilla 1.x)` };
      const user = r['user_id'];
      if (typeof user !== 'string' && typeof user !== 'number') return { error: `responses[${j}].user_id: missing` };
      for (const [q, v] of Object.entries(r['values'] as Record<string, unknown>)) {
        if (!isObject(v) || !('value' in v)) return { error: `responses[${j}].values.${q}: expected {value}` };
        answers.push({ user: String(user), question: q, value: v['value'], status: r['status'] });
      }
    }
    return { answers };
  }
  if (isObject(responses)) {
    for (const [q, list] of Object.entries(responses)) {
      if (!Array.isArray(list)) return { error: `responses.${q}: expected a list of {value, user_id} (Argilla 2.x)` };
      for (let j = 0; j < list.length; j++) {
        const a = list[j];
        if (!isObject(a) || !('value' in a)) return { error: `responses.${q}[${j}]: expected {value, user_id}` };
        const user = a['user_id'];
        if (typeof user !== 'string' && typeof user !== 'number') return { error: `responses.${q}[${j}].user_id: missing` };
        answers.push({ user: String(user), question: q, value: a['value'], status: a['status'] });
      }
    }
    return { answers };
  }
  return { error: 'responses: expected a dict of lists (Argilla 2.x) or a list (Argilla 1.x)' };
}

/** Parses exported Argilla records (array, or `{records: [...]}`), responses per user. */
export function parseArgillaExport(data: unknown, file: string, options: Omit<ArgillaImportOptions, 'rejectsPath' | 'file'> = {}): ImportResult {
  const where = 'importArgilla';
  const list = Array.isArray(data) ? data : isObject(data) && Array.isArray(data['records']) ? (data['records'] as unknown[]) : undefined;
  if (list === undefined) {
    throw new LmforgeError('E_UNKNOWN_FORMAT', `${where}: ${file} is not an Argilla records export (expected a JSON array of records or {"records": [...]})`);
  }
  const labelQ = options.labelQuestion ?? 'label';
  const spanQ = options.spanQuestion ?? 'span';
  const textField = options.textField ?? 'text';
  const log = new RejectLog(file);
  const result: ImportResult = { items: [], rejects: log.rejects, stats: { items: list.length, annotations: 0, skipped: 0, rejected: 0 } };
  let unknownShape = 0;
  list.forEach((rec, i) => {
    if (!isObject(rec)) {
      log.add(i, undefined, '', 'record is not an object');
      return;
    }
    const meta = isObject(rec['metadata']) ? rec['metadata'] : {};
    const rawId = rec['id'] ?? rec['external_id'] ?? meta['lmforge_id'];
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `item-${i}`;
    const fields = rec['fields'];
    if (!isObject(fields)) {
      unknownShape++;
      log.add(i, id, 'fields', 'missing fields object (flattened exports, e.g. to_list(flatten=True), are not supported)');
      return;
    }
    const text = fields[textField];
    if (typeof text !== 'string') {
      log.add(i, id, `fields.${textField}`, 'missing or not a string');
      return;
    }
    const read = readResponses(rec['responses']);
    if ('error' in read) {
      unknownShape++;
      const field = read.error.slice(0, read.error.indexOf(':'));
      log.add(i, id, field, read.error.slice(read.error.indexOf(':') + 2));
      return;
    }
    const item: AnnotatedItem = { id, text, annotations: [], meta: { ...meta } };
    const byUser = new Map<string, Annotation>();
    const bad = new Set<string>();
    read.answers.forEach((a) => {
      if (a.question !== labelQ && a.question !== spanQ) return;
      result.stats.annotations++;
      if (a.status === 'discarded' || a.status === 'draft') {
        result.stats.skipped++;
        return;
      }
      if (bad.has(a.user)) return;
      let ann = byUser.get(a.user);
      if (!ann) {
        ann = { annotator: a.user };
        byUser.set(a.user, ann);
      }
      const fail = (field: string, reason: string) => {
        log.add(i, id, field, `${reason} (user ${a.user})`);
        bad.add(a.user);
        byUser.delete(a.user);
      };
      if (a.question === labelQ) {
        if (typeof a.value !== 'string') return fail(`responses.${labelQ}`, 'label value is not a string');
        ann.label = a.value;
      } else {
        if (!Array.isArray(a.value)) return fail(`responses.${spanQ}`, 'span value is not a list of {start, end, label}');
        const spans: Span[] = [];
        for (let k = 0; k < a.value.length; k++) {
          const s = a.value[k];
          if (!isObject(s) || !Number.isInteger(s['start']) || !Number.isInteger(s['end']) || typeof s['label'] !== 'string') {
            return fail(`responses.${spanQ}[${k}]`, 'expected {start, end, label}');
          }
          const start = s['start'] as number;
          const end = s['end'] as number;
          if (start < 0 || end > text.length || start >= end) return fail(`responses.${spanQ}[${k}].start`, `span [${start}, ${end}) is outside the text (length ${text.length})`);
          spans.push({ start, end, label: s['label'] as string, text: text.slice(start, end) });
        }
        ann.spans = spans;
      }
    });
    item.annotations.push(...byUser.values());
    result.items.push(item);
  });
  if (list.length > 0 && unknownShape === list.length) {
    throw new LmforgeError('E_UNKNOWN_FORMAT', `${where}: none of the ${list.length} records in ${file} has the Argilla 1.x or 2.x record shape (fields + responses); unknown Argilla version or format`);
  }
  result.stats.rejected = log.rejects.length;
  return result;
}

/** Reads exported Argilla records (a path, or parsed data); rejects go to `rejectsPath` as JSONL. */
export async function importArgilla(source: string | readonly unknown[] | Record<string, unknown>, options: ArgillaImportOptions = {}): Promise<ImportResult> {
  const { data, file } = await loadExport(source, options, 'importArgilla');
  const parseOpts: Omit<ArgillaImportOptions, 'rejectsPath' | 'file'> = {};
  if (options.labelQuestion !== undefined) parseOpts.labelQuestion = options.labelQuestion;
  if (options.spanQuestion !== undefined) parseOpts.spanQuestion = options.spanQuestion;
  if (options.textField !== undefined) parseOpts.textField = options.textField;
  return finishImport(parseArgillaExport(data, file, parseOpts), options);
}
