/**
 * LOCATION: street addresses, in the forms they are written in across the US, UK/IE, CA, AU, IN
 * and continental Europe:
 *  - number first: "1427 Maple Grove Ave", "27 Wellington Road", "14 rue des Lilas", "3/14 Karve Road";
 *  - number after the street: "Hauptstraße 112", "Calle de Alcalá 48", "Rua Augusta 1021", "Am Sandtorkai 41",
 *    "ul. Marszałkowska 84", and, only before an unmistakable postcode, "Waalhaven Oostzijde 85";
 * followed by an optional unit ("Apt 4B", "3º B", "app. 804") and a locality tail: a US city/state/ZIP,
 * a UK/IE/CA alphanumeric postcode after the town, an AU state + postcode, an Indian PIN, a European
 * postcode before the town (DE/FR/ES/IT/NL/PL/SE/CZ/PT/RO forms), a Latin American district, city and
 * postcode, or (after a street-type word) a short chain of place names ending the line or clause.
 * A unit or house name written first ("Flat 4, ", "Unit 12, ", "3rd Floor, ", "Rose Cottage, ") joins
 * the address. US addresses typed without capitals are taken only with a full state-and-ZIP tail.
 *
 * Number-first forms are tried (sticky regex) only at digit runs that start a word and pass a cheap
 * shape check; number-after forms only where a street-type word or compound suffix occurs, or where a
 * house number is followed by an unmistakable postcode. Every repetition is bounded, so a candidate
 * costs a bounded number of steps whatever the input.
 */
import * as chars from './chars.js';
import type { ResolvedDetectOptions } from './detect.js';
import type { Candidate } from './types.js';

// Bound once, so hot loops call plain functions.
const { isDigit, isSpace, isWordChar } = chars;

const SUFFIX_EN =
  '(?:Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Way|Terrace|Ter|Place|Pl|Parkway|Pkwy|Highway|Hwy|' +
  'Circle|Cir|Trail|Trl|Square|Sq|Loop|Alley|Row|Crescent|Cres|Close|Plaza|Pike|Turnpike|Expressway|Run|Path|Walk|Commons|Green|' +
  'Gardens|Heights|Hts|Mews|Grove|Rise|Wharf|Quay|Parade|Pde|Embankment)';
/** Street types that are also common in other names ("Stanley Park United", "3 Hill"): only with a locality tail. */
const SUFFIX_WEAK = '(?:Park|Hill|Vale|View|Gate|Glen|Lawns?|Brae|Wynd|Chase|Croft|Meadows?|Trace|Crossing|Cove|Bend|Landing|Point|Ridge|Knoll|Hollow|Vista|Estates?)';
/** Lower-case words inside street names: Welsh "Heol y Coed", Irish "Bóthar na Trá", "Rue de la Paix". */
const STREET_PARTICLE = '(?:y|yr|na|an|de|la|du|des|van|der|den|of|upon)';
/** A building named between the street and the unit: "1 Market St, Spear Tower, Suite 3600". */
const BUILDING = "(?:, (?:\\p{Lu}[\\p{L}'’-]{1,24} ){1,2}(?:Tower|Building|House|Centre|Center|Chambers|Plaza))";
/** French/Québécois street types after the number ("14 rue des Lilas"). */
// (Also capitalised, "18 Rue des Carmes", as French addresses are often written; the particle after
// the type keeps this from matching English "12 Place Street".)
const TYPE_FR = '(?:rue|avenue|av\\.|boulevard|bd|place|allée|allee|chemin|impasse|quai|cours|route|square|passage|rang|montée|côte|cote|voie|Rue|Boulevard|Allée|Chemin|Impasse|Quai)';
/** Italian and French elided particles, written without a space before the name: "Via dell'Arca", "rue d'Alsace". */
const ELIDED = "(?:dell|dall|nell|sull|all|d|l)['’]";
const PARTICLE = "(?:de la|de l['’]|des|du|de|d['’]|la|le|les|l['’]|del|de los|de las|da|do|dos|das|di|della|dei|van|von|der)";
const DIRECTION = '(?:[NSEW]\\.?|N[EW]\\.?|S[EW]\\.?|North|South|East|West)';
// (A full stop only after a short abbreviation, "Dr.", "St.": "avenue Pasteur. Né à ..." ends at the full stop.)
const WORD = "\\p{Lu}(?:[\\p{L}'’-]{0,24}|\\p{L}{0,3}\\.)";
/** Numbered streets: "W 107th St", "5th Avenue". */
const ORDINAL = '\\d{1,3}(?:st|nd|rd|th)';
// A town: one to three capitalised words ("Kadıköy/İstanbul" joined by a slash), a dot only after the
// short abbreviations of place names ("St. Louis", so a sentence's full stop never joins the next word,
// "Heidelberg. Tel", to the town), and an optional postal district number ("Dublin 2", "Praha 3").
// ("Co. Cork": an Irish county; "Frankfurt am Main", "Newcastle upon Tyne": a lower-case joining word.)
const PLACE = "(?:(?:St|Ste|Ft|Mt|Pt|Co)\\. )?\\p{Lu}[\\p{L}'’-]{1,24}(?:/\\p{Lu}[\\p{L}'’-]{1,24})?(?: \\p{Lu}[\\p{L}'’-]{1,24}){0,2}" +
  "(?: (?:am|an der|in der|in|upon|sur|ob der|im|de|da|do|del|di) \\p{Lu}[\\p{L}'’-]{1,24})?(?: \\d{1,2}(?=[,.;]|\\r?\\n|$| \\())?";
/** A country closing an address: "..., 67000 Strasbourg, France". */
const COUNTRY = '(?:, (?:USA|U\\.S\\.A\\.|United States|Canada|UK|United Kingdom|England|Scotland|Wales|Northern Ireland|Ireland|Australia|New Zealand|' +
  'France|Belgium|Belgique|België|Germany|Deutschland|Netherlands|The Netherlands|Nederland|Luxembourg|Switzerland|Schweiz|Suisse|Austria|Österreich|' +
  'Spain|España|Portugal|Italy|Italia|Denmark|Danmark|Sweden|Sverige|Norway|Norge|Finland|Suomi|Poland|Polska|Czechia|Czech Republic|Greece|India|Mexico|México|Brazil|Brasil|' +
  // ISO codes as exports write them ("..., 4000 Liège, BE").
  'BE|DE|FR|NL|LU|AT|CH|IT|ES|PT|IE|GB|DK|SE|NO|FI|PL|CZ|US|CA|AU|NZ)(?![\\p{L}\\d]))?';
const HOUSE = '\\d{1,6}[A-Za-z]?(?: ?[/-] ?\\d{1,5}[A-Za-z]?)?(?: bis| ter)?';
/** After a number-after street: "118-2", "412-II", "217-bis", "24 bus 3" (Dutch/Belgian/French suffixes). */
// (A letter followed by a number is a Finnish stair and flat, "3 C 21", matched as a unit.)
const HOUSE_AFTER = '\\d{1,4}(?: ?(?:bis|ter)(?![\\p{L}])| ?[a-zA-Z](?![\\p{L}.]| \\d))?(?:(?:[-/]\\d{1,4}){1,2}|-(?:bis|ter|hs|[IVX]{1,4})(?![\\p{L}]))?';
const UNIT =
  // (Mobile-home lots and spaces, "Lot 22"; Spanish doors, "pta. 9"; and the same in capitals, as forms print them.)
  "(?:(?:Apt|Apartment|Suite|Ste|Unit|Room|Rm|Floor|Fl|Flat|Bldg|Building|Lot|Space|Spc|appartement|appt|app|bureau|piso|planta|puerta|pta|esc|bte|boîte|bus|" +
  "APT|APARTMENT|SUITE|STE|UNIT|RM|FL|FLAT|BLDG|LOT|SPACE)(?![a-zA-Z])|#)\\.? ?#?[A-Za-z0-9-]{1,6}" +
  // Danish floors and sides ("3. th.", "st. tv."), Italian floors ("piano 2°").
  "|(?:\\d{1,2}|st)\\. ?(?:th|tv|mf)\\.?(?![\\p{L}])|piano \\d{1,2}°?" +
  // German floors ("3. OG links", "EG rechts").
  '|(?:\\d{1,2}\\. ?)?(?:OG|DG|EG|UG|Etage|Stock)(?![\\p{L}])(?: (?:links|rechts|li\\.|re\\.|Mitte))?' +
  '|\\d{1,2}\\.?[º°ª] ?(?:[A-Z0-9]ª?(?![\\p{L}])|izquierda|derecha|izq(?:da)?\\.?|dcha\\.?|[Ee]sq(?:uerdo)?\\.?|[Dd]to\\.?|[Dd]ireito)?' +
  // Polish flats ("203 m. 15"), Italian "int. 4", Brazilian "apto 302", US "18th Floor", Swedish
  // flats ("lgh 1102"), Finnish stairs and flats ("B 14", "A 3").
  '|m\\. ?\\d{1,4}|int\\. ?\\d{1,4}|apto\\.? ?\\d{1,5}|\\d{1,2}(?:st|nd|rd|th) Floor|lgh\\.? (?:nr\\.? )?\\d{1,5}|[A-H] \\d{1,3}(?![\\d\\p{L}])' +
  // Catalan floors and doors ("5è 1a", "1r 2a", "2n"), Italian stairs ("scala B"), Danish floors ("1. sal").
  "|\\d{1,2}(?:r|n|t|è|er)(?: \\d{1,2}a)?(?![\\p{L}\\d])|scala [A-Z](?![\\p{L}])|\\d{1,2}\\. sal(?![\\p{L}])";
const STATES =
  '(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|PR|GU|VI|' +
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|' +
  'Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|' +
  'New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|' +
  'South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming)';
/** Alphanumeric postcodes: UK ("EC2N 4AG"), Irish Eircode ("T12 X8K2"), Canadian ("H3H 1G7"). */
const POSTCODE_ALNUM = '(?:[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|[A-Z]\\d{2} ?[A-Z0-9]{4}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d)';
const AU_STATES = '(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)';
/** Between street and locality: a comma, a line break, or both. */
// (Also the separators of one-line letter heads: "Kaiserstraße 88 · 60329 Frankfurt", "... | Leeds LS1 4AP";
// and address lines indented under a label.)
const SEP = '(?:, ?|,? ?\\r?\\n[ \\t]*| · | \\| )';
/** Canadian provinces and territories, before the postcode ("Toronto ON  M4W 3Y1"). */
const CA_PROVINCES = '(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)';

/** Locality tails, most specific first; named groups say which one matched. */
const TAIL =
  `(?<us>${SEP}${PLACE},? ${STATES}\\.?(?: \\d{5}(?:-\\d{4})?)?(?![\\p{L}\\d])${COUNTRY})` +
  // ("L-1741 Luxembourg", "D-60329": a country letter before the postcode; "48001 Bilbao (Bizkaia)": the province after the town.)
  `|(?<eu>${SEP}(?:[A-Z]{1,2}-)?(?:\\d{4,6}(?:-\\d{3})?|\\d{3} \\d{2}|\\d{2}-\\d{3})(?: [A-Z]{2})? ${PLACE}(?: \\(${PLACE}\\))?(?![\\p{L}\\d])${COUNTRY})` +
  `|(?<ca>${SEP}${PLACE},? ${CA_PROVINCES}\\.?,? {1,2}[A-Z]\\d[A-Z] ?\\d[A-Z]\\d(?![\\p{L}\\d])${COUNTRY})` +
  // (The postcode may have a line of its own: "19 Tannery Lane\nKendal\nLA9 4PX".)
  `|(?<alnum>(?:${SEP}${PLACE}){1,3}(?: \\(${PLACE}\\))?(?:,? |,? ?\\r?\\n[ \\t]*)${POSTCODE_ALNUM}(?![\\p{L}\\d])${COUNTRY})` +
  `|(?<au>${SEP}${PLACE},? ${AU_STATES} \\d{4}(?![\\p{L}\\d])${COUNTRY})` +
  `|(?<pin>(?:${SEP}${PLACE}){1,3},?(?: -)? \\d{6}(?![\\p{L}\\d]))` +
  // New Zealand: suburb and town, then a four-digit postcode ("..., Whangarei 0110").
  `|(?<nz>(?:${SEP}${PLACE}){1,2} \\d{4}(?![\\p{L}\\d])${COUNTRY})`;
/** Place names after a street-type word, ending the line or sentence: "..., Victoria Island, Lagos". */
const PLACE_CHAIN = `(?<chain>(?:, ${PLACE}){1,3})(?=[ \\t]*(?:\\r?\\n|$|[.;)](?:\\s|$))|, [a-z]| \\()`;

/** A pattern with its named groups made plain, for use inside a lookahead. */
function anon(re: string): string {
  return re.replace(/\(\?<[a-zA-Z]+>/g, '(?:');
}

const NUMBER_FIRST_RE = new RegExp(
  `${HOUSE}(?:,? (?:` +
    // English: optional direction, up to three words, a street-type word, optional trailing direction.
    // (Not when a weaker street type follows, "47 Grove Park": that is the form below.)
    // (The type ends its word: "Pkwy Ste 210" is the parkway and a suite, not a street called "Pkwy St".)
    `(?<en>(?:${DIRECTION} )?(?:(?:${WORD}|${ORDINAL}) (?:${STREET_PARTICLE} )?){0,3}${SUFFIX_EN}(?![\\p{L}])(?! ${SUFFIX_WEAK}(?![\\p{L}]))\\.?(?: (?:${DIRECTION}|Upper|Lower)(?![\\p{L}]))?${BUILDING}?)` +
    // Street types that are also words of other names ("Grove Park", "Stanley Park United"): only
    // where a locality follows.
    `|(?<weak>(?:(?:${WORD}) (?:${STREET_PARTICLE} )?){1,3}${SUFFIX_WEAK}(?: (?:${DIRECTION}|Upper|Lower)(?![\\p{L}]))?(?=(?:(?:,? |,? ?\\r?\\n[ \\t]*)(?:${UNIT}))?(?:${anon(TAIL)}|${anon(PLACE_CHAIN)})))` +

    // French: lower-case type, optional particle, one to four words.
    `|(?<fr>${TYPE_FR} (?:${PARTICLE} ?)?${WORD}(?: (?:${PARTICLE} )?${WORD}){0,3})` +
    // No street-type word ("18 Bishopsgate"): accepted only with a postcode or state tail.
    `|(?<bare>${WORD}(?: (?:${STREET_PARTICLE} )?${WORD}){0,2})` +
    `))(?:(?:,? |,? ?\\r?\\n[ \\t]*)(?:${UNIT}))?(?:${TAIL}|${PLACE_CHAIN})?`,
  'uy',
);

/**
 * US addresses typed without capitals ("230 w 107th st apt 5c, new york ny 10025"): only with the
 * full tail (city, two-letter state, ZIP), which is distinctive enough without case.
 */
const LOWER_US_RE = new RegExp(
  `${HOUSE} (?:(?:[nsew]\\.?|north|south|east|west) )?(?:(?:[a-z][a-z'-]{0,24}|${ORDINAL}) ){0,3}` +
    `(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|way|terrace|place|pl|parkway|pkwy|highway|hwy|circle|cir)\\.?` +
    `(?:,? (?:apt|apartment|suite|ste|unit|#)\\.? ?#?[a-z0-9-]{1,6})?,? [a-z][a-z'.-]{1,24}(?: [a-z][a-z'.-]{1,24}){0,2},? ${STATES} \\d{5}(?:-\\d{4})?(?![\\p{L}\\d])`,
  'iuy',
);

/** Type-first streets (ES/PT/IT/FR/BE) and DE/NL/Nordic compounds, each followed by the house number. */
const TYPE_FIRST =
  '(?:Calle|C\\/|Avenida|Avda\\.|Paseo|Plaza|Pza\\.|Carrer|Camino|Carretera|Ronda|Travesía|Rua|Travessa|Praça|Largo|Via|Viale|Piazza|' +
  'Corso|Vicolo|Rue|Avenue|Boulevard|Chemin|Allée|Quai|Straße|Strasse|ul\\.|al\\.|ulica|aleja|Am|An der|An den|Im|In der|Auf der|Auf dem|Zum|Zur|Unter den|' +
  // Catalan and Belgian.
  'Carrer|Passeig|Avinguda|Plaça|Chaussée|carrer|passeig|avinguda|plaça|' +
  // Polish housing estates ("os. Złotej Jesieni 8/21").
  'os\\.|' +
  'Strada|Bulevardul|Calea|Aleea|Șoseaua|Ulitsa|Odos|Av\\.|Jr\\.|Jirón|Carrera|Cra\\.|Cl\\.|' +
  // As Spanish, Portuguese and Italian deeds write them, in lower case ("con domicilio en calle Feria 74").
  'calle|avenida|avda\\.|paseo|plaza|rua|travessa|viale|piazza|corso)';
// (Nordic: Danish "-vej", "-boulevarden", "-torv", "-plads", "-stræde"; Norwegian "-vei(en)", "-gata"; Swedish "-gränd", "-torget".)
const COMPOUND = '(?:straße|strasse|str\\.|gasse|weg|allee|platz|ring|damm|ufer|chaussee|gade|gatan|vägen|veien|gata|straat|laan|gracht|kade|plein|lei|dreef|baan|singel|kaai|markt|dijk|schans|anlage|' +
  'vej|vejen|boulevarden|torv|torvet|plads|pladsen|stræde|vei|gaten|gränd|torget|' +
  // Finnish: "-katu", "-tie", "-kuja", "-polku".
  'katu|tie|kuja|polku)';
const NUMBER_AFTER_RE = new RegExp(
  `(?<![\\p{L}\\d])(?:(?<type>${TYPE_FIRST})(?: ${PARTICLE})? (?:${ELIDED})?${WORD}(?: (?:${PARTICLE} |${ELIDED})?${WORD}){0,5}|(?<compound>\\p{Lu}[\\p{Ll}ß]{1,30}${COMPOUND})|(?<adj>\\p{Lu}[\\p{Ll}]{1,20}er (?:Straße|Strasse|Str\\.|Weg|Allee|Platz|Ring|Damm))|(?<generic>${WORD}(?: ${WORD}){0,2}))` +
    `,? (?:n\\.?º ?|nº ?|no\\.? )?${HOUSE_AFTER}(?<units>(?:,? (?:${UNIT})){1,2})?` +
    `(?:(?<euTail>${SEP}(?:[A-Z]{1,2}-)?(?:\\d{4,6}(?:-\\d{3})?|\\d{3} \\d{2}|\\d{2}-\\d{3})(?: [A-Z]{2})? ${PLACE}(?: \\(${PLACE}\\))?(?![\\p{L}\\d])${COUNTRY})` +
    // Latin American order: district and city, then the postcode ("Av. Larco 1150, Miraflores, Lima 15074").
    `|(?<latTail>(?:, ?${PLACE}){1,2},? \\d{4,6}(?![\\p{L}\\d])))?`,
  'uy',
);
/** Where a number-after street can be: a type word starting a word, or a compound suffix before the number. */
const NUMBER_AFTER_TRIGGER = new RegExp(`\\b${TYPE_FIRST} |${COMPOUND}(?: \\p{Lu}[\\p{L}-]*)?,? (?:n\\.?º ?|nº ?|no\\.? )?\\d|er (?:Straße|Strasse|Str\\.|Weg|Allee|Platz|Ring|Damm) \\d`, 'gu');
/** After a house number: a postcode that can only be one ("3087 BM", "00-514", "116 23", five digits). */
const STRONG_POSTCODE_AHEAD = /,? ?\r?\n? ?(?:\d{5}|\d{4} [A-Z]{2} |\d{2}-\d{3} |\d{3} \d{2} |(?!19|20)\d{4} \p{Lu})/uy;
/** Words that open a compound street's name ("Van Woustraat", "Sint Jansstraat", "Nieuwe Binnenweg", "Alte Gasse"). */
// (Also a place adjective, "Seckenheimer Landstr. 190".)
const STREET_PREFIX = /(?<![\p{L}\d])(?:Van|De|Den|Der|Sint|Sankt|St\.|Nieuwe|Oude|Lange|Korte|Kleine|Grote|Große|Grosse|Alte|Neue|Hohe|Obere|Untere|Eerste|Tweede|Hoge|Lage|\p{Lu}\p{Ll}{2,20}er) $/u;
/** Only these type words (ES/PT/DE/PL/RO) are specific enough to stand without a postcode tail. */
const STRONG_TYPE = new Set(['Calle', 'Avenida', 'Avda.', 'Carrer', 'carrer', 'Passeig', 'Avinguda', 'Rua', 'Paseo', 'Travessa', 'Straße', 'Strasse', 'ul.', 'ulica', 'Strada', 'Calea']);

/** A unit written before the street number: "Flat 4, ", "Unit 12, ", "3rd Floor, ", "Suite 200 - ". */
// (Also a building after the unit, "Unit 4, Brookfield Works, 27 Mill Lane"; Edinburgh flat positions, "3F2, 12 Dalmeny
// Street"; and either on the line above the street: "Flat 3, Millbrook House\n19 Tannery Lane".)
const UNIT_BEFORE = /(?:^|[\s,(:"'])((?:(?:[Ff]lat|[Uu]nit|Apt\.?|Apartment|Suite|Ste\.?|Level|Shop|Floor|\d{1,2}(?:st|nd|rd|th) Floor) ?[A-Za-z0-9]{0,4}|\d[Ff]\d{1,2})(?:,? ?(?:[A-Z][a-z]{2,15} ){0,2}[A-Z][a-z]{2,15})?(?:, ?|,? ?\r?\n[ \t]*| )|(?:[A-Z][a-z]{2,15} )?(?:Cottage|House|Farm|Lodge|Barn|Manor|Villa|Grange|Farmhouse|Bungalow)(?:, ?|,? ?\r?\n[ \t]*))$/;

/** Trailing '.' is the sentence's unless it ends an abbreviation we matched ("St."). */
function trimEnd(text: string, s: number, e: number): number {
  while (e > s && (text[e - 1] === ' ' || text[e - 1] === ',')) e--;
  if (text[e - 1] === '.' && !/(?:St|Ave|Rd|Dr|Blvd|Ln|Ct|Pl|Av|Avda|Pza|str|bd|av)\.$/.test(text.slice(Math.max(s, e - 6), e))) e--;
  return e;
}

/** House number (optionally "3/14", "12B"), an optional comma, one space, then a letter. */
function mayStartStreet(text: string, i: number): boolean {
  const n = text.length;
  let k = i;
  while (k < n && k - i < 7 && isDigit(text.charCodeAt(k))) k++;
  let c = text.charCodeAt(k);
  // ("12 - 4480 Arbutus Pl": a unit, a spaced hyphen, the house number.)
  if (c === 32 && (text.charCodeAt(k + 1) === 45 || text.charCodeAt(k + 1) === 47) && text.charCodeAt(k + 2) === 32) {
    k += 2;
    c = text.charCodeAt(k);
  }
  if (c === 47 || c === 45 || (c === 32 && isDigit(text.charCodeAt(k + 1)))) {
    k++;
    while (k < n && k - i < 13 && isDigit(text.charCodeAt(k))) k++;
    c = text.charCodeAt(k);
  }
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) c = text.charCodeAt(++k);
  if (c === 44) c = text.charCodeAt(++k);
  if (c !== 32) return false;
  c = text.charCodeAt(k + 1);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

/** Cheap gate for LOWER_US_RE: a lower-case word after the number and a 5-digit ZIP later on the line. */
function lowerStreetAhead(text: string, i: number): boolean {
  let k = i;
  while (k < text.length && isDigit(text.charCodeAt(k))) k++;
  const c = text.charCodeAt(k + 1);
  if (text.charCodeAt(k) !== 32 || c < 97 || c > 122) return false;
  const limit = Math.min(text.length, k + 120);
  let run = 0;
  for (let j = k + 1; j < limit; j++) {
    const d = text.charCodeAt(j);
    if (d === 10) return false;
    run = isDigit(d) ? run + 1 : 0;
    if (run === 5) return true;
  }
  return false;
}

/**
 * Tries the number-after pattern from the word containing `at` (or up to two capitalised words
 * before it); pushes a LOCATION and returns its end, or returns -1.
 */
function numberAfterAt(text: string, at: number, out: Candidate[]): number {
  const n = text.length;
  let ws = at;
  // (Hyphenated names are one street: "Ringbaan-West", "Kurfürsten-Anlage".)
  while (ws > 0 && at - ws < 40 && (isWordChar(text.charCodeAt(ws - 1)) || (text.charCodeAt(ws - 1) === 45 && ws > 1 && isWordChar(text.charCodeAt(ws - 2))))) ws--;
  // The street name may have up to two more capitalised words before this one ("Waalhaven
  // Oostzijde 85"): try from the leftmost such word first.
  const starts = [ws];
  for (let k = 0, p = ws; k < 2; k++) {
    if (text.charCodeAt(p - 1) !== 32) break;
    let q = p - 1;
    while (q > 0 && p - q < 26 && isWordChar(text.charCodeAt(q - 1))) q--;
    if (q === p - 1 || !/\p{Lu}/u.test(text[q]!)) break;
    starts.unshift(q);
    p = q;
  }
  // A type word or compound found from this word decides; only a street without one ("generic")
  // reaches back over the capitalised words before it.
  NUMBER_AFTER_RE.lastIndex = ws;
  let m: RegExpExecArray | null = NUMBER_AFTER_RE.exec(text);
  if (m === null || m.groups!.generic !== undefined) {
    for (const st of starts) {
      if (st === ws) break;
      NUMBER_AFTER_RE.lastIndex = st;
      const wider = NUMBER_AFTER_RE.exec(text);
      if (wider !== null && wider.groups!.generic !== undefined) {
        m = wider;
        break;
      }
    }
  }
  if (m === null) return -1;
  const g = m.groups!;
  const strong = g.type !== undefined ? STRONG_TYPE.has(g.type) : true;
  const tail = g.euTail ?? g.latTail;
  // (A flat or floor after the house number also makes it an address: "Via dell'Arca 27, piano 2°".)
  if (tail === undefined && !strong && (g.units === undefined || g.type === undefined)) return -1;
  // A street without a type word stands only before an unmistakable postcode: five digits, Dutch
  // "3087 BM", Polish "00-514", Swedish "116 23", or four digits that cannot be a year
  // ("Chapter 3, 1984 Edition" is no address).
  if (g.generic !== undefined && !(g.euTail !== undefined && /^[,\s]*(?:\d{5}|\d{4}(?:-\d{3})? [A-Z]{2} |\d{2}-\d{3}|\d{3} \d{2}|(?!19|20)\d{4})(?!\d)/.test(g.euTail))) return -1;
  // Compound suffixes also end English words ("Spring 5"): those need the postcode tail.
  if (g.compound !== undefined && tail === undefined && !/(?:straße|strasse|str\.|gasse|allee|gatan|vägen|veien|gata|straat|gracht|steenweg|dreef|singel)$/.test(g.compound)) return -1;
  const e = trimEnd(text, m.index, m.index + m[0].length);
  if (e < n && isWordChar(text.charCodeAt(e))) return -1;
  // "Van Woustraat", "Nieuwe Binnenweg", "Alte Gasse": a prefix word before a compound is part of its name.
  let s = m.index;
  if (g.compound !== undefined || g.adj !== undefined) {
    const before = STREET_PREFIX.exec(text.slice(Math.max(0, s - 24), s));
    if (before !== null) s -= before[0].length;
  }
  out.push({ type: 'LOCATION', start: s, end: e, text: text.slice(s, e), score: tail !== undefined ? 0.9 : 0.75 });
  return e;
}

export function scanAddresses(text: string, _o: ResolvedDetectOptions, out: Candidate[]): void {
  const n = text.length;
  const firstOwn = out.length;
  const strongPostcodeHouses: number[] = [];
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isDigit(c) || (i > 0 && isWordChar(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    // A house number after a word and before an unmistakable postcode: a number-after street.
    if (i > 1 && text.charCodeAt(i - 1) === 32 && isWordChar(text.charCodeAt(i - 2))) {
      let k = i;
      while (k < n && k - i < 4 && isDigit(text.charCodeAt(k))) k++;
      if (k < n && /[a-zA-Z]/.test(text[k]!) && !isWordChar(text.charCodeAt(k + 1))) k++;
      // ("88-2, 1017 XS": a floor or flat after the house number.)
      if ((text.charCodeAt(k) === 45 || text.charCodeAt(k) === 47) && isDigit(text.charCodeAt(k + 1))) {
        k++;
        while (k < n && isDigit(text.charCodeAt(k))) k++;
      }
      // Cheap test first: a digit within the next three characters.
      if (!isDigit(text.charCodeAt(k)) && (isDigit(text.charCodeAt(k + 1)) || isDigit(text.charCodeAt(k + 2)) || isDigit(text.charCodeAt(k + 3)))) {
        STRONG_POSTCODE_AHEAD.lastIndex = k;
        if (STRONG_POSTCODE_AHEAD.test(text)) strongPostcodeHouses.push(i - 2);
      }
    }
    // A number joined to a code by a hyphen ("MAN-117 Piccadilly Gardens", a locker), or the minutes of a
    // time ("14:00 Dr Haldane phoned"), is no house number.
    if (i > 1 && ((text.charCodeAt(i - 1) === 45 && /[A-Za-z]/.test(text[i - 2]!)) || (text.charCodeAt(i - 1) === 58 && isDigit(text.charCodeAt(i - 2))))) {
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      continue;
    }
    // Cheap shape check before the full pattern: house number, optional ",", one space, a letter.
    if (!mayStartStreet(text, i)) {
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      continue;
    }
    NUMBER_FIRST_RE.lastIndex = i;
    const m = NUMBER_FIRST_RE.exec(text);
    if (m === null && lowerStreetAhead(text, i)) {
      LOWER_US_RE.lastIndex = i;
      const low = LOWER_US_RE.exec(text);
      if (low !== null) {
        const e = i + low[0].length;
        out.push({ type: 'LOCATION', start: i, end: e, text: text.slice(i, e), score: 0.85 });
        i = e;
        continue;
      }
    }
    if (m !== null && (m.groups!.en !== undefined || m.groups!.fr !== undefined || m.groups!.bare !== undefined || m.groups!.weak !== undefined)) {
      const g = m.groups!;
      // (The New Zealand tail, a town and four digits, only after a street-type word.)
      const tail = g.us ?? g.ca ?? g.eu ?? g.alnum ?? g.au ?? g.pin ?? (g.bare === undefined ? g.nz : undefined);
      const hasTail = tail !== undefined || g.chain !== undefined;
      // A street without a type word is too weak alone ("12 Angry Men"): it needs a postcode or a
      // city-and-state tail ("18 Bishopsgate, London EC2N 4AG", "1585 Broadway, New York, NY 10036").
      const ok = (g.bare === undefined || g.alnum !== undefined || g.us !== undefined || g.ca !== undefined || g.pin !== undefined) && (g.weak === undefined || tail !== undefined || g.chain !== undefined);
      let e = i + m[0].length;
      if (ok && !(e < n && isWordChar(text.charCodeAt(e)) && !hasTail)) {
        e = trimEnd(text, i, e);
        let s = i;
        const pre = UNIT_BEFORE.exec(text.slice(Math.max(0, i - 56), i));
        if (pre !== null) s = i - pre[1]!.length;
        const score = tail !== undefined ? 0.9 : g.chain !== undefined ? 0.8 : g.fr !== undefined ? 0.75 : 0.7;
        out.push({ type: 'LOCATION', start: s, end: e, text: text.slice(s, e), score });
        i = e;
        continue;
      }
    }
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }

  // Number-after streets: a cheap scan for a type word or a compound suffix before a number finds the
  // few places worth the full (sticky) pattern, tried from the start of that word.
  NUMBER_AFTER_TRIGGER.lastIndex = 0;
  let t: RegExpExecArray | null;
  while ((t = NUMBER_AFTER_TRIGGER.exec(text)) !== null) {
    const e = numberAfterAt(text, t.index, out);
    if (e > NUMBER_AFTER_TRIGGER.lastIndex) NUMBER_AFTER_TRIGGER.lastIndex = e;
  }
  // Streets without a type word ("Waalhaven Oostzijde 85, 3087 BM Rotterdam"), found from the
  // postcode side: the digit scan above noted house numbers followed by an unmistakable postcode.
  // (Not where a street was already found from its type word: "Mariahilfer Straße 45/12, 1060 Wien".)
  // (One sweep over both, in order: houses and found streets are many in a long text.)
  const own = out.slice(firstOwn).map((c) => [c.start, c.end] as const).sort((x, y) => x[0] - y[0]);
  let r = 0;
  let reach = -1;
  for (const h of strongPostcodeHouses) {
    while (r < own.length && own[r]![0] <= h) reach = Math.max(reach, own[r++]![1]);
    if (h < reach) continue;
    const before = out.length;
    numberAfterAt(text, h, out);
    for (let k = before; k < out.length; k++) if (out[k]!.start <= h) reach = Math.max(reach, out[k]!.end);
  }
  splitAtLineBreaks(text, out, firstOwn);
}

/**
 * An address written over several lines becomes one entity per line, as it is labelled (and as a
 * redaction keeps the layout): "22 Rowan Terrace\nWestbrook WB4 7QT" is two spans. Each part is
 * trimmed of the spaces and commas around it.
 */
function splitAtLineBreaks(text: string, out: Candidate[], from: number): void {
  const n = out.length;
  for (let k = from; k < n; k++) {
    const c = out[k]!;
    if (c.text.indexOf('\n') < 0) continue;
    let first = true;
    let s = c.start;
    while (s < c.end) {
      let e = text.indexOf('\n', s);
      if (e < 0 || e > c.end) e = c.end;
      let a = s;
      let b = e;
      while (a < b && (isSpace(text.charCodeAt(a)) || text.charCodeAt(a) === 44)) a++;
      while (b > a && (isSpace(text.charCodeAt(b - 1)) || text.charCodeAt(b - 1) === 44)) b--;
      if (b > a) {
        const part = { type: c.type, start: a, end: b, text: text.slice(a, b), score: c.score };
        if (first) out[k] = part;
        else out.push(part);
        first = false;
      }
      s = e + 1;
    }
  }
}
