import path from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { LoadedContent } from "../load/load.js";
import type { Languages } from "./languages.js";

/**
 * Warns about Markdown files nothing reads: toms reads a prose file only where a field names it (and its
 * translations beside it), so a file no field names, or a translation named for a language the annex does not have
 * or in the wrong letter case (`backup.EN.md`), would silently be in no annex. Called last, on content without
 * errors: only then has every field that names a file been read. A README.md explains the folder and is left alone.
 */
export function warnUnusedFiles(content: LoadedContent, languages: Languages, diagnostics: Diagnostics): void {
  const read = new Set(content.reader.readFiles());
  const all = [languages.main, ...languages.translations];
  for (const file of content.files) {
    if (!/\.md$/i.test(file) || read.has(file) || /^readme\.md$/i.test(path.basename(file))) continue;
    const at = { file, line: 1, column: 1 };
    // backup.en.md beside backup.md (or backup.de.md) that was read: a translation toms does not read.
    const named = /^(.+)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)(\.md)$/i.exec(path.basename(file));
    const original = named
      ? [`${named[1]}${named[3]}`, `${named[1]}.${languages.main}${named[3]}`].find((name) => read.has(path.join(path.dirname(file), name)))
      : undefined;
    if (!named || original === undefined) {
      diagnostics.add(say["unused-file"].orphan(), at);
      continue;
    }
    const language = named[2] as string;
    const known = all.find((lang) => lang.toLowerCase() === language.toLowerCase());
    if (known !== undefined && known !== language) {
      const expected = `${named[1]}.${known}${named[3]}`;
      diagnostics.add(say["unused-file"].letterCase({ language, original, expected }), at);
    } else {
      diagnostics.add(say["unused-file"].language({ language, original, languages: all.join(", ") }), at);
    }
  }
}
