import type { RedactPiiOptions } from '../privacy/index.js';

/** A labelled character range; `start`/`end` are JS string (UTF-16) offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
  label: string;
  /** The covered text, when the tool reports it. */
  text?: string;
}

/** One annotator's answer for one item. */
export interface Annotation {
  /** Stable annotator id (Label Studio user id or email, Argilla user id). */
  annotator: string;
  /** Classification answer; absent when the annotator gave none for this item. */
  label?: string;
  /** Span answers (NER); `[]` means "looked, found nothing". Absent for classification-only items. */
  spans?: Span[];
}

/** An item with everything its annotators said, as imported from an annotation tool. */
export interface AnnotatedItem {
  /** The lmforge record id the item was exported from (or the tool's id when unknown). */
  id: string;
  /** The text the annotators saw (redacted if it was redacted for export). */
  text: string;
  annotations: Annotation[];
  meta: Record<string, unknown>;
}

/** An item or annotation the importer could not use, and why. Written to the rejects file. */
export interface ImportReject {
  file: string;
  /** Position of the item in the export (0-based). */
  item: number;
  /** Tool id of the item, when it has one. */
  itemId?: string;
  /** Path of the offending field inside the item, e.g. `annotations[1].result[0].value.start`. */
  field: string;
  reason: string;
}

/** What an importer returns: usable items, rejects, and counters so `in = used + rejected + skipped` can be checked. */
export interface ImportResult {
  items: AnnotatedItem[];
  rejects: ImportReject[];
  stats: {
    items: number;
    annotations: number;
    /** Annotations left out on purpose (cancelled/skipped in Label Studio, discarded/draft in Argilla). */
    skipped: number;
    rejected: number;
  };
}

/** Options shared by the exporters. */
export interface ExportCommonOptions {
  /** 'classification' (one label per item) or 'spans' (NER-style labelled ranges). */
  task: 'classification' | 'spans';
  /** The label set annotators choose from. */
  labels: readonly string[];
  /** Annotation guidelines, carried into the tool's project/dataset settings. */
  guidelines?: string;
  /**
   * PII redaction (lmforge's `redactPII`) of the text before it leaves lmforge: default
   * `{ mode: 'tag' }`; `{ mode: 'pseudonym', secret }` for realistic fakes. Opting out must be
   * explicit: `redact: false`.
   */
  redact?: false | RedactPiiOptions;
  /**
   * Pre-annotations (model or detector output) shown to annotators as suggestions. Called with the
   * text the annotators will see (after redaction), so span offsets line up.
   */
  preannotate?: (text: string, record: { id: string; meta: Record<string, unknown> }) => Preannotation | undefined;
  /** Name recorded with pre-annotations (Label Studio `model_version`, Argilla `agent`). */
  modelVersion?: string;
}

export interface Preannotation {
  label?: string;
  spans?: Span[];
  /** Confidence in [0, 1]. */
  score?: number;
}
