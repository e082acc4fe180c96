import path from "node:path";
import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";
import { isSkippedName } from "../load/content-fs.js";
import type { LoadedContent } from "../load/load.js";
import { isInside, relativePosix } from "../util/paths.js";
import type { Prose } from "../model.js";
import { didYouMean } from "../util/suggest.js";
import { fileProse } from "./prose.js";

/** Resolves a path written in a content file (relative to that file); reports paths that leave the folder or do not exist. */
export function contentPath(content: LoadedContent, from: string, written: string, place: Place, diagnostics: Diagnostics): string | undefined {
  if (path.isAbsolute(written) || /^[a-zA-Z]:[\\/]/.test(written) || written.startsWith("\\")) {
    diagnostics.add("file-outside", place, `"${written}" is an absolute path; write the path relative to this file, inside the content folder.`);
    return undefined;
  }
  const target = path.resolve(path.dirname(from), written);
  if (!isInside(content.root, target)) {
    diagnostics.add("file-outside", place, `"${written}" points outside the content folder; prose files must lie inside it.`);
    return undefined;
  }
  // The same files as the folder walk and the git reader see, so check, build and diff agree.
  if (
    path
      .relative(content.root, target)
      .split(path.sep)
      .some((segment) => segment !== ".." && isSkippedName(segment))
  ) {
    diagnostics.add(
      "file-ref",
      place,
      `"${written}" is a hidden file or lies in a hidden folder or node_modules; toms reads no such files. Rename or move it.`,
    );
    return undefined;
  }
  if (!content.fs.exists(target)) {
    if (content.files.includes(target)) {
      diagnostics.add("file-ref", place, `"${written}" is a link to a file that does not exist.`);
      return undefined;
    }
    const siblings = content.files.filter((f) => path.dirname(f) === path.dirname(target)).map((f) => relativePosix(path.dirname(from), f));
    // A Windows habit: on every other system a backslash is part of the file name.
    const slashes = written.includes("\\") ? `; separate folders with / (as in "${written.replace(/\\/g, "/")}")` : "";
    diagnostics.add("file-ref", place, `The file "${written}" does not exist${slashes || didYouMean(written, siblings)}.`);
    return undefined;
  }
  if (!isInside(content.fs.realpath(content.root), content.fs.realpath(target))) {
    diagnostics.add("file-outside", place, `"${written}" is a link to a place outside the content folder; toms does not follow it.`);
    return undefined;
  }
  if (!content.files.includes(target) && content.files.some((f) => f.startsWith(target + path.sep))) {
    diagnostics.add("file-ref", place, `"${written}" is a folder; name a Markdown file in it.`);
    return undefined;
  }
  return target;
}

/** Reads the Markdown file a content file names (intro_file, file, preamble); reports what makes it unusable. */
export function proseFile(content: LoadedContent, from: string, written: string, place: Place, diagnostics: Diagnostics): Prose | undefined {
  const target = contentPath(content, from, written, place, diagnostics);
  const markdown = target === undefined ? undefined : content.reader.read(target);
  if (target === undefined || markdown === undefined) return undefined;
  if (markdown.trim() === "") {
    diagnostics.add("file-empty", place, `The file "${written}" is empty; write the text into it.`);
    return undefined;
  }
  return fileProse(target, markdown);
}
