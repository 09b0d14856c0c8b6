import t from 'tap';
import { detectPII, LmforgeError } from '../../lib/index.js';

function found(text: string, opts?: Parameters<typeof detectPII>[1]) {
  return detectPII(text, opts).map((e) => [e.type, e.text]);
}

t.test('structured identifiers with exact offsets', async (t) => {
  const text = 'Mail jane.doe@example.org or call (415) 555-0132.';
  const ents = detectPII(text);
  t.same(ents.map((e) => [e.type, e.start, e.end]), [
    ['EMAIL_ADDRESS', 5, 25],
    ['PHONE_NUMBER', 34, 48],
  ]);
  t.equal(ents[0]!.text, text.slice(5, 25));
});

t.test('phones: US and international, validated', async (t) => {
  t.same(found('Tel: +44 20 7946 0958'), [['PHONE_NUMBER', '+44 20 7946 0958']]);
  t.same(found('call 1-800-555-0199 today'), [['PHONE_NUMBER', '1-800-555-0199']]);
  t.same(found('Mobile +1 (646) 555-0143'), [['PHONE_NUMBER', '+1 (646) 555-0143']]);
  t.same(found('phone 212.555.0198'), [['PHONE_NUMBER', '212.555.0198']]);
  // 555 is not an assigned area code: shaped like a phone, rejected by libphonenumber.
  t.same(found('ref 555-123-4567 ok'), []);
  t.same(found('Recorded as Document No. 2019-112233.'), []);
});

t.test('SSN: shape + SSA rules + context', async (t) => {
  t.same(found('SSN 536-22-1987'), [['US_SSN', '536-22-1987']]);
  t.same(found('SSN: 536221987'), [['US_SSN', '536221987']], 'bare 9 digits need the cue');
  t.same(found('id 536221987'), []);
  t.same(found('SSN 666-22-1987'), [], 'area 666 never issued');
  t.same(found('Case No. 536-22-1987', { context: 'legal' }), [], 'legal case number that looks like an SSN');
  t.same(found('Order #536-22-1987'), [], 'order number label');
});

t.test('credit cards need Luhn and an issuer', async (t) => {
  t.same(found('card 4111 1111 1111 1111'), [['CREDIT_CARD', '4111 1111 1111 1111']]);
  t.same(found('card 4111 1111 1111 1112'), [], 'fails Luhn: not a card, and not a phone either');
  t.same(found('Amex 3782 822463 10005'), [['CREDIT_CARD', '3782 822463 10005']]);
  t.same(found('ISBN 978-0-306-40615-7'), []);
});

t.test('IBAN and IP addresses', async (t) => {
  t.same(found('IBAN GB82 WEST 1234 5698 7654 32.'), [['IBAN_CODE', 'GB82 WEST 1234 5698 7654 32']]);
  t.same(found('IBAN GB82 WEST 1234 5698 7654 33.'), [], 'bad check digits');
  t.same(found('from 192.168.1.20 and 2001:db8::1.'), [['IP_ADDRESS', '192.168.1.20'], ['IP_ADDRESS', '2001:db8::1']]);
  t.same(found('version 1.2.3.4, v10.0.0.1'), [], 'versions are not addresses');
  t.same(found('subnet 10.0.0.0/8 at 10:30:00'), [], 'CIDR blocks and times');
  t.same(found('std::vector<int>'), []);
});

t.test('names: titles, cues, gazetteers, vetoes', async (t) => {
  t.same(found('Seen by Dr. Priya Raghunathan today.'), [['PERSON', 'Priya Raghunathan']]);
  t.same(found('Mr. Okonkwo reports pain.'), [['PERSON', 'Okonkwo']]);
  t.same(found('Patient: Harriet Oduya\nDOB: 11/30/1948'), [['PERSON', 'Harriet Oduya'], ['DATE_OF_BIRTH', '11/30/1948']]);
  t.same(found('Thanks,\nLinda Morgenstern\nHR'), [['PERSON', 'Linda Morgenstern']]);
  t.same(found('The Grace Hopper Conference is in May.'), [], 'organisation word vetoes the run');
  t.same(found('Grace period ends. Will you come? May 2024.'), []);
  t.same(found('See Smith v. Jones, 512 F.3d 1024.'), [], 'case citations are public record');
  t.same(found('my name is kayla rhodes and'), [['PERSON', 'kayla rhodes']]);
  t.same(found("Sarah Chen's chart. Later Chen said no."), [['PERSON', 'Sarah Chen'], ['PERSON', 'Chen']], 'possessive trimmed; later mention found');
});

t.test('CSV columns', async (t) => {
  const csv = 'name,city,dob\nWei Zhang,Austin,1980-02-03\nRaleigh Fox,Raleigh,3/4/1970\n';
  t.same(found(csv), [
    ['PERSON', 'Wei Zhang'], ['DATE_OF_BIRTH', '1980-02-03'], ['PERSON', 'Raleigh Fox'], ['DATE_OF_BIRTH', '3/4/1970'],
  ], 'city column is not a name even when it is a first name');
});

t.test('addresses, dates of birth, record numbers', async (t) => {
  t.same(found('lives at 1427 Maple Grove Ave, Apt 4B, Springfield, IL 62704 now'), [['LOCATION', '1427 Maple Grove Ave, Apt 4B, Springfield, IL 62704']]);
  t.same(found('born on March 3, 1985 in'), [['DATE_OF_BIRTH', 'March 3, 1985']]);
  t.same(found('Visit date: 03/03/2024'), [], 'a date without a birth cue');
  t.same(found('MRN: A1234567'), [['MEDICAL_RECORD_NUMBER', 'A1234567']]);
  t.same(found('Metformin 500 mg twice daily, BP 120/80'), []);
});

t.test('options', async (t) => {
  const text = 'jane@example.org 192.168.1.20';
  t.same(found(text, { entities: ['IP_ADDRESS'] }), [['IP_ADDRESS', '192.168.1.20']]);
  t.same(found('write to support@acme.com'), [], 'role accounts score below the default threshold');
  t.same(found('write to support@acme.com', { minScore: 0.3 }), [['EMAIL_ADDRESS', 'support@acme.com']]);
  t.same(found('see https://example.com/a.', { entities: ['URL'] }), [['URL', 'https://example.com/a']]);
  t.throws(() => detectPII(text, { entities: ['NOPE' as never] }), LmforgeError);
  t.throws(() => detectPII(text, { context: 'space' as never }), /context must be one of/);
  t.throws(() => detectPII(text, { minScore: 2 }), TypeError);
});

t.test('bad input', async (t) => {
  t.throws(() => detectPII(42 as never), { name: 'TypeError', message: /text must be a string/ });
  t.throws(() => detectPII(null as never), TypeError);
  t.same(detectPII(''), []);
  // Lone surrogates are kept as they are and do not shift offsets.
  const text = '\ud800jane@example.org\udc00 x';
  const [e] = detectPII(text);
  t.same([e!.type, e!.start, e!.end], ['EMAIL_ADDRESS', 1, 17]);
});

t.test('per-context allow rules and known names', async (t) => {
  // A phone-shaped value after a lab label is a measurement in clinical text, an amount in financial text.
  t.same(found('Glucose: 212-555-0198 today'), [['PHONE_NUMBER', '212-555-0198']]);
  t.same(found('Glucose: 212-555-0198 today', { context: 'medical' }), []);
  t.same(found('Total: 212-555-0198', { context: 'financial' }), []);
  t.same(found('Zorblat Quuxley arrived.'), [], 'two unknown capitalised words are not enough');
  t.same(found('Zorblat Quuxley arrived.', { knownNames: ['zorblat'] }), [['PERSON', 'Zorblat Quuxley']]);
});
