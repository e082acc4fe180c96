import path from "node:path";
import type { Diagnostics, Place } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import { isSkippedName } from "../load/content-fs.js";
import type { LoadedContent } from "../load/load.js";
import { isInside, relativePosix } from "../util/paths.js";
import type { Prose } from "../model.js";
import { closest } from "../util/suggest.js";
import { fileProse } from "../load/prose.js";

/**
 * Resolves a path written in a content file (relative to that file); reports paths that leave the folder or do not
 * exist. `logo`: the path names the theme's logo, not a Markdown file (the messages say so).
 */
export function contentPath(content: LoadedContent, from: string, written: string, place: Place, diagnostics: Diagnostics, logo = false): string | undefined {
  if (path.isAbsolute(written) || /^[a-zA-Z]:[\\/]/.test(written) || written.startsWith("\\")) {
    diagnostics.add(say["file-outside"].absolute({ path: written }), place);
    return undefined;
  }
  const target = path.resolve(path.dirname(from), written);
  if (!isInside(content.root, target)) {
    diagnostics.add(say["file-outside"].outside({ path: written, ...(logo && { logo }) }), place);
    return undefined;
  }
  // The same files as the folder walk and the git reader see, so check, build and diff agree.
  if (
    path
      .relative(content.root, target)
      .split(path.sep)
      .some((segment) => segment !== ".." && isSkippedName(segment))
  ) {
    diagnostics.add(say["file-ref"].hidden({ path: written }), place);
    return undefined;
  }
  if (!content.fs.exists(target)) {
    if (content.files.includes(target)) {
      diagnostics.add(say["file-ref"].brokenLink({ path: written }), place);
      return undefined;
    }
    const siblings = content.files.filter((f) => path.dirname(f) === path.dirname(target)).map((f) => relativePosix(path.dirname(from), f));
    // A Windows habit: on every other system a backslash is part of the file name.
    const said = written.includes("\\")
      ? say["file-ref"].backslashes({ path: written })
      : say["file-ref"].missing({ path: written, suggestion: closest(written, siblings) });
    diagnostics.add(said, place);
    return undefined;
  }
  if (!isInside(content.fs.realpath(content.root), content.fs.realpath(target))) {
    diagnostics.add(say["file-outside"].linkOutside({ path: written }), place);
    return undefined;
  }
  if (!content.files.includes(target) && content.files.some((f) => f.startsWith(target + path.sep))) {
    diagnostics.add(say["file-ref"].folder({ path: written, ...(logo && { logo }) }), place);
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
    diagnostics.add(say["file-empty"].prose({ path: written }), place);
    return undefined;
  }
  return fileProse(target, markdown);
}
