import { isScalar } from "yaml";
import { isEntryList, type EntryList } from "../diagnostics/rules.js";
import { placeName, type Kind } from "../diagnostics/words.js";
import type { YamlFile } from "../load/yaml-file.js";
import { nodeAt, parsePointer } from "../load/yaml-path.js";

/** Names the thing a pointer is in, e.g. `measure "zutritt-rz"`, `location no. 3` or `site.yaml` (with `itself`: see placeName). */
export function describe(file: YamlFile, kind: Kind, pointer: string, itself = false): string {
  return placeName(kind, parsePointer(pointer), file.value, itself);
}

/** Fields whose text may be written per language ({ de: …, en: … }): a problem of one language's text names both. */
const translatable = new Set([
  "title",
  "subtitle",
  "measures_title",
  "name",
  "operator",
  "intro",
  "description",
  "summary",
  "reason",
  "text",
  "location_label",
]);

/** The name of the field a pointer ends in (the list's name for a list entry); "title.en" for one language's text. */
export function fieldName(pointer: string): string {
  const tokens = parsePointer(pointer);
  const [field, language] = tokens.slice(-2);
  if (field !== undefined && language !== undefined && translatable.has(field) && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(language))
    return `${field}.${language}`;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] as string;
    if (!/^\d+$/.test(token)) return token;
  }
  return "";
}

/** For an entry of a top-level list whose entries are sets of fields (a measure, group …): the list. */
export function entryOf(pointer: string): EntryList | undefined {
  const tokens = parsePointer(pointer);
  const last = tokens[tokens.length - 1] ?? "";
  const list = tokens[tokens.length - 2] ?? "";
  return /^\d+$/.test(last) && tokens.length === 2 && isEntryList(list) ? list : undefined;
}

/** Whether a pointer ends at an entry of a list. */
export function isListEntry(pointer: string): boolean {
  return /\/\d+$/.test(pointer);
}

/** The value at a pointer exactly as the author typed it (e.g. `2026.10`, which YAML reads as 2026.1). */
export function asWritten(file: YamlFile, pointer: string): string | undefined {
  const { node } = nodeAt(file, pointer);
  if (!isScalar(node) || !node.range) return undefined;
  const raw = file.text.slice(node.range[0], node.range[1]).trim();
  return raw === "" || raw.includes("\n") ? undefined : raw;
}
