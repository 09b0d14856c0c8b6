import t from 'tap';
import { detectPII, redactPII, luhnValid, LmforgeError } from '../../lib/index.js';

const text = 'Sarah Chen (sarah.chen@gmail.com, 415-555-0132) paid with 4111 1111 1111 1111. Ms. Chen lives at 12 Elm St., Boston, MA 02118.';

t.test('tag mode writes Presidio-style tags', async (t) => {
  const r = redactPII(text);
  t.equal(r.text, '<PERSON> (<EMAIL_ADDRESS>, <PHONE_NUMBER>) paid with <CREDIT_CARD>. Ms. <PERSON> lives at <LOCATION>.');
  t.same(r.stats.byType, { PERSON: 2, EMAIL_ADDRESS: 1, PHONE_NUMBER: 1, CREDIT_CARD: 1, LOCATION: 1 });
  t.equal(r.stats.entities, 6);
  t.equal(r.stats.charsRedacted, r.entities.reduce((a, e) => a + e.end - e.start, 0));
  t.equal(redactPII(text, { tagFormat: '[{type}]' }).text.slice(0, 8), '[PERSON]');
});

t.test('mask and remove', async (t) => {
  const m = redactPII('SSN 536-22-1987.', { mode: 'mask' });
  t.equal(m.text, 'SSN ***********.');
  t.equal(redactPII('SSN 536-22-1987.', { mode: 'mask', maskChar: '#' }).text, 'SSN ###########.');
  t.equal(redactPII('SSN 536-22-1987.', { mode: 'remove' }).text, 'SSN .');
  t.throws(() => redactPII('x', { mode: 'mask', maskChar: '##' }), TypeError);
  t.throws(() => redactPII('x', { mode: 'shred' as never }), LmforgeError);
});

t.test('pseudonym mode: keyed, consistent, type-preserving', async (t) => {
  const a = redactPII(text, { mode: 'pseudonym', secret: 'k1' });
  const b = redactPII(text, { mode: 'pseudonym', secret: 'k1' });
  const c = redactPII(text, { mode: 'pseudonym', secret: 'k2' });
  t.equal(a.text, b.text, 'same secret, same fakes');
  t.not(a.text, c.text, 'another secret, other fakes');
  t.notMatch(a.text, /Sarah|Chen|sarah\.chen|4111|0132/, 'originals are gone');
  // Type preservation: the fakes are what they replace.
  const types = detectPII(a.text).map((e) => e.type);
  t.ok(types.includes('EMAIL_ADDRESS'), 'fake e-mail is an e-mail');
  const card = /\d{4} \d{4} \d{4} \d{4}/.exec(a.text)![0];
  t.ok(luhnValid(card.replace(/ /g, '')), 'fake card passes Luhn');
  t.match(a.text, /\(\S+@example\.com, \d{3}-555-01\d\d\)/, 'e-mail and phone keep their layout; the phone uses the fictional 555-01xx range');
  // "Sarah Chen" and "Ms. Chen" share the fake surname.
  const first = a.entities[0]!;
  const fakeFull = a.text.slice(0, a.text.indexOf(' ('));
  const fakeSurname = fakeFull.split(' ')[1]!;
  t.equal(first.text, 'Sarah Chen');
  t.match(a.text, new RegExp(`Ms\\. ${fakeSurname} lives`), 'later mention maps to the same fake surname');
  // Same person in another document: same fake.
  const other = redactPII('Email from Sarah Chen.', { mode: 'pseudonym', secret: 'k1' });
  t.equal(other.text, `Email from ${fakeFull}.`);
});

t.test('pseudonym SSN cannot be a real SSN', async (t) => {
  const r = redactPII('SSN 536-22-1987', { mode: 'pseudonym', secret: 's' });
  t.match(r.text, /^SSN 9\d\d-\d\d-\d{4}$/);
  t.same(detectPII(r.text), [], 'area 9xx is never issued, so the fake is not flagged again');
});

t.test('pseudonym needs a secret', async (t) => {
  const saved = process.env.LMFORGE_PII_SECRET;
  delete process.env.LMFORGE_PII_SECRET;
  t.throws(() => redactPII(text, { mode: 'pseudonym' }), { code: 'PII_SECRET_REQUIRED' });
  process.env.LMFORGE_PII_SECRET = 'from-env';
  t.equal(redactPII(text, { mode: 'pseudonym' }).text, redactPII(text, { mode: 'pseudonym', secret: 'from-env' }).text);
  if (saved === undefined) delete process.env.LMFORGE_PII_SECRET;
  else process.env.LMFORGE_PII_SECRET = saved;
});

t.test('entitiesFound bypasses detection and is checked', async (t) => {
  const r = redactPII('abc def', { entitiesFound: [{ type: 'PERSON', start: 4, end: 7, text: 'def', score: 1 }] });
  t.equal(r.text, 'abc <PERSON>');
  t.throws(() => redactPII('abc', { entitiesFound: [{ type: 'PERSON', start: 2, end: 9, text: '', score: 1 }] }), { code: 'PII_BAD_ENTITY' });
});

t.test('bad input', async (t) => {
  t.throws(() => redactPII(undefined as never), TypeError);
  t.throws(() => redactPII('x', null as never), TypeError);
});
