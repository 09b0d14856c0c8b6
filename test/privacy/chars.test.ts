import t from 'tap';
import { flatCopy } from '../../lib/privacy/pii/chars.js';
import { detectPII } from '../../lib/privacy/index.js';

t.test('flatCopy is exact for every code unit, lone surrogates included', async (t) => {
  const samples = ['', 'a', '\ud800', '\udc00', 'x\ud800y', '\udfff\ud800', '😀', '\ud83d\ude00\ud83d', 'é ÿ Ā', '\u0000\uffff\ufffe', '’–'];
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < 500; i++) {
    let s = '';
    for (let n = next() % 40; n > 0; n--) s += String.fromCharCode(next() % 2 ? 0xd7f0 + (next() % 0x30) : next() % 0x10000);
    samples.push(s);
  }
  for (const s of samples) {
    const c = flatCopy(s);
    t.equal(c.length, s.length);
    let same = true;
    for (let k = 0; k < s.length; k++) if (c.charCodeAt(k) !== s.charCodeAt(k)) same = false;
    if (!same) t.fail(`differs: ${JSON.stringify(s)}`);
  }
});

t.test('detectPII answers the same for a concatenated and a flat text', async (t) => {
  const parts = ['Patient: Maria Kowalczyk, ', 'DOB 03/04/1981, ', 'phone (415) 555-0134, ', 'e-mail maria.k@example.com'];
  let built = '';
  for (const p of parts) built += p;
  t.same(detectPII(built), detectPII(JSON.parse(JSON.stringify(built)) as string));
});
