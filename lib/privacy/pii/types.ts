/** Entity types, named as Microsoft Presidio names them so labels move between tools unchanged. */
export type PiiType =
  | 'EMAIL_ADDRESS'
  | 'PHONE_NUMBER'
  | 'US_SSN'
  | 'CREDIT_CARD'
  | 'IBAN_CODE'
  | 'IP_ADDRESS'
  | 'PERSON'
  | 'LOCATION'
  | 'DATE_OF_BIRTH'
  | 'MEDICAL_RECORD_NUMBER'
  | 'URL';

export const PII_TYPES: readonly PiiType[] = [
  'EMAIL_ADDRESS', 'PHONE_NUMBER', 'US_SSN', 'CREDIT_CARD', 'IBAN_CODE', 'IP_ADDRESS',
  'PERSON', 'LOCATION', 'DATE_OF_BIRTH', 'MEDICAL_RECORD_NUMBER', 'URL',
];

/** URL is opt-in (the issue lists it as optional; most corpora want links kept). */
export const DEFAULT_PII_TYPES: readonly PiiType[] = PII_TYPES.filter((t) => t !== 'URL');

/** The document kind, which decides which look-alikes are allowed and which cue words boost. */
export type PiiContext = 'general' | 'medical' | 'financial' | 'legal';

/** One detected span. `start`/`end` are JS string (UTF-16) indices, end exclusive. */
export interface PiiEntity {
  type: PiiType;
  start: number;
  end: number;
  text: string;
  /** 0..1; validated structured ids score high, name guesses lower. */
  score: number;
}

export interface DetectPiiOptions {
  /** Types to report (default: all but URL). */
  entities?: readonly PiiType[];
  context?: PiiContext;
  /** Drop entities scoring below this (default 0.5). */
  minScore?: number;
  /** Default region for phone numbers written without a country code (default 'US'). */
  defaultCountry?: string;
  /** Extra first names / surnames to treat as known (e.g. from a customer table). */
  knownNames?: readonly string[];
}

/** A candidate before overlap resolution. */
export interface Candidate extends PiiEntity {}
