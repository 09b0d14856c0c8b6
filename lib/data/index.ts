// Public API of lib/data: re-exports only.

// Records and steps (shared contract).
export { newStepStats, isDrop } from './record.js';
export type { DataRecord, Step, StepResult, StepStats } from './record.js';

// Pipeline, sharding, versioned outputs.
export { runPipeline } from './pipeline.js';
export type { PipelineOptions, PipelineStats, PipelineProgress } from './pipeline.js';
export { applyStep } from './apply.js';
export type { ApplyResult, StepReject } from './apply.js';
export { resolveShard, shardSuffix } from './shard.js';
export { fingerprintFile, readManifest, diffManifests, formatManifestDiff } from './manifest.js';
export type { Manifest, ManifestDiff, InputFingerprint } from './manifest.js';

// Readers.
export type { Reader, ReadItem, ReadReject, ShardSpec } from './readers/types.js';
export { textReader } from './readers/text.js';
export type { TextReaderOptions } from './readers/text.js';
export { jsonlReader } from './readers/jsonl.js';
export type { JsonlReaderOptions } from './readers/jsonl.js';
export { csvReader } from './readers/csv.js';
export type { CsvReaderOptions } from './readers/csv.js';
export { parquetReader } from './readers/parquet.js';
export type { ParquetReaderOptions } from './readers/parquet.js';
export { mailReader } from './readers/mail.js';
export type { MailReaderOptions } from './readers/mail.js';

// Writers.
export type { Writer, ShardInfo } from './writers/types.js';
export { jsonlWriter } from './writers/jsonl.js';
export type { JsonlWriterOptions } from './writers/jsonl.js';
export { parquetWriter } from './writers/parquet.js';
export type { ParquetWriterOptions } from './writers/parquet.js';

// Steps: cleaning, language, quality, custom maps, threads.
export { CleanStep } from './steps/clean.js';
export type { CleanOptions, CleanConfig, MailCleanOptions } from './steps/clean.js';
export { htmlToText } from './steps/html.js';
export { detectLanguage, LanguageFilter } from './steps/langid.js';
export type { LanguageGuess, LanguageFilterOptions } from './steps/langid.js';
export { GopherQualityFilter, GopherRepetitionFilter, C4QualityFilter, GOPHER_STOP_WORDS } from './steps/quality.js';
export type { GopherQualityOptions, GopherRepetitionOptions, C4Options } from './steps/quality.js';
export { mapStep, batchMapStep } from './steps/map.js';
export type { MapOptions, BatchMapOptions } from './steps/map.js';
export { ParallelStep, StepWorkerPool } from './steps/parallel.js';
export type { ParallelStepOptions } from './steps/parallel.js';
export { PARALLEL_STEPS } from './steps/registry.js';
export type { StepSpec, ParallelStepName } from './steps/registry.js';

// Deduplication: exact, MinHash near-dup (local and sharded), semantic.
export { normalizeForHash, exactHash } from './dedup/exact.js';
export { minhashSignature, LshIndex, jaccard } from './dedup/minhash.js';
export type { MinHashOptions } from './dedup/minhash.js';
export { NearDuplicateIndex, DEFAULT_NEAR_DEDUP, signatureSimilarity } from './dedup/near.js';
export type { NearDedupOptions, Verification } from './dedup/near.js';
export { ExactDedupStep, NearDedupStep, markDuplicates } from './steps/dedup.js';
export type { MarkDuplicatesOptions } from './steps/dedup.js';
export { SignatureFileWriter, readSignatureFile, mergeSignatures } from './dedup/signatures.js';
export type { SignatureHeader, SignatureEntry, MergeSignaturesOptions, MergeSignaturesResult } from './dedup/signatures.js';
export { MinhashSignatureStep, DropIdsStep } from './steps/dedup-sharded.js';
export type { MinhashSignatureStepOptions } from './steps/dedup-sharded.js';
export { SemanticDedupStep } from './steps/semantic-dedup.js';
export type { SemanticDedupOptions, EmbedFunction } from './steps/semantic-dedup.js';
