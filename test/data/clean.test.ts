import t from 'tap';
import { CleanStep, htmlToText, isDrop } from '../../lib/data/index.js';
import { stripMailHeaders, stripQuotedReplies, stripSignature, normalizeWhitespace } from '../../lib/data/steps/clean.js';
import { looksLikeHtml } from '../../lib/data/steps/html.js';

t.test('htmlToText: real parsing, not tag regexes', async (t) => {
  const html = `<!doctype html><html><head><title>T</title><style>p { color: red }</style></head>
<body><h1>Title</h1><p>First &amp; foremost, caf&eacute; &#8212; &lt;b&gt; is text.</p>
<script>if (a < b && c > d) { document.write("<p>hidden</p>") }</script>
<p>Second<br>line with <a href="x>y">a link</a></p><!-- a comment <p>no</p> -->
<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table></body></html>`;
  t.equal(htmlToText(html), 'Title\n\nFirst & foremost, café — <b> is text.\n\nSecond\nline with a link\n\none\ntwo\n\na\tb');
  t.ok(looksLikeHtml('<div>x</div>'));
  t.notOk(looksLikeHtml('if a < b and c > d then'));
  t.equal(htmlToText('<pre>  keep\n   spacing</pre>'), 'keep\nspacing');
});

t.test('mail parts', async (t) => {
  const raw = 'From someone Thu Aug 22 2002\nReturn-Path: <a@b.c>\nReceived: from x\n\tby y\nSubject: Hi\n\nBody line\n';
  t.equal(stripMailHeaders(raw), 'Body line\n');
  t.equal(stripMailHeaders('Note: this is prose\nand not headers\n\nx'), 'Note: this is prose\nand not headers\n\nx', 'one colon line is not a header block');
  t.equal(stripQuotedReplies('My answer.\nOn Tue, Bob wrote:\n> question\n> more\nThanks'), 'My answer.\nThanks');
  t.equal(stripQuotedReplies('He wrote: fine\nno quote follows'), 'He wrote: fine\nno quote follows');
  t.equal(stripSignature('Text\n-- \nJohn\nPhone'), 'Text');
  t.equal(stripSignature('Text\n_______________________________________________\nList mailing list'), 'Text');
  t.equal(stripSignature('a\nb\nc\n------------------------ Yahoo! Groups Sponsor ---------------------~-->\n4 DVDs Free'), 'a\nb\nc');
  t.equal(stripSignature('---------------------\nkept: early short rule\nmore\nend'), '---------------------\nkept: early short rule\nmore\nend');
});

t.test('CleanStep: defaults and counters', async (t) => {
  const step = new CleanStep();
  const r = step.process({ id: '1', text: 'ﬁne\u200b text\u0007 see https://example.com/x?y=1 now   ok\n\n\n\nnext', meta: {} });
  t.notOk(isDrop(r));
  t.equal((r as { text: string }).text, 'fine text see now ok\n\nnext');
  t.equal(step.stats.counters['chars_in'], 57);
  t.equal(step.stats.counters['chars_removed'], 57 - 'fine text see now ok\n\nnext'.length);
  const empty = step.process({ id: '2', text: '<p> </p>', meta: {} });
  t.same(empty, { drop: 'empty_after_clean' });
  const mail = new CleanStep({ mail: true, removeEmails: true });
  const out = mail.clean('Subject: x\nFrom: y\n\nHello bob@example.com,\n> old\nBye\n-- \nsig');
  t.equal(out, 'Hello ,\nBye');
  t.equal(normalizeWhitespace(' a \t b \r\n c '), 'a b\nc');
});
