// Public API of lib/privacy: re-exports only.
export { detectPII } from './pii/detect.js';
export { PII_TYPES, DEFAULT_PII_TYPES } from './pii/types.js';
export type { PiiType, PiiEntity, PiiContext, DetectPiiOptions } from './pii/types.js';
export { luhnValid, ssnValid, ibanValid, ipv4Valid, cardIssuerValid } from './pii/validators.js';
export { redactPII } from './redact.js';
export type { RedactPiiOptions, RedactionMode, RedactionResult, RedactionStats } from './redact.js';
export { evaluatePII, parseLabelledJsonl } from './evaluate.js';
export type { EvaluatePiiOptions, PiiEvaluation, LabelledDocument, LabelledSpan, PrecisionRecall } from './evaluate.js';
export { metricFrame } from './bias/metric-frame.js';
export type { MetricFrame, MetricFrameOptions, MetricFn, Label as SensitiveLabel, AggregationMethod } from './bias/metric-frame.js';
export {
  groupMetrics, selectionRate, demographicParityDifference, demographicParityRatio, equalizedOddsDifference, equalizedOddsRatio,
} from './bias/metrics.js';
export type { FairnessOptions } from './bias/metrics.js';
export {
  RepresentationAuditor, auditRepresentation, representationAuditStep, firstNamesByGender, GENDER_TERMS, PRONOUNS, NATIONALITIES,
} from './bias/representation.js';
export type { Lexicon, RepresentationOptions, RepresentationReport, LexiconReport, DocumentCounts, RepresentationStep } from './bias/representation.js';
export { reweight, stratifiedSample } from './bias/rebalance.js';
export type { RebalanceOptions, StratifiedSampleOptions } from './bias/rebalance.js';
export { piiRedactionStep } from './step.js';
export type { PiiRedactionStepOptions } from './step.js';
export { loadEnv, checkEnv, validateApiKey, classifyEnvValue } from './env.js';
export type { LoadEnvOptions, LoadEnvResult, EnvSpec, EnvReport, EnvValueStatus, ValidateApiKeyResult } from './env.js';
export { generateSynthetic, mixSynthetic, openAICompatibleComplete } from './synthetic.js';
export type {
  GenerateSyntheticOptions, SyntheticGenerator, OpenAICompatibleGenerator, ModelGenerator, FunctionGenerator, SyntheticResult,
  SyntheticStats, MixOptions, MixResult,
} from './synthetic.js';
