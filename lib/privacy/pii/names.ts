/**
 * PERSON recognizer. Names have no syntax, so the evidence is combined:
 *  - titles (Dr., Ms., Judge) and cue words (Patient:, Dear, Signed, Plaintiff, sign-offs);
 *  - gazetteers: @stdlib English first names plus common surnames;
 *  - shape: runs of capitalised tokens (or ALL-CAPS in legal captions), initials, particles;
 *  - vetoes: organisation/place words ("Hospital", "Street") and common capitalised words;
 *  - document-level consistency: once "Sarah Chen" is found, a later "Chen" is her too.
 * Tokens come from one bounded regex pass; each run is at most MAX_RUN tokens.
 */
import { dictionarySet, firstNameSet, foldName, foreignStopwordSet, placeSet, SURNAMES, weakNameSet } from './gazetteer.js';
import type { ResolvedDetectOptions } from './detect.js';
import type { Candidate } from './types.js';
import { CLASS_COMMON, CLASS_DICT, CLASS_FOREIGN, CLASS_TITLE, firstTokenFrom, type TaggerToken, type WordClass } from './tagger.js';

const MAX_RUN = 5;

/** word -> bit 1 given name, bit 2 surname (bounded; cleared when full). */
const WORD_FLAGS = new Map<string, number>();
const TAGGER_CLASS = new Map<string, number>();

/**
 * Kinship words used as forms of address ("Auntie Bev", "Grandad Joe"): titles only before one or two
 * words of the name lists, so headlines ("Uncle Charged With Murder") are not names.
 */
const KIN_TITLES = ['auntie', 'aunty', 'aunt', 'uncle', 'grandma', 'grandpa', 'grandad', 'granddad', 'nana', 'granny', 'cousin',
  'daughter-in-law', 'son-in-law', 'mother-in-law', 'father-in-law', 'sister-in-law', 'brother-in-law', 'tío', 'tía', 'tio', 'tia', 'tante', 'onkel', 'oma', 'opa'];
const KIN_TITLE_SET = new Set(KIN_TITLES);

const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor', 'sir', 'dame', 'rev', 'reverend', 'fr',
  'judge', 'justice', 'hon', 'sen', 'senator', 'rep', 'gov', 'officer', 'det', 'detective', 'sgt', 'sergeant', 'capt', 'captain',
  'lt', 'col', 'gen', 'nurse', 'attorney', 'atty', 'pastor', 'rabbi', 'imam', 'dean', 'coach', 'agent', 'madam', 'mister', 'mme', 'mlle', 'herr', 'frau',
  // Spanish, Italian and Dutch forms of address.
  'sr', 'sra', 'srta', 'dña', 'sig', 'sigra', 'dott', 'dottssa', 'avv', 'dhr', 'mevr', 'ofc', 'insp', 'supt', 'cpl', 'pvt', 'herrn', 'notar', 'notarin', 'dra', 'lic', 'ing', 'arq', 'hhj', 'ddj',
  'monsieur', 'madame', 'mademoiselle', 'señor', 'señora', 'señorita', 'senhor', 'senhora', 'signor', 'signora', 'signorina', 'doña',
  'mevrouw', 'meneer', 'heer', 'pani', 'panią', 'panem', 'pana', 'maître', 'maitre', 'mag', 'geschäftsführer', 'geschäftsführerin',
  'kollege', 'kollegin', 'kurier',
  ...KIN_TITLES]);

/** Words before a name that say "a person's name follows". Lowercased, without trailing punctuation. */
const CUE_BEFORE = new Set(['patient', 'pt', 'name', 'dear', 'hi', 'hello', 'hey', 'signed', 'by', 'counsel', 'contact', 'customer',
  'client', 'plaintiff', 'plaintiffs', 'defendant', 'defendants', 'petitioner', 'respondent', 'appellant', 'appellee', 'executor',
  'executrix', 'witness', 'daughter', 'son', 'wife', 'husband', 'spouse', 'mother', 'father', 'sister', 'brother', 'partner',
  'guardian', 'holder', 'cardholder', 'prescriber', 'from', 'to', 'attn', 'attention', 'cc', 'bcc', 'employee', 'applicant', 'tenant', 'landlord', 'borrower',
  'member', 'user', 'student', 'resident', 'caller', 'requester', 'reporter', 'author', 'reviewer', 'physician', 'provider',
  'surgeon', 'pcp', 'clinician', 'therapist', 'pharmacist', 'accompanied', 'visited', 'thanks', 'thank', 'regards', 'sincerely',
  'cheers', 'best', 'estate', 'mrs', 'beneficiary', 'insured', 'subscriber', 'owner', 'buyer', 'seller', 'driver', 'passenger',
  'guest', 'traveler', 'traveller', 'recipient', 'sender', 'agent', 'rep', 'representative', 'manager', 'supervisor', 'nurse',
  // Roles in forms, reports and HR/legal records.
  'candidate', 'referee', 'interviewee', 'nominee', 'complainant', 'victim', 'suspect', 'notary', 'signatory', 'debtor', 'creditor',
  'claimant', 'policyholder', 'attendee', 'participant', 'volunteer', 'donor', 'payee', 'payer', 'officer', 'tech', 'technician',
  // Verbs that take a person as their object in workplace chat ("ping Joost", "ask Mirela").
  'ping', 'ask', 'tell', 'remind', 'cc', 'loop', 'message', 'dm',
  // The same labels in other languages (ES, FR, IT, PT, DE).
  'nombre', 'nom', 'nome', 'paciente', 'patiente', 'paziente', 'cliente', 'titular', 'kontoinhaber', 'inhaber', 'empfänger',
  'destinataire', 'destinatario', 'firmante', 'unterzeichner',
  // Family and social relations.
  'granddaughter', 'grandson', 'grandmother', 'grandfather', 'grandma', 'grandpa', 'niece', 'nephew', 'aunt', 'uncle', 'cousin',
  'stepson', 'stepdaughter', 'fiancé', 'fiancée', 'fiance', 'fiancee', 'boyfriend', 'girlfriend', 'colleague', 'friend', 'neighbour',
  'neighbor', 'roommate', 'caregiver', 'carer', 'party', 'kin',
  // People assigned to someone in forms and onboarding records ("Buddy: Wen Li", "Mentor: ...").
  // Who shops, delivers or is messaged ("your shopper Gurpreet", "WhatsApp Femke on ..."), partners in chat ("bf").
  'mevr', 'dhr', 'mw', 'fdo', 'reference', 'coordinator', 'intake', 'aide', 'caregiver', 'adjuster',
  'shopper', 'courier', 'whatsapp', 'bf', 'gf', 'hubby', 'wifey', 'checked', 'dispensed', 'emisor', 'arrendador', 'arrendatario',
  'bailleur', 'locataire', 'mieter', 'mieterin', 'vermieter', 'vermieterin', 'auftraggeber', 'auftraggeberin', 'schuldner', 'gläubiger',
  'buddy', 'mentor', 'mentee', 'sponsor', 'chaperone', 'escort', 'tutor', 'teacher', 'instructor', 'trainer', 'approver', 'preparer',
  'interpreter', 'translator', 'assignee', 'assigned', 'host', 'organiser', 'organizer', 'presenter', 'speaker', 'interviewer', 'lead',
  // Name fields of forms ("Surname: Nakashima", "Given names: Haruto").
  'surname', 'surnames', 'forename', 'forenames', 'names', 'nachname', 'vorname', 'apellido', 'apellidos', 'prénom',
  // Signature lines of forms ("Signature: A. Venkataraman-Boucher"; a header cue, so only before a colon).
  'signature']);

/** What follows a person's name: birth/age details, credentials, a role in a caption. */
const CUE_AFTER = new RegExp(
  [
    String.raw`^\s*[,(]\s*(?:born|b\.|dob|d\.o\.b|aged?|mrn|\d{1,3}[- ]?(?:y\/?o|yo|years?[- ]old|year-old)|a \d{1,3}[- ]year[- ]old|esq|md|m\.d|do|rn|np|pa-c|phd|ph\.d|jd|cpa|dds|dmd|pharmd|lcsw|mba|plaintiff|defendant|petitioner|respondent|appellant|appellee|deceased|the (?:patient|plaintiff|defendant|claimant|applicant|tenant|borrower))\b`,
    String.raw`^\s+(?:is|was) a \d{1,3}[- ]year[- ]old`,
    String.raw`^\s+(?:said|says|wrote|writes|reported|reports|called|emailed|stated|told|asked|noted)\b`,
    // "ping Joost, he owns that service": a personal pronoun right after the name.
    String.raw`^\s*,\s*(?:he|she)\s`,
  ].join('|'),
  'i',
);

/** After a name: the condition or sign it names ("Addison's disease", "Crohn disease", "Bell's palsy"). */
const EPONYM_AFTER = /^(?:['’]s?)? (?:disease|syndrome|crisis|palsy|disorder|sign|lymphoma|ulcer|phenomenon|procedure|criteria|score|scale|fracture|reflex|test|maneuver|manoeuvre|classification|solution)\b/i;
/** Post-nominal letters after a name ("K. O'Sullivan MPSI", "Aroha Ngata FRACP"): not part of it. */
const CREDENTIALS = new Set(['mpsi', 'mrcp', 'mrcpi', 'frcs', 'frcsi', 'frcp', 'frcpi', 'frcpc', 'mrcgp', 'fracp', 'fracs', 'fracgp', 'facp', 'facs',
  'mbbs', 'mbchb', 'mbbch', 'bmbs', 'rgn', 'rmn', 'rpn', 'lpn', 'cna', 'cnm', 'crna', 'mpharm', 'bpharm', 'pharmd', 'lcsw', 'msw', 'dpt',
  'mph', 'mba', 'cpa', 'acca', 'aca', 'fca', 'cfa', 'cima', 'phd', 'dphil', 'llb', 'llm', 'jd', 'qc', 'kc', 'sc', 'ceng', 'mice', 'frics', 'mrics']);

/** a-z, 0-9, '.', '_', '-': the characters of a log-in. */
function isLoginChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 45;
}
const LEGAL_FORM = /^(?:S\.(?:L|r\.l|A|p\.A|A\.S)\.|B\.V\.|N\.V\.|e\.V\.)/;
const LEGAL_FORM_AFTER = /^,? (?:S\.(?:L|r\.l|A|p\.A)\.|B\.V\.|N\.V\.|SE|AG|Oy|AB|A\/S|ApS|S\.?L\.?|SRL|SAS|SARL)(?![\p{L}])/u;
/** Particles inside names ("von Essen", "van der Berg"): a lower-case "von" elsewhere is a preposition. */
const NAME_PARTICLES = new Set(['von', 'van', 'de', 'der', 'den', 'la', 'le', 'da', 'di', 'du', 'del', 'della', 'dos', 'das', 'do', 'bin', 'bint', 'al', 'el', 'ibn', 'ten', 'ter', 'zu', 'ni', 'nic', 'mac']);
const NAME_SUFFIX = /^,? (?:Jr|Sr|II|III|IV)\.?(?![\p{L}])/u;
/** A form of address alone on its line and the name on the next: German, French and Dutch letter heads ("Frau\nZeynep Aydın"). */
// (Tried only at title tokens that open their line, found by the tokenizer.)
const TITLE_LINE_WORDS = new Set(['Frau', 'Herr', 'Herrn', 'Mr', 'Mrs', 'Ms', 'Miss', 'Madame', 'Monsieur', 'Mme', 'Mevr', 'Dhr', 'Sr', 'Sra', 'Señor', 'Señora', 'Signor', 'Signora']);
const TITLE_LINE = /(?:Frau|Herrn?|Mr\.?|Mrs\.?|Ms\.?|Miss|Madame|Monsieur|Mme\.?|Mevr\.?|Dhr\.?|Sr\.?|Sra\.?|Señora?|Signora?)[ \t]*\r?\n[ \t]*(\p{Lu}[\p{L}'’-]+(?: (?:von|van|de|der|den|da|di|du|del|la|le))*(?: \p{Lu}[\p{L}'’-]+){1,3})[ \t]*(?=\r?\n|$)/dyu;

/** English contractions written with a capital ("Can't", "Didn't", "I'll"). */
const CONTRACTION = /['’](?:t|ll|re|ve|d|m)$/i;
/** A possessive or "& Partner" after a name, then the words of a firm ("'s Nail Studio", " & Finch Interiors"). */
const FIRM_AFTER_NAME = /^(?:['’]s| & \p{Lu}[\p{L}'’-]*| and \p{Lu}[\p{L}'’-]*)((?: \p{Lu}[\p{L}'’-]*){1,3})/u;
/** Irish surname particles: "Ó Murchú", "Ní Bhriain", "Nic Dhomhnaill", "Uí Néill". */
const IRISH_PARTICLES = new Set(['ó', 'ní', 'nic', 'uí', 'mhic']);
/** A name addressed directly: a comma, then a question or request. */
const VOCATIVE_AFTER = /^, (?:(?:can|could|would|will|do|did|are|have) you|please|pls|you|you're|you’re|just|let me|any news|got a)\b/;
/** A form of address, then a surname particle: "Mr von ", "Mevr. van der ", "Mme de la ". */
const TITLE_PARTICLE = /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Herr|Herrn|Frau|Mme|Mevr|Dhr|Prof|Sr|Sra|Sig)\.? ((?:von|van|de|da|di|du|del|della|der|den|le|la|ten|ter)(?: (?:der|den|la|de))?) $/;

/** Words right before a lone name that introduce a person. */
const PERSON_INTRO = /(?:\b(?:is|was|be|named|called|thanks|thank you|thx|ty|cheers|ask|tell|ping|cc|dear|hi|hey|hello|g'day|g’day|morning)[,!]?|\()\s$/i;

/** "Halvorsen & Pike LLP": a surname inside a firm name. */
const ORG_TAIL = /^(?:\s*(?:&|and)\s+\p{Lu}|(?:\s+\p{Lu}[\p{L}'-]*){0,2},?\s+(?:LLP|LLC|Inc|Ltd|PC|PLLC|GmbH|Corp|Co\.|Group|Associates|Partners)\b)/u;

/** Header words that are cues only when followed by a colon (e-mail and memo headers). */
const HEADER_CUES = new Set(['from', 'to', 'cc', 'bcc', 'attn', 'attention', 'name', 're']);

/** "my name is kayla rhodes": self-introductions, where names are often typed in lower case. */
function scanSelfIntroductions(text: string, isFirst: (w: string) => boolean, out: Candidate[]): void {
  const cue = /\b(?:my name is|my name's|i am|i'm|this is|name is)\s+/gi;
  const words = /([\p{L}'’-]{2,30})(?: ([\p{L}'’-]{2,30}))?(?: ([\p{L}'’-]{2,30}))?/uy;
  let m: RegExpExecArray | null;
  while ((m = cue.exec(text)) !== null) {
    words.lastIndex = m.index + m[0].length;
    const w = words.exec(text);
    if (!w || !isFirst(w[1]!.toLowerCase()) || COMMON_WORDS.has(w[1]!.toLowerCase())) continue;
    // An ambiguous given name ("my name is Grace") needs a capitalised surname after it.
    if (AMBIGUOUS_FIRST.has(w[1]!.toLowerCase()) && !(/^\p{Lu}/u.test(w[1]!) && w[2] !== undefined && /^\p{Lu}/u.test(w[2]) && !COMMON_WORDS.has(w[2].toLowerCase()))) continue;
    let end = w.index + w[1]!.length;
    for (const extra of [w[2], w[3]]) {
      if (extra === undefined || COMMON_WORDS.has(extra.toLowerCase()) || /^(?:and|from|with|at|here|calling|writing|again)$/i.test(extra)) break;
      end = text.indexOf(extra, end) + extra.length;
    }
    out.push({ type: 'PERSON', start: w.index, end, text: text.slice(w.index, end), score: 0.85 });
  }
}

/** "Name: VASQUEZ, ELENA": last-name-first forms after a name label. */
function scanLastFirst(text: string, out: Candidate[], isKnown?: (w: string) => boolean, isAnyName?: (w: string) => boolean): void {
  // Also e-mail display names: From: "Nakamura, Ren" <ren@...>; and letter subject lines
  // ("RE: Brennan, Siobhan"), where both words must be known names ("RE: Invoice, March" is not one).
  const cue = /\b(?:name(?: \((?:last|surname|family name), ?first(?: name)?\))?|patient|pt|customer|client|employee|member|insured|subscriber|guarantor|provider|physician|attending|doctor|reviewer|manager|supervisor|contact|from|to|cc|reply-to|re|attn|requester|requestor|assignee|reporter|approver|author)\s*[:#|]\s*"?|\bchat with /gi;
  // "Chen, Rebecca", "Nguyen, Thi Bich Ngoc", "Vasquez, Elena M."
  const lf = /\p{Lu}[\p{L}'’-]{1,30}, \p{Lu}[\p{L}'’-]{1,30}(?: \p{Lu}\p{Ll}[\p{L}'’-]{0,30}){0,2}(?: \p{Lu}\.?)?(?![\p{L}])/uy;
  let m: RegExpExecArray | null;
  while ((m = cue.exec(text)) !== null) {
    lf.lastIndex = m.index + m[0].length;
    const r = lf.exec(text);
    if (!r) continue;
    const label = m[0].replace(/[^a-z-]/gi, '').toLowerCase();
    // "Shipped from: Jacksonville, FL": a town and its state.
    if (/, [A-Z]{2}$/.test(r[0])) continue;
    if ((label === 're' || label === 'attn') && !(isKnown !== undefined && r[0].split(/,? /).slice(0, 2).every((w) => isKnown(w.toLowerCase())))) continue;
    out.push({ type: 'PERSON', start: r.index, end: r.index + r[0].length, text: r[0], score: 0.9 });
  }
  // A line that is only "Last, First" (after a time stamp, before a colon): chat exports of Teams and
  // Outlook show senders this way ("[10:02 AM] Chen, Wei"). Both words must be known names.
  if (isAnyName === undefined || text.indexOf(', ') < 0) return;
  LAST_FIRST_LINE.lastIndex = 0;
  while ((m = LAST_FIRST_LINE.exec(text)) !== null) {
    const [last, first] = m[1]!.split(', ') as [string, string];
    if (!isAnyName(last.toLowerCase()) || !isAnyName(first.split(' ')[0]!.toLowerCase())) continue;
    const [s, e] = m.indices![1]!;
    out.push({ type: 'PERSON', start: s, end: e, text: m[1]!, score: 0.8 });
  }
}
const LAST_FIRST_LINE = /(?:^|\n)[ \t]*(?:\[[^\]\n]{1,24}\][ \t]*|\d{1,2}:\d{2}(?: ?[AaPp][Mm])?[ \t]+)?(\p{Lu}[\p{Ll}'’-]{1,30}, \p{Lu}[\p{Ll}'’-]{1,30}(?: \p{Lu}\.?)?)[ \t]*(?=:|\r?\n|$)/dgu;

/**
 * Closing words of letters and messages, in English and the languages of the other documents we
 * see (ES, FR, DE, IT, PT), plus the short forms of chat ("thx", "ty").
 */
const SIGNOFF_WORDS =
  'thanks|thank you|thanks again|many thanks|with thanks|thanks so much|thx|thnx|tx|ty|ta|best|best regards|best wishes|kind regards|' +
  'warm regards|warmest regards|warm wishes|warmly|regards|rgds|sincerely|yours truly|yours sincerely|yours faithfully|sincerely yours|' +
  'cheers|respectfully|cordially|all the best|take care|see you|talk soon|love|xoxo|xx|' +
  'un saludo|saludos|saludos cordiales|atentamente|un abrazo|gracias|muchas gracias|cordialement|bien cordialement|bien à vous|' +
  'amitiés|merci|bisous|mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|viele grüße|beste grüße|liebe grüße|' +
  'herzliche grüße|grüße|gruß|lg|mfg|vg|cordiali saluti|distinti saluti|saluti|grazie|un abbraccio|atenciosamente|cumprimentos|' +
  'abraços|obrigado|obrigada|nāku noa, nā|nāku noa|naku noa|ngā mihi|nga mihi|mā te wā|ma te wa|noho ora mai|--|—|-';

/** The sign-off words themselves, which are never the name under a sign-off. */
const SIGNOFF_SET = new Set(SIGNOFF_WORDS.split('|'));

/** Sign-offs: the next line that is a short capitalised run is the writer's name. */
const SIGNOFF = new RegExp(`(?:^|\\n)[ \\t]*(?:${SIGNOFF_WORDS})[ \\t]*[,!.]?[ \\t]*\\r?\\n(?:[ \\t]*\\r?\\n)?[ \\t]*$`, 'i');

/** A sign-off line, then (after at most one blank line) a line of one or two words: the writer. */
const SIGNOFF_LINE = new RegExp(
  `(?:^|\\n)[ \\t]*(?:${SIGNOFF_WORDS})[ \\t]*[,!.]?[ \\t]*\\r?\\n(?:[ \\t]*\\r?\\n)?[ \\t]*-?([\\p{L}][\\p{L}'’-]{1,30})(?: ([\\p{L}][\\p{L}'’-]{1,30}))?[ \\t]*(?=\\r?\\n|$)`,
  'dgiu',
);

/** Line-opening greetings; the word(s) after them, up to the comma, are the addressee. */
const GREETING = /(?:^|\n)[ \t]*(?:hi|hello|hey|dear|hiya|kia ora|tēnā koe|tena koe|howdy|g'day|g’day|morning|good morning|good afternoon|good evening|hola|buenos días|buenas|bonjour|salut|hallo|liebe|lieber|ciao|buongiorno|olá|ola|oi)[ \t]+([\p{L}][\p{L}'’-]{1,30})(?: ([\p{L}][\p{L}'’-]{1,30}))?[ \t]*(?=[,!:]|\r?\n)/dgiu;
/** Words that follow a greeting without being anyone's name ("Hi team,", "Dear Sir or Madam"). */
const GREETING_NOT_NAMES = new Set(['there', 'all', 'team', 'everyone', 'everybody', 'folks', 'guys', 'sir', 'madam', 'sirs', 'customer',
  'colleagues', 'friends', 'friend', 'both', 'again', 'you', 'y', 'hiring', 'valued', 'members', 'member', 'support', 'neighbours',
  'neighbors', 'parents', 'patient', 'client', 'user', 'admin', 'world', 'todos', 'equipo', 'tous', 'à', 'a', 'zusammen', 'alle',
  'tutti', 'mr', 'mrs', 'ms', 'dr', 'doctor', 'professor', 'prof', 'señor', 'señora', 'monsieur', 'madame', 'herr', 'frau',
  // Roles a letter is addressed to ("Dear Adjuster,", "Dear Hiring Committee").
  'adjuster', 'recruiter', 'committee', 'landlord', 'tenant', 'resident', 'homeowner', 'guest', 'parent', 'guardian', 'student',
  'applicant', 'candidate', 'partner', 'partners', 'colleague', 'manager', 'officer', 'editor', 'reader',
  // Family words and endearments ("Hey Mom", "Hi hun").
  'mom', 'mum', 'mommy', 'mummy', 'mam', 'ma', 'dad', 'daddy', 'pa', 'papa', 'mama', 'grandma', 'grandpa', 'gran', 'nana', 'sis', 'bro',
  'babe', 'baby', 'hun', 'hon', 'honey', 'love', 'darling', 'sweetie', 'dear', 'boss', 'doc', 'buddy', 'mate', 'man', 'dude',
  // Articles and words opening a department's signature ("Le secrétariat", "The Support Team").
  'the', 'le', 'la', 'les', 'el', 'los', 'las', 'il', 'lo', 'der', 'die', 'das', 'your', 'our', 'staff', 'management',
  // The writer starting a sentence after the greeting ("Hi, I'm writing ...", "Hello, just checking").
  "i'm", 'i’m', 'im', 'i', "it's", 'it’s', 'its', 'we', "we're", 'just', 'sorry', 'quick', 'hope', 'thanks', 'thank', 'can', 'could', 'please']);

/** Lower-case titles in chat ("mr. yusuf adebayo", "dr patel"). */
const LOWER_TITLE = /\b(?:mr|mrs|ms|miss|dr)\.? ([a-z][a-z'’-]{1,30})(?: ([a-z][a-z'’-]{1,30}))?/dg;
/** A person-role label, then a name typed in lower case ("Visitor: lauren pryce", "customer: tom okafor"). */
const LABEL_LOWER = /(?:^|\n)[ \t]*(?:\[[^\]\n]{1,24}\][ \t]*)?(?:visitor|customer|client|guest|caller|user|patient|name|contact|member|student|parent|tenant|driver|from|to|cc)[ \t]*:[ \t]*([a-z][a-z'’-]{1,30})(?: ([a-z][a-z'’-]{1,30}))?(?=[ \t]*(?:[,.;!?\n]|$))/dgi;
const RELATIVE_LOWER = /\b(?:son|daughter|wife|husband|brother|sister|auntie|aunty|aunt|uncle|grandad|granddad|grandpa|grandma|granny|nan|nana|cousin|niece|nephew|stepson|stepdaughter|boyfriend|girlfriend|fiance|fiancee)[ \t]+([a-z][a-z'-]{1,20})(?![A-Za-z])/dg;
/** Chat self-introductions without capitals ("hey its sasha", "im dave from IT"). */
const CASUAL_INTRO = /\b(?:its|it's|it’s|im|i'm|i’m)(?: me)?,?[ \t]+([a-z][a-z'’-]{1,30})(?: ([a-z][a-z'’-]{1,30}))?/dg;

/**
 * A chat line's speaker in lower case: "name: ", "<name> ", optionally after a "[time]" stamp.
 * (Capitalised speakers, "Tomás: ...", are judged with the other capitalised runs.)
 */
const SPEAKER = /(?:^|\n)[ \t]*(?:\[[^\]\n]{1,24}\][ \t]*)?(?:<([a-z][\p{L}\d._-]{1,30})>|([a-z][\p{L}\d._-]{1,30}):)[ \t]/dgu;

/**
 * Transcript lines in the forms chat tools export: an optional time stamp ("[02:14]", "21:18",
 * "[09/03/2024, 18:42]", "Mon 10:30 AM"), a speaker of one to three words or a handle, an optional
 * role in brackets ("jess (RN 5W):", "Marisol (Support):"), then a colon. Slack copies put the
 * speaker alone on a line with the time after it ("megan.oduya  10:02 AM").
 */
const TIME_PREFIX = String.raw`(?:\[[^\]\n]{1,24}\]|\d{1,2}[:.]\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6},? \d{1,2}[:.]\d{2}(?: ?[AaPp][Mm])?)`;
const SPEAKER_LINE = new RegExp(
  String.raw`(?:^|\n)[ \t]*(?:${TIME_PREFIX}[ \t,-]*)?(?:<([\p{L}][\p{L}\d._'’-]{1,30})>|([\p{L}][\p{L}\d._'’-]{1,30}(?: [\p{L}][\p{L}'’-]{0,30}\.?){0,2})(?: \([^)\n]{1,24}\))?:)[ \t]`,
  'dgu',
);
// (Some copies keep the message on the same line after two or more spaces: "joost.b  09:12  morning!".)
const SLACK_LINE = /(?:^|\n)([\p{L}][\p{L}\d._'’-]{1,30}(?: [\p{L}][\p{L}'’-]{1,30})?)[ \t]{1,4}\d{1,2}:\d{2}(?: ?[AaPp][Mm])?(?:[ \t]*(?=\r?\n)|[ \t]{2,}(?=\S))/dgu;

const AT_MENTION = /(?<![\p{L}\d._%+-])@([A-Za-z][A-Za-z0-9._-]{1,30})(?![\p{L}\d@]|\.[A-Za-z]{2,})/dgu;
const CAP_CALLER = /\b(?:it's|it’s|its|this is)[ \t]+(\p{Lu}\p{Ll}[\p{L}'’-]{1,20})(?=[ \t]+(?:from|here)\b|,)/dgu;
const LOWER_VERB_NAME = /\b(?:ask|tell|ping|text|txt|call|ring|msg|dm|cc|remind|thanks|thx|ty|cheers|hey|hiya|met|meet|driver|courier|rider|coach|carer|cleaner|plumber|tutor|neighbour|neighbor|mate|friend)[ \t]+([a-z][a-z']{2,20})(?![\p{L}\d@._-])/dgu;
const POSTED_BY = /\b(?:[Pp]osted|[Ss]ubmitted|[Ww]ritten|[Ss]hared|[Uu]ploaded|[Rr]eply|[Cc]omment|[Qq]uote) (?:by|from):? @?([A-Za-z][A-Za-z0-9._-]{2,30})(?![\p{L}\d@])/dgu;
const FIRST_DOT_LAST = /(?<![\p{L}\d_.@-])([a-z]{2,20})[._]([a-z]{3,24})(?![\p{L}\d_@-]|\.[\p{L}\d])/uy;
/** sshd's user ("Failed password for [invalid user] X from") and the NCSA access log's ("IP - X ["). */
const LOG_USER = /(?:(?:password|publickey|keyboard-interactive\/pam) for (?:invalid user )?([a-z][a-z0-9._-]{2,30}) from |(?:^|\n)[0-9a-f.:]{7,39} - ([a-z][a-z0-9._-]{2,30}) \[)/dg;
/**
 * What every LOG_USER match holds: "password for", "publickey for" or ".../pam for" (a 'd', 'y' or 'm'
 * before " for "), or the " [" after an access log's user. One regex test: cheaper than the
 * five indexOf calls it replaces, and as cheap as the full pattern's pass it saves on most texts.
 */
const LOG_USER_GATE = /[dym] for | \[/;
const LOGIN_LABEL = /\b(?:[Uu]ser(?:name| ?id)?|[Ll]ogin|[Aa]ccount|[Ss]am[Aa]ccount[Nn]ame)[ \t]*[:=][ \t]*([a-z][a-z0-9._-]{2,30})(?![\p{L}\d@])/dgu;

/** A login made from a person's name: a given name, an initial and a surname, or name parts joined by "." or "_". */
function loginOfPerson(login: string, L: NameLookups): boolean {
  const h = login.replace(/\d+$/, '');
  if (h.length < 3 || ROLE_HANDLES.has(h) || COMMON_WORDS.has(h) || L.dict.has(h) || /^(?:svc|srv|sys|app|adm|admin|test|deploy|backup|service|daemon)/.test(h)) return false;
  const parts = h.split(/[._-]/);
  // (A surname no list holds may follow a known given name: "ingrid.lindqvist".)
  if (parts.length >= 2) {
    return parts.every((p) => p.length === 1 || L.isFirst(p) || L.isSurname(p) || L.isWeak(p) || (/^[a-z]{3,20}$/.test(p) && !L.dict.has(p))) &&
      parts.some((p) => p.length > 2 && (L.isFirst(p) || L.isSurname(p)));
  }
  if (L.isFirst(h) && !AMBIGUOUS_FIRST.has(h)) return true;
  // "kfairweather", "jsmith": an initial, then a surname that is no ordinary word.
  const rest = h.slice(1);
  return rest.length >= 4 && (L.isSurname(rest) || L.isWeak(rest)) && !L.dict.has(rest);
}

const MAX_LOGIN_NAMES = 64;

/**
 * Log-in names made from a name found in the same text ("Yusuf Demir-Schultz" ... "account ydemirschultz",
 * "Miriam Okafor" ... "closed by m.okafor"): each whole-token occurrence is that person.
 */
function markLoginsOfNames(text: string, found: readonly Candidate[], cued: readonly Candidate[], out: Candidate[], ordinary: (w: string) => boolean): void {
  const seen = new Set<number>();
  // Each name once, and at most MAX_LOGIN_NAMES of them: every name costs a few searches of the whole
  // text, so the bound keeps a text full of names linear.
  const names = new Set<string>();
  for (const c of found.length === 0 ? cued : cued.length === 0 ? found : [...found, ...cued]) {
    if (c.score < 0.7 || names.has(c.text)) continue;
    if (names.size >= MAX_LOGIN_NAMES) break;
    names.add(c.text);
    // Cheap test first: the surname in lower case (accents folded) occurs somewhere in the text.
    const sp = c.text.lastIndexOf(' ');
    if (sp < 0) continue;
    const rawLast = (c.text.includes(',') ? c.text.slice(0, c.text.indexOf(',')) : c.text.slice(sp + 1)).toLowerCase();
    const lastKey = rawLast.length >= 4 ? rawLast.replace(/['’.-].*$/, '') : '';
    if (lastKey.length >= 3 && text.indexOf(lastKey) < 0 && text.indexOf(foldName(lastKey)) < 0) continue;
    const words = c.text.toLowerCase().split(/[\s,]+/);
    if (words.length < 2) continue;
    // "Tran, Bao-Ngoc": the surname comes first.
    const comma = c.text.includes(',');
    const first = foldName(comma ? words[1]! : words[0]!).replace(/['’.-]/g, '');
    const last = foldName(comma ? words[0]! : words[words.length - 1]!).replace(/['’.]/g, '');
    if (first.length === 0 || last.length < 3) continue;
    // Every log-in made from the name holds the surname (or, when that is short, the given name) in
    // lower case: find those occurrences with native searches, then read the whole token around each.
    const stem = last.length >= 4 ? last.replace(/-/g, '') : first;
    let variants: Set<string> | undefined;
    for (let i = text.indexOf(stem); i >= 0; i = text.indexOf(stem, i + 1)) {
      let k = i;
      while (k > 0 && k > i - 24 && isLoginChar(text.charCodeAt(k - 1))) k--;
      let e = i + stem.length;
      while (e < text.length && e < i + 48 && isLoginChar(text.charCodeAt(e))) e++;
      // A trailing full stop ends the sentence, not the log-in.
      while (text.charCodeAt(e - 1) === 46) e--;
      const before = k > 0 ? text[k - 1]! : ' ';
      const after = e < text.length ? text[e]! : ' ';
      // A whole token, not part of an e-mail address, a path or a host name.
      if (seen.has(k) || /[\p{L}\d_@.\/=-]/u.test(before) || /[\p{L}_@\/*-]/u.test(after) || (after === '.' && /[\p{L}\d]/u.test(text[e + 1] ?? ''))) continue;
      let b = e;
      while (b > k && text.charCodeAt(b - 1) >= 48 && text.charCodeAt(b - 1) <= 57) b--;
      const v = text.slice(k, b);
      // ("grants" from "Grant Seeker", "bend" from "Ben Davis": a short variant may be an ordinary word.)
      if (v.length < 5 || ordinary(v)) continue;
      variants ??= loginVariants(first, last);
      if (!variants.has(v)) continue;
      seen.add(k);
      out.push({ type: 'PERSON', start: k, end: e, text: text.slice(k, e), score: 0.75 });
    }
  }
}

/** The log-ins people make from a name: "dokafor", "dwayneokafor", "dwayne.okafor", "d.okafor", "okaford", ... */
function loginVariants(first: string, last: string): Set<string> {
  const out = new Set<string>();
  for (const l of new Set([last.replace(/-/g, ''), last])) {
    const f = first;
    for (const v of [f[0] + l, f + l, f + '.' + l, f[0] + '.' + l, f + '_' + l, l + f[0], f + l[0], l + '.' + f]) out.add(v);
  }
  return out;
}

/** A clock time ("09:12", "7.46") on the line of offset `s`: before it, or (`whole`) anywhere on the line. */
function timeOnLine(text: string, s: number, whole: boolean): boolean {
  const ls = text.lastIndexOf('\n', s - 1) + 1;
  let le = s;
  if (whole) {
    le = text.indexOf('\n', s);
    if (le < 0) le = text.length;
  }
  return /\d[:.]\d\d/.test(text.slice(ls, le));
}

/** The first index of `ch` at or after `from`, or the text's length when there is none. */
function indexOrEnd(text: string, ch: string, from: number): number {
  const k = text.indexOf(ch, from);
  return k < 0 ? text.length : k;
}

function isAsciiLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

const FAMILY = /\bthe (\p{Lu}\p{Ll}{2,20})s\b/dgu;
const CAP_SPEAKER = /(?:^|\n)[ \t]*(?:\[[^\]\n]{1,24}\][ \t]*)?(?:(?:Agent|Advisor|Adviser|Rep|Support|Operator|Dr\.?|Nurse|Tech|Technician|Coach) )?(\p{Lu}[\p{Ll}'’-]{1,30}):[ \t]/dgu;

interface NameLookups {
  isFirst: (w: string) => boolean;
  isSurname: (w: string) => boolean;
  /** In the big weak list and in no dictionary, place list or chat-slang list. */
  isWeak: (w: string) => boolean;
  /** In the place list (towns, countries, regions). */
  isPlace: (w: string) => boolean;
  /** In the big name list, whatever else the word is. */
  weakListed: (w: string) => boolean;
  dict: ReadonlySet<string>;
}

/** Speaker slots that hold a role, not a person ("agent: ...", "bot: ..."). */
const ROLE_HANDLES = new Set(['agent', 'bot', 'system', 'sys', 'admin', 'administrator', 'support', 'customer', 'client', 'user', 'visitor',
  'guest', 'caller', 'operator', 'moderator', 'mod', 'host', 'staff', 'team', 'rep', 'me', 'you', 'us', 'them', 'assistant', 'helpdesk',
  'server', 'service', 'automated', 'auto', 'notification', 'alert', 'info', 'note', 'notes', 'update', 'edit', 'status', 'error', 'warning',
  'debug', 'q', 'a', 'question', 'answer', 'subject', 're', 'fwd', 'from', 'to', 'cc', 'date', 'sent', 'time', 'tel', 'fax', 'web', 'email',
  'mobile', 'phone', 'cell', 'address', 'ps', 'nb', 'fyi', 'todo', 'tip', 'ans', 'interviewer', 'interviewee', 'speaker', 'narrator',
  'unknown', 'anonymous', 'anon', 'everyone', 'all', 'group', 'channel', 'chat', 'dispatcher', 'dispatch', 'driver', 'nurse', 'doctor',
  'patient', 'teacher', 'student', 'parent', 'mom', 'mum', 'dad', 'grandma', 'grandpa', 'nana', 'son', 'daughter', 'wife', 'husband',
  'sis', 'bro', 'boss', 'manager', 'hr', 'it', 'ops', 'sales', 'billing', 'accounts', 'reception', 'frontdesk', 'security', 'noreply']);

/** Chat words that the weak name list holds but that name no one ("yo", "bro", "tho"). */
const CHAT_SLANG = new Set(['ok', 'okay', 'yeah', 'yep', 'ya', 'yo', 'gotta', 'ur', 'ty', 'tho', 'cuz', 'coz', 'im', 'pic', 'dept', 'hr',
  'aka', 'app', 'apps', 'imo', 'fr', 'abt', 'bae', 'bro', 'sis', 'fam', 'lol', 'omg', 'btw', 'idk', 'pls', 'plz', 'thx', 'nope', 'hmm',
  'asap', 'fyi', 'brb', 'lmk', 'tbh', 'dunno', 'kinda', 'lemme', 'tmrw', 'tmr', 'ppl', 'msg', 'txt', 'vid', 'acct', 'appt', 'eta', 'tba',
  'tbd', 'eod', 'pto', 'ooo', 'wfh', 'irl', 'jk', 'nvm', 'omw', 'rn', 'hbu', 'wyd', 'hmu', 'sup', 'hru', 'bby', 'mr', 'mrs', 'ms', 'dr']);

/**
 * Names that the capitalised-run guesser cannot see: greetings whose addressee is also a month or
 * a common word ("Hi Jun,", "Hi May,"), one-line signatures in any case ("thx\npriya"), lower-case
 * chat ("mr. yusuf adebayo", "hey its sasha", and in text written without capitals at all, a known
 * given name followed by a known surname: "saw jake morrison").
 */
function lower(w: string): string {
  return w.toLowerCase();
}
/** Not one of the common capitalised words that never name anyone. */
function plain(w: string): boolean {
  return !COMMON_WORDS.has(w.toLowerCase());
}
function isCap(w: string): boolean {
  return w[0] !== w[0]!.toLowerCase();
}

function scanCasualNames(text: string, L: NameLookups, out: Candidate[], emailTokens: ReadonlySet<string>): void {
  const push = (start: number, end: number, score: number) => out.push({ type: 'PERSON', start, end, text: text.slice(start, end), score });
  let m: RegExpExecArray | null;

  GREETING.lastIndex = 0;
  while ((m = GREETING.exec(text)) !== null) {
    const w1 = m[1]!;
    const l1 = lower(w1);
    if (GREETING_NOT_NAMES.has(l1) || TITLES.has(l1)) continue;
    // "Dear AP team", "Hi Finance Team": a department.
    if (m[2] !== undefined && GREETING_NOT_NAMES.has(lower(m[2]))) continue;
    // Capitalised: any word but a plain dictionary one ("Hi Jun," "Hola Jun," yes; "Hi Again," no).
    // Lower case: only a given name.
    // (A capitalised word the big name list knows counts even when it is also a word: "Kia ora Mere,".)
    const nameish = isCap(w1) ? L.isFirst(l1) || L.isSurname(l1) || !L.dict.has(l1) || AMBIGUOUS_FIRST.has(l1) || (L.weakListed(l1) && !COMMON_WORDS.has(l1)) : (L.isFirst(l1) && !L.dict.has(l1)) || L.isWeak(l1);
    if (!nameish) continue;
    const s = m.indices![1]![0];
    let e = m.indices![1]![1];
    if (m[2] !== undefined && isCap(m[2]) === isCap(w1) && plain(m[2]) && !L.dict.has(lower(m[2]))) e = m.indices![2]![1];
    push(s, e, 0.85);
  }

  SIGNOFF_LINE.lastIndex = 0;
  while ((m = SIGNOFF_LINE.exec(text)) !== null) {
    const w1 = m[1]!;
    const l1 = lower(w1);
    if (!plain(w1) || GREETING_NOT_NAMES.has(l1) || SIGNOFF_SET.has(l1)) continue;
    // A capitalised two-word line under a sign-off is a name even when its first word is also an
    // ordinary word ("Kind regards,\nMere Ngata"), as long as the second is not one.
    const w2 = m[2];
    const twoCap = w2 !== undefined && isCap(w1) && isCap(w2) && plain(w2) && !L.dict.has(lower(w2)) && !GREETING_NOT_NAMES.has(l1);
    const ok = twoCap || (L.isFirst(l1) ? !AMBIGUOUS_FIRST.has(l1) || isCap(w1) : isCap(w1) && !L.dict.has(l1));
    if (!ok) continue;
    const s = m.indices![1]![0];
    let e = m.indices![1]![1];
    if (m[2] !== undefined && plain(m[2]) && isCap(m[2]) === isCap(w1) && (isCap(m[2]) || !L.dict.has(lower(m[2])))) e = m.indices![2]![1];
    push(s, e, 0.85);
  }

  LOWER_TITLE.lastIndex = 0;
  while ((m = LOWER_TITLE.exec(text)) !== null) {
    const w1 = m[1]!;
    if (!plain(w1) || !(L.isFirst(w1) || L.isSurname(w1) || L.isWeak(w1)) || (L.dict.has(w1) && !L.isSurname(w1))) continue;
    const w2 = m[2];
    const two = w2 !== undefined && plain(w2) && (L.isSurname(w2) || !L.dict.has(w2));
    push(m.indices![1]![0], two ? m.indices![2]![1] : m.indices![1]![1], 0.85);
  }

  // "hi, it's Bex from Castlegate", "it's Ciarán, Jonno's mate": a caller introducing themselves.
  CAP_CALLER.lastIndex = text.indexOf('it') >= 0 || text.indexOf('this is') >= 0 ? 0 : text.length + 1;
  while ((m = CAP_CALLER.exec(text)) !== null) {
    const l = m[1]!.toLowerCase();
    if (L.dict.has(l) || COMMON_WORDS.has(l) || L.isPlace(l) || GREETING_NOT_NAMES.has(l)) continue;
    push(m.indices![1]![0], m.indices![1]![1], 0.75);
  }

  // A given name in lower case after a verb that takes a person ("ask dave", "tell priya", "thx marco").
  LOWER_VERB_NAME.lastIndex = 0;
  while ((m = LOWER_VERB_NAME.exec(text)) !== null) {
    const w = m[1]!;
    if (!L.isFirst(w) || L.dict.has(w) || AMBIGUOUS_FIRST.has(w) || COMMON_WORDS.has(w) || CHAT_SLANG.has(w) || ROLE_HANDLES.has(w) || GREETING_NOT_NAMES.has(w)) continue;
    push(m.indices![1]![0], m.indices![1]![1], 0.75);
  }

  // A relative named in lower case: "my son tyler", "her daughter carol", "auntie bev".
  RELATIVE_LOWER.lastIndex = 0;
  while ((m = RELATIVE_LOWER.exec(text)) !== null) {
    const w = m[1]!;
    if (COMMON_WORDS.has(w) || CHAT_SLANG.has(w) || !(L.isFirst(w) || L.isWeak(w)) || /^(?:is|was|and|has|had|who|just|also|too|got|says|said)$/.test(w)) continue;
    push(m.indices![1]![0], m.indices![1]![1], 0.75);
  }

  LABEL_LOWER.lastIndex = 0;
  while ((m = LABEL_LOWER.exec(text)) !== null) {
    const w1 = m[1]!;
    if (!plain(w1) || L.dict.has(w1) || AMBIGUOUS_FIRST.has(w1) || !(L.isFirst(w1) || L.isWeak(w1))) continue;
    const w2 = m[2];
    const two = w2 !== undefined && plain(w2) && !L.dict.has(w2) && (L.isSurname(w2) || L.isWeak(w2) || L.isFirst(w2));
    if (w2 !== undefined && !two) continue;
    push(m.indices![1]![0], two ? m.indices![2]![1] : m.indices![1]![1], 0.8);
  }

  CASUAL_INTRO.lastIndex = 0;
  while ((m = CASUAL_INTRO.exec(text)) !== null) {
    const w1 = m[1]!;
    // A name only the big list knows needs an unmistakable cue: "i'm"/"it's", or "its" opening the line
    // or after a greeting ("hey its sasha"), not the possessive ("in its stead").
    const weakOk = L.isWeak(w1) && (/['’]|^im$/.test(m[0].split(/[ ,]/)[0]!) || /(?:^|\n|\b(?:hey|hi|hello|yo)[ ,]*)[ \t]*$/i.test(text.slice(Math.max(0, m.index - 8), m.index)));
    // "hey it's rob from number 12", "this is deb from the surgery": a given name that is also a word,
    // when the caller then says where they are from.
    const caller = L.isFirst(w1) && m[2] !== undefined && /^(?:from|here|again|calling)$/.test(m[2]) && !COMMON_WORDS.has(w1) && !GREETING_NOT_NAMES.has(w1) &&
      /(?:^|\n|\b(?:hey|hi|hello|hiya|yo|morning)[ ,!]*|[:.!] )[ \t]*$/i.test(text.slice(Math.max(0, m.index - 10), m.index));
    if (!plain(w1) || !(((L.isFirst(w1) || weakOk) && !L.dict.has(w1) && !AMBIGUOUS_FIRST.has(w1)) || caller)) continue;
    const two = m[2] !== undefined && plain(m[2]) && (L.isSurname(m[2]) || !L.dict.has(m[2])) && !/^(?:from|with|here|at|in)$/.test(m[2]);
    push(m.indices![1]![0], two ? m.indices![2]![1] : m.indices![1]![1], 0.8);
  }

  // Chat speakers ("kwame.b: ...", "<priya> ...", "[12:01] anneke: ..."), and their @mentions. In a
  // transcript (two or more speakers over three or more lines) the speaker slot itself is the evidence:
  // any handle that is not a role or an ordinary word names someone. Outside one, the handle must be a
  // known given name.
  SPEAKER.lastIndex = 0;
  let lines: Array<[string, number, number]> | undefined;
  while ((m = SPEAKER.exec(text)) !== null) {
    const g = m[1] !== undefined ? 1 : 2;
    (lines ??= []).push([m[g]!, m.indices![g]![0], m.indices![g]![1]]);
  }
  let handles: Set<string> | undefined;
  if (lines !== undefined) {
    const transcript = lines.length >= 3 && new Set(lines.map((l) => l[0])).size >= 2;
    for (const [handle, s, e] of lines) {
      const stem = /^[\p{L}]+/u.exec(handle)![0].toLowerCase();
      if (stem.length < 3 || ROLE_HANDLES.has(stem) || CHAT_SLANG.has(stem) || (COMMON_WORDS.has(stem) && !(transcript && L.isFirst(stem)))) continue;
      // "kwame.b", "priya_k": a given name plus at most a short suffix; "dm_kerrigan" is not one.
      if (handle.length - stem.length > 3) continue;
      const known = L.isFirst(stem) && !L.dict.has(stem) && !AMBIGUOUS_FIRST.has(stem);
      const inSlot = transcript && (L.isFirst(stem) || L.isSurname(stem) || L.isWeak(stem));
      if (!known && !inSlot) continue;
      push(s, e, 0.8);
      (handles ??= new Set()).add(handle);
    }
  }
  if (handles !== undefined) markAtMentions(text, handles, push);

  // A lower-case mention of a name that a personal e-mail address in the same text carries
  // ("chasing thabo now ... thabo.mokoena@capelaw.co.za").
  for (const w of emailTokens) {
    if (L.dict.has(w) || AMBIGUOUS_FIRST.has(w) || COMMON_WORDS.has(w)) continue;
    for (let k = text.indexOf(w); k >= 0; k = text.indexOf(w, k + 1)) {
      const e = k + w.length;
      const before = k > 0 ? text[k - 1]! : ' ';
      const after = e < text.length ? text[e]! : ' ';
      // Whole words only, and not the address itself ("thabo." before "mokoena@").
      if (/[\p{L}\d_.@-]/u.test(before) || /[\p{L}\d_@]/u.test(after) || (after === '.' && /[\p{L}]/u.test(text[e + 1] ?? ''))) continue;
      push(k, e, 0.75);
    }
  }

  // Capitalised chat speakers that speak more than once ("[Mon 09:12] Sipho: ..."), known name or not.
  CAP_SPEAKER.lastIndex = 0;
  let speakers: Map<string, Array<[number, number]>> | undefined;
  while ((m = CAP_SPEAKER.exec(text)) !== null) {
    const w = m[1]!;
    const l = w.toLowerCase();
    if (L.dict.has(l) || COMMON_WORDS.has(l) || GREETING_NOT_NAMES.has(l) || TITLES.has(l)) continue;
    const at = (speakers ??= new Map()).get(w) ?? [];
    at.push([m.indices![1]![0], m.indices![1]![1]]);
    speakers.set(w, at);
  }
  if (speakers !== undefined) {
    let lineCount = 0;
    for (const at of speakers.values()) lineCount += at.length;
    // Twice or more; or once in a transcript of three or more lines when the word is a name.
    for (const [w, at] of speakers) {
      const l = w.toLowerCase();
      // (A form's label repeated, "Domicilio:", is no speaker: twice needs a name list or a time stamp.)
      const nameWordL = L.isFirst(l) || L.isSurname(l) || L.isWeak(l) || L.weakListed(l);
      const stamped = at.some(([s]) => timeOnLine(text, s, false));
      if ((at.length >= 2 && (nameWordL || stamped)) || (lineCount >= 3 && speakers.size >= 2 && (L.isFirst(l) || L.isSurname(l) || L.isWeak(l)))) for (const [s, e] of at) push(s, e, 0.8);
    }
  }

  scanTranscript(text, L, push);

  // Login names built from a person's name ("nadia.petrov" in a log, "/home/nadia.petrov"), not
  // part of an address or host name.
  // Found from each '.' or '_' between lower-case letters, then checked in full. (indexOf jumps to
  // the next '.' or '_': most characters are neither, and a loop over every one cost more.)
  let dot = -1;
  let underscore = -1;
  for (let k = 1; k < text.length - 1; k++) {
    if (dot < k) dot = indexOrEnd(text, '.', k);
    if (underscore < k) underscore = indexOrEnd(text, '_', k);
    k = Math.min(dot, underscore);
    if (k >= text.length - 1) break;
    const c = text.charCodeAt(k);
    if ((c !== 46 && c !== 95) || !isAsciiLower(text.charCodeAt(k - 1)) || !isAsciiLower(text.charCodeAt(k + 1))) continue;
    let s = k - 1;
    while (s > 0 && k - s < 21 && isAsciiLower(text.charCodeAt(s - 1))) s--;
    FIRST_DOT_LAST.lastIndex = s;
    const h = FIRST_DOT_LAST.exec(text);
    if (h === null) continue;
    k = s + h[0].length;
    const w1 = h[1]!;
    const w2 = h[2]!;
    if (!L.isFirst(w1) || L.dict.has(w1) || AMBIGUOUS_FIRST.has(w1) || COMMON_WORDS.has(w1) || L.dict.has(w2) || !(L.isSurname(w2) || L.isWeak(w2))) continue;
    push(s, s + h[0].length, 0.7);
  }

  // The user field of server logs: sshd's "password for ebarros from", the web access log's
  // "198.51.100.23 - kfairweather [21/Mar/2024...". A login built from a name ("kfairweather" is an
  // initial and a surname, "nadia", "jsmith2") is the person's; service accounts ("root", "svc_web") are not.
  if (LOG_USER_GATE.test(text)) {
    LOG_USER.lastIndex = 0;
    while ((m = LOG_USER.exec(text)) !== null) {
      const g = m[1] !== undefined ? 1 : 2;
      if (loginOfPerson(m[g]!, L)) push(m.indices![g]![0], m.indices![g]![1], 0.75);
    }
  }
  // ... and a login after a field label ("user=jfontaine", "Affected user: mlindqvist", "Login: akowal").
  if (/[Uu]ser|[Ll]ogin|[Aa]ccount/.test(text)) {
    LOGIN_LABEL.lastIndex = 0;
    while ((m = LOGIN_LABEL.exec(text)) !== null) if (loginOfPerson(m[1]!, L)) push(m.indices![1]![0], m.indices![1]![1], 0.75);
  }

  // Forum and comment authors: "posted by kiwi_dave", "reply from sarah.k": a handle holding a given name.
  POSTED_BY.lastIndex = 0;
  while ((m = POSTED_BY.exec(text)) !== null) {
    const h = m[1]!;
    const parts = h.toLowerCase().split(/[._\d-]+/).filter((p) => p.length >= 3);
    if (loginOfPerson(h.toLowerCase(), L) || parts.some((p) => L.isFirst(p) && !L.dict.has(p) && !AMBIGUOUS_FIRST.has(p) && !ROLE_HANDLES.has(p))) push(m.indices![1]![0], m.indices![1]![1], 0.7);
  }

  // "@marcus", "@hollis-mbeki": a mention whose handle holds a given name or is made from a name.
  if (text.indexOf('@') >= 0) {
    AT_MENTION.lastIndex = 0;
    while ((m = AT_MENTION.exec(text)) !== null) {
      const h = m[1]!;
      const l = h.toLowerCase();
      const first = l.split(/[._-]/)[0]!;
      if (ROLE_HANDLES.has(l) || COMMON_WORDS.has(l) || CHAT_SLANG.has(l)) continue;
      if ((first.length >= 3 && L.isFirst(first) && !L.dict.has(first) && !AMBIGUOUS_FIRST.has(first)) || loginOfPerson(l, L) ||
        (l.includes('-') && l.split('-').every((p) => p.length >= 3 && (L.isSurname(p) || L.isWeak(p) || L.isFirst(p))))) push(m.indices![1]![0], m.indices![1]![1], 0.75);
    }
  }

  // A family by its surname: "with the Hendersons".
  FAMILY.lastIndex = 0;
  while ((m = FAMILY.exec(text)) !== null) {
    const stem = m[1]!.toLowerCase();
    if (L.isSurname(stem) && !L.dict.has(stem) && !COMMON_WORDS.has(stem)) push(m.indices![1]![0], m.indices![1]![1] + 1, 0.75);
  }

  // Text written without capitals: the writer's " i " gives it away. Only there, a lower-case known
  // given name followed by a lower-case known surname (neither an ordinary word) is a name.
  if (text.indexOf(' i ') < 0 && !text.startsWith('i ')) return;
  const pair = /(?<![\p{L}])([a-z]{2,15}) ([a-z]{2,20})(?![\p{L}])/gu;
  while ((m = pair.exec(text)) !== null) {
    const [, w1, w2] = m as unknown as [string, string, string];
    if (L.isFirst(w1) && !L.dict.has(w1) && !AMBIGUOUS_FIRST.has(w1) && !COMMON_WORDS.has(w1) && L.isSurname(w2) && !L.dict.has(w2) && !COMMON_WORDS.has(w2)) {
      push(m.index, m.index + m[0].length, 0.7);
    } else {
      // Step one word on, so "saw jake morrison" also tries "jake morrison".
      pair.lastIndex = m.index + w1.length + 1;
    }
  }
}

/**
 * Speakers of a transcript (three or more speaker lines, two or more speakers): a speaker whose
 * words are all names (known, or in the big list and no dictionary) is a person, and so are the
 * "@" mentions of that speaker.
 */
function scanTranscript(text: string, L: NameLookups, push: (s: number, e: number, score: number) => void): void {
  const lines: Array<[string, number, number]> = [];
  let m: RegExpExecArray | null;
  SPEAKER_LINE.lastIndex = 0;
  while ((m = SPEAKER_LINE.exec(text)) !== null) {
    const g = m[1] !== undefined ? 1 : 2;
    lines.push([m[g]!, m.indices![g]![0], m.indices![g]![1]]);
    // The speaker line's own '\n' may open the next one.
    if (text[SPEAKER_LINE.lastIndex - 1] !== '\n') SPEAKER_LINE.lastIndex = m.indices![g]![1];
  }
  SLACK_LINE.lastIndex = 0;
  while ((m = SLACK_LINE.exec(text)) !== null) lines.push([m[1]!, m.indices![1]![0], m.indices![1]![1]]);
  // A transcript has two or more speakers, one of them speaking again; a form's "Label: value" lines
  // do not repeat their labels.
  const turns = new Map<string, number>();
  for (const l of lines) turns.set(l[0], (turns.get(l[0]) ?? 0) + 1);
  if (lines.length < 3 || turns.size < 2 || ![...turns.values()].some((n) => n >= 2)) return;
  // A form repeats labels too ("Domicilio: ..." twice): without time stamps, a speaker who speaks again
  // must be someone the name lists know.
  const stamped = lines.some(([, s]) => timeOnLine(text, s, true));
  if (!stamped && ![...turns].some(([sp, n]) => {
    if (n < 2) return false;
    const l = sp.split(/[ ._]/)[0]!.toLowerCase();
    return ((L.isFirst(l) || L.isSurname(l)) && !L.dict.has(l)) || (n >= 3 && L.weakListed(l));
  })) return;
  const nameWord = (w: string): boolean => {
    const l = w.toLowerCase();
    if (l.length < 2 || ROLE_HANDLES.has(l) || CHAT_SLANG.has(l) || COMMON_WORDS.has(l) || GREETING_NOT_NAMES.has(l) || /\d/.test(l)) return false;
    // "List-Post", "Return-Path": header names, whose parts are ordinary words.
    if (l.includes('-') && l.split('-').some((p) => L.dict.has(p) || COMMON_WORDS.has(p))) return false;
    return L.isFirst(l) ? !L.dict.has(l) || AMBIGUOUS_FIRST.has(l) || isCap(w) : L.isSurname(l) || L.isWeak(l);
  };
  const accepted = new Set<string>();
  for (const [speaker, s, e] of lines) {
    // Handles: "megan.oduya", "dan.w", "priya_k": the first part must be a name.
    const parts = speaker.includes(' ') ? speaker.split(' ') : speaker.split(/[._]/).filter((p) => p.length > 1);
    // The first word must be a name; the others ("Oduya", "w") need only be no ordinary word. A
    // capitalised full name ("Mandla Dube") may have an unknown given name when another word is a name.
    const plainWord = (p: string) => !L.dict.has(p.toLowerCase()) && !COMMON_WORDS.has(p.toLowerCase()) && !ROLE_HANDLES.has(p.toLowerCase());
    const fullName = parts.length >= 2 && parts.every((p) => isCap(p) && plainWord(p)) && parts.some(nameWord);
    // A one-word nickname no list knows ("shaz") that speaks again and again is a person too.
    // (Only in a time-stamped chat export, and not an all-caps label such as "URL:".)
    const regular = parts.length === 1 && (turns.get(speaker) ?? 0) >= 2 && /^\p{L}\p{Ll}{2,19}$/u.test(speaker) && plainWord(speaker) && !CHAT_SLANG.has(speaker.toLowerCase()) &&
      !GREETING_NOT_NAMES.has(speaker.toLowerCase()) && !L.isPlace(speaker.toLowerCase()) && timeOnLine(text, s, false);
    // ("jess p", "Lina T.": a given name and an initial.)
    if (parts.length === 0 || !(nameWord(parts[0]!) || fullName || regular) || !parts.slice(1).every((p) => p.replace(/\.$/, '').length === 1 || nameWord(p) || plainWord(p))) continue;
    push(s, e, 0.8);
    accepted.add(speaker);
    // "@Mandla" for the speaker "Mandla Dube".
    if (parts.length >= 2 && speaker.includes(' ')) accepted.add(parts[0]!);
  }
  markAtMentions(text, accepted, push);
}

/** "@megan.oduya can you...": each whole "@" mention of a speaker's handle names that speaker. */
function markAtMentions(text: string, handles: ReadonlySet<string>, push: (s: number, e: number, score: number) => void): void {
  for (const h of handles) {
    for (let k = text.indexOf('@' + h); k >= 0; k = text.indexOf('@' + h, k + 1)) {
      const e = k + 1 + h.length;
      if (e >= text.length || !/[\p{L}\d_]/u.test(text[e]!)) push(k + 1, e, 0.8);
    }
  }
}

/** A run containing one of these names an organisation, place, event or document, not a person. */
const ORG_WORDS = new Set(['hospital', 'clinic', 'center', 'centre', 'medical', 'health', 'healthcare', 'university', 'college',
  'school', 'institute', 'academy', 'inc', 'llc', 'ltd', 'corp', 'corporation', 'company', 'co', 'group', 'bank', 'trust',
  'foundation', 'association', 'society', 'council', 'committee', 'department', 'dept', 'agency', 'bureau', 'office', 'court',
  'county', 'city', 'state', 'district', 'street', 'st', 'avenue', 'ave', 'road', 'rd', 'boulevard', 'blvd', 'drive', 'lane',
  'way', 'terrace', 'place', 'plaza', 'park', 'square', 'bridge', 'river', 'lake', 'mountain', 'beach', 'island', 'valley',
  'conference', 'summit', 'week', 'day', 'festival', 'award', 'prize', 'act', 'law', 'bill', 'fund', 'books', 'press', 'news',
  'times', 'post', 'journal', 'review', 'store', 'shop', 'market', 'mall', 'restaurant', 'cafe', 'hotel', 'airport', 'station', 'church',
  'cathedral', 'temple', 'mosque', 'museum', 'library', 'gallery', 'theater', 'theatre', 'stadium', 'arena', 'hall', 'building',
  'tower', 'labs', 'laboratories', 'pharmaceuticals', 'systems', 'technologies', 'solutions', 'services', 'partners', 'holdings',
  'traders', 'industries', 'international', 'global', 'national', 'federal', 'united', 'states', 'america', 'american', 'sale',
  'safety', 'appeals', 'supreme', 'circuit', 'tech', 'energy', 'airlines', 'motors', 'foods', 'media', 'network', 'project',
  'program', 'team', 'unit', 'ward', 'wing', 'floor', 'suite', 'room', 'building', 'division', 'syndrome', 'disease', 'test',
  'scale', 'index', 'score', 'method', 'protocol', 'trial', 'study', 'cohort', 'corporation', 'globex', 'initech', 'hooli', 'northwind',
  // Company forms and shop words of other countries ("SARL Boulangerie Moreau", "Müller GmbH").
  'sarl', 'sas', 'eurl', 'gmbh', 'ag', 'kg', 'bv', 'nv', 'spa', 'srl', 'plc', 'pty', 'llp', 'pllc', 'bvba', 'sprl', 'boulangerie',
  'pharmacie', 'apotheke', 'farmacia', 'bäckerei', 'restaurante', 'ristorante', 'trattoria', 'brasserie', 'tienda', 'hôtel',
  // Professional firms ("Calloway & Dunn Solicitors").
  'solicitors', 'attorneys', 'lawyers', 'accountants', 'architects', 'consultants', 'consulting', 'advisors', 'advisers', 'realty',
  'properties', 'estates', 'dental', 'practice', 'chambers', 'notaries', 'aps', 'oy', 'oyj', 'asa', 'secrétariat', 'secretariat',
  // Departments and services signing letters in other languages ("Departamento de Atención Ciudadana").
  'departamento', 'département', 'abteilung', 'dipartimento', 'servicio', 'servicios', 'atención', 'atencion', 'ufficio', 'kundenservice',
  'klantenservice', 'serviço', 'servizio', 'oficina', 'secretaría', 'secretaria',
  // Sports clubs, schools, venues and small firms ("Ashby Town", "Lincoln Elementary", "Fern Flowers").
  'town', 'rovers', 'athletic', 'albion', 'wanderers', 'fc', 'afc', 'rangers', 'bay', 'loch', 'elementary', 'primary', 'pavilion',
  'flowers', 'florist', 'bakery', 'physio', 'landscaping', 'brewing', 'brewery', 'interiors', 'plumbing', 'electrical', 'construction',
  'cleaning', 'salon', 'studio', 'nails', 'amtsgericht', 'landgericht', 'sitz', 'limited', 'lettings', 'logistics', 'grupo', 'gruppe',
  'groupe', 'sarl', 'sas', 'bv', 'nv', 'srl', 'spa', 'oy', 'ab', 'kg', 'ohg', 'ag', 'notariat', 'se', 'joinery', 'carpentry', 'roofing',
  'glazing', 'scaffolding', 'decorating', 'removals', 'garage', 'autos', 'tyres', 'kitchens', 'banca', 'banco', 'banque', 'community', 'insurance', 'assurance', 'mutual', 'hospitals', 'associates', 'orthopedic', 'orthopaedic', 'pharmaceuticals',
  'manor', 'heights', 'pacific', 'huisartsenpraktijk', 'praktijk', 'praxis', 'governance', 'agence', 'hostal', 'bord',
  'hauptbahnhof', 'bahnhof', 'calle', 'avenida', 'avda', 'rua', 'viale', 'piazza', 'paseo', 'carrer', 'rue']);

/**
 * Capitalised words that are not names in running text (sentence starters, headers, roles, days,
 * months, clinical and legal vocabulary). A run is trimmed of these at both ends.
 */
const COMMON_WORDS = new Set(
  ('the a an and or but if then so of in on at to for from by with without about as is are was were be been being it its this that these those there ' +
  'he she they we you i me my your our their his her him them us who whom whose which what when where why how all any each every some no not ' +
  'please thanks thank regards best sincerely cheers dear hi hello hey yes ok okay note notes plan assessment history hpi exam impression ' +
  'patient pt name address phone tel mobile cell fax email e-mail dob mrn ssn id date time subject re fw fwd cc bcc attn signed seen follow ' +
  'follow-up discharge summary admitted admission diagnosis diagnoses medications meds allergies vitals labs lab results result imaging report ' +
  'emergency contact current past family social review systems physical general internal medicine cardiology oncology neurology radiology ' +
  'pediatrics surgery nursing pharmacy hr it qa ceo cfo cto vp md do rn np pa phd esq jr sr ii iii iv llc inc ' +
  'plaintiff plaintiffs defendant defendants counsel court case docket exhibit dated see section article order motion complaint judgment ' +
  'united states district county superior appeals circuit supreme federal estate re in v vs versus petitioner respondent witness ' +
  'customer client account holder support team manager director senior junior analyst associate assistant coordinator officer operations ' +
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december ' +
  'jan feb mar apr jun jul aug sep sept oct nov dec today tomorrow yesterday ' +
  'north south east west northern southern eastern western new old upper lower ' +
  'table figure fig page vol chapter appendix version release build model serial firmware patent isbn invoice transaction ticket ' +
  'refund payment card visa mastercard amex discover credit debit iban bank wire transfer routing reference ' +
  'hospital clinic university school office department center centre street avenue road ' +
  'professor doctor nurse mr mrs ms dr prof mx miss sir madam ' +
  'will may can could should would must shall might also however therefore meanwhile additionally finally first second third last next ' +
  'kind warm many yours truly respectfully cordially take care all good great thanks again attached draft contract report numbers ' +
  'pain plan dosage dose release notes checksums customer said his her wife husband daughter son spouse pager server logs ' +
  'hpi ros pmh psh fh sh cc pe ap bp hr rr temp spo2 bmi wbc rbc hgb hct plt a1c ldl hdl inr ' +
  "i've i'll i'd i’ve i’ll i’d wi-fi wifi internet online " +
  // Greetings and sign-offs of other languages that open a capitalised run ("Bonjour Jean-François", "Mvh Ingrid").
  'bonjour bonsoir hola hallo ciao salut olá hej hei moin servus buongiorno mvh mfg lg vg cdlt merci gracias danke grazie ' +
  'obrigado obrigada bedankt tack takk saludos cordialement groeten ' +
  // Abbreviations that open lines of prescriptions, schedules, forms and citations.
  'sig mon tue tues wed thur thurs fri sat ip ap ar vat anonymous unknown am pm utc gmt est edt pst pdt cet bst aest person persons natural ' +
  'onboarding offboarding kia ora klant kunde kundin cliente klient medewerker mitarbeiter et und het een serial hostname ' +
  // Pronouns, e-mail header words and form words of other languages ("Sie:", "Von:", "Från:", "Asunto:").
  'sie ihr ihnen wir nei nr från fra betreff asunto objet oggetto assunto onderwerp arrendador arrendadora arrendatario arrendataria ' +
  'eltern registado chiamare contattare contactar llamar appeler anrufen reg').split(/\s+/),
);

/** First names that are also common words or places: need more evidence (a known surname or a cue). */
const AMBIGUOUS_FIRST = new Set(['will', 'may', 'june', 'april', 'august', 'mark', 'bill', 'grace', 'hope', 'faith', 'joy', 'rose',
  'page', 'chase', 'art', 'don', 'rich', 'sue', 'pat', 'van', 'court', 'case', 'jordan', 'georgia', 'virginia', 'austin',
  'dallas', 'christian', 'drew', 'lane', 'guy', 'ray', 'ward', 'hall', 'amber', 'crystal', 'ruby', 'iris', 'ivy', 'dawn',
  'brandy', 'sunny', 'sterling', 'summer', 'autumn', 'winter', 'carol', 'frank', 'gay', 'jack', 'jean', 'king', 'major', 'miles',
  'norm', 'penny', 'price', 'rod', 'skip', 'sky', 'storm', 'tim', 'val', 'vale', 'madison', 'florence', 'paris', 'orlando',
  'phoenix', 'denver', 'cleveland', 'houston', 'lincoln', 'jackson', 'washington', 'kent', 'chester', 'general', 'patience',
  'precious', 'destiny', 'harmony', 'liberty', 'unity', 'justice', 'honor', 'star', 'angel', 'baby', 'dusty', 'misty', 'rusty',
  'sandy', 'stormy', 'windy', 'cliff', 'glen', 'forest', 'river', 'brook', 'dale', 'heath', 'moss', 'reed', 'rocky', 'stone',
  'wood', 'field', 'house', 'say', 'said', 'see', 'son', 'man', 'lab', 'vita', 'min', 'max', 'tom', 'bob', 'sid', 'stan', 'al',
  'ali', 'kim', 'lee', 'li', 'jan', 'dee', 'eve', 'ada', 'ann', 'anne', 'nat', 'ned', 'ed', 'em', 'mo', 'flo', 'bo', 'ty', 'ken',
  'le', 'an', 'in', 'on', 'ah', 'do', 'go', 'no', 'so', 'to', 'hi', 'ok', 'tex', 'bud', 'buck', 'duke', 'earl', 'prince', 'queen',
  'royal', 'baron', 'marshal', 'judge', 'dean', 'bishop', 'abbot', 'pope', 'cook', 'young', 'long', 'short', 'white', 'black',
  'brown', 'green', 'gray', 'grey', 'golden', 'sterling', 'christmas', 'easter', 'noel', 'stormi', 'tuesday', 'friday', 'sunday', 'monday',
  'wednesday', 'thursday', 'saturday', 'january', 'february', 'march', 'october', 'november', 'december', 'sept', 'clinic',
  'charity', 'constance', 'prudence', 'temperance', 'verity', 'mercy', 'trinity', 'genesis', 'journey', 'serenity', 'essence',
  'echo', 'rain', 'blaze', 'jewel', 'diamond', 'pearl', 'opal', 'jade', 'coral', 'ginger', 'olive', 'cherry', 'berry', 'candy',
  'honey', 'sugar', 'holly', 'heather', 'daisy', 'lily', 'violet', 'poppy', 'fern', 'willow', 'hazel', 'laurel', 'magnolia',
  'cat', 'kit', 'fox', 'wolf', 'bear', 'hawk', 'robin', 'wren', 'lark', 'jay', 'dove', 'raven', 'crow', 'swan']);

interface Tok {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** 'cap' = Titlecase, 'upper' = ALL CAPS, 'initial' = "J." / "J", 'lower' = other. */
  shape: 'cap' | 'upper' | 'initial' | 'lower';
}

const PARTICLE_GAP = /^ (?:van|von|de|del|della|der|den|da|di|du|la|le|bin|bint|al|el|ibn|ten|ter|y)(?: (?:der|den|la|de|los|las))? $/;

// A capitalised token: uppercase letter, letters, optional apostrophe/hyphen-joined parts, optional
// dot (initials, titles). Every repetition is bounded; lowercase words are never materialised.
const TOKEN_RE = /\p{Lu}[\p{L}\p{M}]{0,40}(?:['’\-][\p{L}\p{M}]{1,40}){0,3}\.?/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{M}\d]/u;

function isLowerAt(t: string, k: number): boolean {
  const c = t.charCodeAt(k);
  if (c < 128) return c >= 97 && c <= 122;
  const ch = t[k]!;
  return ch !== ch.toUpperCase();
}

function shapeOf(t: string): Tok['shape'] {
  const n = t.charCodeAt(t.length - 1) === 46 ? t.length - 1 : t.length;
  if (n === 1) return 'initial';
  let lower = 0;
  for (let k = 1; k < n; k++) if (isLowerAt(t, k)) lower++;
  if (lower === 0) return 'upper';
  // "McDonald", "DeShawn", "O'Brien" are still Titlecase names; "iPHONE"-like mixes are not.
  const c1 = t.charCodeAt(1);
  if (!isLowerAt(t, 1) && c1 !== 39 && c1 !== 0x2019 && !/^(?:Mc|Mac|De|La|Le|Di|Da|Van)/.test(t)) return 'lower';
  return 'cap';
}

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const start = m.index;
    // Mid-word capitals ("iPhone", "eBay") start no token.
    if (start > 0) {
      const p = text.charCodeAt(start - 1);
      if (p < 128 ? (p >= 48 && p <= 57) || (p >= 65 && p <= 90) || (p >= 97 && p <= 122) : LETTER_OR_DIGIT.test(text[start - 1]!)) continue;
    }
    let s = m[0];
    // A capital run straight into digits is a code ("LE2 3AB", "B4"), not a word.
    const after = text.charCodeAt(start + s.length);
    if (after >= 48 && after <= 57) continue;
    // Possessive 's belongs to the sentence, not the name.
    if (s.length > 2 && (s.endsWith("'s") || s.endsWith('’s') || s.endsWith("'s.") || s.endsWith('’s.'))) s = s.slice(0, s.lastIndexOf('s') - 1);
    const lower = s.toLowerCase();
    toks.push({ start, end: start + s.length, text: s, lower: lower.endsWith('.') ? lower.slice(0, -1) : lower, shape: shapeOf(s) });
  }
  return toks;
}

/** Tokens stay in one name run across a single space, or across a lowercase particle ("van der"). */
function joined(text: string, a: Tok, b: Tok): boolean {
  const gapLen = b.start - a.end;
  if (gapLen === 1) return text.charCodeAt(a.end) === 32;
  // A quoted nickname inside a name: Eleanor "Nell" Pruitt.
  if (gapLen === 2) {
    const g = text.slice(a.end, b.start);
    return (g === ' "' && text[b.end] === '"') || (g === '" ' && text[a.start - 1] === '"') || (g === ' “' && text[b.end] === '”') || (g === '” ' && text[a.start - 1] === '“');
  }
  if (gapLen > 12 || gapLen < 3) return false;
  return PARTICLE_GAP.test(text.slice(a.end, b.start));
}

/**
 * " v. " or " vs. " right after offset `e` (as /^ vs?\. / on the next five characters): a case name
 * in a citation ("Smith v. Jones"). Character tests, so the hot name path makes no slice.
 */
function versusAfter(text: string, e: number): boolean {
  if (text.charCodeAt(e) !== 32 || text.charCodeAt(e + 1) !== 118) return false;
  const c = text.charCodeAt(e + 2);
  if (c === 46) return text.charCodeAt(e + 3) === 32;
  return c === 115 && text.charCodeAt(e + 3) === 46 && text.charCodeAt(e + 4) === 32;
}
/** " v. " or " vs. " right before offset `s`, within five characters (as / vs?\. $/ on the five before it). */
function versusBefore(text: string, s: number): boolean {
  if (s < 4 || text.charCodeAt(s - 1) !== 32 || text.charCodeAt(s - 2) !== 46) return false;
  const c = text.charCodeAt(s - 3);
  if (c === 118) return text.charCodeAt(s - 4) === 32;
  return s >= 5 && c === 115 && text.charCodeAt(s - 4) === 118 && text.charCodeAt(s - 5) === 32;
}

/** A dot after a full word (not an initial, title or abbreviation) ends the sentence, and the run. */
function endsSentence(t: Tok): boolean {
  return t.text.endsWith('.') && t.shape !== 'initial' && !TITLES.has(t.lower) && !ABBREVIATIONS.has(t.lower);
}
const PLACE_PREFIX = new Set(['new', 'north', 'south', 'east', 'west', 'upper', 'lower', 'northern', 'southern', 'eastern', 'western']);
/** Capitalised words that make the next word a place's: "Lake Michigan", "Mount Hood", "Costa Rica". */
const PLACE_BEFORE = new Set(['great', 'lake', 'mount', 'mt', 'cape', 'port', 'fort', 'ft', 'san', 'santa', 'santo', 'são', 'sao', 'saint', 'st', 'sainte', 'costa',
  'puerto', 'porto', 'bay', 'gulf', 'isle', 'isla', 'ile', 'île', 'lago', 'monte', 'rio', 'río', 'sierra', 'los', 'las', 'el', 'la', 'le', 'central']);
/** Capitalised words that make the word before a place's: "Bering Sea", "Hudson Bay", "Rocky Mountains". */
const PLACE_AFTER = new Set(['sea', 'ocean', 'bay', 'gulf', 'river', 'lake', 'island', 'islands', 'isles', 'mountains', 'mountain', 'valley', 'peninsula',
  'strait', 'straits', 'canal', 'coast', 'county', 'province', 'state', 'city', 'territory', 'desert', 'falls', 'harbor', 'harbour', 'creek', 'springs']);
const UPPER_BREAK = new Set(['of', 'and', 'for', 'the', 'to', 'in', 'on', 'by', 'at', 'with', 'from', 'vs', 're']);
const ABBREVIATIONS = new Set(['st', 'jr', 'sr', 'mt', 'ft', 'esq', 'no', 'inc', 'co', 'corp', 'ltd', 'bros', 'vs', 'v']);

const NAME_PREFIX_CAPS = /^(?:Mc|Mac|De|La|Le|Di|Da|Du|Van|Von|O')\p{Lu}/u;

/** A lower-case letter directly followed by a capital ("FitLife"); ASCII fast path, then Unicode. */
function innerCapital(w: string): boolean {
  for (let k = 1; k < w.length; k++) {
    const c = w.charCodeAt(k);
    const p = w.charCodeAt(k - 1);
    if (c < 128 && p < 128) {
      if (c >= 65 && c <= 90 && p >= 97 && p <= 122) return true;
    } else if (w[k] !== w[k]!.toLowerCase() && w[k - 1] !== w[k - 1]!.toUpperCase()) return true;
  }
  return false;
}

function stripDot(t: Tok): string {
  return t.lower;
}

/** A phone number or e-mail address starts within a few separator characters after `end`. */
function contactAfter(text: string, contacts: readonly number[], end: number): boolean {
  let k = end;
  const limit = Math.min(text.length, end + 4);
  while (k < limit && ' ,;:(<|-–—\t'.includes(text[k]!)) k++;
  if (k === end) return false;
  if (!hasContactAt(contacts, k)) {
    // One short label word between: "Tomasz Wierzbicki, card 4716 ...", "Ana Ruiz (tel. 612 ...".
    let w = k;
    while (w < text.length && w - k < 12 && /[\p{L}.]/u.test(text[w]!)) w++;
    if (w === k || text[w] === undefined) return false;
    if (text[w] === ':' || text[w] === ')') w++;
    if (text[w] !== ' ') return false;
    return hasContactAt(contacts, w + 1);
  }
  return true;
}

function hasContactAt(contacts: readonly number[], k: number): boolean {
  // Binary search for a contact starting exactly at k.
  const c = contacts;
  let lo = 0, hi = c.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo < c.length && c[lo] === k;
}
/** A chat speaker label: the token opens its line and a colon follows ("Tomás: hey"). */
function speakerLabel(text: string, start: number, end: number): boolean {
  if (text[end] !== ':' || (text[end + 1] !== ' ' && text[end + 1] !== '\t')) return false;
  let k = start - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
  // A "[Mon 09:12]" time stamp may open the line.
  if (k >= 0 && text[k] === ']') {
    const open = text.lastIndexOf('[', k);
    if (open < 0 || k - open > 24) return false;
    k = open - 1;
    while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
  }
  return k < 0 || text[k] === '\n';
}
/** Only whitespace follows, and the token opens a sentence or a line (a closing signature). */
function endOfMessage(text: string, start: number, end: number): boolean {
  let k = end;
  while (k < text.length && (text[k] === ' ' || text[k] === '\t' || text[k] === '\r' || text[k] === '\n')) k++;
  if (k < text.length) return false;
  let b = start - 1;
  while (b >= 0 && (text[b] === ' ' || text[b] === '\t')) b--;
  return b >= 0 && (text[b] === '.' || text[b] === '!' || text[b] === '?' || text[b] === '\n');
}

/** Evidence from the other recognizers, found before names are judged. */
export interface PersonHints {
  /** Sorted start offsets of e-mail addresses and phone numbers: a name often sits right before one. */
  contacts: readonly number[];
  /** Lower-cased parts of personal e-mail local parts ("heather.quinlan@" gives heather, quinlan). */
  emailTokens: ReadonlySet<string>;
}

const NO_HINTS: PersonHints = { contacts: [], emailTokens: new Set() };

/**
 * Name-list verdicts for a lower-cased word, as bits: 1 given name, 2 surname, 4 in the big weak
 * list, 8 a place. Lookups ignore accents ("Tomás" is "tomas") and apostrophes ("O'Brien" is
 * "obrien"); verdicts are cached across documents (the vocabulary of names is small).
 */
function gazetteerFlags(w: string): number {
  let v = WORD_FLAGS.get(w);
  if (v === undefined) {
    const firsts = firstNameSet();
    const surnames = SURNAMES;
    const weak = weakNameSet();
    const f = foldName(w);
    const dash = f.indexOf('-');
    v = 0;
    if (firsts.has(f) || (dash > 0 && firsts.has(f.slice(0, dash)))) v |= 1;
    if (surnames.has(f) || (dash > 0 && f.split('-').some((p) => surnames.has(p)))) v |= 2;
    if (weak.has(f) || (dash > 0 && f.split('-').every((p) => weak.has(p) || firsts.has(p) || surnames.has(p)))) v |= 4;
    if (placeSet().has(f)) v |= 8;
    if (WORD_FLAGS.size >= 100_000) WORD_FLAGS.clear();
    WORD_FLAGS.set(w, v);
  }
  return v;
}

/** The tagger's view of a word: the name-list bits plus dictionary, common-word and title bits. */
export function taggerClass(w: string): number {
  let c = TAGGER_CLASS.get(w);
  if (c !== undefined) return c;
  c = gazetteerFlags(w);
  if (dictionarySet().has(w)) c |= CLASS_DICT;
  if (COMMON_WORDS.has(w)) c |= CLASS_COMMON;
  if (TITLES.has(w)) c |= CLASS_TITLE;
  if (foreignStopwordSet().has(w)) c |= CLASS_FOREIGN;
  if (TAGGER_CLASS.size >= 100_000) TAGGER_CLASS.clear();
  TAGGER_CLASS.set(w, c);
  return c;
}

/** The name recognizer's capitalised tokens of a text and its word classes, for the tagger's trainer. */
export function taggerView(text: string): { toks: TaggerToken[]; classOf: WordClass } {
  return { toks: withLowerNames(text, tokenize(text)), classOf: taggerClass };
}

// A lower-case word, not inside an address, handle, path, host name, markup, query or number.
const LOWER_WORD = /(?<![\p{L}\p{M}\d@._/\\<>?&=%{#$*+-])\p{Ll}[\p{Ll}\p{M}'’-]{2,30}(?![\p{L}\p{M}\d@=(%}_*+-]|\.[\p{L}\d])/gu;

/**
 * The capitalised tokens plus the lower-case words that a list knows as a given name or surname and
 * no dictionary, common-word or chat list explains ("priyanka", "kowalczyk"): names as chat and
 * SMS write them, for the tagger to judge in context. Sorted by start.
 */
function withLowerNames(text: string, caps: readonly Tok[]): Tok[] {
  const lower: Tok[] = [];
  LOWER_WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LOWER_WORD.exec(text)) !== null) {
    const w = m[0];
    const cls = taggerClass(w);
    if ((cls & (1 | 2)) === 0 || (cls & (CLASS_DICT | CLASS_COMMON | CLASS_FOREIGN)) !== 0 || CHAT_SLANG.has(w) || ROLE_HANDLES.has(w)) continue;
    // ("rights-wise", "free-for-all": hyphenated words, not double-barrelled names.)
    if (w.indexOf('-') > 0 && w.split('-').some((p) => dictionarySet().has(p) || COMMON_WORDS.has(p))) continue;
    lower.push({ start: m.index, end: m.index + w.length, text: w, lower: w, shape: 'lower' });
  }
  if (lower.length === 0) return caps as Tok[];
  const out: Tok[] = [];
  let i = 0;
  for (const t of lower) {
    while (i < caps.length && caps[i]!.start < t.start) out.push(caps[i++]!);
    out.push(t);
  }
  while (i < caps.length) out.push(caps[i++]!);
  return out;
}

/** What the name recognizer hands the learned tagger (tagger.ts), which runs once every recognizer has claimed its text. */
export interface PersonScan {
  /** The capitalised tokens of the text. */
  toks: readonly TaggerToken[];
  /** The rules' vetoes for a span of those tokens: a firm, an eponym, a street, a contraction. */
  namesAThing: (start: number, end: number) => boolean;
}

/** Finds names by rule into `out`. */
export function scanPersons(text: string, o: ResolvedDetectOptions, out: Candidate[], hints: PersonHints = NO_HINTS): PersonScan {
  const places = placeSet();
  const dict = dictionarySet();
  const known = o.knownNames;
  const toks = tokenize(text);
  const flags = gazetteerFlags;
  const isFirst = (w: string) => (flags(w) & 1) !== 0 || (known.size > 0 && known.has(w));
  const isSurname = (w: string) => (flags(w) & 2) !== 0 || (known.size > 0 && known.has(w));
  // The big list counts only for words no dictionary, place list or chat vocabulary explains.
  const isWeak = (w: string) => (flags(w) & 12) === 4 && !dict.has(w) && w.indexOf('’') < 0 && w.indexOf("'") < 0 && !COMMON_WORDS.has(w) && !CHAT_SLANG.has(w) && !ROLE_HANDLES.has(w);
  // In all-caps captions a function word separates a heading from a name ("DECLARATION OF DESMOND ACHTERBERG").
  const nameLike = (t: Tok) => t.shape !== 'lower' && !(t.shape === 'upper' && UPPER_BREAK.has(t.lower));
  const found: Candidate[] = [];
  const nameTokens = new Set<string>();
  const pending: Tok[][] = [];
  let cueMemo: boolean | undefined;
  let signoffMemo: boolean | undefined;
  let memoStart = 0;
  let memoEnd = 0;

  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    if (!nameLike(t)) {
      i++;
      continue;
    }
    // Collect a run of name-like tokens joined by single spaces.
    let j = i;
    while (j + 1 < toks.length && j - i + 1 < MAX_RUN + 2 && nameLike(toks[j + 1]!) && joined(text, toks[j]!, toks[j + 1]!) && !endsSentence(toks[j]!)) j++;
    // Most runs are one capitalised common word ("The", "Patient"), or an ordinary word no name list
    // knows ("Admitted"): rejected here, before any array is made (judgeRun's first test, inlined).
    if (j === i) {
      const w = t.lower;
      if (COMMON_WORDS.has(w) || t.shape === 'initial' || (dict.has(w) && !isFirst(w) && !isSurname(w))) {
        i++;
        continue;
      }
    }
    const run = toks.slice(i, j + 1);
    i = j + 1;
    judgeRun(run);
  }

  function judgeRun(run: Tok[]): void {
    // Most runs are one capitalised common word ("The", "Patient"): reject them first.
    if (run.length === 1) {
      const w = run[0]!.lower;
      if (COMMON_WORDS.has(w) || run[0]!.shape === 'initial') return;
      // "Thu, 22 Aug", "Thu 14:05": the day, not the Vietnamese given name.
      if (w === 'thu' && /^,? ?(?:\d|\p{Lu}\p{Ll}{2} \d)/u.test(text.slice(run[0]!.end, run[0]!.end + 8))) return;
      // An ordinary English word that is in no name list ("Admitted", "Please") cannot be a name.
      if (dict.has(w) && !isFirst(w) && !isSurname(w)) return;
    }
    const allUpperDoc = run.every((t) => t.shape === 'upper' || t.shape === 'initial');
    // A title anywhere in the run ("Prescriber Dr. Adaeze Eze"): the name is what follows it.
    let title = false;
    let a = 0;
    for (let k = run.length - 2; k >= 0; k--) {
      const t = run[k]!;
      // ("M. Karim Benali": "M." before a given name and a surname is Monsieur, not an initial.)
      const monsieur = (t.text === 'M.' || t.text === 'D.') && k + 2 < run.length && (isFirst(run[k + 1]!.lower) || isWeak(run[k + 1]!.lower)) && run[k + 1]!.shape === 'cap';
      const kinOk = !KIN_TITLE_SET.has(t.lower) || (t.shape === 'cap' && run.length - k - 1 <= 2 && run.slice(k + 1).every((r) => r.shape === 'cap' && (isFirst(r.lower) || isSurname(r.lower) || isWeak(r.lower) || AMBIGUOUS_FIRST.has(r.lower))));
      // (An all-caps title counts only in an all-caps caption: "MX Master" is a product.)
      if ((TITLES.has(stripDot(t)) && (t.text.endsWith('.') || t.shape === 'cap' || (t.shape === 'upper' && run[k + 1]!.shape === 'upper')) && kinOk) || monsieur) {
        // "Rua Dr. António José de Almeida 112": a street named after someone, not the person.
        if (/(?:^|[\s,:])(?:rua|calle|avenida|av\.|avda\.|rue|via|viale|piazza|praça|largo|travessa|avenue|plaza|paseo)\s+$/i.test(text.slice(Math.max(0, t.start - 10), t.start))) return;
        // "19 Pine Hollow Dr. Reply STOP": after a numbered street, Dr. is Drive (and St. is Street).
        if ((t.lower === 'dr' || t.lower === 'st') && k > 0 && /\d[A-Za-z]? (?:\p{Lu}[\p{L}'’-]* ){1,3}$/u.test(text.slice(Math.max(0, t.start - 60), t.start))) return;
        title = true;
        a = k + 1;
        break;
      }
    }
    // "The Washington Post", "The Grace Hopper Conference": a leading article means a thing; but
    // "The Defendant McFadden", "the Claimant Ms Doyle": a role word after it introduces a person.
    if (!title && stripDot(run[0]!) === 'the') {
      if (!(run.length >= 3 && CUE_BEFORE.has(run[1]!.lower))) return;
      a = 2;
    }
    // Trim common words at the start (sentence starters, headers) and end.
    while (a < run.length && !(run[a]!.shape === 'initial' && run[a]!.text.endsWith('.') && (title || a + 1 < run.length)) && (COMMON_WORDS.has(stripDot(run[a]!)) && !(isFirst(stripDot(run[a]!)) && !AMBIGUOUS_FIRST.has(stripDot(run[a]!)) && a + 1 < run.length && !COMMON_WORDS.has(stripDot(run[a + 1]!))))) {
      if (TITLES.has(stripDot(run[a]!))) title = true;
      a++;
    }
    // "New York", "West Virginia", "Upper Darby": a leading place word makes the rest a place.
    if (!title && a > 0 && PLACE_PREFIX.has(stripDot(run[a - 1]!))) return;
    let b = run.length - 1;
    // Short all-caps codes after Titlecase words ("Rome FCO", "Acme LLC") are not part of a name.
    while (b > a && run[b]!.shape === 'upper' && run[b]!.text.replace(/\.$/, '').length <= 3 && run[a]!.shape === 'cap' && !isFirst(stripDot(run[b]!)) && !isSurname(stripDot(run[b]!))) b--;
    while (b >= a && (COMMON_WORDS.has(stripDot(run[b]!)) || (b > a && CREDENTIALS.has(stripDot(run[b]!))) || (run[b]!.shape === 'initial' && b > a && /^(?:md|do|rn|jr|sr)$/.test(stripDot(run[b]!))))) b--;
    if (b < a) return;
    // An ordinary English word opening the run ("Later Chen", "Emergency Smith") is not part of
    // the name unless it is also a given name.
    while (b > a && !title && dict.has(stripDot(run[a]!)) && !isFirst(stripDot(run[a]!)) && !AMBIGUOUS_FIRST.has(stripDot(run[a]!)) && run[a]!.shape === 'cap') a++;
    // A brand-like token with a capital inside ("FitLife", "PayPal") vetoes the run; name prefixes
    // (McDonald, MacLeod, DeShawn, LeBlanc, DiCaprio, DuBois, VanDyke) and hyphenated parts do not.
    // (A brand used as a verb before a cue-led name, "WhatsApp Femke on ...", only opens the run.)
    const brand = (t: Tok) => t.shape === 'cap' && innerCapital(t.text) && !NAME_PREFIX_CAPS.test(t.text);
    const brandOpener = b > a && brand(run[a]!) && CUE_BEFORE.has(run[a]!.lower) && !run.slice(a + 1).some(brand);
    if (brandOpener) a++;
    let name = run.slice(a, b + 1);
    for (let k = brandOpener ? a : 0; k < run.length; k++) if (brand(run[k]!)) return;
    // An organisation/place word anywhere in the run vetoes it ("Grace Hopper Conference").
    // ("Cardholder: SEO-YEON PARK": an organisation word that is also a surname, after a name label,
    // is the surname.)
    // (After a title only the name's own words count, and a surname that is also such a word is the surname:
    // "DISTRICT JUDGE FAIRBAIRN", "Dr Hye-jin Park".)
    // (Index loop: no copy of the run.)
    for (let k = title ? a : 0, last = title ? b : run.length - 1; k <= last; k++) {
      const t = run[k]!;
      if (ORG_WORDS.has(t.lower) && !(isSurname(t.lower) && (title || cueBefore(run[a]!.start)))) return;
    }
    if (name.length > MAX_RUN) return;
    // A town's name ("Santa Clara", "Palo Alto", "Edinburgh") is not a person, whatever the name lists
    // say (a lone word only when it is no known given name).
    if (!title && name.length >= 2 && places.has(name.map(stripDot).join(' '))) return;
    if (!title && name.length === 1 && (flags(name[0]!.lower) & 8) !== 0 && !isFirst(name[0]!.lower)) return;
    // Trailing initial with dot at sentence end ("... Chen J.") is fine; a lone initial is not a name.
    const words = name.filter((t) => t.shape !== 'initial');
    if (words.length === 0) return;
    if (allUpperDoc && !title && run.length === 1) return;
    if (words.length === 1 && words[0]!.shape === 'upper' && !title) return;
    // Case names in citations ("Smith v. Jones") are public record, not personal data to redact.
    if (versusAfter(text, name[name.length - 1]!.end) || versusBefore(text, name[0]!.start)) return;
    const lw = words.map(stripDot);
    const firstKnown = isFirst(lw[0]!);
    // Given names that are also ordinary words ("Ford", "Hunter") need a surname or a cue too.
    const firstAmbiguous = AMBIGUOUS_FIRST.has(lw[0]!) || dict.has(lw[0]!);
    const lastKnown = isSurname(lw[lw.length - 1]!);
    const anyCommon = lw.some((w) => COMMON_WORDS.has(w));
    // Context cues cost regex work: computed only when the gazetteers alone do not decide.
    cueMemo = undefined;
    signoffMemo = undefined;
    memoStart = name[0]!.start;
    memoEnd = name[name.length - 1]!.end;

    let score = 0;
    if (title) score = 0.95;
    else if (words.length >= 2) {
      if (anyCommon) score = 0;
      // An Irish surname particle inside the run ("Cathal Ó Murchú", "Siobhán Ní Bhriain"), or "Mac"
      // between a given name and a surname ("Conor Mac Giolla").
      else if (name.some((t, k) => k > 0 && k < name.length - 1 && (IRISH_PARTICLES.has(t.lower) || (t.lower === 'mac' && firstKnown)))) score = 0.85;
      else if (firstKnown && !firstAmbiguous) score = lastKnown ? 0.95 : 0.85;
      else if (firstKnown && firstAmbiguous) score = lastKnown || cueOf() || signoffOf() || (words.length === 2 && !dict.has(lw[0]!) && isWeak(lw[1]!) && !places.has(lw.join(' '))) ||
        (words.length === 2 && !dict.has(lw[1]!) && words[1]!.shape === 'cap' && contactAfter(text, hints.contacts, memoEnd)) ? 0.85 : 0;
      else if (lastKnown) score = cueOf() || signoffOf() ? 0.9 : lw.length === 2 && !sentenceStart(name[0]!.start) ? 0.7 : 0.6;
      else if (cueOf() || signoffOf()) score = 0.8;
      // Two or three words that are all names in the big list and nothing else ("Oskar Lindahl"),
      // unless together they name a town ("San Leandro") or follow a place preposition.
      else if (words.length <= 3 && words.every((t) => t.shape === 'cap') && lw.every((w) => isWeak(w) || ((isFirst(w) || isSurname(w)) && !dict.has(w))) &&
        !places.has(lw.join(' ')) && !/\b(?:in|at|near|outside|inside|around|across|towards?|via|of)\s$/i.test(text.slice(Math.max(0, memoStart - 8), memoStart))) score = 0.7;
      // Hyphenated or multi-part unknown names next to a known given name in the run.
      else if (lw.some((w) => isFirst(w) && !AMBIGUOUS_FIRST.has(w))) score = 0.65;
      // Unknown names in a contact list: "Annelie Kraus, +49 30 901820", "Callum McIver - c.mciver@...".
      else if (words.length <= 3 && words.every((t) => t.shape === 'cap') && lw.every((w) => !dict.has(w)) && contactAfter(text, hints.contacts, memoEnd)) score = 0.75;
    } else {
      const w = lw[0]!;
      if (anyCommon) score = 0;
      // A cue before an ordinary word is not enough ("Dear Parent/Guardian").
      else if ((cueOf() || signoffOf()) && (isFirst(w) || isSurname(w) || !dict.has(w)) && !GREETING_NOT_NAMES.has(w) && !SIGNOFF_SET.has(w)) score = isFirst(w) || isSurname(w) ? 0.9 : 0.75;
      else if (isFirst(w) && !firstAmbiguous && !sentenceStart(name[0]!.start) && name[0]!.shape === 'cap' &&
        !((flags(w) & 8) !== 0 && /(?:\b(?:in|at|near|outside|inside|around|across|towards|from|to|de|du|des|au|en|bei|nach|von)|(?:^|\s)à)\s$/.test(text.slice(Math.max(0, memoStart - 8), memoStart))) &&
        !/(?:\b(?:in|at|near|outside|inside|around|across|towards|au|en|bei|nach)|(?:^|\s)à)\s$/.test(text.slice(Math.max(0, memoStart - 8), memoStart))) score = 0.55;
      // A given name that is no English word and no town opening a line or sentence ("Marcus (chair)").
      // (Both name lists must know it: the given-name list alone holds rarities like "Merci" and "Si".)
      else if (isFirst(w) && !firstAmbiguous && w.length >= 4 && (flags(w) & 12) === 4 && /^[\p{L}-]+$/u.test(w) && name[0]!.shape === 'cap' && !SIGNOFF_SET.has(w) && !GREETING_NOT_NAMES.has(w) &&
        text[memoEnd] !== ':' && !ORG_TAIL.test(text.slice(memoEnd, memoEnd + 40))) score = 0.55;
      // A name only the big list knows, after words that introduce a person ("your driver is Kwabena",
      // "thank you Lupe", "ask Tomasz").
      else if (isWeak(w) && name[0]!.shape === 'cap' && PERSON_INTRO.test(text.slice(Math.max(0, memoStart - 16), memoStart))) score = 0.6;
      // An initial before an unknown surname ("an M. Okoye", "cc J. Abernathy").
      // (Not an abbreviation chain "R. Civ. P." nor a label before a number "bed B. Accession 24-118".)
      else if (name.length >= 2 && name[0]!.shape === 'initial' && name[0]!.text.endsWith('.') && name[name.length - 1]!.shape === 'cap' && !dict.has(w) && (isSurname(w) || isWeak(w) || cueOf()) &&
        !name[name.length - 1]!.text.endsWith('.') && !/^\s*[\d#]/.test(text.slice(memoEnd, memoEnd + 3))) score = 0.7;
      // A chat speaker ("Tomás: hey ...") or a one-word signature closing the message ("... if urgent. Sebastian").
      else if (isFirst(w) && !firstAmbiguous && name[0]!.shape === 'cap' && (speakerLabel(text, name[0]!.start, memoEnd) || endOfMessage(text, name[0]!.start, memoEnd))) score = 0.8;
      // A given name spoken to ("Tom, can you sign off?"), even one that is also a word.
      else if (isFirst(w) && (!dict.has(w) || AMBIGUOUS_FIRST.has(w)) && (flags(w) & 8) === 0 && name[0]!.shape === 'cap' && name.length === 1 && VOCATIVE_AFTER.test(text.slice(memoEnd, memoEnd + 16))) score = 0.7;
      // A one-word entry of a contact list or sign-up sheet ("2. Bilal - 0413 222 111", "Bilal: bilal@...").
      else if (name.length === 1 && name[0]!.shape === 'cap' && (isFirst(w) || isWeak(w)) && !dict.has(w) && lineStartBefore(memoStart) && contactAfter(text, hints.contacts, memoEnd)) score = 0.7;
      // A given name with a surname initial ("Amira H.", "Jon D."), as reminders and reviews write them.
      else if (name.length === 2 && name[0]!.shape === 'cap' && name[1]!.shape === 'initial' && name[1]!.text.endsWith('.') && (((isFirst(w) || isWeak(w)) && !dict.has(w)) || AMBIGUOUS_FIRST.has(w)) && (flags(w) & 8) === 0) score = 0.7;
    }
    if (score < o.minScore) {
      // Keep unknown single tokens for the document-level pass (which asks namesAThing when it accepts one).
      pending.push(name);
      return;
    }
    // All-caps runs are kept only with a known first name (captions: "MICHAEL RUSSO, Plaintiff").
    // (A cue before an all-caps run counts only as a field label, "PATIENT: DOE, JANE", not in a heading,
    // "CUSTOMER DUE DILIGENCE"; a role after it, "..., Plaintiff", always counts.)
    if (allUpperDoc && !title && !firstKnown && !(lastKnown && words.length >= 2) && !(CUE_AFTER.test(text.slice(memoEnd, memoEnd + 24)) || (cueOf() && /:\s*$/.test(text.slice(Math.max(0, memoStart - 4), memoStart))))) return;
    if (!title && namesAThing(name, memoStart, memoEnd)) return;
    name = name.filter((_, k) => !(k === name.length - 1 && name[k]!.shape === 'initial' && !name[k]!.text.endsWith('.') && false));
    let start = name[0]!.start;
    // "Dear Mr von Essen": a particle between the title and the surname belongs to the name.
    if (text.charCodeAt(start - 1) === 32) {
      const p = TITLE_PARTICLE.exec(text.slice(Math.max(0, start - 24), start));
      if (p !== null) start -= p[1]!.length + 1;
    }
    let end = spanEnd(name[name.length - 1]!);
    // "Raymond Castillo Jr.", "John Doe III": a generational suffix is written as part of the name.
    const suffix = NAME_SUFFIX.exec(text.slice(end, end + 6));
    if (suffix !== null) end += suffix[0].length;
    found.push({ type: 'PERSON', start, end, text: text.slice(start, end), score });
    for (const w of lw) if (w.length > 1) nameTokens.add(w);
  }

  /**
   * Shapes around a capitalised run that say it names a thing: a time zone or path ("Australia/Sydney"),
   * an article ("on a Mac", "a Florida licence"), a contraction ("Can't"), a compound of ordinary words
   * ("Carry-over"), a model number after it ("MX Master 3S"), an abbreviation before a number or another
   * abbreviation ("Cal. 4th", "Reg. No."), or a firm's name after it ("Lan's Nail Studio", "Marlowe & Finch Interiors").
   */
  function namesAThing(name: Tok[], s: number, e: number): boolean {
    // "Addison's disease", "Parkinson disease", "Bell's palsy": an eponym names a condition, not a person.
    if (EPONYM_AFTER.test(text.slice(e, e + 24))) return true;
    if (text.charCodeAt(s - 1) === 47 && /\p{L}/u.test(text[s - 2] ?? '')) return true;
    if (name.some((t) => CONTRACTION.test(t.text))) return true;
    const after = text.slice(e, e + 40);
    if (text.charCodeAt(e - 1) !== 46 && /^ \d+[A-Za-z]/.test(after) && !/^ \d+(?:st|nd|rd|th|s)\b/.test(after)) return true;
    if (name.length === 1) {
      const t = name[0]!;
      if (/(?:^|[^\p{L}])an? $/u.test(text.slice(Math.max(0, s - 4), s))) return true;
      if (t.lower.includes('-') && t.lower.split('-').every((p) => dict.has(p))) return true;
      const abbr = /^ (?:\d|(\p{Lu}\p{Ll}{0,4})\.)/u.exec(after);
      if (t.text.endsWith('.') && t.lower.length <= 4 && abbr !== null && !(abbr[1] !== undefined && TITLES.has(abbr[1].toLowerCase()))) return true;
    }
    // "Lumínica Diseño S.L.", "Ferramenta Bellandi S.r.l.", "Vanderlande B.V.": a firm's legal form.
    // (The name may end in the form's first initial: "... Diseño S." before "L.".)
    if (LEGAL_FORM.test(text.slice(e - 2, e + 8)) || LEGAL_FORM_AFTER.test(after)) return true;
    if (name.length === 1 && /(?:platz|straße|strasse|bahnhof|gasse|plein|gracht)$/.test(name[0]!.lower)) return true;
    const firm = FIRM_AFTER_NAME.exec(after);
    return firm !== null && firm[1]!.split(' ').some((w) => ORG_WORDS.has(w.toLowerCase()));
  }

  function cueOf(): boolean {
    return (cueMemo ??= cueBefore(memoStart) || CUE_AFTER.test(text.slice(memoEnd, memoEnd + 24)));
  }
  function signoffOf(): boolean {
    return (signoffMemo ??= lineEndsAfter(memoEnd) && SIGNOFF.test(text.slice(Math.max(0, memoStart - 40), memoStart)));
  }
  function spanEnd(t: Tok): number {
    return t.text.endsWith('.') && t.shape !== 'initial' ? t.end - 1 : t.end;
  }
  function cueBefore(start: number): boolean {
    // A field label that starts with "Name" ("Name on the order:", "Name of insured:").
    if (text[start - 2] === ':' || text[start - 1] === ':') {
      const line = text.slice(Math.max(0, start - 30), start);
      if (/(?:^|\n|[.;]\s)\s*name(?: (?:on|of)(?: the)? [a-z ]{2,15}| \([a-z ]{2,12}\))\s?:\s*$/i.test(line)) return true;
    }
    // The word (and punctuation) right before the name, on the same line; scanned backwards.
    let k = start - 1;
    const limit = Math.max(0, start - 12);
    while (k >= limit && ' \t:,.()#-'.includes(text[k]!)) k--;
    if (k < limit || k === start - 1) return false;
    const punct = text.slice(k + 1, start);
    let w0 = k;
    while (w0 > 0 && k - w0 < 20 && /\p{L}/u.test(text[w0 - 1]!)) w0--;
    const w = text.slice(w0, k + 1).toLowerCase();
    // Abbreviated forms of address written in lower case ("la sig.ra Giuseppina", "dott.ssa").
    if ((w === 'ra' || w === 'ssa') && /(?:sig|dott|prof|avv)\.$/i.test(text.slice(Math.max(0, w0 - 5), w0))) return true;
    // "under the name Kowalczyk", "his name Tomas": the word name as a noun, not a header.
    if (w === 'name' && /\b(?:the|my|his|her|their|your|our) $/.test(text.slice(Math.max(0, w0 - 6), w0))) return true;
    // "daughter-in-law Precious", "son-in-law": the relation before "-in-law" is the cue.
    if (w === 'law' && /-in-$/i.test(text.slice(Math.max(0, w0 - 4), w0))) return true;
    // "t.a.v. Noor Bouzid", "z. Hd. Frau ...", "à l'attention de": for the attention of.
    if (/(?:t\.a\.v\.|z\. ?Hd\.?|attention de|atención de|c\/o)\s*$/i.test(text.slice(Math.max(0, start - 16), start))) return true;
    // "thanks to Mereana", "shout-out to Kev"; "(me, Isla and Tomasz)".
    if (w === 'to' && /\b(?:thanks|thank you|thx|shout-?out|credit|kudos|cheers)\s+$/i.test(text.slice(Math.max(0, w0 - 16), w0))) return true;
    if (w === 'me' && punct.startsWith(',')) return true;
    // Header words only count as e-mail headers ("From: Jane Doe"), not as prepositions.
    if (HEADER_CUES.has(w)) return punct.startsWith(':');
    return CUE_BEFORE.has(w);
  }
  /** Only a list marker ("2.", "-", "•") or spaces between the line start and `start`. */
  function lineStartBefore(start: number): boolean {
    let k = start - 1;
    while (k >= 0 && start - k < 8 && /[ \t\d.)•*-]/.test(text[k]!)) k--;
    return k < 0 || text[k] === '\n';
  }
  function sentenceStart(start: number): boolean {
    let k = start - 1;
    while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
    if (k < 0) return true;
    const c = text[k]!;
    return c === '.' || c === '!' || c === '?' || c === '\n' || c === '"' || c === ':';
  }
  function lineEndsAfter(end: number): boolean {
    let k = end;
    while (k < text.length && (text[k] === ' ' || text[k] === '\t' || text[k] === ',')) k++;
    // "Jane Doe | Architect", "Jane Doe - Sales", "Jane Doe, Clinic Coordinator" also end the name line of a signature.
    if (text[end] === ',' && /^[\p{L}][\p{L} &'’.-]{0,60}(?:\r?\n|$)/u.test(text.slice(k, k + 64))) return true;
    return k >= text.length || text[k] === '\n' || text[k] === '\r' || text[k] === '|' || ((text[k] === '-' || text[k] === '–') && text[k + 1] === ' ');
  }

  // Names found by the cue scanners also mark other mentions of the same tokens.
  const cued: Candidate[] = [];
  for (const t of toks) {
    // The line-start test first: it is a few comparisons, while the word test slices and hashes, and
    // few tokens open a line.
    let k = t.start - 1;
    while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
    if (k >= 0 && text.charCodeAt(k) !== 10) continue;
    if (!TITLE_LINE_WORDS.has(t.text.endsWith('.') ? t.text.slice(0, -1) : t.text)) continue;
    TITLE_LINE.lastIndex = t.start;
    const tl = TITLE_LINE.exec(text);
    if (tl !== null) cued.push({ type: 'PERSON', start: tl.indices![1]![0], end: tl.indices![1]![1], text: tl[1]!, score: 0.9 });
  }
  scanSelfIntroductions(text, isFirst, cued);
  scanLastFirst(text, cued, (w) => isFirst(w) || isSurname(w), (w) => isFirst(w) || isSurname(w) || isWeak(w));
  scanCasualNames(text, { isFirst, isSurname, isWeak, isPlace: (w) => (flags(w) & 8) !== 0, weakListed: (w) => (flags(w) & 4) !== 0, dict }, cued, hints.emailTokens);
  for (const c of cued) {
    out.push(c);
    for (const w of c.text.toLowerCase().split(/[\s,]+/)) if (w.length > 1 && !COMMON_WORDS.has(w)) nameTokens.add(w);
  }

  // Document-level pass: tokens of names already found mark other mentions ("Mr. Russo" ... "Russo said"),
  // and so do the parts of personal e-mail addresses ("Heather ..." and heather.quinlan@...).
  let foundStarts: Set<number> | undefined;
  let foundEnds: Set<number> | undefined;
  for (const name of pending) {
    const lw = name.filter((t) => t.shape !== 'initial').map(stripDot);
    const tail = text.slice(name[name.length - 1]!.end, name[name.length - 1]!.end + 40);
    // ("Marcus & Jade Oyelaran": an "&" before a person found is no firm's name; coordination decides below.)
    const beforeFound = /^ (?:and|&) /.test(tail) && (foundStarts ??= new Set([...found, ...cued].map((f) => f.start))).has(name[name.length - 1]!.end + tail.indexOf(' ', 1) + 1);
    if (ORG_TAIL.test(tail) && !beforeFound) continue;
    if (lw.length === 0 || lw.some((w) => COMMON_WORDS.has(w))) continue;
    const byName = lw.every((w) => nameTokens.has(w)) && !(lw.length === 1 && AMBIGUOUS_FIRST.has(lw[0]!) && sentenceStart(name[0]!.start));
    const byEmail = lw.every((w) => w.length > 2 && hints.emailTokens.has(w) && (isFirst(w) || isSurname(w) || !dict.has(w)));
    // "the late Walter and Ida Pruitt": a given name joined by "and" to a name found after it.
    let coordinated = false;
    // (Also "Bec & Jarrah Morgan", "Fiachra and Dee": any capitalised word no dictionary or place list
    // knows, joined to a name found right after it or right before it.)
    const loneWord = lw.length === 1 && name.length === 1 && name[0]!.shape === 'cap' && !dict.has(lw[0]!) && (flags(lw[0]!) & 8) === 0 && lw[0]!.length >= 3 &&
      (isFirst(lw[0]!) || (flags(lw[0]!) & 4) !== 0);
    if (!byName && !byEmail && lw.length === 1 && ((isFirst(lw[0]!) && !AMBIGUOUS_FIRST.has(lw[0]!) && !dict.has(lw[0]!)) || loneWord)) {
      const e = name[name.length - 1]!.end;
      const conj = /^ (?:and|&) /.exec(text.slice(e, e + 6));
      if (conj !== null) coordinated = (foundStarts ??= new Set([...found, ...cued].map((f) => f.start))).has(e + conj[0].length);
      const s0 = name[0]!.start;
      const before = /(?:, | and | & )$/.exec(text.slice(Math.max(0, s0 - 5), s0));
      if (!coordinated && before !== null && loneWord) coordinated = (foundEnds ??= new Set([...found, ...cued].map((f) => f.end))).has(s0 - before[0].length);
    }
    // "Zainab Hussaini and Grace O'Dell": a full name after "and" and a name found before it.
    if (!byName && !byEmail && !coordinated && lw.length >= 2 && lw.length <= 3 && name.every((t) => t.shape === 'cap') && (isFirst(lw[0]!) || AMBIGUOUS_FIRST.has(lw[0]!)) && !lw.slice(1).some((w) => dict.has(w))) {
      const s0 = name[0]!.start;
      const before = /(?: and | & |, )$/.exec(text.slice(Math.max(0, s0 - 5), s0));
      if (before !== null) coordinated = (foundEnds ??= new Set([...found, ...cued].map((f) => f.end))).has(s0 - before[0].length);
    }
    // A list of people ("for Liam, Jacko, Ben and your dad"): a capitalised word that no dictionary
    // knows, with a name found right before it and right after it in the list.
    if (!byName && !byEmail && !coordinated && lw.length === 1 && name.length === 1 && name[0]!.shape === 'cap' && !dict.has(lw[0]!) && (flags(lw[0]!) & 8) === 0) {
      const s0 = name[0]!.start;
      const e0 = name[0]!.end;
      const next = /^(?:, | and | & |, and )/.exec(text.slice(e0, e0 + 6));
      if (text.slice(s0 - 2, s0) === ', ' && next !== null) {
        foundEnds ??= new Set([...found, ...cued].map((f) => f.end));
        foundStarts ??= new Set([...found, ...cued].map((f) => f.start));
        coordinated = foundEnds.has(s0 - 2) && foundStarts.has(e0 + next[0].length);
      }
    }
    if ((byName || byEmail || coordinated) && !namesAThing(name, name[0]!.start, name[name.length - 1]!.end)) {
      const start = name[0]!.start;
      const end = spanEnd(name[name.length - 1]!);
      found.push({ type: 'PERSON', start, end, text: text.slice(start, end), score: 0.8 });
    }
  }
  // (A log-in in brackets after the name, "Dwayne Okafor (dokafor)", is found by markLoginsOfNames below.)
  for (const f of found) out.push(f);
  joinQuotedNicknames(text, found, cued, out);
  markLoginsOfNames(text, found, cued, out, (w) => dict.has(w) || COMMON_WORDS.has(w));
  markOtherMentions(text, nameTokens, (w) => NAME_PARTICLES.has(w) || !(isFirst(w) || isSurname(w) || isWeak(w)) || dict.has(w) || COMMON_WORDS.has(w) || AMBIGUOUS_FIRST.has(w) || CHAT_SLANG.has(w) || (flags(w) & 8) !== 0, out);
  return {
    toks: withLowerNames(text, toks),
    namesAThing: (s, e) => {
      // The span's tokens (the tagger asks about few spans).
      const lo = firstTokenFrom(toks, s);
      const name: Tok[] = [];
      for (let k = lo; k < toks.length && toks[k]!.start < e; k++) name.push(toks[k]!);
      if (name.length === 0) return false;
      // (An organisation word that is also a surname ends a longer name: "Danielle Park".)
      const orgWord = name.some((t, k) => ORG_WORDS.has(t.lower) && !(k > 0 && k === name.length - 1 && isSurname(t.lower)));
      return orgWord || namesAThing(name, s, e) || ORG_TAIL.test(text.slice(e, e + 40)) || partOfPlace(name, lo);
    },
  };

  /** "Great Britain", "Costa Rica", "South Carolina", "Lake Michigan": a place with the word before or after it. */
  function partOfPlace(name: Tok[], first: number): boolean {
    const words = name.map(stripDot);
    if (words.length > 1 && places.has(words.join(' '))) return true;
    const prev = first > 0 ? toks[first - 1] : undefined;
    if (prev !== undefined && prev.end + 1 === name[0]!.start && text.charCodeAt(prev.end) === 32) {
      if (PLACE_PREFIX.has(prev.lower) || PLACE_BEFORE.has(prev.lower) || places.has(`${stripDot(prev)} ${words.join(' ')}`)) return true;
    }
    const last = first + name.length;
    const next = last < toks.length ? toks[last] : undefined;
    return next !== undefined && name[name.length - 1]!.end + 1 === next.start && text.charCodeAt(next.start - 1) === 32 &&
      (PLACE_AFTER.has(next.lower) || places.has(`${words.join(' ')} ${stripDot(next)}`));
  }
}

/** Words after a surname that make it a firm's name ("Renwick Law"): the organisation words plus "law". */
const FIRM_AFTER = new Set([...ORG_WORDS, 'law']);

/** A nickname in quotes or brackets between two names: Margaret "Peggy" Doyle, Robert (Bob) Hale. */
const NICKNAME = /(\p{Lu}[\p{L}\p{M}'’-]{1,30}) (?:"|“|'|‘|\()(\p{Lu}[\p{L}\p{M}'’-]{1,20})(?:"|”|'|’|\)) (\p{Lu}[\p{L}\p{M}'’-]{1,30})/gu;

/** A necessary part of every NICKNAME match (the nickname between its quotes, a space and a capital after it). */
const NICKNAME_GATE = / ["“'‘(]\p{Lu}[\p{L}\p{M}'’-]{1,20}["”'’)] \p{Lu}/u;

/**
 * Joins a name, its quoted nickname and the surname into one PERSON span when either side was
 * found as a name: the whole is one person's name, and two spans around an unflagged nickname
 * would cover too little of it.
 */
function joinQuotedNicknames(text: string, found: readonly Candidate[], cued: readonly Candidate[], out: Candidate[]): void {
  // Every match holds a space, an opening quote or bracket, a capital, ..., a closing one, a space and a
  // capital: this one-pass test (no capture groups) is cheaper than the full pattern, and most texts fail it.
  if (!NICKNAME_GATE.test(text)) return;
  let m: RegExpExecArray | null;
  NICKNAME.lastIndex = 0;
  while ((m = NICKNAME.exec(text)) !== null) {
    const s = m.index;
    const e = s + m[0].length;
    const e1 = s + m[1]!.length;
    const s3 = e - m[3]!.length;
    const covers = (c: Candidate) => (c.start <= s && c.end >= e1) || (c.start <= s3 && c.end >= e);
    if (found.some(covers) || cued.some(covers)) out.push({ type: 'PERSON', start: s, end: e, text: m[0], score: 0.96 });
    NICKNAME.lastIndex = s3;
  }
}

/** The lower-cased word after offset `e` (past one space), or ''. */
function nextWord(text: string, e: number): string {
  if (text[e] !== ' ') return '';
  const m = /^[\p{L}]+/u.exec(text.slice(e + 1, e + 25));
  return m === null ? '' : m[0].toLowerCase();
}
/** The lower-cased word before offset `k` (past one space), or ''. */
function prevWord(text: string, k: number): string {
  if (text[k - 1] !== ' ') return '';
  const m = /[\p{L}]+$/u.exec(text.slice(Math.max(0, k - 25), k - 1));
  return m === null ? '' : m[0].toLowerCase();
}

/**
 * Lower-case mentions of a name token already found ("Priyanka" in one line, "priyanka's cell" in
 * the next). Capitalised mentions are judged with their whole run by the document-level pass above
 * ("San" of a name must not split "San Diego"). Tokens that are also ordinary words are skipped.
 */
function markOtherMentions(text: string, found: ReadonlySet<string>, ordinary: (w: string) => boolean, out: Candidate[]): void {
  let lowerText: string | undefined;
  // "Ramón" found, "ramon" typed: the accent-free spelling counts too.
  const tokens = new Set(found);
  for (const w of found) if (/[^\x00-\x7f]/.test(w)) tokens.add(w.normalize('NFD').replace(/\p{M}/gu, ''));
  for (const w of tokens) {
    if (w.length < 3 || ordinary(w) || !/^[\p{L}'’-]+$/u.test(w)) continue;
    lowerText ??= text.toLowerCase();
    // toLowerCase keeps offsets only when no character changes length; skip the rare texts where it does.
    if (lowerText.length !== text.length) return;
    for (let k = lowerText.indexOf(w); k >= 0; k = lowerText.indexOf(w, k + w.length)) {
      const e = k + w.length;
      if (text[k] !== w[0]) continue;
      if (k > 0 && /[\p{L}\p{M}\d_@.-]/u.test(text[k - 1]!)) continue;
      if (e < text.length && /[\p{L}\p{M}\d_@]/u.test(text[e]!)) continue;
      // "ilug-admin@", "exmh-users": part of a compound or a mailbox name.
      if (text[e] === '-' && /[\p{L}\d]/u.test(text[e + 1] ?? '')) continue;
      // "anneke.b@..." or "priya.k": part of an address or handle, which other recognizers own.
      if (text[e] === '.' && /[\p{L}\d]/u.test(text[e + 1] ?? '')) continue;
      // A surname inside a firm's name ("Calloway & Dunn Solicitors", "Renwick Law", "SARL Boulangerie Moreau").
      if (ORG_TAIL.test(text.slice(e, e + 40)) || FIRM_AFTER.has(nextWord(text, e)) || ORG_WORDS.has(prevWord(text, k)) || prevWord(text, k) === 'the') continue;
      out.push({ type: 'PERSON', start: k, end: e, text: text.slice(k, e), score: 0.7 });
    }
  }
}

/**
 * Whether a table cell reads as a person's name by the name lists: one to four capitalised words
 * (or "Last, First"), at least one a known or big-list name, none an organisation word, and not
 * a town's name. Used to type CSV columns whose header does not say what they hold.
 */
export function looksLikePersonName(cell: string): boolean {
  const words = cell.split(/,? /).map((w) => w.replace(/\.$/, ''));
  if (words.length === 0 || words.length > 4) return false;
  const dict = dictionarySet();
  const places = placeSet();
  const firsts = firstNameSet();
  const weak = weakNameSet();
  if (places.has(foldName(cell.replace(/,/g, '').toLowerCase()))) return false;
  let named = 0;
  for (const w of words) {
    if (w.length === 0) return false;
    const l = foldName(w.toLowerCase());
    if (ORG_WORDS.has(l) || COMMON_WORDS.has(l)) return false;
    if (w.length === 1) continue; // an initial
    const isName = firsts.has(l) || SURNAMES.has(l) || (weak.has(l) && !dict.has(l) && !places.has(l)) ||
      l.split('-').every((p) => firsts.has(p) || SURNAMES.has(p) || weak.has(p));
    if (isName) named++;
  }
  return named > 0 && (words.length > 1 || !dict.has(foldName(words[0]!.toLowerCase())));
}
