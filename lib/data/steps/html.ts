import { Parser } from 'htmlparser2';

// Content of these elements is never text a reader sees.
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'object', 'iframe', 'select']);
// Elements that end a paragraph (blank line) versus those that end a line.
const PARAGRAPH = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol', 'dl', 'section', 'article', 'header', 'footer', 'aside', 'nav', 'main', 'figure', 'form', 'fieldset', 'address', 'hr', 'body', 'html', 'center']);
const LINE = new Set(['br', 'li', 'tr', 'dt', 'dd', 'caption', 'figcaption', 'option', 'title']);
const CELL = new Set(['td', 'th']);

/**
 * HTML to plain text with htmlparser2 (a real tokenizer: comments, CDATA, attributes with `>`,
 * unclosed tags and all named/numeric entities are handled). Block elements become paragraph
 * breaks, `<br>`/`<li>`/rows become line breaks, table cells are separated by a tab, and
 * script/style/head content is dropped. Whitespace inside text runs is collapsed like a browser does
 * (inside `<pre>` line breaks are kept, indentation is not).
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let skipDepth = 0;
  let preDepth = 0;
  const br = (s: string): void => { out.push(s); };
  const parser = new Parser({
    onopentagname(name) {
      if (SKIP.has(name)) { skipDepth++; return; }
      if (name === 'pre') preDepth++;
      if (PARAGRAPH.has(name)) br('\n\n');
      else if (LINE.has(name)) br('\n');
      else if (CELL.has(name)) br('\t');
    },
    onclosetag(name) {
      if (SKIP.has(name)) { if (skipDepth > 0) skipDepth--; return; }
      if (name === 'pre' && preDepth > 0) preDepth--;
      // Line elements break only where they open, so a list is one item per line, not double-spaced.
      if (PARAGRAPH.has(name)) br('\n\n');
    },
    ontext(text) {
      if (skipDepth > 0) return;
      out.push(preDepth > 0 ? text : text.replace(/[ \t\r\n\f]+/g, ' '));
    },
  }, { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true });
  parser.write(html);
  parser.end();
  return out.join('')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whether a text looks like HTML (a known tag or a doctype), to decide whether to parse it. */
export function looksLikeHtml(text: string): boolean {
  return /<(?:!doctype\s+html|html|body|p|div|br|table|td|span|a\s|font|b|i|li|h[1-6]|meta|style|script)\b[^>]*>/i.test(text.slice(0, 20000));
}
