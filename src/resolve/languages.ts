import path from "node:path";
import { isAlias, isMap, isScalar, type Document, type Node, type Pair, type Scalar } from "yaml";
import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import { placeName, type Kind } from "../diagnostics/words.js";
import type { LoadedContent } from "../load/load.js";
import type { YamlFile } from "../load/yaml-file.js";
import { nodeAt, placeAt } from "../load/yaml-path.js";
import { type Fields, isFields, list, text } from "../util/guards.js";
import { closest } from "../util/suggest.js";
import { languageName } from "../render/i18n.js";

// One source, several languages (site.yaml's `lang` and `translations`). Every text a reader reads may be written per
// language ({ de: "…", en: "…" }), and a prose file x.md has its translations beside it (x.en.md). The content is
// resolved once per language into the ordinary single-language model: `inLanguage` gives each language a view of the
// loaded files in which every such text is that language's value (its YAML node, at its own line and column) and
// every prose file that language's file, so every later stage works, and reports, per language unchanged.

/** The languages of a site: the one it is written in (`lang`) and those it is translated into, in their order. */
export interface Languages {
  main: string;
  translations: readonly string[];
}

/** A BCP 47 language code as the schemas accept it (de, en, fr-CH). */
export const languagePattern = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** Every language of a site, its own first. */
export function allLanguages(languages: Languages): string[] {
  return [languages.main, ...languages.translations];
}

/**
 * The languages site.yaml declares; reports a translation that is the site's own language or, but for the case, the
 * same as another (both would be built into one folder on some systems). Values the schema rejects are left out.
 */
export function siteLanguages(content: LoadedContent, diagnostics?: Diagnostics): Languages {
  const file = content.site;
  const value: Fields = isFields(file?.value) ? file.value : {};
  const written = text(value.lang);
  const main = written === undefined ? "en" : canonicalLanguage(written, ["lang"], file, diagnostics);
  const translations: string[] = [];
  const version = text(value.version);
  list(value.translations).forEach((raw, i) => {
    if (typeof raw !== "string" || !languagePattern.test(raw)) return;
    const entry = canonicalLanguage(raw, ["translations", i], file, diagnostics);
    const at = () => placeAt(file as YamlFile, ["translations", i]);
    if (entry.toLowerCase() === main.toLowerCase()) diagnostics?.add(say["translation-language"].sameAsMain({ lang: entry }), at());
    else if (translations.some((t) => t.toLowerCase() === entry.toLowerCase())) {
      // The very same code twice is the schema's to report (uniqueItems).
      if (!translations.includes(entry)) diagnostics?.add(say["invalid-value"].repeated({ field: "translations", where: "site.yaml", entry }), at());
    } else translations.push(entry);
  });
  // Each translation's annexes are in a folder named by its language, next to the folders of the versions.
  if (version !== undefined && translations.some((t) => t.toLowerCase() === version.toLowerCase()))
    diagnostics?.add(say["invalid-value"].versionIsLanguage({ version }), placeAt(file as YamlFile, ["version"]));
  return { main, translations };
}

// A language code as BCP 47 writes it (en, en-GB, sr-Latn-RS): one that differs only in case is reported (it would
// name the folder of its annexes, EN/) and read as written correctly; a language toms has no words of its own for is
// reported with what its annexes will say in English.
function canonicalLanguage(code: string, pointer: (string | number)[], file: YamlFile | undefined, diagnostics?: Diagnostics): string {
  if (!languagePattern.test(code) || !file) return code;
  let canonical = code;
  try {
    canonical = Intl.getCanonicalLocales(code)[0] ?? code;
  } catch {
    // Not a well-formed tag for the platform: as written.
  }
  // Only a difference of case: the platform also replaces old codes (iw → he), which is not for toms to decide.
  if (canonical.toLowerCase() !== code.toLowerCase()) canonical = code;
  if (canonical !== code) diagnostics?.add(say["invalid-value"].languageCase({ value: code, canonical }), placeAt(file, pointer));
  const primary = canonical.toLowerCase().split("-")[0] ?? "";
  if (!ownWords.includes(primary)) {
    let name: string | undefined;
    try {
      name = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" }).of(canonical);
    } catch {
      name = undefined;
    }
    diagnostics?.add(say["lang-words"].noWords({ lang: canonical, ...(name !== undefined && { name }) }), placeAt(file, pointer));
  }
  return canonical;
}

/** The languages toms has words of its own in (src/render/i18n.ts). */
const ownWords = ["de", "en", "fr"];

/** How a field may be written per language. */
type SlotKind =
  /** A text a reader reads: in a translated site, one per language. */
  | "text"
  /** A name (organisation, operator, certification): the same in every language, or one per language. */
  | "name"
  /** The path of a prose file, whose translations lie beside it. */
  | "file"
  /** location_label: a word or { one, other }, either per language. */
  | "label"
  /** A measure's not_applicable: a reason, or a reason per location; each reason per language. */
  | "reasons";

/** A field of a content file that may be written per language, and what a reader knows it by. */
interface Slot {
  file: YamlFile;
  kind: Kind;
  pointer: (string | number)[];
  type: SlotKind;
  /** The same text on every side of a diff: e.g. "groups.vertraulichkeit.title", "measures.passwort.text". */
  key: string;
}

// Every field of the content that may be written per language, where it is written.
function slots(content: LoadedContent): Slot[] {
  const out: Slot[] = [];
  const site = content.site;
  if (site && isFields(site.value)) {
    const value = site.value;
    const add = (pointer: (string | number)[], type: SlotKind, key: string) => {
      if (valueAt(value, pointer) !== undefined) out.push({ file: site, kind: "site", pointer, type, key });
    };
    add(["title"], "text", "title");
    add(["subtitle"], "text", "subtitle");
    add(["measures_title"], "text", "measures_title");
    add(["preamble"], "file", "preamble");
    add(["location_label"], "label", "location_label");
    add(["organisation", "name"], "name", "organisation.name");
    list(value.groups).forEach((group, i) => {
      if (!isFields(group)) return;
      const id = text(group.id) ?? String(i + 1);
      add(["groups", i, "title"], "text", `groups.${id}.title`);
      add(["groups", i, "intro"], "text", `groups.${id}.intro`);
      add(["groups", i, "intro_file"], "file", `groups.${id}.intro`);
    });
    list(value.locations).forEach((location, i) => {
      if (!isFields(location)) return;
      const id = text(location.id) ?? String(i + 1);
      add(["locations", i, "name"], "text", `locations.${id}.name`);
      add(["locations", i, "operator"], "name", `locations.${id}.operator`);
      add(["locations", i, "description"], "text", `locations.${id}.description`);
      list(location.certifications).forEach((certification, j) => {
        if (isFields(certification)) add(["locations", i, "certifications", j, "name"], "name", `locations.${id}.certifications.${j + 1}`);
      });
    });
    list(value.changes).forEach((change, i) => {
      if (isFields(change)) add(["changes", i, "summary"], "text", `changes.${String(change.version ?? i + 1)}`);
    });
    list(value.not_applicable).forEach((entry, i) => {
      if (isFields(entry)) add(["not_applicable", i, "reason"], "text", `not_applicable.${String(entry.control ?? i + 1)}`);
    });
  }
  for (const file of content.sections) {
    if (!isFields(file.value)) continue;
    const value = file.value;
    const add = (pointer: (string | number)[], type: SlotKind, key: string) => {
      if (valueAt(value, pointer) !== undefined) out.push({ file, kind: "section", pointer, type, key });
    };
    const id = text(value.id) ?? path.relative(content.root, file.path);
    add(["title"], "text", `sections.${id}.title`);
    add(["intro"], "text", `sections.${id}.intro`);
    add(["intro_file"], "file", `sections.${id}.intro`);
    list(value.measures).forEach((measure, i) => {
      if (!isFields(measure)) return;
      const mid = text(measure.id) ?? `${id}.${i + 1}`;
      add(["measures", i, "title"], "text", `measures.${mid}.title`);
      add(["measures", i, "text"], "text", `measures.${mid}.text`);
      add(["measures", i, "file"], "file", `measures.${mid}.text`);
      add(["measures", i, "not_applicable"], "reasons", `measures.${mid}.not_applicable`);
    });
  }
  return out;
}

/**
 * The translation check: in a translated site every text a reader reads is written in every language, and every
 * prose file has its translation beside it (`translation-missing`); texts are written only in the languages the
 * site declares, and a site of one language has none per language (`translation-language`).
 */
export function checkTranslations(content: LoadedContent, languages: Languages, diagnostics: Diagnostics): void {
  const all = allLanguages(languages);
  const translated = languages.translations.length > 0;
  for (const slot of slots(content)) {
    const value = valueAt(slot.file.value, slot.pointer);
    const slotField = String(slot.pointer.filter((t) => typeof t === "string").at(-1));
    const where = placeName(slot.kind, slot.pointer.map(String), slot.file.value);
    // A text at `pointer`: written once or per language; `required`: every language needs its own.
    const checkText = (value: unknown, pointer: (string | number)[], required: boolean) => {
      // A reason per location is named with its location: "not_applicable.berlin".
      const field = pointer.length > slot.pointer.length ? `${slotField}.${String(pointer.at(-1))}` : slotField;
      if (typeof value === "string") {
        if (translated && required) diagnostics.add(say["translation-missing"].oneLanguage({ field, where, languages: all }), placeAt(slot.file, pointer));
        return;
      }
      if (!isFields(value)) return;
      const keys = Object.keys(value);
      // An empty set of fields is the schema's to report ("must not be empty").
      if (keys.length === 0) return;
      if (!translated) {
        // Not a text per language at all (a misplaced set of fields): what the schema would have said of it.
        const perLanguage = keys.length > 0 && keys.every((k) => languagePattern.test(k));
        const said = perLanguage
          ? say["translation-language"].single({ field, where, lang: languages.main })
          : say["wrong-type"].field({ field, where, listEntry: false, expected: "string", value });
        diagnostics.add(said, placeAt(slot.file, pointer));
        return;
      }
      for (const key of keys.filter((k) => !all.includes(k))) {
        const suggestion = all.find((l) => l.toLowerCase() === key.toLowerCase()) ?? closest(key, all);
        diagnostics.add(say["translation-language"].unknown({ key, languages: all, suggestion }), placeAt(slot.file, [...pointer, key], "key"));
      }
      if (required)
        sameAsOriginal(
          value,
          languages,
          (lang) => placeAt(slot.file, [...pointer, lang]),
          (lang) => say["translation-same"].same({ field, where, ...named(lang, languages.main) }),
          diagnostics,
        );
      const missing = all.filter((l) => !keys.includes(l));
      const written = all.filter((l) => keys.includes(l));
      if (missing.length > 0 && written.length > 0)
        diagnostics.add(say["translation-missing"].missing({ field, where, missing, written }), placeAt(slot.file, pointer));
      else if (written.length === 0) diagnostics.add(say["translation-missing"].missing({ field, where, missing, written: keys }), placeAt(slot.file, pointer));
    };
    switch (slot.type) {
      case "text":
      case "name":
        checkText(value, slot.pointer, slot.type === "text");
        break;
      case "label":
        checkText(isPlural(value) ? "" : value, slot.pointer, true);
        break;
      case "reasons":
        if (isFields(value) && !(translated && isLanguageMap(value, all))) {
          // Per location: each reason a text of its own.
          for (const [location, reason] of Object.entries(value)) checkText(reason, [...slot.pointer, location], true);
        } else checkText(value, slot.pointer, true);
        break;
      case "file":
        if (translated && typeof value === "string") checkProseFile(content, slot, value, languages, diagnostics);
        break;
    }
  }
}

// Every translation of a prose file lies beside it (only for a file that is there: a missing one is file-ref's).
function checkProseFile(content: LoadedContent, slot: Slot, written: string, languages: Languages, diagnostics: Diagnostics): void {
  const dir = path.dirname(slot.file.path);
  if (path.isAbsolute(written) || !content.files.includes(path.resolve(dir, written))) return;
  const original = content.reader.read(path.resolve(dir, written));
  for (const language of languages.translations) {
    const translation = translatedPath(written, languages.main, language);
    const target = path.resolve(dir, translation);
    if (!content.files.includes(target)) {
      // backup.EN.md for backup.en.md: named for the right language, in another letter case.
      const other = content.files.find((file) => file.toLowerCase() === target.toLowerCase());
      const found = other === undefined ? undefined : path.posix.join(path.posix.dirname(translation), path.basename(other));
      diagnostics.add(
        found === undefined
          ? say["translation-missing"].file({ path: written, language, translation })
          : say["translation-missing"].fileCase({ path: written, language, translation, found }),
        placeAt(slot.file, slot.pointer),
      );
    } else if (original !== undefined && original === content.reader.read(target) && wordy(original))
      diagnostics.add(
        say["translation-same"].file({ path: written, translation, ...named(language, languages.main) }),
        { file: target, line: 1, column: 1 },
        "warning",
      );
  }
}

/**
 * translation-same: a translation that is, byte for byte, the text of the site's own language (copied, never
 * translated); reported at the translation's value. Short texts that are the same in every language are left alone.
 */
function sameAsOriginal(
  value: Fields,
  languages: Languages,
  at: (lang: string) => Place,
  message: (lang: string) => Parameters<Diagnostics["add"]>[0],
  diagnostics: Diagnostics,
): void {
  const original = value[languages.main];
  if (typeof original !== "string" || !wordy(original)) return;
  for (const lang of languages.translations) if (value[lang] === original) diagnostics.add(message(lang), at(lang), "warning");
}

/**
 * Whether a text is prose that a translation would change: at least three words, one of them a word of four letters
 * or more. Names, codes and numbers are the same in every language: "ISO/IEC 27001", "AWS Frankfurt", "99,9 %".
 */
export function wordy(text: string): boolean {
  const words = text.split(/[\s/]+/u).filter((w) => /\p{L}/u.test(w));
  return words.length >= 3 && /\p{L}{4,}/u.test(text);
}

// The languages of a translation-same message in the words of the message (English): "The English text … the German one".
function named(language: string, original: string): { language: string; original: string } {
  const name = (code: string) => {
    const n = languageName(code, "en");
    return n.charAt(0).toUpperCase() + n.slice(1);
  };
  return { language: name(language), original: name(original) };
}

/**
 * Where the translation of a prose file lies: beside it, the language before the extension (`prose/backup.md` →
 * `prose/backup.en.md`); a file named with the site's own language (`backup.de.md`) has `backup.en.md`.
 */
export function translatedPath(written: string, main: string, language: string): string {
  const extension = path.posix.extname(written);
  const stem = extension === "" ? written : written.slice(0, -extension.length);
  const base = stem.endsWith(`.${main}`) ? stem.slice(0, -main.length - 1) : stem;
  return `${base}.${language}${extension}`;
}

/**
 * The content as one language reads it: each text written per language is that language's (its own YAML node, so
 * every problem found in it is reported at its line), each prose file that language's translation. The files of a
 * site written in one language are returned as they are.
 */
export function inLanguage(content: LoadedContent, language: string, languages: Languages): LoadedContent {
  const all = allLanguages(languages);
  const translated = languages.translations.length > 0;
  const edits = new Map<YamlFile, Edit[]>();
  const edit = (file: YamlFile, change: Edit) => edits.set(file, [...(edits.get(file) ?? []), change]);
  for (const slot of slots(content)) {
    const value = valueAt(slot.file.value, slot.pointer);
    const pick = (value: unknown, pointer: (string | number)[]) => {
      if (isFields(value) && !isPlural(value) && Object.hasOwn(value, language)) edit(slot.file, { pointer, language });
    };
    if (slot.type === "file") {
      if (language === languages.main || typeof value !== "string") continue;
      const translation = translatedPath(value, languages.main, language);
      // A translation that is missing has its error; the text stays the original's until it is written.
      if (content.files.includes(path.resolve(path.dirname(slot.file.path), translation))) edit(slot.file, { pointer: slot.pointer, path: translation });
    } else if (slot.type === "reasons" && isFields(value) && !(translated && isLanguageMap(value, all))) {
      for (const [location, reason] of Object.entries(value)) pick(reason, [...slot.pointer, location]);
    } else pick(value, slot.pointer);
  }
  if (edits.size === 0) return content;
  const view = (file: YamlFile | undefined) => (file && edits.has(file) ? viewOf(file, edits.get(file) as Edit[]) : file);
  return { ...content, site: view(content.site), sections: content.sections.map((f) => view(f) as YamlFile) };
}

/** One change of a file's view: a text per language becomes one language's, or a prose file's path its translation's. */
type Edit = { pointer: (string | number)[]; language: string } | { pointer: (string | number)[]; path: string };

// A copy of the file (syntax tree and value) with the edits made; the nodes keep their places in the file's text.
function viewOf(file: YamlFile, edits: Edit[]): YamlFile {
  const doc = file.doc.clone() as Document.Parsed;
  const value = structuredClone(file.value);
  const copy: YamlFile = { ...file, doc, value };
  // Every place first, then the edits: a value written by an alias (text: *both) is the anchored node's, which an
  // earlier edit may have taken out of the tree (the anchor's own field now holds one language).
  const places = edits.map((change) => {
    const { pair } = nodeAt(copy, change.pointer);
    return { change, pair, written: pair && isAlias(pair.value) ? (pair.value.resolve(doc) as Node | undefined) : pair?.value };
  });
  for (const { change, pair, written } of places) {
    if (!pair) continue;
    if ("language" in change) {
      const map = written;
      if (!isMap(map)) continue;
      const item = map.items.find((i) => isScalar(i.key) && String(i.key.value) === change.language) as Pair | undefined;
      if (!item) continue;
      pair.value = item.value;
      setValue(value, change.pointer, valueAt(value, [...change.pointer, change.language]));
    } else if (isScalar(written)) {
      const scalar = written.clone() as Scalar;
      scalar.value = change.path;
      pair.value = scalar;
      setValue(value, change.pointer, change.path);
    }
  }
  return copy;
}

/** The texts a reader reads, per language, as written: for telling which languages of a text changed (toms diff). */
export interface WrittenText {
  /** The field as a diagnostic names it ("title") and the thing it belongs to (`measure "passwort"`). */
  field: string;
  where: string;
  /** Per language, the text (a prose file's content) and where it is written. */
  values: Map<string, { text: string; place: Place }>;
  /** A prose file: its path as the YAML names it (the main language's file). */
  file?: string;
}

/**
 * Every text of a translated site that is written per language, by a key that is the same on every side of a diff
 * (the measure's id and field, not the line): only texts that have more than one language are listed.
 */
export function writtenTexts(content: LoadedContent, languages: Languages): Map<string, WrittenText> {
  const all = allLanguages(languages);
  const out = new Map<string, WrittenText>();
  if (languages.translations.length === 0) return out;
  for (const slot of slots(content)) {
    const value = valueAt(slot.file.value, slot.pointer);
    const field = String(slot.pointer.filter((t) => typeof t === "string").at(-1));
    const where = placeName(slot.kind, slot.pointer.map(String), slot.file.value);
    const perLanguage = (key: string, value: unknown, pointer: (string | number)[]) => {
      if (!isFields(value) || isPlural(value)) return;
      const values = new Map<string, { text: string; place: Place }>();
      for (const language of all) {
        const text = value[language];
        if (text === undefined) continue;
        values.set(language, { text: typeof text === "string" ? text : JSON.stringify(text), place: placeAt(slot.file, [...pointer, language]) });
      }
      if (values.size > 1) out.set(key, { field, where, values });
    };
    if (slot.type === "file") {
      if (typeof value !== "string") continue;
      const values = new Map<string, { text: string; place: Place }>();
      const dir = path.dirname(slot.file.path);
      for (const language of all) {
        const written = language === languages.main ? value : translatedPath(value, languages.main, language);
        const target = path.resolve(dir, written);
        const text = content.files.includes(target) ? content.reader.read(target) : undefined;
        if (text !== undefined) values.set(language, { text, place: { file: target, line: 1, column: 1 } });
      }
      if (values.size > 1) out.set(slot.key, { field, where, values, file: value });
    } else if (slot.type === "reasons" && isFields(value) && !isLanguageMap(value, all)) {
      for (const [location, reason] of Object.entries(value)) perLanguage(`${slot.key}.${location}`, reason, [...slot.pointer, location]);
    } else perLanguage(slot.key, value, slot.pointer);
  }
  return out;
}

// A not_applicable written as one reason per language ({ de: "…", en: "…" }), not one per location: every key a
// language of the site and every value a text (a reason per location is itself written per language).
function isLanguageMap(value: Fields, languages: readonly string[]): boolean {
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([key, v]) => languages.includes(key) && typeof v === "string");
}

// location_label as singular and plural ({ one, other }), not per language.
function isPlural(value: unknown): boolean {
  return isFields(value) && Object.keys(value).every((k) => k === "one" || k === "other") && Object.keys(value).length > 0;
}

function valueAt(value: unknown, pointer: readonly (string | number)[]): unknown {
  let current = value;
  for (const token of pointer) current = isFields(current) || Array.isArray(current) ? (current as Record<string, unknown>)[token] : undefined;
  return current;
}

function setValue(value: unknown, pointer: readonly (string | number)[], to: unknown): void {
  const parent = valueAt(value, pointer.slice(0, -1));
  if (isFields(parent) || Array.isArray(parent)) (parent as Record<string, unknown>)[pointer[pointer.length - 1] as string] = to;
}
