import t from 'tap';
import { detectPII, redactPII } from '../../lib/index.js';

// Inputs built to make backtracking regexes go quadratic or worse: long runs of separators,
// '@', ':', dotted digits, capitalised words, address and IBAN prefixes, cue words, surrogates.
// Every recognizer reads bounded windows from a trigger, so 10 MB must finish in seconds; the
// bound below is generous (a quadratic scanner would need hours on this input).
t.test('10 MB of adversarial input completes without a hang', async (t) => {
  const parts = [
    '1-'.repeat(5e5), '1 '.repeat(5e5), '1.'.repeat(5e5), 'a@'.repeat(5e5), 'a.'.repeat(5e5) + '@', 'a:'.repeat(5e5),
    'Aa '.repeat(3.4e5), 'John '.repeat(2e5), 'GB82 '.repeat(2e5), '1 Aa '.repeat(2e5), 'DOB '.repeat(2.5e5),
    '\ud800a'.repeat(5e5), 'a'.repeat(1e6), ('(' + '1'.repeat(3) + ') ').repeat(1.6e5),
  ];
  const text = parts.join('\n');
  t.ok(text.length >= 10e6, `input is ${(text.length / 1e6).toFixed(1)} MB`);
  const t0 = Date.now();
  const ents = detectPII(text);
  const seconds = (Date.now() - t0) / 1000;
  t.ok(seconds < 120, `took ${seconds.toFixed(1)} s`);
  t.ok(Array.isArray(ents));
});

t.test('a large realistic document keeps every entity', async (t) => {
  const block = 'Patient: Harriet Oduya, DOB: 11/30/1948, phone (415) 555-0132, e-mail h.oduya@example.org.\n';
  const text = block.repeat(20000); // ~1.9 MB
  const r = redactPII(text);
  t.equal(r.stats.entities, 4 * 20000);
  t.equal(r.text, '<PERSON>, DOB: <DATE_OF_BIRTH>, phone <PHONE_NUMBER>, e-mail <EMAIL_ADDRESS>.\n'.replace(/^/, 'Patient: ').repeat(20000));
});

// The same for the international address, chat, sign-off and date rules: repeated openings of each
// pattern (greetings, speakers, families, number-after streets, postcode tails, trunk-0 digit groups).
t.test('international and chat rules stay linear on adversarial input', async (t) => {
  const parts = [
    'Hi Aa\n'.repeat(5e4), 'thanks\nAa Bb\n'.repeat(4e4), 'the Aaas '.repeat(5e4), 'mr. aa bb '.repeat(5e4),
    "its me, aa bb ".repeat(4e4), '[1] aa: x\n'.repeat(5e4), 'Aa: '.repeat(1.2e5), 'Strada Aa '.repeat(5e4),
    'Aa Bb 1, 12345 '.repeat(3e4), 'Av. Aa 1, Bb, '.repeat(3e4), '0 00 00 00 00 '.repeat(2e4),
    '1 Aa Road, Bb/Cc Dd Ee, '.repeat(2e4), 'Aa Cottage, 1 Bb Road, '.repeat(2e4), '1 a b c st, x y z ny '.repeat(2e4),
    'DOB 1 de marzo de '.repeat(3e4), 'John Smith (1-Jan-19'.repeat(2.5e4),
  ];
  const text = parts.join('\n');
  t.ok(text.length >= 5e6, `input is ${(text.length / 1e6).toFixed(1)} MB`);
  const t0 = Date.now();
  const ents = detectPII(text);
  const seconds = (Date.now() - t0) / 1000;
  t.ok(seconds < 90, `took ${seconds.toFixed(1)} s`);
  t.ok(ents.length > 0);
});

// Session-3 rules: names in "Last, First" lines (each found name also searched for as a log-in),
// log-in labels, @-mentions, title lines, spaced house numbers and units.
t.test('log-in, chat-export and address rules stay linear on adversarial input', async (t) => {
  const parts = [
    'Chen, Wei\n'.repeat(2.5e5), 'user=aa '.repeat(5e4), '@aa.b '.repeat(5e4), 'Frau\n'.repeat(5e4),
    '12 - '.repeat(5e4), '1 Aa Park, Bb, '.repeat(3e4), 'Rua Aa 1, 3º E '.repeat(3e4), '[07:02] aa: x\n'.repeat(3e4),
  ];
  const text = parts.join('\n');
  t.ok(text.length >= 5e6, `input is ${(text.length / 1e6).toFixed(1)} MB`);
  const t0 = Date.now();
  const ents = detectPII(text);
  const seconds = (Date.now() - t0) / 1000;
  // About 2 s here; a rule that searches the whole text once per name found took 28 s on this input.
  t.ok(seconds < 20, `took ${seconds.toFixed(1)} s`);
  t.ok(ents.length > 0);
});
