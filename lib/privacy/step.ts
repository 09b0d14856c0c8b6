/**
 * piiRedactionStep: the curation pipeline's PII stage. Each record's text is redacted (or the
 * record dropped when it holds PII and `drop` is set); counts per entity type go to stats.
 */
import { newStepStats, type DataRecord, type Step, type StepResult } from '../data/record.js';
import { detectWith, resolveDetectOptions } from './pii/detect.js';
import { applyRedaction, resolveRedactOptions, type RedactPiiOptions } from './redact.js';

export interface PiiRedactionStepOptions extends RedactPiiOptions {
  /** Drop records that contain PII instead of redacting them (default false). */
  drop?: boolean;
  /** Write the entities found to meta.pii (types and offsets only, never the values; default true). */
  annotate?: boolean;
}

export function piiRedactionStep(options: PiiRedactionStepOptions = {}): Step<PiiRedactionStepOptions> {
  const detectOptions = resolveDetectOptions(options);
  const redactOptions = resolveRedactOptions(options);
  const stats = newStepStats();
  const annotate = options.annotate ?? true;
  // The secret must not end up in manifests that print step configs.
  const config: PiiRedactionStepOptions = { ...options, secret: options.secret === undefined ? undefined : '<redacted>' };
  return {
    name: 'pii_redaction',
    config,
    stats,
    process(record: DataRecord): StepResult {
      stats.in++;
      const entities = detectWith(record.text, detectOptions);
      if (entities.length > 0 && options.drop) {
        stats.filtered.contains_pii = (stats.filtered.contains_pii ?? 0) + 1;
        return { drop: 'contains_pii' };
      }
      const r = applyRedaction(record.text, entities, redactOptions);
      for (const [t, c] of Object.entries(r.stats.byType)) stats.counters[`entities.${t}`] = (stats.counters[`entities.${t}`] ?? 0) + c;
      stats.counters.chars_redacted = (stats.counters.chars_redacted ?? 0) + r.stats.charsRedacted;
      if (entities.length > 0) stats.counters.records_with_pii = (stats.counters.records_with_pii ?? 0) + 1;
      stats.kept++;
      const meta = annotate
        ? { ...record.meta, pii: entities.map((e) => ({ type: e.type, start: e.start, end: e.end })) }
        : record.meta;
      return { ...record, text: r.text, meta };
    },
  };
}
