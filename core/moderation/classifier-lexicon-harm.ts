/**
 * Violence and hate terms of the built-in classifier (format: classifier-terms.ts). Violence
 * is read as threats and offers of harm, not as vocabulary: a first-person future ("I will",
 * "I'm going to") beside an act of harm against people, weapons brought somewhere, harm for
 * hire. Hate is read as a group named beside a dehumanising or excluding claim about it.
 */
import { type LexiconTerm, terms } from "./classifier-terms";

const FUTURE =
  "(?:i will|i'll|i am going to|i'm going to|i'm gonna|i am gonna|we will|we're going to|i shall|going to|gonna)";
const PERSON =
  "(?:you|him|her|them|everyone|everybody|people|anyone|any target|every one of you|all of you|y'all)";
const TARGET_PLACE =
  "(?:the |a |this )?(?:crowd|school|campus|university|office|depot|church|mosque|synagogue|temple|building|mall|concert|clinic|station)";
const HARM = `(?:(?:kill|murder|shoot|stab|hurt|beat|strangle|slaughter|behead|torture|execute) ${PERSON}|make (?:every one of )?(?:you|them) pay|burn (?:his|her|your|their|the) (?:house|home|office|car|shop)|(?:shoot|blow) up ${TARGET_PLACE}|put a bullet in)`;
const WEAPON = "(?:a gun|guns|a rifle|a shotgun|a knife|a machete|a bomb|bombs|explosives|an ak)";

export const VIOLENCE: LexiconTerm[] = terms([
  [FUTURE, 3.5, "s", HARM],
  [FUTURE, 3, "s", `(?:with|bring|bringing) ${WEAPON}`],
  [
    `(?:kill|murder|stab|behead) (?:you|all of you|every one of you|everyone|everybody|them all|all of them)`,
    2.5,
    "s",
  ],
  [`(?:shoot|blow) up ${TARGET_PLACE}`, 3.5, "s"],
  ["i know where (?:you|he|she|they) lives?", 2.5, "s"],
  [
    "(?:end up|ends up|leave|leaves|put (?:him|her|you|them)) in a body bag|put a bullet in",
    3.5,
    "s",
  ],
  [
    "make (?:anyone|anybody|someone|people|him|her|them|your problems?) disappear (?:permanently|for good|forever)",
    3,
    "s",
  ],
  ["slit (?:your|their|his|her) throats?", 3.5, "s"],
  [
    "break (?:your |his |her |their |people's )?legs|smash (?:their |your )?kneecaps|beat (?:people|them|you) (?:up )?until",
    3,
    "s",
  ],
  [
    "hitman|hit man|contract killer|murder for hire|kill(?:ing)? for (?:money|hire|cash)",
    2.5,
    "sc",
  ],
  ["(?:build|make|making|building) (?:pipe |nail )?bombs|pipe bombs?|bomb-making", 2.5, "sc"],
  ["did nothing wrong", 3, "s", "(?:shooter|gunman|bomber|killer|hitler|breivik|tarrant)"],
  ["kill (?:the )?(?:invaders|infidels|kafirs|traitors)", 3, "s"],
  [
    "tortur(?:e|ed|es|ing)",
    3,
    "sc",
    "(?:cats?|dogs?|animals|kittens|puppies|pets)",
    "(?:rescu\\w*|saved|protect\\w*|prevent\\w*|investigat\\w*|prosecut\\w*|welfare|cruelty|shelter|rspca|aspca|vets?|veterinar\\w*)",
  ],
  ["executed (?:the )?(?:prisoners|hostages|civilians)", 2.5, "s"],
  ["behead(?:ed|ing)?|massacres?|mass shootings?|genocide", 1.2, "sc"],
  [
    "kill(?:s|ed|ing)?|murder(?:s|ed)?|stab(?:bed|bing)?|assault(?:ed)?|bombs?|explosives?",
    0.5,
    "c",
  ],
  ["shoot(?:ing|s)?|attacks?|weapons?|guns?|blood(?:y|shed)?|torture[ds]?|rape[ds]?", 0.3, "c"],
]);

const GROUP =
  "(?:immigrants?|migrants?|refugees?|foreigners|asylum seekers|muslims?|jews?|jewish people|christians|blacks|black (?:people|men|women|employees|staff)|whites|asians|arabs?|mexicans|latinos|africans|gays?|gay (?:people|men)|lesbians|homosexuals|trans (?:people|women|men|patients|kids|staff)|transgender (?:people|patients)|women|females|girls|feminists|hindus|sikhs|roma|gypsies|non-whites|chinese|indians|pakistanis|nigerians|poles|romanians|(?:disabled|handicapped|fat|autistic|old) people|the disabled|people from \\w+)";
const DEHUMANISING =
  "(?:vermin|parasites?|sub-?humans?|degenerates?|freaks|cockroaches|savages|mongrels|filth|filthy|scum|whores|sluts)";
/** Claims about a whole group need the copula: "Asians are lazy", not "lazy code reviews". */
const INFERIORITY =
  "(?:are|is|were) (?:all |just |so |genetically |naturally |simply )?(?:inferior|less intelligent|too stupid|terrorists|animals|disgusting|mentally ill|lazy|dishonest|a burden|dirty)";
const EXCLUSION =
  "(?:(?:should|must) (?:go back|not be allowed)|go back where (?:they|you) came from|(?:should|must) (?:all )?be (?:banned|deported|driven out|kept out|kept away|removed|exterminated|gassed|sterilised|sterilized|locked up)|refuse to (?:hire|manage|serve|treat|work with)|never trust|free of)";
/** Counter-speech quotes what it opposes; these words around a claim mark it as opposed. */
const COUNTER_SPEECH =
  "(?:myths?|stereotypes?|notion|misconceptions?|prejudices?|challeng\\w*|fought|fight(?:ing)?|combat\\w*|debunk\\w*|against|counter\\w*|racism|sexism|homophobia|bigotry|discriminat\\w*|hate speech|extremis\\w*|researched|documented|moderated|reported)";

export const HATE: LexiconTerm[] = terms([
  ["nigger|kike|wetback|raghead|towelhead|faggots?", 4, "s"],
  [GROUP, 3.5, "sc", DEHUMANISING, COUNTER_SPEECH],
  [GROUP, 2.5, "sc", INFERIORITY, COUNTER_SPEECH],
  [GROUP, 3, "sc", EXCLUSION, COUNTER_SPEECH],
  [
    `(?:don't|do not|won't|will not|never|refuse to) (?:hire|rent to|serve|employ|manage|work with) (?:any |those )?${GROUP}`,
    3,
    "sc",
  ],
  ["belong in the kitchen", 2.5, "s"],
  ["go back to (?:your|their) (?:own )?country|go back where (?:they|you) came from", 2.5, "s"],
  ["gas the (?:jews|gays)", 4, "s"],
  ["(?:jews|zionists) control", 3, "sc"],
  [
    "racial purity|race mixing|white race|master race|race traitors?|white genocide|non-whites",
    2.5,
    "sc",
  ],
  ["aryan (?:brotherhood|nations|race)|14/88|heil hitler|sieg heil|white power", 3, "sc"],
  ["sub-?humans?|inferior races?", 2.5, "sc"],
  ["ethnic cleansing", 1, "sc"],
  ["vermin|parasites|nazis?", 0.4, "c"],
]);
