// Public API of lib/eval: re-exports only.

// Metrics
export { perplexity } from './metrics/perplexity.js';
export type { PerplexityOptions, PerplexityResult } from './metrics/perplexity.js';
export { accuracy, precision, recall, f1, fbeta, precisionRecallFscore, confusionMatrix } from './metrics/classification.js';
export type { ClassLabel, Average, ClassificationOptions, PerLabelOptions, PrecisionRecallF, ConfusionMatrix } from './metrics/classification.js';
export { bleu, sentenceBleu, computeBleu } from './metrics/bleu.js';
export type { BleuOptions, BleuResult, BleuSmoothing } from './metrics/bleu.js';
export { tokenize13a, tokenizeIntl } from './metrics/bleu-tokenizers.js';
export type { BleuTokenizer } from './metrics/bleu-tokenizers.js';
export { rouge, rougeScore, rougeTokenize } from './metrics/rouge.js';
export type { RougeOptions, RougeResult, RougeScore } from './metrics/rouge.js';
export { porterStem } from './metrics/porter.js';
export { exactMatch, exactMatchScores, normalizeSquadAnswer } from './metrics/exact-match.js';
export type { ExactMatchOptions } from './metrics/exact-match.js';

// Diagnostics
export { diagnose, symptomForFinding, SYMPTOM_TABLE, SYMPTOM_FOR_FINDING } from './diagnostics/symptoms.js';
export type { Diagnosis, SymptomEntry, SymptomMatch, Remedy } from './diagnostics/symptoms.js';
export type { TrainingFix } from './diagnostics/fixes.js';
export { diagnoseRun, formatRunDiagnosis } from './diagnostics/run.js';
export type { DiagnoseRunOptions, RunDiagnosis, RunFinding, FindingId } from './diagnostics/run.js';
export { parseTrainLog } from './diagnostics/history.js';
export { diagnosticsCallback } from './diagnostics/callback.js';
export type { DiagnosticsCallback, DiagnosticsCallbackOptions } from './diagnostics/callback.js';
export { checkModelHealth } from './diagnostics/health.js';
export type { ModelHealth, ModuleHealth, HealthIssue, HealthOptions } from './diagnostics/health.js';

// Prompting and error analysis
export { fewShotPrompt, PROMPT_FORMATS } from './prompting/few-shot.js';
export type { FewShotExample, FewShotOptions, PromptFormat } from './prompting/few-shot.js';
export { chainOfThoughtPrompt, extractAnswer } from './prompting/chain-of-thought.js';
export type { ChainOfThoughtOptions, ReasoningExample } from './prompting/chain-of-thought.js';
export { generateText, generateDetailed } from './prompting/generate.js';
export type { GenerateTextOptions, TextGeneration } from './prompting/generate.js';
export { errorAnalysis } from './prompting/error-analysis.js';
export type { ErrorAnalysisOptions, ErrorAnalysisItem, ErrorAnalysisReport } from './prompting/error-analysis.js';

// Logs
export { JsonlLogger, readJsonlLog } from './logging/jsonl.js';
export { TensorBoardWriter, readTensorBoardEvents } from './logging/tensorboard.js';
export type { TensorBoardOptions, TensorBoardEvent } from './logging/tensorboard.js';
export { crc32c } from './logging/crc32c.js';
export { trainingLogger } from './logging/training-logger.js';
export type { TrainingLogger, TrainingLoggerOptions } from './logging/training-logger.js';
export { classificationReport } from './metrics/classification-report.js';
export type { ClassificationReport, ClassificationReportOptions, ReportRow } from './metrics/classification-report.js';
