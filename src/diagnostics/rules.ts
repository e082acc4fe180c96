import type { RefusalReason } from "../theme/refusal.js";
import { atStart, characterRun, describeHidden, didYouMean, kindOf, listing, quoted, shorten, typeWord, type Kind } from "./words.js";

/** How bad a problem is: errors stop a build, warnings do not. */
export type Severity = "error" | "warning";

/**
 * The rule catalogue: every diagnostic toms reports, with everything said about it. Each rule has a permanent id,
 * a severity, a title and a `why` for the rules reference, a `hint` (what to do, shown with every diagnostic), the
 * check fixture whose input and output show it (or the test that covers it where no fixture can), and the
 * templates of its messages: call sites pass values, never words (see say.ts), so every sentence a data protection
 * officer reads is written here.
 */
export interface Rule {
  severity: Severity;
  /** A few words naming the problem, e.g. "Unknown location". */
  title: string;
  /** One or two sentences for the rules reference: what the rule protects, in plain words. */
  why: string;
  /** What to do, shown with every diagnostic of the rule. */
  hint: string;
  /** The case under test/fixtures/check whose expected.txt shows the rule, or where it is tested instead. */
  fixture: string | Elsewhere;
  /** The rule's messages, one template per distinct message. */
  messages: Record<string, (params: never) => string>;
}

/** A rule no check fixture can show (other commands report it, or its input cannot live in git), and the test that covers it. */
export interface Elsewhere {
  /** The test file (from the repository root) that produces the rule. */
  test: string;
  /** Why no check fixture shows it. */
  reason: string;
}

// After 50 problems of one file the schema check says how many more there are, under the rule of the first one
// left out: one template shared by the rules the schema reports.
const more = (p: { count: number }) => `This file has ${p.count} more problems like the ones above; fix those first, then check again.`;

// How file-encoding's messages end.
const saveAsUtf8 = "toms reads UTF-8 only. Save the file as UTF-8.";

// Entries of these lists are sets of fields: what such an entry holds.
const entryFields = {
  measures: "id and text",
  groups: "id and title",
  locations: "id and name",
  changes: "version, date and summary",
  controls: "id and title",
  not_applicable: "control and reason",
} as const;

// How a content file of each kind is named, and the fields it starts with.
const documentWords: Record<Kind, { name: string; fields: string }> = {
  site: { name: "site.yaml", fields: "title, version, groups" },
  section: { name: "A section file", fields: "id, group, title, measures" },
  catalogue: { name: "A catalogue file", fields: "id, title, controls" },
};

/** A list of site.yaml or a section file whose entries are sets of fields. */
export type EntryList = keyof typeof entryFields;

/** Whether a list's entries are sets of fields (a measure, a group …). */
export function isEntryList(list: string): list is EntryList {
  return Object.hasOwn(entryFields, list);
}

/** The kinds of emphasis Markdown reads: italics, bold, strikethrough (mdast's node types). */
export type Emphasis = "emphasis" | "strong" | "delete";

const emphasisWord: Record<Emphasis, string> = { emphasis: "italics", strong: "bold", delete: "strikethrough" };

// What kind of id each id-valued field holds.
const idKinds: Record<string, string> = { id: "id", group: "group id", ref: "measure id", locations: "location id" };

// How `toms build` and the published-version check word a published version and what to do about a changed one.
const published = (p: { date: string; commit: string }) => `was published on ${p.date} from commit ${p.commit}`;
const raise = (next: string) => `raise "version" (e.g. to "${next}"), set "valid_from" and add an entry to "changes"`;
const changedSince = (p: { measures: readonly string[]; fields: readonly string[] }) => {
  const all = [...p.measures.map((id) => `measure "${id}"`), ...p.fields];
  return `changed: ${all.slice(0, 4).join(", ")}${all.length > 4 ? ` and ${all.length - 4} more` : ""}`;
};

// What theme-refused says a thing was removed from, and why.
const refusedFrom = { logo: "logo", page: "page template", style: "style sheet" } as const;
const refusedBecause: Record<RefusalReason, string> = {
  script: "it could run a program, and published pages run none",
  loads: "it would load or open something from elsewhere; published pages and PDFs load only their own files",
  embeds: "it would embed another document",
  head: "toms writes the head of every page itself: character set, Content-Security-Policy, style sheet and title",
  "inline-style": "the pages' Content-Security-Policy allows no inline styles; put styles into templates/style.css",
  font: "pages and PDFs are set only in the fonts toms bundles, so a PDF is the same on every machine",
  text: "it would add words to the page that are not in the annex",
  layout:
    "a company's style sheet may set colours, fonts, sizes and spacing, but nothing that could move, cover, overlap or hide a word of the annex; docs/theme.md lists what it may hold",
  important: "the rules toms adds after a style sheet, which keep the annex as written, must win over it; the declaration itself stays",
  escape: "a backslash escape in a style could hide an address; write the value without escapes",
  form: "published pages have no forms and send nothing anywhere",
  picture: "a page template shows no pictures; the logo is theme.logo of site.yaml",
  unsupported: "toms does not keep it there; docs/theme.md lists what a logo and a template may hold",
};

/** The catalogue of diagnostic rules (see Rule). */
export const rules = {
  "yaml-syntax": {
    severity: "error",
    title: "YAML syntax error",
    why: "site.yaml and the section files are YAML. Where their syntax is broken, toms cannot tell what a file means, so it stops there rather than guess what the annex should say.",
    hint: "Fix the YAML syntax at this position (indentation with spaces, closed quotes, a colon after each key).",
    fixture: "yaml-missing-colon",
    messages: {
      tabIndent: () => "Tabs are not allowed for indentation in YAML; indent with spaces.",
      unclosedList: () => "This list in square brackets [ … ] is not closed; add a ] after its last entry.",
      unclosedFields: () => "This group of fields in curly braces { … } is not closed; add a } after its last field.",
      listNotAligned: () => "The list entries (lines starting with -) here do not start in the same column as those above; line them up.",
      indentDiffers: () =>
        "This line is indented differently from the lines around it; fields of the same entry must start in the same column (indent with spaces).",
      colonInValue: () =>
        'This value contains ": " (a colon and a space), which YAML reads as the start of another field; put the whole value in double quotes.',
      indentedTooFar: () => "This line is indented further than the field above it; fields of the same entry must start in the same column.",
      notAField: () => "This line is not a field: a colon is missing after the field name (write name: value), or a quotation mark above is not closed.",
      unclosedQuote: (p: { quote: '"' | "'" }) => `This quotation mark (${p.quote}) is never closed; add a closing ${p.quote} at the end of the value.`,
      missingColon: () => "A colon is missing after this field name; write name: value.",
      commentNeedsSpace: () => "A # starts a comment only after a space; add a space before the #, or put the whole value in quotes.",
      missingComma: () => "A comma is missing between two entries in [ … ] or { … }.",
      missingSpaceAfterColon: () => "Add a space after the colon.",
      tagNeedsSpace: () => "Put a space after a YAML tag (!…) or anchor (&…), or put the whole value in quotes.",
      somethingMissing: () => "Something is missing in the YAML here; check the quotation marks, brackets, colons and commas.",
      badEscape: (p: { escape: string }) =>
        `Inside double quotes a backslash starts a special character, and "${p.escape}" is not one; write \\\\ for a backslash, or use single quotes.`,
      badStart: (p: { char: string }) => `In YAML a value cannot start with "${p.char}"; put the whole value in quotes.`,
      multipleDocuments: () => "The file holds more than one YAML document (a line with ---); keep one per file.",
      tag: (p: { tag?: string }) => `${p.tag ? `"${p.tag}" is a YAML tag, which` : "YAML tags (!…)"} toms does not support; write plain values.`,
      keyTooLong: () => "A field name may be at most 1024 characters long; perhaps a colon or quotation mark is misplaced.",
      afterBlockHeader: () => "After | or > nothing may follow on the same line; start the text on the next line.",
      structureBreaks: () => "The YAML structure breaks here; check the indentation, and that each line is a field (name: value) or a list entry (- value).",
      unreadableHere: () => "The YAML cannot be read here; check the indentation, quotation marks, brackets and colons.",
      notYaml: () => "The file cannot be read as YAML.",
      tooDeep: () => "The YAML is nested too deeply to be read.",
      nestedBeyond: (p: { levels: number }) => `The YAML is nested more than ${p.levels} levels deep here; toms content needs only a few levels.`,
      complexKey: () => "A field name here is a list or a set of fields; a field name must be a single word or text.",
      unresolvedAlias: (p: { name: string }) => `The alias *${p.name} refers to no anchor &${p.name} above it.`,
    },
  },
  "yaml-duplicate-key": {
    severity: "error",
    title: "Field given twice",
    why: "When a field appears twice in the same place, only one of its values could count. toms does not pick one silently: the other may be the one you meant.",
    hint: "Each field may appear only once; delete or rename the repeated one.",
    fixture: "yaml-duplicate-key",
    messages: {
      twice: (p: { field?: string }) =>
        `${p.field === undefined ? "This field" : `The field "${p.field}"`} appears twice in the same place; each field may be given only once.`,
    },
  },
  "yaml-alias": {
    severity: "error",
    title: "Aliases expand too far",
    why: 'A YAML alias (*name) repeats a value written elsewhere. An annex needs none; a file whose aliases expand to millions of values (a "billion laughs" file) would exhaust the memory of the check.',
    hint: "Write the value out instead of expanding YAML aliases (*name) so often.",
    fixture: "yaml-alias-bomb",
    messages: {
      expandsTooFar: () => "The YAML aliases (*name) here expand to too much data; write the values out instead.",
    },
  },
  "file-encoding": {
    severity: "error",
    title: "File not saved as UTF-8",
    why: "toms reads text as UTF-8. A file saved in another encoding (Windows-1252, UTF-16) or a binary file would put garbled letters into the annex, so toms reports it instead of guessing.",
    hint: "Save the file as UTF-8.",
    fixture: "encoding-latin1-section",
    messages: {
      loneCarriageReturn: () =>
        "The file ends lines with a lone carriage return (CR, the line end of old Macs): git, terminals and editors show such lines differently from the annex, so a reviewer may not see what is published. Save the file with LF (or CRLF) line ends.",
      utf16: () => `The file is saved as UTF-16; ${saveAsUtf8}`,
      utf16WithoutMark: () => `The file is saved as UTF-16 without a byte-order mark; ${saveAsUtf8}`,
      nulBytes: () => `The file holds NUL bytes, so it is not a text file (perhaps a binary file or a damaged one); ${saveAsUtf8}`,
      invalidByte: (p: { byte: number; legacy?: string }) =>
        `The file is not saved as UTF-8: the byte 0x${p.byte.toString(16).toUpperCase().padStart(2, "0")} here is not valid UTF-8${
          p.legacy === undefined ? "" : ` (probably "${p.legacy}" saved in another encoding, such as Windows-1252)`
        }. Save the file as UTF-8.`,
    },
  },
  "file-too-large": {
    severity: "error",
    title: "File too large",
    why: "An annex's files are a few kilobytes. A content file of more than 256 KB is a mistake or an attempt to stall the check, so toms does not read it.",
    hint: "Split the content into smaller files.",
    fixture: { test: "test/hostile-input.test.ts", reason: "a file over 256 KB is made at test time rather than kept in git" },
    messages: {
      tooLarge: (p: { limitKb: number }) => `The file is larger than ${p.limitKb} KB, the most a content file may have; split it into smaller files.`,
    },
  },
  "file-empty": {
    severity: "error",
    title: "Empty file",
    why: "A file that is empty or holds only comments adds nothing to the annex; most often a text was forgotten.",
    hint: "Fill in the file or delete it.",
    fixture: "file-empty-prose",
    messages: {
      site: (p: { commentsOnly: boolean }) =>
        `site.yaml ${p.commentsOnly ? "holds only comments" : "is empty"}; it must give the title, version, groups and locations of the annex.`,
      section: (p: { commentsOnly: boolean }) =>
        `The section file ${p.commentsOnly ? "holds only comments" : "is empty"}; fill in the section or delete the file.`,
      prose: (p: { path: string }) => `The file "${p.path}" is empty; write the text into it.`,
    },
  },
  "file-unreadable": {
    severity: "error",
    title: "File cannot be read",
    why: "toms could not read a file of the content folder: a folder or a device where a file belongs, a broken or circular link, missing permission. What the file holds cannot reach the annex.",
    hint: "Check that the file exists and can be read.",
    fixture: "file-link-dangling",
    messages: {
      folder: () => "The file is a folder, not a file.",
      notOrdinary: () => "The file is not an ordinary file (perhaps a pipe or a device).",
      linkLoop: () => "The file is a link that leads in a circle.",
      gone: () => "The file does not exist (perhaps a link to a file that is gone).",
      denied: () => "The file cannot be read: permission denied.",
      unreadable: () => "The file cannot be read.",
    },
  },
  "content-missing": {
    severity: "error",
    title: "Content folder missing",
    why: "The annex is made from a content folder with site.yaml in it; without them there is nothing to check or build.",
    hint: "Point --content at the folder that holds site.yaml.",
    fixture: "site-missing",
    messages: {
      noFolder: () => "The content folder does not exist or cannot be read.",
      noSite: () => "The content folder has no site.yaml.",
    },
  },
  "required-field": {
    severity: "error",
    title: "Required field missing",
    why: "Some fields make the annex what it is: its title, version and date, a measure's id, a location's name. Without them toms cannot build the annex.",
    hint: "Add the missing field.",
    fixture: "section-required-missing",
    messages: {
      missing: (p: { where: string; fields: readonly string[] }) =>
        `${atStart(p.where)} is missing the required field${p.fields.length > 1 ? "s" : ""} ${listing(quoted(p.fields))}.`,
      more,
    },
  },
  "unknown-field": {
    severity: "error",
    title: "Unknown field",
    why: "toms shows no field it does not know. Most often such a field is a misspelt name, and the value meant for the annex would be missing from it without a word.",
    hint: "Remove the field or correct its name.",
    fixture: "unknown-field-measure",
    messages: {
      unknown: (p: { field: string; where: string; suggestion?: string }) => `Unknown field "${p.field}" in ${p.where}${didYouMean(p.suggestion)}.`,
      mergeKey: (p: { where: string }) => `Unknown field "<<" in ${p.where} (YAML merge keys "<<" are not supported: write the fields out).`,
      more,
    },
  },
  "wrong-type": {
    severity: "error",
    title: "Wrong kind of value",
    why: "Each field takes one kind of value: text, a list, a set of fields, a number. YAML may read what you wrote as another kind (2026.10 as the number 2026.1), so toms says so rather than change the value.",
    hint: "Change the value to the kind of value the field takes.",
    fixture: "version-not-quoted",
    messages: {
      document: (p: { kind: Kind; value: unknown }) =>
        `${documentWords[p.kind].name} must be a set of fields (such as ${documentWords[p.kind].fields}), but this file holds ${kindOf(p.value)}.`,
      entry: (p: { where: string; list: EntryList; value: unknown }) =>
        `${atStart(p.where)} must be a set of fields (such as ${entryFields[p.list]}), but here it is ${kindOf(p.value)}.`,
      field: (p: { field: string; where: string; listEntry: boolean; expected: string; value: unknown }) =>
        `${p.listEntry ? "Each entry of " : ""}"${p.field}" in ${p.where} must be ${typeWord(p.expected)}${
          p.expected === "array" ? ' (entries in [ ] or on lines starting with "- ")' : ""
        }, but here it is ${kindOf(p.value)}.`,
      unquoted: (p: { field: string; where: string; listEntry: boolean; written: string; value: number | boolean }) =>
        `${p.listEntry ? "Each entry of " : ""}"${p.field}" in ${p.where} must be text, but YAML reads ${p.written} as ${
          typeof p.value === "number" ? kindOf(p.value) : "a yes/no value"
        }; write it in quotes: "${p.written}".`,
      certification: (p: { where: string; value: unknown }) =>
        `A certification in ${p.where} must be a name, or a name with a url, but here it is ${kindOf(p.value)}.`,
      more,
    },
  },
  "invalid-value": {
    severity: "error",
    title: "Invalid value",
    why: "The value is of the right kind but in a form toms cannot use: an id with capitals or spaces, an impossible date, a web address that is not one.",
    hint: "Correct the value.",
    fixture: "id-with-space",
    messages: {
      languageCase: (p: { value: string; canonical: string }) =>
        `"${p.value}" is the language code "${p.canonical}" in other letters; language codes are written with the language in small letters and a region in capitals ("en", "en-GB", "de-CH"): write "${p.canonical}".`,
      versionIsFolder: (p: { version: string }) => `"${p.version}" cannot be a version: the site has a folder of that name (its fonts). Use e.g. "2026.1".`,
      tooMany: (p: { field: string; where: string; count: number; limit: number }) =>
        `"${p.field}" in ${p.where} has ${p.count} entries; it may have at most ${p.limit}.`,
      empty: (p: { field: string; where: string }) => `"${p.field}" in ${p.where} must not be empty.`,
      tooLong: (p: { field: string; where: string; length: number; limit: number }) =>
        `"${p.field}" in ${p.where} is ${p.length} characters long; it may have at most ${p.limit}.`,
      repeated: (p: { field: string; where: string; entry?: string }) =>
        `"${p.field}" in ${p.where} lists ${p.entry === undefined ? "the same entry" : `"${p.entry}"`} twice.`,
      notId: (p: { value: string; field: string; suggestion?: string }) =>
        `"${shorten(p.value)}" is not a valid ${idKinds[p.field] ?? "id"}: use only lower-case letters, digits and hyphens${
          p.suggestion ? ` (e.g. "${shorten(p.suggestion)}")` : ""
        }.`,
      notLanguage: (p: { value: string }) => `"${p.value}" is not a language code; use a code such as "de", "en" or "fr-CH".`,
      notWebAddress: (p: { value: string }) => `"${p.value}" is not a web address; write it as https://…`,
      notVersion: (p: { value: string }) => `"${p.value}" is not a usable version; use letters, digits, dots and hyphens, e.g. "2026.1".`,
      wrongForm: (p: { value: string; field: string; where: string }) => `"${shorten(p.value)}" has the wrong form for "${p.field}" in ${p.where}.`,
      notColour: (p: { value: string }) => `"${shorten(p.value)}" is not a colour; write it as "#rrggbb" in quotes, e.g. accent: "#1d4e89".`,
      colourAsComment: () =>
        'The accent colour is empty: YAML reads a # after a space as the start of a comment. Write the colour in quotes: accent: "#1d4e89".',
      notDate: (p: { value: string; field: string }) => `"${p.value}" is not a date; write "${p.field}" as YYYY-MM-DD, e.g. 2026-12-01.`,
      unusable: (p: { field: string; where: string }) => `"${p.field}" in ${p.where} has a value toms cannot use.`,
      versionIsLanguage: (p: { version: string }) =>
        `"${p.version}" cannot be a version: the annexes in that language are in a folder of that name. Use e.g. "2026.1".`,
      versionLikeFile: (p: { version: string }) => `"${p.version}" cannot be a version: it would be a folder named like a file of the site. Use e.g. "2026.1".`,
      more,
    },
  },
  "empty-list": {
    severity: "error",
    title: "Empty list",
    why: "A list that names nothing (measures: []) makes an empty section or says nothing at all.",
    hint: "Add at least one entry or remove the field.",
    fixture: "measures-empty",
    messages: {
      empty: (p: { field: string; where: string }) => `"${p.field}" in ${p.where} must list at least one entry.`,
      more,
    },
  },
  "measure-source": {
    severity: "error",
    title: "Measure without exactly one text",
    why: "Each measure has its text exactly once: written in, in a Markdown file, or reused from another measure. Without one the measure is empty; with two it is unclear which one the annex shows.",
    hint: "Give a measure exactly one of text, file or ref.",
    fixture: "measure-source-none",
    messages: {
      none: (p: { where: string }) => `${atStart(p.where)} has no content: give it one of "text", "file" or "ref".`,
      several: (p: { where: string; present: readonly string[] }) =>
        `${atStart(p.where)} has ${listing(quoted(p.present))}; give exactly one of "text", "file" or "ref".`,
      more,
    },
  },
  "intro-source": {
    severity: "error",
    title: "Two introductions",
    why: "An introduction is written in (intro) or kept in a Markdown file (intro_file); with both it is unclear which one the annex shows.",
    hint: "Give either intro or intro_file, not both.",
    fixture: "intro-and-intro-file",
    messages: {
      both: (p: { where: string }) => `${atStart(p.where)} has both "intro" and "intro_file"; give only one of them.`,
      more,
    },
  },
  "duplicate-id": {
    severity: "error",
    title: "Id used twice",
    why: "Ids tie the annex together: measures are reused by id, locations are named by id, and each becomes a link target or a file name. Two things with the same id cannot be told apart.",
    hint: "Give each section, measure, group and location its own id.",
    fixture: "duplicate-measure-id",
    messages: {
      inSite: (p: { kind: "group" | "location"; id: string; line: number }) =>
        `The ${p.kind} id "${p.id}" is used twice in site.yaml (first at line ${p.line}).`,
      section: (p: { id: string; file: string; line: number }) => `The section id "${p.id}" is already used in ${p.file}:${p.line}.`,
      measure: (p: { id: string; file: string; line: number }) => `The measure id "${p.id}" is already used in ${p.file}:${p.line}.`,
      change: (p: { version: string; line: number }) =>
        `The change history has a second entry for version "${p.version}" (the first at line ${p.line}): each version has one entry, which customers read as what that version changed. Put both summaries into one entry.`,
    },
  },
  "reserved-id": {
    severity: "error",
    title: "Reserved id",
    why: 'toms names the combined annex "all" and the index page "index"; a location with such an id would take their place.',
    hint: "Choose another id.",
    fixture: "reserved-location-id",
    messages: {
      reserved: (p: { id: string }) => `"${p.id}" cannot be a location id: toms uses it for the ${p.id === "all" ? "combined annex" : "index page"}.`,
    },
  },
  "translation-missing": {
    severity: "error",
    title: "Translation missing",
    why: "A translated annex is signed like the original. A text missing in one language would leave that language's annex without it, or show the other language's words there: every text a reader reads must be written in every language of the site.",
    hint: 'Write the text in every language of the site, e.g. title: { de: "…", en: "…" }; a prose file x.md needs its translation beside it as x.en.md.',
    fixture: "translation-missing",
    messages: {
      oneLanguage: (p: { field: string; where: string; languages: readonly string[] }) =>
        `"${p.field}" in ${p.where} is written in one language only, but the annex is in ${listing(quoted(p.languages))}: write it in each language, as { ${p.languages.map((l) => `${l}: "…"`).join(", ")} }.`,
      missing: (p: { field: string; where: string; missing: readonly string[]; written: readonly string[] }) =>
        `"${p.field}" in ${p.where} has no ${listing(quoted(p.missing))} text (only ${listing(quoted(p.written))}): add ${p.missing.map((l) => `${l}: "…"`).join(" and ")}.`,
      file: (p: { path: string; language: string; translation: string }) =>
        `"${p.path}" has no "${p.language}" translation: toms reads it from "${p.translation}" beside it, and there is no such file.`,
      fileCase: (p: { path: string; language: string; translation: string; found: string }) =>
        `"${p.path}" has no "${p.language}" translation: toms reads it from "${p.translation}" beside it; there is "${p.found}", but file names must match in letter case.`,
    },
  },
  "translation-language": {
    severity: "error",
    title: "Language not of this site",
    why: "site.yaml says in which languages the annex is written (lang and translations); each language is built into its own annexes. A text in a language the site does not declare would be built into none, and a site of one language has no texts per language.",
    hint: 'Write each text in the languages site.yaml declares: lang, and those listed in "translations".',
    fixture: "translation-language",
    messages: {
      single: (p: { field: string; where: string; lang: string }) =>
        `"${p.field}" in ${p.where} is written per language, but the annex has one language ("${p.lang}"): write the text itself, or list the other languages in "translations" in site.yaml.`,
      unknown: (p: { key: string; languages: readonly string[]; suggestion?: string }) =>
        `"${p.key}" is not a language of this annex (${listing(quoted(p.languages))})${didYouMean(p.suggestion)}; site.yaml lists its languages in "lang" and "translations".`,
      sameAsMain: (p: { lang: string }) => `"${p.lang}" is the annex's own language ("lang"); list only the other languages in "translations".`,
    },
  },
  "lang-words": {
    severity: "warning",
    title: "Language without toms's words",
    why: 'Besides the texts of the content, toms writes words of its own into every annex: page numbers, "valid from", the contents, the change history, a measure\'s status. It has them in German, English and French; the annexes in another language get the English ones, which a customer signing them should expect.',
    hint: 'Check the language code ("de", "en", "fr", with a region such as "de-CH" where needed); if the language is right, read an annex in it and decide whether English page furniture is acceptable.',
    fixture: "lang-words",
    messages: {
      noWords: (p: { lang: string; name?: string }) =>
        p.name === undefined
          ? `"${p.lang}" is not a language toms knows (check the code); toms has no words of its own in it: the words it writes itself in its annexes (page numbers, "valid from", contents, change history, a measure's status) will be in English, dates as for English.`
          : `toms has no words of its own in ${p.name} ("${p.lang}"): in its annexes the words toms writes itself (page numbers, "valid from", contents, change history, a measure's status) will be in English, and only the content's texts in ${p.name}.`,
    },
  },
  "translation-same": {
    severity: "warning",
    title: "Translation same as the original",
    why: 'A text whose translation is, letter for letter, the text of the annex\'s own language was most likely copied and never translated: the English annex would then show German sentences to customers who sign it in English. Short texts that are the same in every language (names, codes, numbers such as "ISO/IEC 27001") are not reported.',
    hint: "Translate the text; if it really reads the same in both languages, reword one of them slightly or ignore this warning.",
    fixture: "translation-same",
    messages: {
      same: (p: { field: string; where: string; language: string; original: string }) =>
        `The ${p.language} text of "${p.field}" in ${p.where} is the same as the ${p.original} one: is it translated?`,
      file: (p: { path: string; translation: string; language: string; original: string }) =>
        `"${p.translation}", the ${p.language} text of "${p.path}", is the same as the ${p.original} one: is it translated?`,
    },
  },
  "translation-stale": {
    severity: "warning",
    title: "Translation not updated",
    why: "The most common way translations drift apart: a text is changed in one language and the others keep saying what it said before. Customers who signed the English annex would then have agreed to other measures than those who signed the German one.",
    hint: "Change the text in the other languages too, so that every language says the same; a text that needed no change there (a typo fixed in one language) may stay as it is.",
    fixture: {
      test: "test/languages-diff.test.ts",
      reason: "reported by toms diff, which compares two revisions and so knows which language of a text changed; toms check sees one",
    },
    messages: {
      stale: (p: { field: string; where: string; changed: readonly string[]; lang: string }) =>
        `"${p.field}" in ${p.where} changed in ${listing(quoted(p.changed))} but not in "${p.lang}": the "${p.lang}" text still says what the old text said. Update it too, or leave it if it needed no change.`,
      file: (p: { path: string; changed: readonly string[]; lang: string }) =>
        `The text of "${p.path}" changed in ${listing(quoted(p.changed))} but its "${p.lang}" translation did not: update this file too, or leave it if it needed no change.`,
    },
  },
  "group-ref": {
    severity: "error",
    title: "Unknown group",
    why: "Each section belongs to a group listed in site.yaml; a section whose group does not exist would be missing from the annex.",
    hint: "Use the id of a group listed in site.yaml.",
    fixture: "group-ref-unknown",
    messages: {
      unknown: (p: { id: string; suggestion?: string }) => `There is no group "${p.id}" in site.yaml${didYouMean(p.suggestion)}.`,
      noGroups: (p: { id: string }) =>
        `This section names the group "${p.id}", but site.yaml lists no groups (its sections are the top level); remove "group", or add the groups to site.yaml.`,
      missing: () => 'This section names no group, but site.yaml lists groups; add "group" with the id of the group it belongs to.',
    },
  },
  "location-ref": {
    severity: "error",
    title: "Unknown location",
    why: "A measure applies to the locations it names. A misspelt location id would leave the measure out of the annex of the location it was meant for.",
    hint: "Use the id of a location listed in site.yaml.",
    fixture: "location-ref-unknown",
    messages: {
      unknown: (p: { id: string; suggestion?: string }) => `Unknown location "${p.id}"${didYouMean(p.suggestion)}.`,
      noLocations: (p: { id: string }) =>
        `This names the location "${p.id}", but site.yaml lists no locations (the annex has one scope): remove it, or list the locations in site.yaml.`,
    },
  },
  "inherit-cycle": {
    severity: "error",
    title: "Locations inherit from each other in a circle",
    why: "A location that inherits from another gets that one's measures; locations inheriting from each other in a circle would each get all of them, which nobody means.",
    hint: "Let the inheritance go one way: a product inherits from its data centre, not back.",
    fixture: "inherit-cycle",
    messages: {
      circle: (p: { chain: readonly string[] }) => `The locations ${quoted(p.chain).join(" → ")} inherit from each other in a circle.`,
    },
  },
  "not-applicable": {
    severity: "error",
    title: "Measure both applies and does not",
    why: "A measure said not to apply at a location may not apply there at the same time: the annex would say both.",
    hint: "Remove the location from `locations` or from `not_applicable`, whichever is wrong.",
    fixture: "not-applicable-conflict",
    messages: {
      alsoApplies: (p: { location: string }) =>
        `The measure lists "${p.location}" in "locations", and "not_applicable" names "${p.location}" too; say only one.`,
      everywhereWithLocations: () =>
        '"not_applicable" gives a reason for everywhere, but the measure lists the locations it applies to; give per-location reasons ({ id: reason }), or remove "locations".',
    },
  },
  "measure-ref": {
    severity: "error",
    title: "Unknown measure to reuse",
    why: "A measure with ref shows the text of the measure it names; when no measure has that id, there is no text to show.",
    hint: "Use the id of a measure that has its own text or file.",
    fixture: "ref-dangling",
    messages: {
      unknown: (p: { id: string; suggestion?: string }) => `There is no measure "${p.id}" to reuse${didYouMean(p.suggestion)}.`,
    },
  },
  "ref-cycle": {
    severity: "error",
    title: "Measures reuse each other in a circle",
    why: "Measures that reuse each other in a circle (a reuses b, b reuses a) never reach a text, so none of them could be shown.",
    hint: "Let one of the measures carry the text itself.",
    fixture: "ref-cycle",
    messages: {
      self: (p: { id: string }) => `The measure "${p.id}" reuses itself, so it has no text; give it a text or reuse another measure.`,
      circle: (p: { ids: readonly string[] }) => `The measures ${quoted(p.ids).join(" → ")} reuse each other in a circle, so none of them has a text.`,
    },
  },
  "ref-locations": {
    severity: "error",
    title: "Reuse widens the locations",
    why: "A text written for some locations must not be presented as applying to others: a measure that reuses another may keep or narrow its locations, never add to them, and never name a location where the measure it reuses is declared not applicable (without locations of its own, it takes those reasons).",
    hint: "A measure that reuses another may only narrow its locations, not widen them.",
    fixture: "ref-widens-locations",
    messages: {
      widens: (p: { id: string; reused: string; allowed: readonly string[]; from?: string; extra: readonly string[] }) =>
        `"${p.id}" reuses "${p.reused}", which applies only to ${quoted(p.allowed).join(", ")}${
          p.from === undefined ? "" : ` (the locations it takes from "${p.from}")`
        }, but lists ${quoted(p.extra).join(", ")} as well.`,
      notApplicable: (p: { id: string; reused: string; everywhere: boolean; extra: readonly string[] }) =>
        p.everywhere
          ? `"${p.id}" reuses "${p.reused}", which is declared not applicable anywhere (not_applicable), but lists locations where it applies.`
          : `"${p.id}" reuses "${p.reused}", which is declared not applicable at ${quoted(p.extra).join(", ")} (not_applicable), but lists ${quoted(p.extra).join(", ")} among its locations: remove ${p.extra.length === 1 ? "it" : "them"} there.`,
    },
  },
  "file-ref": {
    severity: "error",
    title: "File not found",
    why: "A Markdown file named in the content (file, intro_file, preamble) must exist inside the content folder; otherwise its text is missing from the annex.",
    hint: "Check the path; it is relative to the file that names it.",
    fixture: "file-missing",
    messages: {
      missing: (p: { path: string; suggestion?: string }) => `The file "${p.path}" does not exist${didYouMean(p.suggestion)}.`,
      backslashes: (p: { path: string }) => `The file "${p.path}" does not exist; separate folders with / (as in "${p.path.replace(/\\/g, "/")}").`,
      brokenLink: (p: { path: string }) => `"${p.path}" is a link to a file that does not exist.`,
      hidden: (p: { path: string }) => `"${p.path}" is a hidden file or lies in a hidden folder or node_modules; toms reads no such files. Rename or move it.`,
      folder: (p: { path: string; logo?: boolean }) => `"${p.path}" is a folder; name ${p.logo ? "the logo file" : "a Markdown file"} in it.`,
    },
  },
  "file-outside": {
    severity: "error",
    title: "File outside the content folder",
    why: "toms reads only files inside the content folder, so no annex can pull in other files of the machine (such as /etc/passwd), by mistake or on purpose.",
    hint: "Keep the files the content names (prose files, the logo) inside the content folder.",
    fixture: "file-dotdot",
    messages: {
      absolute: (p: { path: string }) => `"${p.path}" is an absolute path; write the path relative to this file, inside the content folder.`,
      outside: (p: { path: string; logo?: boolean }) =>
        `"${p.path}" points outside the content folder; ${p.logo ? "the logo" : "prose files"} must lie inside it.`,
      linkOutside: (p: { path: string }) => `"${p.path}" is a link to a place outside the content folder; toms does not follow it.`,
      thisLinkOutside: () => "This file is a link to a place outside the content folder; toms does not follow it.",
    },
  },
  "empty-group": {
    severity: "error",
    title: "Group without sections",
    why: "Each group listed in site.yaml is a chapter of the annex; a group no section belongs to would be an empty chapter.",
    hint: "Add a section file for this group or remove the group from site.yaml.",
    fixture: "empty-group",
    messages: {
      noSection: (p: { id: string }) => `The group "${p.id}" has no section; every group needs at least one section file naming it in "group".`,
    },
  },
  "section-heading": {
    severity: "error",
    title: "Hidden heading in a shared group",
    why: "Only the single section of a group may go without a heading; in a group with several, its measures would seem to belong to the section before it.",
    hint: "Only the single section of a group may be shown without its own heading.",
    fixture: "section-heading-hidden-in-shared-group",
    messages: {
      hidden: (p: { id: string; group: string; count: number }) =>
        `The section "${p.id}" hides its heading, but its group "${p.group}" has ${p.count} sections; only a group's single section may do so.`,
    },
  },
  "matrix-too-wide": {
    severity: "error",
    title: "Too many locations for the matrix",
    why: "The matrix view gives each location a column of an A4 page. With more than 38 locations a column is narrower than one letter of its head, and the PDF cannot be printed without cutting text off.",
    hint: "Show the combined annex as sections (combined_view: sections, the default), or combine locations.",
    fixture: "matrix-too-wide",
    messages: {
      tooWide: (p: { count: number; most: number }) =>
        `The combined annex is a matrix with a column per location, and ${p.count} locations do not fit on the page: at most ${p.most} do.`,
    },
  },
  "unused-location": {
    severity: "warning",
    title: "Location without measures",
    why: "A location no measure names gets an annex with only the measures that apply everywhere; often its id is misspelt in the measures meant for it.",
    hint: "Remove the location or assign measures to it.",
    fixture: "unused-location",
    messages: {
      unused: (p: { id: string }) => `No measure names the location "${p.id}"; its annex holds only the measures that apply everywhere.`,
    },
  },
  "unused-file": {
    severity: "warning",
    title: "Markdown file no field names",
    why: "toms reads a Markdown file only where preamble, intro_file or file names it (and its translations beside it, x.en.md). Text in any other Markdown file is in no annex, however finished it looks; often the name in the field or the file's name is misspelt.",
    hint: "Name the file in the field meant for it (preamble, intro_file or file), rename it to the name the field gives, or delete it.",
    fixture: "unused-file",
    messages: {
      orphan: () => "No field names this Markdown file, so its text is in no annex.",
      language: (p: { language: string; original: string; languages: string }) =>
        `This file is named like the "${p.language}" translation of ${p.original}, but "${p.language}" is not a language of the annex (${p.languages}); its text is in no annex.`,
      letterCase: (p: { language: string; original: string; expected: string }) =>
        `This file is named like the "${p.language}" translation of ${p.original}, but toms reads that translation from ${p.expected} (the language in lower case); this file's text is in no annex.`,
    },
  },
  "review-overdue": {
    severity: "warning",
    title: "Review overdue",
    why: "Art. 32(1)(d) GDPR asks for a process to regularly test, assess and evaluate the measures. With review_interval_months in site.yaml, a measure whose last review is older than that interval is due for one; customers and auditors ask when a measure was last checked.",
    hint: 'Review the measures, then set "reviewed" to the date of the review (YYYY-MM-DD).',
    fixture: "review-overdue",
    messages: {
      overdue: (p: { date: string; months: number; due: string; days: number; measures?: number }) =>
        `Last reviewed on ${p.date}${p.measures === undefined ? "" : ` (the section's date, taken by ${p.measures === 1 ? "1 of its measures" : `${p.measures} of its measures`})`}; with a review every ${
          p.months === 1 ? "month" : `${p.months} months`
        } the next was due on ${p.due}, ${p.days === 0 ? "today" : p.days === 1 ? "1 day ago" : `${p.days} days ago`}.`,
    },
  },
  "review-missing": {
    severity: "warning",
    title: "Review date missing",
    why: "With review_interval_months in site.yaml every measure is meant to be reviewed regularly; a measure without a review date cannot show that it ever was.",
    hint: "Give the measure (or its whole section) the date of its last review: reviewed: YYYY-MM-DD.",
    fixture: "review-missing",
    messages: {
      measure: (p: { id: string }) => `The measure "${p.id}" has no review date ("reviewed"), and its section gives none either.`,
      section: (p: { id: string; count: number }) =>
        `None of the ${p.count} measures of the section "${p.id}" has a review date; give the section a "reviewed" date (its measures take it) or each measure its own.`,
    },
  },
  "review-in-future": {
    severity: "warning",
    title: "Review date in the future",
    why: "A review cannot have happened after today. A mistyped year (2062 for 2026) would keep a measure from being due for decades, so toms points it out.",
    hint: "Write the date of the review that took place, YYYY-MM-DD.",
    fixture: "review-in-future",
    messages: {
      after: (p: { date: string; today: string }) =>
        `The review date ${p.date} lies after today (${p.today}); a review cannot have taken place yet. Perhaps the year or month is mistyped.`,
    },
  },
  "catalogue-ref": {
    severity: "error",
    title: "Unknown catalogue or control",
    why: "Sections and measures say which catalogue controls they cover (covers: [art32:restore]). A misspelt catalogue or control would silently cover nothing, and the annex would look less complete than it is, or more.",
    hint: "Write catalogue:control with ids the catalogue has (toms help lists the built-in ones; your own are in catalogues/).",
    fixture: "catalogue-ref-unknown",
    messages: {
      form: (p: { written: string }) =>
        `"${shorten(p.written)}" does not name a control: write the catalogue and the control with a colon between them, e.g. art32:confidentiality.`,
      unknownCatalogue: (p: { id: string; suggestion?: string; known: readonly string[] }) =>
        `There is no catalogue "${shorten(p.id)}"${didYouMean(p.suggestion)}. The catalogues are ${listing(p.known)}; your own go into catalogues/<id>.yaml.`,
      unknownControl: (p: { catalogue: string; id: string; suggestion?: string; known: readonly string[] }) =>
        `The catalogue "${p.catalogue}" has no control "${shorten(p.id)}"${didYouMean(p.suggestion)}. Its controls are ${listing(p.known.length > 8 ? [...p.known.slice(0, 8), `${p.known.length - 8} more`] : p.known)}.`,
    },
  },
  "catalogue-file": {
    severity: "error",
    title: "Catalogue file in error",
    why: "A catalogue of your own (catalogues/<id>.yaml) is named by its file name in site.yaml and in covers; its id must be that name, must not take the name of a catalogue built into toms, and each of its controls needs an id of its own.",
    hint: "Make the id the file name (without .yaml), unique among the catalogues, with each control id used once.",
    fixture: "catalogue-file",
    messages: {
      nameDiffers: (p: { id: string; file: string }) =>
        `The catalogue's id "${shorten(p.id)}" differs from its file name "${shorten(p.file)}"; site.yaml and covers name a catalogue by its id, so make the two the same.`,
      builtIn: (p: { id: string }) => `"${p.id}" is the id of a catalogue built into toms; give yours another id and file name.`,
      duplicateControl: (p: { id: string; line: number }) =>
        `The control id "${shorten(p.id)}" is already used on line ${p.line}; each control needs an id of its own.`,
    },
  },
  "catalogue-gap": {
    severity: "warning",
    title: "Control not covered",
    why: "A catalogue named in site.yaml is a checklist: each of its controls should be covered by a measure of each location's annex, or be declared not applicable with a reason. A control covered only by a Berlin measure is a gap in every other location's annex.",
    hint: "Add the control to the covers of a measure that applies there, or declare it in site.yaml under not_applicable with the reason.",
    fixture: "catalogue-gap",
    messages: {
      gap: (p: {
        control: string;
        name: string;
        annexes: readonly string[] | undefined;
        everywhere: boolean;
        coveredAt: { annex: string; measure: string } | undefined;
        notInPlace: readonly string[];
      }) =>
        `No measure ${p.annexes === undefined ? "of the annex" : p.everywhere ? "of any annex" : `of the annex${p.annexes.length === 1 ? "" : "es"} for ${listing(p.annexes)}`} covers ${p.control} (${shorten(p.name)})${
          p.coveredAt && !p.everywhere ? `; for ${p.coveredAt.annex} the measure "${p.coveredAt.measure}" does` : ""
        }.${p.notInPlace.length > 0 ? ` ${listing(quoted(p.notInPlace))} would, but ${p.notInPlace.length === 1 ? "is" : "are"} not yet in place (planned or not implemented).` : ""}`,
    },
  },
  placeholder: {
    severity: "warning",
    title: "Placeholder not yet replaced",
    why: "toms init starts every control of the usual checklist with a placeholder that says what a real measure there describes. Until it is replaced, pages and PDFs mark it as not yet written: nobody should sign a promise that nobody has made.",
    hint: "Replace the text with the measure you take (answering the questions it asks), then delete the line placeholder: true.",
    fixture: "placeholder",
    messages: {
      unwritten: (p: { id: string }) => `The measure "${p.id}" is still a placeholder; pages and PDFs mark it as not yet written.`,
    },
  },
  "markdown-html": {
    severity: "error",
    title: "HTML in a text",
    why: "Annex texts are Markdown only. HTML could run scripts or change the published pages, and an HTML comment hides text from readers while reviewers still see it in the source.",
    hint: "Write the text in Markdown; HTML is not allowed in measures.",
    fixture: "md-iframe",
    messages: {
      comment: (p: { closed: boolean }) =>
        `An HTML comment starts here (<!--): ${
          p.closed ? "the text between <!-- and --> is not shown" : "it is never closed with -->, so nothing after it is shown"
        }. Annex text is Markdown only; write the text out or delete it.`,
      element: (p: { tag?: string }) =>
        `The text contains ${p.tag === undefined ? "HTML" : `the HTML element <${p.tag}>`}; annex text is Markdown only, HTML is not allowed.`,
    },
  },
  "markdown-too-complex": {
    severity: "error",
    title: "Text too long or too complex",
    why: "Very long texts and extreme formatting (dozens of nested quotes, thousands of marks) make reading Markdown take minutes; toms refuses them before reading, so every check stays fast.",
    hint: "Split the text into several measures or simplify its formatting.",
    fixture: "md-nested-too-deep",
    messages: {
      tooLong: (p: { kb: number; limitKb: number }) =>
        `This text is ${p.kb} KB long; one text may have at most ${p.limitKb} KB. Split it into several measures or files.`,
      tooManyLines: (p: { limit: number }) => `This text has more than ${p.limit} lines; split it into several measures or files.`,
      nestedTooDeep: (p: { depth: number; limit: number }) =>
        `The text nests quotes or lists ${p.depth} levels deep here; at most ${p.limit} levels are allowed.`,
      markRepeated: (p: { mark: string; limit: number }) => `The text repeats "${p.mark}" more than ${p.limit} times in a row; simplify its formatting.`,
      tooManyMarks: (p: { kind: "emphasis" | "bracket" | "backtick"; limit: number }) =>
        `The text holds more than ${p.limit} ${
          { emphasis: "emphasis marks (* and _)", bracket: "closing brackets (])", backtick: "backticks (`)" }[p.kind]
        }; simplify its formatting or split it.`,
      unreadable: () => "The text is too complex to read; simplify its formatting or split it.",
    },
  },
  "unsafe-link": {
    severity: "error",
    title: "Unsafe link",
    why: "Only web, mail and phone links are allowed: javascript:, data: and similar links can run code or smuggle content into the published annex.",
    hint: "Link only to http, https, mailto or tel addresses.",
    fixture: "md-javascript-links",
    messages: {
      scheme: (p: { image: boolean; scheme: string }) =>
        `${p.image ? "An image" : "A link"} here uses "${p.scheme}:", which is not allowed; use an http, https, mailto or tel address.`,
    },
  },
  "markdown-image": {
    severity: "warning",
    title: "Image in a text",
    why: "The annex's pages and PDFs load no files but their own, so an image would never be shown; what it shows must be said in words.",
    hint: "Describe the measure in words; the annex shows no images.",
    fixture: "md-image",
    messages: {
      image: () => "Images are not shown in the annex (its pages and PDFs load no other files); describe the measure in words.",
    },
  },
  "markdown-emphasis": {
    severity: "warning",
    title: "Marks read as formatting",
    why: "Markdown reads * and _ between letters or digits as italics or bold and hides them: 2*3*4 would appear as 2 3 4 in the annex.",
    hint: "Write a backslash before a * or _ that is meant as a character (2\\*3), or put the marks around whole words.",
    fixture: "fidelity-emphasis",
    messages: {
      besidePunctuation: (p: { mark: string; kind: Emphasis; beside: string }) =>
        `Markdown reads the ${p.mark.repeat(p.kind === "emphasis" ? 1 : 2)} here, next to "${p.beside}", as ${emphasisWord[p.kind]} and does not show it (e.g. /srv/_backup_/ shows as /srv/backup/ with "backup" in italics). Write \\${p.mark} to show the character, or write a path or name as code (in \`backticks\`).`,
      inside: (p: { mark: string; kind: Emphasis; shown: string }) =>
        `Markdown reads the ${p.mark} here as ${emphasisWord[p.kind]} around "${p.shown}" and does not show the marks (as in *.* or *.bak*, a file pattern). Write \\${p.mark} to show the character.`,
      betweenLetters: (p: { mark: string; kind: Emphasis }) =>
        `Markdown reads the ${p.mark.repeat(p.kind === "emphasis" ? 1 : 2)} here, between letters or digits, as ${emphasisWord[p.kind]} and does not show it (e.g. 2*3*4 shows as 2 3 4 with the 3 in italics). Write \\${p.mark} to show the character, or put spaces around the marked words.`,
      run: (p: { mark: string; kind: Emphasis }) =>
        `Markdown reads part of this run of ${p.mark} as ${emphasisWord[p.kind]} and hides those marks. Write \\${p.mark} for each ${p.mark} to be shown, or use exactly ${p.mark.repeat(p.kind === "emphasis" ? 1 : 2)} around the words.`,
    },
  },
  "markdown-escape": {
    severity: "warning",
    title: "Backslash dropped",
    why: "Markdown drops a backslash before punctuation and at the end of a line, so a path such as \\\\server\\share would lose characters in the annex.",
    hint: "Write paths and other text with backslashes as code, in `backticks`; remove backslashes that are not meant.",
    fixture: "fidelity-escapes",
    messages: {
      lineEnd: () => "A backslash at the end of a line starts a new line and is not shown; to show it, write the text as code (in `backticks`).",
      tableCode: () =>
        "In a table, Markdown drops the backslash before | even inside code (`a\\|b` shows as a|b), and no way of writing it shows it there. If the backslash is meant (a command, a search pattern), write that text outside the table, as code in a paragraph or a code block.",
      dropped: (p: { char: string }) =>
        `Markdown drops this backslash before "${p.char}" (${
          p.char === "\\" ? "\\\\server\\share shows as \\server\\share" : `\\${p.char} shows as ${p.char}`
        }), and the text reads the same without it. To show the backslash, write the text as code (in \`backticks\`); if it is not meant, remove it.`,
    },
  },
  "markdown-definition": {
    severity: "error",
    title: "Line read as a link target",
    why: "Markdown reads a line of the form [label]: address as the target of a link and does not show it; text written that way would be missing from the annex.",
    hint: "Write a backslash before the opening bracket (\\[) to show the line as text, or link to the definition.",
    fixture: "fidelity-link-definition",
    messages: {
      twice: (p: { label: string }) => `This line is read as the target of a link "[${p.label}]" and is not shown; the same label is defined above already.`,
      unused: (p: { label: string }) =>
        `This line reads as the target of a link "[${p.label}]" (a label in brackets, a colon, an address) and is not shown, since nothing links to it. To show it as text, write a backslash before the opening bracket: \\[.`,
    },
  },
  "markdown-footnote": {
    severity: "error",
    title: "Footnote not shown as written",
    why: "A footnote nothing refers to is not shown, a second text for the same footnote is dropped, and a reference to no footnote shows as [^1]: the reader does not get what you wrote.",
    hint: "Give every footnote one text (a line [^label]: …) and refer to it once with [^label].",
    fixture: "fidelity-footnotes",
    messages: {
      unreachable: (p: { label: string }) =>
        `The footnote [^${p.label}] is referred to only from footnotes the text itself never refers to, so it would not be shown; refer to it from the text, or remove it.`,
      twice: (p: { label: string }) => `The footnote [^${p.label}] is defined twice; the second text would not be shown.`,
      missing: (p: { label: string }) =>
        `There is no footnote [^${p.label}] in this text, so the annex shows "[^${p.label}]" as written; add its text as a line "[^${p.label}]: …" below, or remove the reference.`,
      unused: (p: { label: string }) =>
        `Nothing in the text refers to the footnote [^${p.label}], so it would not be shown; refer to it with [^${p.label}] where it belongs, or remove it.`,
    },
  },
  "markdown-list-number": {
    severity: "warning",
    title: "List renumbered",
    why: "Markdown numbers the items of a list one after another from the first number; numbers written otherwise change in the annex, and references to them go wrong.",
    hint: "Number the items of a list consecutively, or write the number with a backslash (5\\.) to keep it as text.",
    fixture: "fidelity-list-numbers",
    messages: {
      leadingZero: (p: { written: string; shown: number }) =>
        `This list item is numbered "${p.written}", but Markdown drops leading zeros and shows "${p.shown}". To show it as written, put a backslash before the dot (${p.written}\\.): then it is text, not a list.`,
      renumbered: (p: { written: string; shown: number }) =>
        `This list item is numbered ${p.written} in the text, but the annex shows ${p.shown}: Markdown numbers the items of a list one after another from the first. Number the items consecutively, or write ${p.written}\\. to keep the number as text.`,
    },
  },
  "markdown-code-info": {
    severity: "warning",
    title: "Text after the code fence hidden",
    why: "The words after the opening ``` or ~~~ of a code block name its language to Markdown; the annex does not show them. A sentence written there would be missing.",
    hint: "Write the words as a sentence above the code block; leave the line of ``` or ~~~ with nothing after it.",
    fixture: "fidelity-code-info",
    messages: {
      hidden: (p: { info: string }) =>
        `The annex does not show "${p.info}", the text after the opening fence of this code block (Markdown takes it for the name of the code's language).`,
    },
  },
  "markdown-break": {
    severity: "warning",
    title: "Line read as a dividing line",
    why: "A line of three or more * or _ is a dividing line to Markdown: the annex shows a rule, not the characters (a line of ___ for a signature, say, is lost).",
    hint: "To show the characters, write a backslash before the first one (\\___) or write them as code; for a dividing line, use --- after a blank line.",
    fixture: "fidelity-break",
    messages: {
      shown: (p: { mark: string }) => `Markdown shows this line of ${p.mark} as a dividing line, not as the characters written.`,
    },
  },
  "markdown-heading-marks": {
    severity: "warning",
    title: "Heading marks hidden",
    why: "Markdown hides the # marks that close a heading; a heading ending in a # meant as text would lose it. A line of === or --- right under a sentence turns the sentence into a heading and is not shown.",
    hint: "Write a backslash before a # that ends a heading, or close the heading with as many # as it opens with.",
    fixture: "fidelity-heading-marks",
    messages: {
      hidden: (p: { marks: string; level: number }) =>
        `Markdown hides the ${p.marks} at the end of this heading (level ${p.level}). To show it, write \\${p.marks}.`,
      underline: (p: { mark: string }) =>
        `The line of ${p.mark} under this text makes it a heading: the annex shows the text as a title and hides the ${p.mark}. For a heading write it with # in front (#### Title); for a dividing line put a blank line before the ${p.mark}.`,
    },
  },
  "link-target": {
    severity: "error",
    title: "Link to a file",
    why: "The published annex and its PDF consist of their own pages only: a link to a file next to the annex leads nowhere.",
    hint: "Link to a full address (https://…, mailto:…) or to a part of the annex (#…).",
    fixture: "deceptive-links",
    messages: {
      file: (p: { url: string }) =>
        `This link leads to "${p.url}", a file next to the annex, which the published annex and its PDF do not have; link to a full address (https://…).`,
    },
  },
  "link-mismatch": {
    severity: "warning",
    title: "Link text is another address",
    why: "When the text of a link shows an address but the link leads elsewhere (another host, another mailbox, a hidden copy), the reader is misled about where it goes, as in phishing; a link with no text is an invisible spot on the page.",
    hint: "Show the address the link leads to, or use words as the link text.",
    fixture: "deceptive-links",
    messages: {
      mismatch: (p: { text: string; url: string; host: string }) =>
        `The link text "${p.text}" shows an address, but the link leads to "${p.url}" (${p.host}); a reader expects to go where the text says. Show the real address, or use words as the link text.`,
      mailbox: (p: { text: string; url: string; to: string; also: boolean }) =>
        `The link text "${p.text}" is a mail address, but the link "${p.url}" writes to ${p.to}${p.also ? " as well" : " instead"}; a reader expects to write to the address shown. Link to that address alone, or show every recipient.`,
      empty: (p: { url: string }) =>
        `This link has no text: on screen it is an empty spot that leads to "${p.url}". Write the words or the address the reader should see between [ and ].`,
    },
  },
  "link-lookalike": {
    severity: "warning",
    title: "Look-alike address",
    why: "A host name written with letters of another alphabet that look like Latin ones (Cyrillic а for a) imitates another site and can send readers somewhere they do not expect.",
    hint: "Check the address letter by letter; type it in Latin letters if that is what is meant.",
    fixture: "deceptive-links",
    messages: {
      userinfo: (p: { url: string; host: string; before: string }) =>
        `The address "${p.url}" leads to the host "${p.host}": "${p.before}" before the @ is a user name, not the host a reader takes it for. Check that it is the address you mean.`,
      mixed: (p: { url: string; host: string }) =>
        `The address "${p.url}" has the host name "${p.host}", which mixes Latin letters with letters of another alphabet that look like them; check that it is the address you mean.`,
      foreign: (p: { url: string; host: string; scripts: readonly string[] }) =>
        `The address "${p.url}" has the host name "${p.host}", which is written in ${p.scripts.join(" and ")} letters that look like Latin ones; check that it is the address you mean.`,
    },
  },
  "invisible-character": {
    severity: "error",
    title: "Invisible character",
    why: 'Invisible and control characters can make the annex read differently from what reviewers see in the source (the "Trojan Source" attack), or break the published files.',
    hint: "Delete the invisible character (retype the text around it if your editor does not show it).",
    fixture: "deceptive-bidi",
    messages: {
      here: (p: { char: string }) => `Here is ${describeHidden(p.char)}. Delete it.`,
      escaped: (p: { char: string }) => `Written as an escape, this value holds ${describeHidden(p.char)}. Delete it.`,
      reference: (p: { char: string }) => `Written as a character reference (&…;), this text holds ${describeHidden(p.char)}. Delete it.`,
    },
  },
  "empty-text": {
    severity: "error",
    title: "Text shows nothing",
    why: "A text of only blanks, invisible characters or formatting shows nothing in the annex, though the field looks filled in.",
    hint: "Write the text, or remove the field.",
    fixture: "fidelity-blank-texts",
    messages: {
      file: () => "The file shows nothing: it holds only spaces, invisible characters or formatting without text. Write the text into it.",
      field: (p: { field: string; blanksOnly: boolean }) =>
        `"${p.field}" shows nothing: it holds only spaces${p.blanksOnly ? "" : ", invisible characters or formatting without text"}. Write the text, or remove the field.`,
    },
  },
  "mixed-script": {
    severity: "warning",
    title: "Word mixes alphabets",
    why: "A word that mixes Latin letters with look-alike letters of another alphabet looks right but is another word to searches, screen readers and anyone copying it.",
    hint: "Retype the word in one alphabet; letters of another alphabet look alike but are different characters.",
    fixture: "deceptive-mixed-script",
    messages: {
      escaped: (p: { word: string }) =>
        `Written with escapes or character references, the word "${p.word}" mixes Latin letters with letters of another alphabet that look the same; readers and searches take it for a word it is not.`,
      word: (p: { word: string }) =>
        `The word "${p.word}" mixes Latin letters with letters of another alphabet that look the same (e.g. Cyrillic "а" for "a"); readers and searches take it for a word it is not.`,
    },
  },
  "yaml-not-text": {
    severity: "warning",
    title: "YAML takes part of the value",
    why: "In a YAML value without quotes, a # after a space starts a comment and a leading ! or & is a tag or an anchor: the annex would show the value without that part. A value over several lines without | is joined into one line, its blank lines into single line breaks: paragraphs and lists run together.",
    hint: "Put a one-line value in double quotes (YAML reads a # after a space as a comment, a ! or & at the start as a tag or anchor); write a text of several lines or paragraphs as a block: | and the lines below it.",
    fixture: "fidelity-yaml-syntax-in-text",
    messages: {
      joined: (p: { field: string; joined: string }) =>
        `In double quotes, a backslash at the end of a line joins the next line to it without a space: "${p.field}" shows "${p.joined}". Put a space before the backslash, or write the text as a block (| and the lines below it).`,
      blankLine: (p: { field: string }) =>
        `"${p.field}" is written without | (plain or in quotes), so YAML turns this blank line into a single line break: the paragraphs before and after it run together into one. Write the text as a block: | and the lines below it.`,
      flowStructure: (p: { field: string }) =>
        `"${p.field}" is written without | (plain or in quotes), so YAML joins this line to the one before it with a space: the list, heading, quote or table it starts would run into one line. Write the text as a block: | and the lines below it.`,
      folded: (p: { field: string }) =>
        `"${p.field}" is a folded block (>), so YAML joins its lines with spaces: the list, heading or table written here would run together into one line. Write | instead of > to keep the line breaks.`,
      tag: (p: { field: string; value: string }) =>
        `The "!" at the start of "${p.field}" is a YAML tag, not text: the annex shows "${p.value}" without it. If the ! belongs to the text, put the whole value in double quotes.`,
      anchor: (p: { anchor: string; field: string; value: string }) =>
        `"&${p.anchor}" at the start of "${p.field}" is a YAML anchor, not text: the annex shows "${p.value}" without it. If it belongs to the text, put the whole value in double quotes.`,
      comment: (p: { field: string; cut: string; value: string }) =>
        `The value of "${p.field}" ends before "${p.cut}": in YAML, a # after a space starts a comment, so "${p.value}" is all the annex shows. If the # belongs to the text, put the whole value in double quotes.`,
    },
  },
  "glyph-missing": {
    severity: "error",
    title: "Character not in the fonts",
    why: "The PDF is printed with the fonts toms bundles; a character they have no letter for would print as an empty box.",
    hint: "Replace the character with one the annex's fonts have (e.g. write the word out).",
    fixture: "glyph-missing",
    messages: {
      escaped: (p: { run: string }) =>
        `Written with escapes or character references, this text holds ${characterRun(p.run)}, which the annex's fonts have no letters for: the PDF would show empty boxes. Write it another way.`,
      noGlyph: (p: { run: string }) =>
        `The annex's fonts have no letters for ${characterRun(p.run)}: the PDF would show empty boxes here. Write it another way (e.g. spell out the word); emoji, Chinese, Japanese, Korean, Indic and Arabic scripts are not in the fonts.`,
    },
  },
  "markdown-table": {
    severity: "error",
    title: "Table cell not shown",
    why: "A Markdown table has as many columns as its header row: cells a row has beyond them are not shown, and a line of text after a table without a blank line becomes a row of it.",
    hint: "Give every row as many cells as the header has (add a column to the header), or end the table with a blank line.",
    fixture: "fidelity-table-cells",
    messages: {
      excessCells: (p: { cells: number; columns: number }) =>
        `This table row has ${p.cells} cells, but the table has ${p.columns} columns (its header row): the last ${p.cells - p.columns === 1 ? "cell is" : `${p.cells - p.columns} cells are`} not shown. Add the column to the header, or end the table with a blank line before this line.`,
    },
  },
  "markdown-interrupt": {
    severity: "warning",
    title: "Line read as a list or quote",
    why: 'A line that starts with > or +, or with - and a number, right after text begins a quote or a list (as does one of its own starting with > or + and a number, or a single - and a number): Markdown hides the character, so "+ 5 %" or "> 5 Minuten" lose their sign.',
    hint: "If a list or quote is meant, put a blank line before it; to show the character, write a backslash before it (\\+, \\>).",
    fixture: "fidelity-interrupt",
    messages: {
      quote: () =>
        "This line starts with >, right after text: Markdown shows it as a quote and hides the >. Put a blank line before a quote that is meant, or write \\> to show the character.",
      list: (p: { marker: string }) =>
        `This line starts with ${p.marker}, right after text: Markdown shows it as a list item and hides the ${p.marker}. Put a blank line before a list that is meant, or write \\${p.marker} to show the character.`,
      quoteNumber: () =>
        'This line starts with > and a number: Markdown shows it as a quote and hides the >, so "> 5 Minuten" reads "5 Minuten". Write \\> to show the character.',
      signList: (p: { marker: string }) =>
        `This line starts with ${p.marker} and a number: Markdown shows it as a list item and hides the ${p.marker}, so "${p.marker} ${p.marker === "+" ? "3 %" : "2 °C"}" reads "${p.marker === "+" ? "3 %" : "2 °C"}". Write \\${p.marker} to show the sign; a list of several items is not questioned.`,
    },
  },
  "rtl-text": {
    severity: "warning",
    title: "Right-to-left letters",
    why: 'Hebrew, Arabic and other right-to-left letters make the annex reorder the digits and words around them ("30 א 60" prints as "60 א 30"), so the text can read differently from the source.',
    hint: "Write the text in a left-to-right script, or keep right-to-left words away from numbers and punctuation that must stay in order.",
    fixture: "deceptive-rtl",
    messages: {
      letters: (p: { run: string }) =>
        `"${p.run}" is written in right-to-left letters: around them the annex shows digits and words in another order than the source (e.g. "30 א 60" as "60 א 30"). Check the printed text, or write it another way.`,
    },
  },
  "theme-logo": {
    severity: "error",
    title: "Logo cannot be used",
    why: "The logo of site.yaml's theme is drawn in the letterhead of every page and in the running header of every PDF page. toms takes an SVG or PNG file of at most 128 KB that it can read whole; anything else would be missing, cut off, or look different on every machine that builds the annex.",
    hint: "Export the logo as SVG (with its text converted to paths) or as PNG, at most 128 KB, and name it in theme.logo.",
    fixture: "theme-logo-jpeg",
    messages: {
      notSvgOrPng: (p: { path: string }) => `"${p.path}" is not an SVG or PNG file; toms takes a logo saved as .svg or .png.`,
      tooBig: (p: { path: string; limitKb: number }) =>
        `The logo "${p.path}" is larger than ${p.limitKb} KB, the most a logo may have (it is part of every page and every PDF); export it smaller, or as SVG.`,
      notPng: (p: { path: string; actually?: string }) =>
        `"${p.path}" is named .png but is not a PNG file${p.actually === undefined ? "" : ` (it is a ${p.actually} file)`}; export the logo as PNG or SVG.`,
      damagedPng: (p: { path: string }) => `"${p.path}" is not a complete PNG file (it is cut off or damaged); export the logo again.`,
      pngTooLarge: (p: { path: string; width: number; height: number; limit: number }) =>
        `The logo "${p.path}" is ${p.width} × ${p.height} pixels; a logo may have at most ${p.limit} pixels on each side. Export it smaller.`,
      notXml: () =>
        "The logo cannot be read as SVG: its XML is broken here (an element or attribute not closed, or a & or < written as it is). Save it again from a drawing program as plain SVG.",
      entities: () =>
        "The logo uses XML entities declared in the file itself (as older Illustrator exports do), which toms does not read. Export it again as plain SVG.",
      notSvg: () => "This file is not an SVG drawing: its outermost element is not <svg>. Export the logo as SVG or PNG.",
      text: () =>
        "The logo holds text (<text>): it would be set in a font of the machine that builds the annex, look different on each, and be words in the PDF nobody wrote. Convert the text to paths (Inkscape: Path › Object to Path; Illustrator: Type › Create Outlines).",
      noSize: () =>
        'The logo\'s <svg> has neither a viewBox nor a width and height in pixels, so it cannot be scaled into the letterhead; add a viewBox, e.g. viewBox="0 0 200 60".',
      tooDeep: (p: { limit: number }) => `The logo nests its elements more than ${p.limit} levels deep here; simplify it in a drawing program.`,
      tooComplex: (p: { limit: number }) =>
        `The logo would draw more than ${p.limit} shapes, or its reuses (<use>) repeat each other in a circle; simplify it in a drawing program.`,
    },
  },
  "template-untranslated": {
    severity: "warning",
    title: "Words of the page template in every language",
    why: "One templates/page.html serves every language of a site in several. Its own words (outside the slots toms fills) are printed as written in every page and PDF, so readers of each other language find them untranslated in the annex they sign; and they are part of what the annex shows (toms diff reports a change of them as a change of every annex).",
    hint: "Leave the words out of templates/page.html (put what the annex is to say into the preamble or a measure, which are translated), or accept them in every language.",
    fixture: "translation-missing",
    messages: {
      inEveryLanguage: (p: { words: string; languages: readonly string[] }) =>
        `The page template's own words ("${p.words}") are printed as written in every page and PDF of every language (${p.languages.join(", ")}): the same words in each, translated in none.`,
    },
  },
  "theme-contrast": {
    severity: "warning",
    title: "Accent colour too pale",
    why: "Links and the headings of groups are written in the accent colour. Text needs a contrast of at least 4.5:1 against white (WCAG AA) to be read by everyone, on screen and on paper.",
    hint: "Choose a darker accent colour, e.g. the shade toms names.",
    fixture: "theme-contrast-pale",
    messages: {
      tooPale: (p: { accent: string; ratio: string; shade: string }) =>
        `The accent colour ${p.accent} has a contrast of only ${p.ratio} against white; text needs at least 4.5:1 (WCAG AA). toms keeps it for rules and shows links and headings in ${p.shade}, the same colour darkened until it reads; write accent: "${p.shade}" (or a darker colour) to have one colour everywhere.`,
    },
  },
  "theme-template": {
    severity: "error",
    title: "Template cannot be used",
    why: "A content folder's templates/page.html replaces the shell every page is put into, and templates/style.css toms's style sheet. The annex goes into the template's slots (data-slot); a template without the slot for the annex, or a style sheet toms cannot read, would publish pages without the annex or without their look.",
    hint: 'Give the template one element with data-slot="main" for the annex, fix the style sheet, or remove the file (see docs/theme.md).',
    fixture: "theme-template-no-main",
    messages: {
      noMain: () =>
        'The page template has no element with data-slot="main", so the annex would not be on the page; put data-slot="main" on the element that is to hold it.',
      slotTwice: (p: { slot: string; line: number }) =>
        `data-slot="${p.slot}" is given a second time (the first is on line ${p.line}); each part of the page goes into one place.`,
      unknownSlot: (p: { slot: string; suggestion?: string; slots: readonly string[] }) =>
        `There is no slot "${p.slot}"${didYouMean(p.suggestion)}; a page template has the slots ${listing(quoted(p.slots))}.`,
      unreadableCss: () =>
        "The style sheet cannot be read here (a brace, quotation mark or semicolon is missing or misplaced), so toms cannot use it; fix it, or remove the file to use toms's.",
      unused: (p: { name: string }) => `toms uses only page.html and style.css of templates/; "${p.name}" is not used.`,
    },
  },
  "theme-refused": {
    severity: "warning",
    title: "Removed from the logo or a template",
    why: "Published pages run no program and load nothing from elsewhere. toms removes from a logo or template scripts, handlers, references to other files, embedded documents and forms, and from a style sheet whatever could move, cover or hide a word (docs/theme.md), and says what it removed.",
    hint: "Remove it from the file: the published pages and PDFs are made without it either way.",
    fixture: "theme-hostile-template",
    messages: {
      removed: (p: { from: "logo" | "page" | "style"; what: string; reason: RefusalReason }) =>
        `Removed from the ${refusedFrom[p.from]}: ${p.what} (${refusedBecause[p.reason]}).`,
    },
  },
  "version-unchanged": {
    severity: "error",
    title: "Version not raised",
    why: "Customers sign the DPA against a version of the annex, so one version must always mean one text: when what an annex says changes, its version changes too, and a published version never changes.",
    hint: "Raise `version` (and `valid_from`) in site.yaml and add an entry to `changes`.",
    fixture: { test: "test/versions.test.ts", reason: "reported by toms diff and toms build, which compare with earlier commits; toms check sees one" },
    messages: {
      reused: (p: { version: string; where: string }) =>
        `"version" is "${p.version}", a version this annex had before (${p.where}): customers may have signed that version with another text. Give the new version a name of its own.`,
      validFromEarlier: (p: { validFrom: string; previous: string; version: string }) =>
        `"valid_from" is ${p.validFrom}, earlier than ${p.previous}, the date the previous version "${p.version}" took effect; a new version takes effect after the one it replaces.`,
      notRaised: (p: { version: string; next: string }) =>
        `The annexes changed, but "version" is still "${p.version}". Customers sign the DPA against a version: raise it (e.g. to "${p.next}"), set "valid_from" and add an entry to "changes".`,
      validFromKept: (p: { version: string; validFrom: string; previous: string }) =>
        `"version" is now "${p.version}", but "valid_from" is still ${p.validFrom}, the date "${p.previous}" took effect; set the date the new version takes effect.`,
      publishedUnreadable: (p: { version: string; date: string; commit: string; next: string }) =>
        `Version "${p.version}" ${published(p)}, whose content no longer passes toms's checks, so toms cannot tell whether the text is still the same. A published version never changes: ${raise(p.next)}.`,
      publishedChanged: (p: { version: string; date: string; commit: string; next: string; measures: readonly string[]; fields: readonly string[] }) =>
        `Version "${p.version}" ${published(p)}, and its text has changed since (${changedSince(p)}). A published version never changes: ${raise(p.next)}.`,
      draftChanges: (p: { version: string; date: string; commit: string; next: string; measures: readonly string[]; fields: readonly string[] }) =>
        `This draft changes the text of version "${p.version}", which ${published(p)} (${changedSince(p)}). Before you commit it, ${raise(p.next)}.`,
    },
  },
  "version-history": {
    severity: "error",
    title: "New version without history entry",
    why: "Customers learn what changed from the change history: its entry is printed in every annex of the version, heads the version's changes page and is what the feed announces. A new version without one would reach them unexplained.",
    hint: "Add an entry for the new version to `changes` in site.yaml: its version, the date it takes effect and a summary of what changed.",
    fixture: {
      test: "test/diff-compare.test.ts",
      reason: "reported by toms diff, which compares two revisions and so knows the version is new; toms check sees one",
    },
    messages: {
      missing: (p: { version: string; previous: string }) =>
        `"version" is now "${p.version}" (it was "${p.previous}"), but "changes" has no entry for "${p.version}": customers learn from that entry what changed. Add one with the version, the date it takes effect and a summary.`,
    },
  },
  "version-texts": {
    severity: "warning",
    title: "An unrecorded version had more than one text",
    why: "Where nothing recorded what was published as a version, toms rebuilds it from git. When the commits carrying that version hold different texts (a pull request merged by rebase or fast-forward, whose first commit changed the text before a later one raised the version), toms must choose one of them as what customers received.",
    hint: "Check the archived copy of that version. If it is not the text that was published, record the files that were (`toms record --adopt`, see docs/ci.md); merge pull requests with a merge commit and let the record job run, and nothing has to be chosen.",
    fixture: { test: "test/versions-forged.test.ts", reason: "reported by toms build for an earlier version in the git history" },
    messages: {
      differing: (p: { version: string; commits: string[]; chosen: string; last: boolean }) =>
        `Version "${p.version}" was never recorded, and its commits on this branch hold different texts (${p.commits.join(", ")}, newest first). ` +
        (p.last
          ? `toms archives the newest, ${p.chosen}, as version ${p.version}.`
          : `The commit that raised the version changed no text, so the newer texts belong to the next version: toms archives ${p.chosen} as version ${p.version}.`),
    },
  },
  "version-unbuildable": {
    severity: "error",
    title: "Published version cannot be rebuilt",
    why: "A published version must stay on the site. When nothing recorded its files and its last commit no longer passes the checks, toms can neither serve it nor rebuild it.",
    hint: 'Record the files that were published as this version with `toms record --adopt` (see docs/ci.md, "Published versions"), so toms serves them instead of rebuilding them.',
    fixture: { test: "test/versions.test.ts", reason: "reported by toms build for an earlier version in the git history" },
    messages: {
      unbuildable: (p: { version: string; commit: string; errors: number; first: { file: string; line: number; column: number; message: string } }) =>
        `Version "${p.version}" was published, but nothing recorded what: its last commit ${p.commit} no longer passes toms's checks ` +
        `(${p.errors} error${p.errors === 1 ? "" : "s"}, the first: ${p.first.file}:${p.first.line}:${p.first.column} ${p.first.message}), ` +
        `so toms cannot rebuild it, and a published version must not disappear from the site. Record the files published as version ${p.version} ` +
        `(the site deployed before still serves them at ${p.version}/): download that site into a folder and run "toms record --adopt --out FOLDER".`,
      offTheLine: (p: { version: string }) =>
        `Version "${p.version}" is in the change history and in the repository, but not on the first-parent history of this branch (the line of commits it was built and published from), and nothing recorded what was published. ` +
        `Record the files published as version ${p.version}: download the deployed site into a folder and run "toms record --adopt --out FOLDER".`,
      folderGone: (p: { versions: string[]; folder: string; here: string }) =>
        `The record of published versions holds version${p.versions.length === 1 ? "" : "s"} ${p.versions.join(", ")} of the content folder "${p.folder}", which no longer exists at HEAD (moved or renamed?), and none of this one ("${p.here}"): a published version must not disappear from the site. Keep the content folder where it was published from (move it back).`,
    },
  },
} as const satisfies Record<string, Rule>;

/** A stable rule id. */
export type RuleId = keyof typeof rules;
