// Public API of lib/annotation: re-exports only.
export { splitDataset, SPLIT_NAMES } from './splits.js';
export type { SplitName, SplitRatios, SplitOptions, SplitResult, SplitStats } from './splits.js';
export { splitStep } from './split-step.js';
export type { SplitStepConfig } from './split-step.js';
export type { FieldSelector } from './fields.js';
export { BloomFilter, blockedFalsePositiveRate } from './bloom.js';
export type { BloomSizing } from './bloom.js';
export { NgramIndex } from './ngram-index.js';
export type { NgramIndexOptions, NgramIndexInfo, NgramOverlap } from './ngram-index.js';
export { checkLeakage, formatLeakageReport, DEFAULT_NEAR_OPTIONS } from './leakage.js';
export type {
  LeakageSplits, LeakageOptions, LeakageReport, LeakagePairReport, LeakageFinding, LeakageExample,
  NgramFinding, NgramRecordOverlap, NearDuplicateOptions, NgramContaminationOptions,
} from './leakage.js';
export { contaminationStep } from './contamination-step.js';
export type { ContaminationStepConfig } from './contamination-step.js';
export { cohenKappa, fleissKappa, ratingsToTable } from './kappa.js';
export type { Rating, CohenKappaOptions } from './kappa.js';
export { krippendorffAlpha } from './krippendorff.js';
export type { KrippendorffOptions, MeasurementLevel } from './krippendorff.js';
export { spanF1 } from './span-f1.js';
export type { SpanF1Options, SpanF1Result } from './span-f1.js';
export type { Span, Annotation, AnnotatedItem, ImportReject, ImportResult, ExportCommonOptions, Preannotation } from './types.js';
export type { ExportStats } from './prepare-export.js';
export type { ImportOptions } from './import-common.js';
export { toLabelStudioTasks, labelStudioConfig, writeLabelStudioProject, importLabelStudio, parseLabelStudioExport } from './labelstudio.js';
export type { LabelStudioTask, LabelStudioResult, LabelStudioValue, LabelStudioExport, LabelStudioExportOptions, LabelStudioImportOptions } from './labelstudio.js';
export { toArgillaRecords, writeArgillaDataset, importArgilla, parseArgillaExport } from './argilla.js';
export type { ArgillaRecord, ArgillaSettings, ArgillaSuggestion, ArgillaSpanValue, ArgillaExport, ArgillaExportOptions, ArgillaImportOptions } from './argilla.js';
export { aggregateLabels, labelAgreement } from './aggregate.js';
export type { AggregateOptions, AggregateResult, AggregatedItem, ReviewReason, LabelAgreement } from './aggregate.js';
export { writeReviewQueue, reviewQueueHtml, reviewQueueRecords } from './review-queue.js';
export type { ReviewQueueOptions } from './review-queue.js';
