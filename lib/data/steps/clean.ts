import type { DataRecord, Step, StepResult } from '../record.js';
import { newStepStats } from '../record.js';
import { htmlToText, looksLikeHtml } from './html.js';

export interface MailCleanOptions {
  /** Strip a leading RFC 822 header block (and an mbox `From ` line). Default true. */
  headers?: boolean;
  /** Drop quoted reply lines (`>` …) and the "On … wrote:" line introducing them. Default true. */
  quoted?: boolean;
  /** Drop everything after a signature separator (`-- `) or a mailing-list footer rule. Default true. */
  signature?: boolean;
}

export interface CleanOptions {
  /** Parse HTML to text: 'auto' when `meta.format === 'html'` or the text looks like HTML. Default 'auto'. */
  html?: 'auto' | boolean;
  /** Unicode NFKC normalisation. Default true. */
  nfkc?: boolean;
  /** Remove C0/C1 control characters (except newline and tab) and zero-width characters. Default true. */
  removeControl?: boolean;
  /** Remove URLs (http, https, ftp, www.). Default true. */
  removeUrls?: boolean;
  /** Remove e-mail addresses. Default false (the privacy step redacts PII with context). */
  removeEmails?: boolean;
  /** E-mail specific cleaning; `true` turns all parts on. Default off. */
  mail?: boolean | MailCleanOptions;
  /** Collapse runs of spaces, trim lines, at most one blank line between paragraphs. Default true. */
  whitespace?: boolean;
  /** Drop documents that end up empty. Default true. */
  dropEmpty?: boolean;
}

export interface CleanConfig {
  html: 'auto' | boolean;
  nfkc: boolean;
  removeControl: boolean;
  removeUrls: boolean;
  removeEmails: boolean;
  mail: Required<MailCleanOptions> | false;
  whitespace: boolean;
  dropEmpty: boolean;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060-\u2064\ufeff\u00ad]/g;
const URL = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]+/gi;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const HEADER_LINE = /^[!-9;-~]+:(?:\s|$)/; // RFC 5322 field name: printable ASCII except ':'
const ATTRIBUTION = /^(?:on\b.{0,200}\bwrote:|.{0,200}\b(?:wrote|writes|said):)\s*$/i;

/** Removes a leading header block: a run of `Name: value` lines (with folded continuations) ending at a blank line. */
export function stripMailHeaders(text: string): string {
  const lines = text.split('\n');
  let i = 0;
  if (lines[0]?.startsWith('From ')) i = 1;
  let headers = 0;
  for (; i < lines.length; i++) {
    const l = lines[i]!.replace(/\r$/, '');
    if (l === '') break;
    if (HEADER_LINE.test(l)) headers++;
    else if (/^[ \t]/.test(l) && headers > 0) continue;
    else return text; // not a header block after all
  }
  if (headers < 2 || i >= lines.length) return text;
  return lines.slice(i + 1).join('\n');
}

/** Drops quoted reply lines and their attribution line. */
export function stripQuotedReplies(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\s*>/.test(l)) continue;
    if (ATTRIBUTION.test(l.trim())) {
      // Only an attribution if quoted lines follow (after optional blank lines).
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() === '') j++;
      if (j < lines.length && /^\s*>/.test(lines[j]!)) continue;
    }
    out.push(l);
  }
  return out.join('\n');
}

/**
 * Cuts at the RFC 3676 signature separator (`-- `), a Mailman footer rule (20+ `_`), or, in the
 * second half of the message, a long dashed rule (40+ `-`) or a list-sponsor banner (Yahoo! Groups,
 * SourceForge): those start footers, while short rules early on are often part of the content.
 */
export function stripSignature(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === '-- ' || l === '--' || /^_{20,}\s*$/.test(l)) return lines.slice(0, i).join('\n');
    if (i >= lines.length / 2 && (/^-{40,}\s*$/.test(l) || /^-{5,}.*(?:Groups Sponsor|sponsored by)/i.test(l))) return lines.slice(0, i).join('\n');
  }
  return text;
}

/** Whitespace normalisation: spaces collapsed, lines trimmed, at most one blank line in a row. */
export function normalizeWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The clean step: HTML to text, NFKC, control/zero-width removal, URL (and optionally e-mail
 * address) removal, mail headers/quotes/signatures, whitespace. Counts characters removed
 * (`chars_in`, `chars_removed`) and how many documents were parsed as HTML.
 */
export class CleanStep implements Step<CleanConfig> {
  readonly name = 'clean';
  readonly config: CleanConfig;
  readonly stats = newStepStats();

  constructor(options: CleanOptions = {}) {
    const mail = options.mail === true ? {} : options.mail;
    this.config = {
      html: options.html ?? 'auto',
      nfkc: options.nfkc ?? true,
      removeControl: options.removeControl ?? true,
      removeUrls: options.removeUrls ?? true,
      removeEmails: options.removeEmails ?? false,
      mail: mail ? { headers: mail.headers ?? true, quoted: mail.quoted ?? true, signature: mail.signature ?? true } : false,
      whitespace: options.whitespace ?? true,
      dropEmpty: options.dropEmpty ?? true,
    };
  }

  /** The cleaned text alone (for use outside a pipeline). */
  clean(text: string, meta: Record<string, unknown> = {}): string {
    const c = this.config;
    let t = text;
    if (c.mail && c.mail.headers) t = stripMailHeaders(t);
    const isHtml = c.html === true || (c.html === 'auto' && (meta['format'] === 'html' || looksLikeHtml(t)));
    if (isHtml) { t = htmlToText(t); this.stats.counters['html_docs'] = (this.stats.counters['html_docs'] ?? 0) + 1; }
    if (c.nfkc) t = t.normalize('NFKC');
    if (c.removeControl) t = t.replace(CONTROL, '');
    if (c.mail && c.mail.quoted) t = stripQuotedReplies(t);
    if (c.mail && c.mail.signature) t = stripSignature(t);
    if (c.removeUrls) t = t.replace(URL, '');
    if (c.removeEmails) t = t.replace(EMAIL, '');
    if (c.whitespace) t = normalizeWhitespace(t);
    return t;
  }

  process(record: DataRecord): StepResult {
    const text = this.clean(record.text, record.meta);
    const counters = this.stats.counters;
    counters['chars_in'] = (counters['chars_in'] ?? 0) + record.text.length;
    counters['chars_removed'] = (counters['chars_removed'] ?? 0) + Math.max(0, record.text.length - text.length);
    if (this.config.dropEmpty && text.length === 0) return { drop: 'empty_after_clean' };
    return { ...record, text };
  }
}
