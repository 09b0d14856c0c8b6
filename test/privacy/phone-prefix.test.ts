// The phone recognizer caches libphonenumber's verdict for North American numbers by their first six
// national digits. That is exact only while every NANP pattern in libphonenumber's metadata ends in
// free digits; this test compares the cached verdicts with libphonenumber itself on random numbers,
// so a metadata update that breaks the assumption fails here.
import t from 'tap';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { phoneValidity } from '../../lib/privacy/pii/numeric.js';

const direct = (n: string, country?: 'US' | 'GB') => {
  const p = country === undefined ? parsePhoneNumberFromString(n) : parsePhoneNumberFromString(n, country);
  return p === undefined ? 0 : p.isValid() ? 2 : p.isPossible() ? 1 : 0;
};

// A fixed-seed generator, so a failure can be reproduced.
let seed = 12345;
const rand = (k: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % k;
};
const digits = (k: number) => Array.from({ length: k }, () => rand(10)).join('');

t.test('NANP verdicts keyed by area code and exchange agree with libphonenumber', async (t) => {
  let disagree = 0;
  let valid = 0;
  let invalid = 0;
  for (let p = 0; p < 400; p++) {
    const prefix = String(2 + rand(8)) + digits(5);
    for (let s = 0; s < 6; s++) {
      const national = prefix + digits(4);
      // Bare, with the trunk '1', and in international form: all three share one cache entry.
      for (const [form, expected] of [[national, direct(national, 'US')], ['1' + national, direct('1' + national, 'US')], ['+1' + national, direct('+1' + national)]] as const) {
        const got = phoneValidity(form, 'US');
        if (got !== expected) disagree++;
        if (expected === 2) valid++;
        else invalid++;
      }
    }
  }
  t.equal(disagree, 0, 'cached verdict differs from libphonenumber');
  // Both verdicts occur, so the comparison tests something.
  t.ok(valid > 1000 && invalid > 1000, `valid ${valid}, invalid ${invalid}`);
});

t.test('other numbers are judged whole', async (t) => {
  // Same first digits, different verdicts: a UK number is not keyed by a prefix.
  t.equal(phoneValidity('02079460958', 'GB'), direct('02079460958', 'GB'));
  t.equal(phoneValidity('+442079460958', 'US'), direct('+442079460958'));
  t.equal(phoneValidity('5550143', 'US'), direct('5550143', 'US'));
});
