/**
 * Keyed, consistent, type-preserving fake values. The key is HMAC-SHA256(secret, type + value
 * normalised), so the same person gets the same fake name across a corpus, nobody without the
 * secret can map fakes back by hashing guesses, and a different secret gives unrelated fakes.
 */
import { createHmac } from 'node:crypto';
import { firstNameSet, SURNAMES } from './gazetteer.js';
import type { PiiType } from './types.js';

const FAKE_FIRST = ['Alex', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn', 'Rowan', 'Emerson', 'Harper',
  'Dana', 'Robin', 'Sasha', 'Kai', 'Logan', 'Reese', 'Skyler', 'Parker', 'Cameron', 'Drew', 'Elliot', 'Finley', 'Hayden',
  'Jesse', 'Kendall', 'Lennon', 'Marlowe', 'Noel', 'Oakley', 'Peyton', 'Remy', 'Sage', 'Tatum', 'Blair'];
const FAKE_LAST = ['Ashdown', 'Brightwater', 'Calloway', 'Dunmore', 'Ellery', 'Fairbanks', 'Glenholm', 'Hartwell', 'Ivesdale',
  'Jarrow', 'Kestrel', 'Lindqvist', 'Marchetti', 'Northcott', 'Oakhurst', 'Penrose', 'Quimby', 'Redfern', 'Stanhope',
  'Thornbury', 'Underhill', 'Vantongeren', 'Westbrook', 'Yardley', 'Zellweger', 'Amberly', 'Blackwood', 'Corrigan',
  'Delacourt', 'Everhart', 'Fenwick', 'Galloway', 'Holloway', 'Inglewood', 'Kingsley', 'Lockwood'];
const FAKE_STREETS = ['Maple', 'Cedar', 'Willow', 'Birch', 'Juniper', 'Aspen', 'Laurel', 'Magnolia', 'Sycamore', 'Hawthorn'];
const FAKE_CITIES: Array<[string, string]> = [['Springfield', 'IL'], ['Riverton', 'WY'], ['Fairview', 'OR'], ['Greenville', 'SC'],
  ['Franklin', 'TN'], ['Clinton', 'IA'], ['Madison', 'WI'], ['Georgetown', 'TX']];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A deterministic stream of bytes for one (type, value). */
class KeyStream {
  private buf: Buffer;
  private pos = 0;
  private counter = 0;
  constructor(private readonly secret: string | Uint8Array, private readonly seed: string) {
    this.buf = this.block();
  }
  private block(): Buffer {
    return createHmac('sha256', this.secret).update(`${this.seed}\u0000${this.counter++}`).digest();
  }
  next(): number {
    if (this.pos >= this.buf.length) {
      this.buf = this.block();
      this.pos = 0;
    }
    return this.buf[this.pos++]!;
  }
  /** Uniform-ish integer in [0, n) (n < 65536; bias is negligible for our list sizes). */
  int(n: number): number {
    return ((this.next() << 8) | this.next()) % n;
  }
  hex(len: number): string {
    let s = '';
    while (s.length < len) s += this.next().toString(16).padStart(2, '0');
    return s.slice(0, len);
  }
}

function normalise(type: PiiType, value: string): string {
  switch (type) {
    case 'EMAIL_ADDRESS':
    case 'URL':
      return value.toLowerCase();
    case 'PHONE_NUMBER':
    case 'US_SSN':
    case 'CREDIT_CARD':
      return value.replace(/\D/g, '');
    case 'IBAN_CODE':
      return value.replace(/\s/g, '').toUpperCase();
    default:
      return value.replace(/\s+/g, ' ').trim().toLowerCase();
  }
}

/** Replace every digit/letter by a keyed one of the same class, keeping separators and layout. */
function reshape(ks: KeyStream, value: string): string {
  let out = '';
  for (const ch of value) {
    if (ch >= '0' && ch <= '9') out += String(ks.int(10));
    else if (ch >= 'A' && ch <= 'Z') out += String.fromCharCode(65 + ks.int(26));
    else if (ch >= 'a' && ch <= 'z') out += String.fromCharCode(97 + ks.int(26));
    else out += ch;
  }
  return out;
}

function fixLuhn(shaped: string): string {
  const digits = shaped.replace(/\D/g, '');
  // Choose the last digit so the whole number passes Luhn (a card-shaped fake stays card-valid).
  let sum = 0;
  let dbl = true;
  for (let i = digits.length - 2; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  const check = String((10 - (sum % 10)) % 10);
  const lastDigit = shaped.search(/\d(?=\D*$)/);
  return shaped.slice(0, lastDigit) + check + shaped.slice(lastDigit + 1);
}

function fakePersonToken(secret: string | Uint8Array, token: string, asFirst: boolean): string {
  const ks = new KeyStream(secret, `PERSON_TOKEN\u0000${token.toLowerCase()}`);
  const list = asFirst ? FAKE_FIRST : FAKE_LAST;
  return list[ks.int(list.length)]!;
}

/**
 * Fake value for one entity. Person names map token by token, so "Sarah Chen", "Ms. Chen" and
 * "SARAH CHEN" stay consistent with each other.
 */
export function pseudonymFor(secret: string | Uint8Array, type: PiiType, value: string): string {
  if (type === 'PERSON') {
    // Each token maps on its own, by what it is (given name or surname), not by its position, so
    // "Sarah Chen", "Ms. Chen" and "SARAH CHEN" stay consistent with each other.
    const first = firstNameSet();
    return value
      .split(/(\s+)/)
      .map((t) => {
        if (!/\S/.test(t) || /^\p{Lu}\.?$/u.test(t)) return t; // spaces and initials keep their layout
        const clean = t.replace(/[^\p{L}'-]/gu, '').toLowerCase();
        const folded = clean.normalize('NFD').replace(/\p{M}/gu, '').replace(/'/g, '');
        const asFirst = first.has(folded) && !SURNAMES.has(folded);
        const fake = fakePersonToken(secret, folded, asFirst);
        return t === t.toUpperCase() && t.length > 1 ? fake.toUpperCase() : fake;
      })
      .join('');
  }
  const ks = new KeyStream(secret, `${type}\u0000${normalise(type, value)}`);
  switch (type) {
    case 'EMAIL_ADDRESS': {
      const f = FAKE_FIRST[ks.int(FAKE_FIRST.length)]!.toLowerCase();
      const l = FAKE_LAST[ks.int(FAKE_LAST.length)]!.toLowerCase();
      return `${f}.${l}${ks.int(100)}@example.com`;
    }
    case 'PHONE_NUMBER': {
      // North American numbers get a 555-01xx line (reserved for fiction); others keep their layout.
      const digits = value.replace(/\D/g, '');
      let fake: string;
      const nanp = !value.startsWith('+') || value.startsWith('+1');
      if (nanp && (digits.length === 10 || (digits.length === 11 && digits[0] === '1'))) {
        const area = `${2 + ks.int(8)}${ks.int(10)}${ks.int(10)}`;
        fake = (digits.length === 11 ? '1' : '') + area + '55501' + String(ks.int(100)).padStart(2, '0');
      } else {
        fake = digits.slice(0, 2) + reshape(ks, digits.slice(2));
      }
      let k = 0;
      return value.replace(/\d/g, () => fake[k++]!);
    }
    case 'US_SSN': {
      // Area 9xx is never issued as an SSN: the fake keeps the shape but can never be a real number.
      const shaped = reshape(ks, value);
      return shaped.replace(/^\d/, '9');
    }
    case 'CREDIT_CARD': {
      // Keep the issuer digit so the fake still reads as the same network.
      const shaped = reshape(ks, value);
      return fixLuhn(value[0]! + shaped.slice(1));
    }
    case 'IBAN_CODE': {
      const shaped = value.slice(0, 2) + reshape(ks, value.slice(2)).replace(/[a-z]/g, (c) => c.toUpperCase());
      return fixIban(shaped);
    }
    case 'IP_ADDRESS':
      if (value.includes(':')) return `fd00:${ks.hex(4)}:${ks.hex(4)}::${ks.hex(4)}`;
      return `10.${ks.int(256)}.${ks.int(256)}.${1 + ks.int(254)}`;
    case 'DATE_OF_BIRTH': {
      const y = 1940 + ks.int(66);
      const m = 1 + ks.int(12);
      const d = 1 + ks.int(28);
      const p2 = (x: number) => String(x).padStart(2, '0');
      if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(value)) return `${y}-${p2(m)}-${p2(d)}`;
      if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(value)) return `${p2(m)}/${p2(d)}/${y}`;
      if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(value)) return reshape(ks, value);
      return `${MONTHS[m - 1]} ${d}, ${y}`;
    }
    case 'LOCATION': {
      const [city, st] = FAKE_CITIES[ks.int(FAKE_CITIES.length)]!;
      return `${100 + ks.int(9800)} ${FAKE_STREETS[ks.int(FAKE_STREETS.length)]} St, ${city}, ${st} ${String(10000 + ks.int(89999))}`;
    }
    case 'URL':
      return `https://example.com/${ks.hex(12)}`;
    case 'MEDICAL_RECORD_NUMBER':
    default:
      return reshape(ks, value);
  }
}

function fixIban(shaped: string): string {
  const compact = shaped.replace(/ /g, '');
  const body = compact.slice(4) + compact.slice(0, 2) + '00';
  let rem = 0;
  for (const ch of body) {
    const c = ch.charCodeAt(0);
    rem = c >= 65 ? (rem * 100 + (c - 55)) % 97 : (rem * 10 + (c - 48)) % 97;
  }
  const check = String(98 - rem).padStart(2, '0');
  // Check digits are positions 2-3 of the IBAN (before any space).
  return shaped.slice(0, 2) + check + shaped.slice(4);
}

export { firstNameSet };
