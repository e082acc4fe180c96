import path from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { ContentFs } from "./content-fs.js";
import { SourceReader } from "./source.js";
import { parseYamlFile, type YamlFile } from "./yaml-file.js";
import { isInside } from "../util/paths.js";

/** The folder of a content folder that holds its own catalogues (catalogues/<id>.yaml) rather than sections. */
export const catalogueFolder = "catalogues";

/** The content folder as read: site.yaml, the section files, and a reader for prose files. */
export interface LoadedContent {
  root: string;
  /** site.yaml, or undefined when it is missing or unreadable. */
  site: YamlFile | undefined;
  sections: YamlFile[];
  /** The content's own catalogues: the YAML files in catalogues/ (not sections). */
  catalogues: YamlFile[];
  reader: SourceReader;
  fs: ContentFs;
  /** Every file of the content folder (absolute paths), listed once. */
  files: string[];
  /** YAML files that could not be read or parsed: checks that need every section (a group without sections, an unknown ref) are skipped while there are any. */
  failed: string[];
}

/**
 * Reads and parses every YAML file of a content folder, reporting what cannot be read. `parse` parses one file (the
 * live preview passes one that remembers the files whose text did not change).
 */
export function loadContent(root: string, contentFs: ContentFs, diagnostics: Diagnostics, parse: typeof parseYamlFile = parseYamlFile): LoadedContent {
  const reader = new SourceReader(root, diagnostics, (file) => contentFs.read(file));
  const sitePath = path.join(root, "site.yaml");
  let files: string[] = [];
  try {
    files = contentFs.files();
  } catch {
    diagnostics.add(say["content-missing"].noFolder(), { file: root, line: 1, column: 1 });
    return { root, site: undefined, sections: [], catalogues: [], reader, fs: contentFs, files, failed: [root] };
  }
  let site: YamlFile | undefined;
  if (!files.includes(sitePath)) {
    diagnostics.add(say["content-missing"].noSite(), { file: sitePath, line: 1, column: 1 });
  }
  const sections: YamlFile[] = [];
  const catalogues: YamlFile[] = [];
  const catalogueDir = path.join(root, catalogueFolder);
  const failed: string[] = [];
  for (const file of files) {
    if (!/\.ya?ml$/i.test(file)) continue;
    if (!isInside(contentFs.realpath(root), contentFs.realpath(file))) {
      diagnostics.add(say["file-outside"].thisLinkOutside(), { file, line: 1, column: 1 });
      failed.push(file);
      continue;
    }
    const text = reader.read(file);
    if (text === undefined) {
      failed.push(file);
      continue;
    }
    // Line by line: a single regular expression for "only blank and comment lines" backtracks exponentially.
    if (text.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("#"))) {
      const commentsOnly = text.trim() !== "";
      diagnostics.add(file === sitePath ? say["file-empty"].site({ commentsOnly }) : say["file-empty"].section({ commentsOnly }), { file, line: 1, column: 1 });
      failed.push(file);
      continue;
    }
    const parsed = parse(file, text, diagnostics);
    if (parsed?.value === undefined) failed.push(file);
    if (parsed === undefined) continue;
    if (file === sitePath) site = parsed;
    else if (path.dirname(file) === catalogueDir) catalogues.push(parsed);
    else sections.push(parsed);
  }
  return { root, site, sections, catalogues, reader, fs: contentFs, files, failed };
}
