import t from 'tap';
import { detectPII } from '../../lib/index.js';
import { taggerView } from '../../lib/privacy/pii/names.js';
import {
  decodeWeights, encodeWeights, outOfScope, scanTaggedNames, taggedSpans, tokenFeatures, CLASS_DICT, CLASS_FIRST, CLASS_PLACE, CLASS_WEAK, FEATURES_PER_TOKEN, type TaggerToken,
} from '../../lib/privacy/pii/tagger.js';
import { TAGGER_BITS, TAGGER_WEIGHTS_B64 } from '../../lib/privacy/pii/tagger-weights.generated.js';
import type { Candidate } from '../../lib/privacy/pii/types.js';
// @ts-expect-error: a plain .mjs module shared with scripts/train-pii-tagger.mjs, without types.
import { BITS, MIN_ABS, featurize, loadSets, train } from '../../scripts/tagger-training.mjs';

const persons = (text: string) => detectPII(text, { entities: ['PERSON'] }).map((e) => e.text);

t.test('the shipped weights are what training on the labelled sets gives', async (t) => {
  // Guards against a feature or fixture change that was not followed by a retrain.
  t.equal(TAGGER_BITS, BITS);
  const sets = loadSets() as Array<{ docs: unknown[] }>;
  t.ok(sets.length >= 30, `${sets.length} labelled sets`);
  const w = train(featurize(sets.flatMap((s) => s.docs))) as Float32Array;
  t.ok(encodeWeights(w, MIN_ABS) === TAGGER_WEIGHTS_B64, 'retrained weights equal tagger-weights.generated.ts (run node --import tsx scripts/train-pii-tagger.mjs)');
});

t.test('weights survive encoding: slots kept, values to 1/1024, small ones dropped', async (t) => {
  const w = new Float32Array(1 << 10);
  w[3] = 1.5;
  w[700] = -0.2501;
  w[701] = 0.001;
  w[1023] = 40; // beyond int16 / 1024: clamped
  const back = decodeWeights(encodeWeights(w, 0.01), 10);
  t.equal(back[3], 1.5);
  t.equal(back[700], Math.round(-0.2501 * 1024) / 1024);
  t.equal(back[701], 0);
  t.equal(back[1023], 32767 / 1024);
  t.equal(back.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0), 3);
});

t.test('features are slots of the table, the same for the same token', async (t) => {
  const text = 'Please pass this to Ngozi Adeyemi-Park before noon.';
  const { toks, classOf } = taggerView(text);
  t.same(toks.map((k) => text.slice(k.start, k.end)), ['Please', 'Ngozi', 'Adeyemi-Park']);
  const a = tokenFeatures(text, toks[1]!, classOf, new Int32Array(FEATURES_PER_TOKEN), 12);
  const b = tokenFeatures(text, toks[1]!, classOf, new Int32Array(FEATURES_PER_TOKEN), 12);
  t.same([...a], [...b]);
  t.ok([...a].every((s) => s >= 0 && s < 1 << 12));
  // Context matters: the same word elsewhere has other context features.
  const c = tokenFeatures('Ngozi', { start: 0, end: 5, lower: 'ngozi', shape: 'cap' }, classOf, new Int32Array(FEATURES_PER_TOKEN), 12);
  t.equal([...a].filter((s, k) => s === c[k]).length < FEATURES_PER_TOKEN, true);
});

t.test('spans: hysteresis joins a weaker middle name; claimed text and lone weak words are left alone', async (t) => {
  const text = 'with Ana Quispe Mamani today and Lu here';
  const { toks } = taggerView(text);
  const p: Record<string, number> = { ana: 0.9, quispe: 0.3, mamani: 0.7, lu: 0.7 };
  const prob = (_: string, k: TaggerToken) => p[k.lower] ?? 0;
  const noClass = () => 0;
  t.same(taggedSpans(text, toks, noClass, { high: 0.6, low: 0.2, alone: 0.8, alonePlace: 0.95 }, [], prob).map(([s, e]) => text.slice(s, e)), ['Ana Quispe Mamani'],
    'Quispe (0.3) joins; Lu alone (0.7) is below the lone-word bar');
  t.same(taggedSpans(text, toks, noClass, { high: 0.6, low: 0.5, alone: 0.6, alonePlace: 0.6 }, [], prob).map(([s, e]) => text.slice(s, e)), ['Ana', 'Mamani', 'Lu']);
  // A recognizer claimed "Quispe": the tagger neither scores it nor spans across it (and Mamani, now
  // alone, is below the lone-word bar).
  const q = text.indexOf('Quispe');
  t.same(taggedSpans(text, toks, noClass, { high: 0.6, low: 0.2, alone: 0.8, alonePlace: 0.95 }, [[q, q + 6]], prob).map(([s, e]) => text.slice(s, e)), ['Ana']);
});

t.test('ordinary words that no name list holds are out of scope, initials are not', async (t) => {
  const tok = (lower: string, shape: TaggerToken['shape'] = 'cap'): TaggerToken => ({ start: 0, end: lower.length, lower, shape });
  t.equal(outOfScope(tok('hospital'), CLASS_DICT), true);
  t.equal(outOfScope(tok('rose'), CLASS_DICT | CLASS_FIRST), false);
  t.equal(outOfScope(tok('t', 'initial'), CLASS_DICT), false);
  t.equal(outOfScope(tok('kjaergaard'), 0), false);
  t.equal(outOfScope(tok('pereira'), CLASS_PLACE), false, 'places stay in scope');
  t.equal(outOfScope(tok('saga'), CLASS_DICT | CLASS_WEAK), false, 'a word the big name list holds');
});

t.test('the tagger finds names in contexts no rule was written for', async (t) => {
  const tagged = (text: string) => {
    const { toks, classOf } = taggerView(text);
    const out: Candidate[] = [];
    scanTaggedNames(text, toks, classOf, [], out);
    return out.map((c) => c.text);
  };
  for (const [text, name] of [
    ['Kære Søren Kjærgaard Mikkelsen', 'Søren Kjærgaard Mikkelsen'],
    ['Til: Søren Kjærgaard Mikkelsen\nEmne: Indkaldelse til ambulant kontrol', 'Søren Kjærgaard Mikkelsen'],
    ['We met Tomasz Wierzbicki-Laurent at the depot yesterday.', 'Tomasz Wierzbicki-Laurent'],
  ]) {
    t.same(tagged(text), [name], text);
    t.ok(persons(text).includes(name), `detectPII keeps it: ${text}`);
  }
  // Lower-case names in chat, judged by their context.
  const chat = '[09:14] marcus okafor: can you check the rota with priya?\n[09:15] dee: sure';
  t.ok(tagged(chat).includes('marcus okafor') && tagged(chat).includes('priya'), tagged(chat).join(', '));
  // A particle inside the name does not split it.
  t.same(tagged("1. Gerrit-Jan van 't Hof, wonende te Utrechtseweg 118"), ["Gerrit-Jan van 't Hof"]);
});

t.test('the tagger leaves things, other languages\' words and addresses alone', async (t) => {
  t.same(persons("I'm on a Mac and can't log in. Can't reset either."), [], 'after an article');
  t.same(persons('Sehr geehrte Damen und Herren, hiermit kündige ich meinen Vertrag.'), []);
  t.same(persons('Nous avons reçu votre demande. Mais le dossier est incomplet.'), []);
  t.same(persons('Termin: Dienstag, 10:30 Uhr, Saal 214'), []);
  t.same(persons('Domicilio fiscal: Calle Sol 9'), [], 'a street found by the address recognizer, even when only names are asked for');
  t.same(persons('Trade with Great Britain and Costa Rica grew, and Lake Michigan froze.'), [], 'places made of two words');
  t.same(persons('<meta name="robots" content="all"> see http://use.perl.org/article.pl?sid=02/08/26'), [], 'markup and queries');
});

t.test("a rule's weaker name guess that the tagger reads as no name is dropped", async (t) => {
  // Each of these was a rule's PERSON guess (scores 0.75-0.85) before the tagger's veto.
  t.same(persons('User-Agent: Mozilla/5.0 (X11; U; Linux i686)'), []);
  t.same(persons('you are given a bog standard Dell box and linux will not boot'), []);
  t.same(persons('The sales of its Office suite for Mac OS X fell short.'), []);
  // Confident rule names stay: a title, a sign-off, a name column.
  t.same(persons('Seen by Dr. Priya Raghunathan today.'), ['Priya Raghunathan']);
  t.same(persons('Kind regards,\nMere Ngata'), ['Mere Ngata']);
});
