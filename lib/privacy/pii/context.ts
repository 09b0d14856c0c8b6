/**
 * Context rules: cue words that raise a candidate's score when they appear just before it, and
 * "look-alike" labels (case numbers, order ids, ISBNs, versions, dosages) that say a number is
 * not personal data. Every rule looks at a bounded window (at most WINDOW code units) and works
 * on its words with Set lookups, so the cost per candidate is small and constant.
 */
import type { PiiContext, PiiType } from './types.js';

export const WINDOW = 48;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** Words that, shortly before a candidate, make it more likely to be the given type. */
const CUES: Partial<Record<PiiType, { words: Set<string>; phrases: string[] }>> = {
  PHONE_NUMBER: {
    words: new Set(words('phone ph tel telephone mobile cell fax call contact reach pager whatsapp sms text m t p ' +
      'direct dir office work home landline desk mob main switchboard hotline helpline voicemail vm ' +
      'ligue ligar liga contacto contato numerem bellen ' +
      // The same cues in the languages of the international formats we validate.
      'tél téléphone portable appeler rappeler teléfono telefono móvil movil llamar telefon handy mobil anrufen cellulare ' +
      'telemóvel telemovel ' +
      // Nordic, Finnish, Czech and Polish.
      'tlf ring ringe ringer ringa sentralbord sentralbordet växel vxl puh puhelin gsm volejte volat zavolejte dzwoń dzwonić zadzwoń komórka kom')),
    phrases: [],
  },
  US_SSN: { words: new Set(words('ssn ss# ssn# taxpayer tin')), phrases: ['social security', 'social sec', 'ss no'] },
  CREDIT_CARD: { words: new Set(words('card visa mastercard amex discover credit debit cc pan')), phrases: ['american express', 'master card'] },
  IBAN_CODE: { words: new Set(words('iban bank account acct wire transfer sepa')), phrases: [] },
  IP_ADDRESS: { words: new Set(words('ip ipv4 ipv6 host server client address from src dst source login connected')), phrases: [] },
  MEDICAL_RECORD_NUMBER: { words: new Set(words('mrn chart')), phrases: ['medical record', 'patient id'] },
};

/** Labels that name an identifier which is not about a person (the word right before the number). */
const LOOKALIKE_WORDS = new Set(words(
  'case cases docket cause order orders invoice inv transaction txn trans tracking shipment ref reference confirmation conf ' +
  'ticket incident issue isbn isbn-10 isbn-13 issn doi serial s/n sn part model sku upc ean lot batch build version ver release ' +
  'patent claim rx ndc ndcs npi routing aba swift bic po p.o receipt booking reservation pnr item catalog article section sec § ' +
  'rule statute page pp vol volume bates exhibit accession protocol study trial nct job commit sha checksum hash uuid guid id ' +
  'document doc instrument deed filing dashboard merchant terminal auth v ' +
  // The same labels in French, Spanish, Italian, German, Portuguese and Dutch documents.
  'commande colis facture dossier référence reference pedido envío envio factura expediente referencia ordine pacco spedizione ' +
  'fattura pratica riferimento bestellung sendung paket rechnung aktenzeichen kundennummer encomenda fatura processo bestelling ' +
  'zending factuur dossiernummer ' +
  // Tax and company registration numbers (VAT, German USt-IdNr., ABN, EIN, Dutch KvK, French SIRET).
  'vat tva iva btw mwst ust idnr uid steuernummer abn acn gst ein kvk siret siren cif crn registration reg ' +
  'bestellbestätigung bestellnummer auftrag auftragsnummer rechnungsnummer vorgang sendungsnummer nif nie dni',
));
// Cards that are not payment cards: their numbers may even pass Luhn, but name no bank account.
const LOOKALIKE_PHRASES = ['civil action', 'purchase order', 'record locator', 'warranty card', 'loyalty card', 'membership card',
  'member card', 'library card', 'rewards card', 'gift card', 'id card', 'key card', 'sim card'];
/** Filler between a label and its number: "Order No. 12", "Case #12", "ISBN-13: 978...". */
// (Also the country code written before a tax number: "USt-IdNr. DE 812 526 315".)
const FILLER = new Set(['no', 'nos', 'number', 'num', '#', 'id', 'code', 'n°', 'nr', 'n', 'nº', 'núm', 'numero', 'número', 'nummer', 'n.º',
  'de', 'fr', 'nl', 'be', 'at', 'it', 'es', 'pt', 'gb', 'ie', 'pl', 'lu']);

const MEDICAL_LABELS = new Set(words('bp hr rr temp spo2 glucose a1c hba1c wbc rbc hgb hct plt ldl hdl inr bmi weight height dose dosage sig qty refill refills lab value result'));
const FINANCIAL_LABELS = new Set(words('amount balance total usd eur gbp $ € £'));

/** Units after a number mean it is a measurement (dose, lab value, size), not an identifier. */
const UNIT_AFTER =
  /^\s?(?:mg|mcg|µg|ug|g|kg|lb|lbs|ml|mL|l|L|dl|dL|mmol|mol|meq|mEq|iu|IU|units?|u\/l|U\/L|mmhg|mmHg|bpm|cm|mm|km|m|in|ft|%|°|mg\/dl|mg\/dL|tabs?|caps?|doses?|x(?! ?\d)|times|hrs?|hours?|days?|weeks?|kb|mb|gb|tb|ms|s|sec|min)\b/;

export function before(text: string, start: number, width = WINDOW): string {
  return text.slice(Math.max(0, start - width), start);
}
export function after(text: string, end: number, width = 16): string {
  return text.slice(end, end + width);
}

/**
 * Lowercased words of the window: runs of letters, digits and # § $ € £ ' . / (a hand-written
 * scan: this runs for every candidate number, so no regex split).
 */
function windowWords(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let k = 0; k <= s.length; k++) {
    const c = k < s.length ? s.charCodeAt(k) : 32;
    if (isWindowWordChar(c)) {
      if (start < 0) start = k;
    } else if (start >= 0) {
      let e = k;
      // Sentence punctuation and slashes at the end are not part of the word ("No.", "file:").
      while (e > start && isWordEdge(s.charCodeAt(e - 1))) e--;
      let b = start;
      while (b < e && isWordEdge(s.charCodeAt(b))) b++;
      if (e > b) out.push(s.slice(b, e).toLowerCase());
      start = -1;
    }
  }
  return out;
}

/** A character of a window word: letters, digits and # § $ € £ ' . / */
function isWindowWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 35 || c === 36 || c === 39 || c === 46 ||
    c === 47 || c === 0xa7 || c === 0x20ac || c === 0xa3 || (c > 0xbf && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x206f));
}
/** '.', '/' and "'" are trimmed from both ends of a window word. */
function isWordEdge(c: number): boolean {
  return c === 46 || c === 47 || c === 39;
}

/**
 * Whether any word of text[lo, hi) (the words windowWords would give for that slice) is in `words`.
 * Walks backwards from hi and stops at the first hit, building no array: the cue asked for most often
 * (a phone label) sits right before the number, and this runs for every candidate number.
 */
function someWindowWord(text: string, lo: number, hi: number, words: ReadonlySet<string>): boolean {
  let k = hi;
  while (k > lo) {
    while (k > lo && !isWindowWordChar(text.charCodeAt(k - 1))) k--;
    if (k === lo) break;
    const runEnd = k;
    while (k > lo && isWindowWordChar(text.charCodeAt(k - 1))) k--;
    let e = runEnd;
    while (e > k && isWordEdge(text.charCodeAt(e - 1))) e--;
    let b = k;
    while (b < e && isWordEdge(text.charCodeAt(b))) b++;
    if (e > b && words.has(text.slice(b, e).toLowerCase())) return true;
  }
  return false;
}

/** True when a cue for `type` appears in the window before `start`. */
export function hasCue(text: string, start: number, type: PiiType, width = WINDOW): boolean {
  // The phone recognizer asks again for every window that starts at the same digit: one answer kept.
  if (text === cueMemo.text && start === cueMemo.start && type === cueMemo.type && width === cueMemo.width) return cueMemo.result;
  const result = computeCue(text, start, type, width);
  cueMemo.text = text;
  cueMemo.start = start;
  cueMemo.type = type;
  cueMemo.width = width;
  cueMemo.result = result;
  return result;
}
const cueMemo = { text: '', start: -1, type: '' as string, width: 0, result: false };

function computeCue(text: string, start: number, type: PiiType, width: number): boolean {
  const cue = CUES[type];
  if (cue === undefined) return false;
  if (someWindowWord(text, Math.max(0, start - width), start, cue.words)) return true;
  if (cue.phrases.length > 0) {
    const low = before(text, start, width).toLowerCase();
    for (const p of cue.phrases) if (low.includes(p)) return true;
  }
  return false;
}

/** The label word right before a number, skipping fillers ("No.", "#", ":"). */
function labelBefore(text: string, start: number): { word: string; two: string; all: string[] } {
  const ws = windowWords(before(text, start, 32));
  let k = ws.length - 1;
  while (k >= 0 && (FILLER.has(ws[k]!) || ws[k] === '')) k--;
  // "#4415" style: a '#' glued to the number belongs to the label.
  const word = k >= 0 ? ws[k]!.replace(/#$/, '') : '';
  const two = k >= 1 ? `${ws[k - 1]} ${word}` : word;
  return { word, two, all: ws };
}

/** True when the number at [start, end) is labelled as a non-personal identifier or measurement. */
/** labelBefore for the last start asked (the windows of one numeric chunk share their label). */
const labelMemo = { text: '', start: -1, label: { word: '', two: '', all: [] as string[] } };

export function isLookalike(text: string, start: number, end: number, context: PiiContext): boolean {
  if (text !== labelMemo.text || start !== labelMemo.start) {
    labelMemo.text = text;
    labelMemo.start = start;
    labelMemo.label = labelBefore(text, start);
  }
  const { word, two } = labelMemo.label;
  if (LOOKALIKE_WORDS.has(word) || LOOKALIKE_PHRASES.includes(two)) return true;
  // "v2.3.4.5", "version 1.2.3.4", "build 4.2.0.17": versions glued or spaced.
  const prev = text.charCodeAt(start - 1);
  if ((prev === 118 || prev === 86) && !/\p{L}/u.test(text[start - 2] ?? '')) return true;
  if (UNIT_AFTER.test(after(text, end))) return true;
  if (context === 'legal') {
    // Docket forms like "No. 19-1234" or "1:19-cv-02345" and citations "123 F.3d 456".
    if (/\bno\.?\s*$/i.test(before(text, start, 8))) return true;
    if (/^\s*(?:F\.|U\.S\.|S\. ?Ct\.|-cv-|-cr-)/.test(after(text, end))) return true;
  }
  if (context === 'financial' && FINANCIAL_LABELS.has(word)) return true;
  if (context === 'financial' && /[$€£]\s*$/.test(before(text, start, 3))) return true;
  if (context === 'medical' && MEDICAL_LABELS.has(word)) return true;
  return false;
}

/** Country names and demonyms (English and native) to the region their phone numbers are parsed in. */
const COUNTRY_REGION = new Map<string, string>([
  ['uk', 'GB'], ['britain', 'GB'], ['british', 'GB'], ['england', 'GB'], ['scotland', 'GB'], ['wales', 'GB'], ['london', 'GB'],
  ['ireland', 'IE'], ['irish', 'IE'], ['éire', 'IE'], ['france', 'FR'], ['french', 'FR'], ['paris', 'FR'], ['germany', 'DE'],
  ['german', 'DE'], ['deutschland', 'DE'], ['berlin', 'DE'], ['spain', 'ES'], ['spanish', 'ES'], ['españa', 'ES'], ['espana', 'ES'],
  ['madrid', 'ES'], ['italy', 'IT'], ['italian', 'IT'], ['italia', 'IT'], ['india', 'IN'], ['indian', 'IN'], ['australia', 'AU'],
  ['australian', 'AU'], ['netherlands', 'NL'], ['dutch', 'NL'], ['nederland', 'NL'], ['belgium', 'BE'], ['belgique', 'BE'],
  ['switzerland', 'CH'], ['swiss', 'CH'], ['schweiz', 'CH'], ['austria', 'AT'], ['österreich', 'AT'], ['portugal', 'PT'],
  ['brazil', 'BR'], ['brasil', 'BR'], ['mexico', 'MX'], ['méxico', 'MX'], ['japan', 'JP'], ['sweden', 'SE'], ['norway', 'NO'],
  ['denmark', 'DK'], ['poland', 'PL'], ['new zealand', 'NZ'], ['zealand', 'NZ'], ['singapore', 'SG'], ['nigeria', 'NG'],
  ['kenya', 'KE'], ['south africa', 'ZA'], ['africa', 'ZA'], ['philippines', 'PH'], ['china', 'CN'],
]);

/** The region named by a country word shortly before `start` (nearest first), if any. */
export function countryHint(text: string, start: number, width = WINDOW): string | undefined {
  const ws = windowWords(before(text, start, width));
  for (let k = ws.length - 1; k >= 0; k--) {
    const w = ws[k]!.replace(/[:,;]$/, '');
    const r = COUNTRY_REGION.get(w);
    if (r !== undefined) return r;
  }
  return undefined;
}
