/**
 * A resume's language and what follows from it (README "Layout, headings and language"):
 * the writing direction, the default section headings, and how dates read. Month names come
 * from the platform's `Intl` (the same CLDR data in workerd and every browser); headings and
 * the word for an ongoing role come from the table below, one row per language we offer.
 */
import {
  type HeadingKey,
  isLanguageTag,
  type ResumeData,
  TEXT_DIRECTIONS,
  type TextDirection,
} from "./schema";

export interface LanguageText {
  /** The language's own name, for the editor's picker. */
  name: string;
  headings: Record<HeadingKey, string>;
  /** The end of a range that has not ended: "Jun 2020 – Present". */
  present: string;
}

export const HEADING_LANGUAGES = {
  en: {
    name: "English",
    present: "Present",
    headings: {
      work: "Experience",
      volunteer: "Volunteering",
      education: "Education",
      awards: "Awards",
      certificates: "Certificates",
      publications: "Publications",
      skills: "Skills",
      languages: "Languages",
      interests: "Interests",
      references: "References",
      projects: "Projects",
      summary: "Profile",
      contact: "Contact",
    },
  },
  de: {
    name: "Deutsch",
    present: "heute",
    headings: {
      work: "Berufserfahrung",
      volunteer: "Ehrenamt",
      education: "Ausbildung",
      awards: "Auszeichnungen",
      certificates: "Zertifikate",
      publications: "Publikationen",
      skills: "Kenntnisse",
      languages: "Sprachen",
      interests: "Interessen",
      references: "Referenzen",
      projects: "Projekte",
      summary: "Profil",
      contact: "Kontakt",
    },
  },
  fr: {
    name: "Français",
    present: "aujourd’hui",
    headings: {
      work: "Expérience professionnelle",
      volunteer: "Bénévolat",
      education: "Formation",
      awards: "Distinctions",
      certificates: "Certifications",
      publications: "Publications",
      skills: "Compétences",
      languages: "Langues",
      interests: "Centres d’intérêt",
      references: "Références",
      projects: "Projets",
      summary: "Profil",
      contact: "Contact",
    },
  },
  es: {
    name: "Español",
    present: "actualidad",
    headings: {
      work: "Experiencia",
      volunteer: "Voluntariado",
      education: "Formación",
      awards: "Premios",
      certificates: "Certificados",
      publications: "Publicaciones",
      skills: "Habilidades",
      languages: "Idiomas",
      interests: "Intereses",
      references: "Referencias",
      projects: "Proyectos",
      summary: "Perfil",
      contact: "Contacto",
    },
  },
  pt: {
    name: "Português",
    present: "atual",
    headings: {
      work: "Experiência",
      volunteer: "Voluntariado",
      education: "Formação",
      awards: "Prêmios",
      certificates: "Certificados",
      publications: "Publicações",
      skills: "Competências",
      languages: "Idiomas",
      interests: "Interesses",
      references: "Referências",
      projects: "Projetos",
      summary: "Perfil",
      contact: "Contato",
    },
  },
  ar: {
    name: "العربية",
    present: "حتى الآن",
    headings: {
      work: "الخبرة المهنية",
      volunteer: "العمل التطوعي",
      education: "التعليم",
      awards: "الجوائز",
      certificates: "الشهادات",
      publications: "المنشورات",
      skills: "المهارات",
      languages: "اللغات",
      interests: "الاهتمامات",
      references: "المراجع",
      projects: "المشاريع",
      summary: "الملف الشخصي",
      contact: "معلومات الاتصال",
    },
  },
} as const satisfies Record<string, LanguageText>;

export type HeadingLanguage = keyof typeof HEADING_LANGUAGES;

/** Scripts written right to left (ISO 15924), for languages whose likely script is one. */
const RTL_SCRIPTS = new Set([
  "Arab",
  "Hebr",
  "Thaa",
  "Syrc",
  "Nkoo",
  "Adlm",
  "Rohg",
  "Mand",
  "Samr",
]);

/** The document's language tag: its own when valid, else "en". */
export function documentLanguage(data: ResumeData): string {
  const tag = data.meta?.language;
  return isLanguageTag(tag) ? tag.trim() : "en";
}

/** The language's direction: from its script, or the likely script CLDR gives it ("fa" → Arab). */
export function languageDirection(tag: string): TextDirection {
  try {
    const script = new Intl.Locale(tag).maximize().script;
    return script && RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
  } catch {
    return "ltr";
  }
}

/** The document's direction: the person's choice, else its language's. */
export function documentDirection(data: ResumeData, lang = documentLanguage(data)): TextDirection {
  const chosen = data.meta?.direction;
  return TEXT_DIRECTIONS.includes(chosen as TextDirection)
    ? (chosen as TextDirection)
    : languageDirection(lang);
}

/** The row of the table for a tag ("pt-BR" → pt); English for languages without one. */
export function headingLanguage(tag: string): HeadingLanguage {
  const primary = tag.split("-")[0]?.toLowerCase() ?? "";
  return primary in HEADING_LANGUAGES ? (primary as HeadingLanguage) : "en";
}

/** A heading's default in the document's language (English for languages without a row). */
export function defaultHeading(key: HeadingKey, tag: string): string {
  return HEADING_LANGUAGES[headingLanguage(tag)].headings[key];
}

/** The word for an ongoing range's end in the document's language. */
export const presentWord = (tag: string): string => HEADING_LANGUAGES[headingLanguage(tag)].present;

const formatters = new Map<string, { month: Intl.DateTimeFormat; year: Intl.DateTimeFormat }>();

/** Month-and-year and year-only formatters for a tag, made once per tag. */
export function dateFormatters(tag: string) {
  let cached = formatters.get(tag);
  if (!cached) {
    const locale = isLanguageTag(tag) ? tag : "en";
    cached = {
      month: new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }),
      year: new Intl.DateTimeFormat(locale, { year: "numeric", timeZone: "UTC" }),
    };
    // Tags are bounded but many; an isolate keeps a few dozen at most.
    if (formatters.size >= 32) formatters.clear();
    formatters.set(tag, cached);
  }
  return cached;
}
