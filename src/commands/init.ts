import fs from "node:fs";
import path from "node:path";
import type { ContentFs } from "../load/content-fs.js";
import { reservedLocationIds } from "../resolve/site.js";
import { hiddenCharacters } from "../util/characters.js";
import { slug } from "../util/slug.js";
import { tomsVersion } from "../util/toms-version.js";
import { repositoryFiles, type InitAnswers } from "../init/files.js";
import { runningTarball } from "../init/install-source.js";
import { packageJson } from "../init/package-json.js";
import { check } from "./check.js";

/** What `toms init` is asked to do: write a new content repository into `dir`. */
export interface InitOptions {
  dir: string;
  answers: InitAnswers;
  /** The day the first version is valid from (today). */
  today?: Date;
  /**
   * The packed toms the new repository installs, copied into its vendor/ folder (default: the file the running toms
   * was installed from, if any, see install-source.ts; null: none, toms is then named by version).
   */
  tarball?: string | null;
}

/** What `toms init` wrote, for the summary it prints. */
export interface InitDone {
  ok: true;
  /** Paths written, relative to `dir`, in the order written. */
  written: string[];
  /** package.json: written new, or an existing one given what it lacked. */
  packageJson: "written" | "updated";
  /** Scripts package.json already had with another command (kept as they were). */
  keptScripts: string[];
  /** How package.json installs toms. */
  tomsSpec: string;
  /** How many placeholders wait to be replaced. */
  placeholders: number;
}

/** Why `toms init` wrote nothing: wrong usage (exit 2), said in one sentence. */
export interface InitRefused {
  ok: false;
  problem: string;
}

/**
 * `toms init`: writes a new content repository into `dir` (created if need be): measures/ with site.yaml, the
 * preamble and one section file per control with placeholder measures, package.json (or what an existing one
 * lacks), README.md, .gitignore and the two GitHub workflows. It refuses, writing nothing, a folder that holds a
 * content folder or any file it would write, and answers whose content would not pass `toms check` without other
 * problems than the placeholders. Never overwrites a file: each is created exclusively.
 */
export function init(options: InitOptions): InitDone | InitRefused {
  const problem = answersProblem(options.answers);
  if (problem) return { ok: false, problem };
  const dir = path.resolve(options.dir);
  const shown = (rel: string) => path.join(options.dir, rel);
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) return { ok: false, problem: `"${options.dir}" is a file, not a folder; name the folder to write the new annex into` };
  for (const content of ["measures", "site.yaml"]) {
    if (fs.existsSync(path.join(dir, content)))
      return { ok: false, problem: `"${options.dir}" already holds a content folder (${content}); toms init starts a new one only where there is none` };
  }
  const files = repositoryFiles(options.answers, options.today ?? new Date());
  const tarball = options.tarball === undefined ? runningTarball() : (options.tarball ?? undefined);
  const vendored = tarball ? `vendor/${path.basename(tarball)}` : undefined;
  for (const rel of files.keys()) {
    if (fs.existsSync(path.join(dir, rel)))
      return { ok: false, problem: `${shown(rel)} already exists, and toms init never overwrites a file; move it away and run toms init again` };
  }
  const checked = checkFiles(dir, files);
  if (checked.problem) return { ok: false, problem: checked.problem };

  const packagePath = path.join(dir, "package.json");
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(packagePath, "utf8");
  } catch {
    existing = undefined;
  }
  let update: ReturnType<typeof packageJson>;
  try {
    update = packageJson(existing, slug(path.basename(dir)) || "annex", vendored ? `file:${vendored}` : `^${tomsVersion()}`);
  } catch (error) {
    return { ok: false, problem: `${shown("package.json")} cannot be read as JSON (${(error as Error).message}); fix or remove it and run toms init again` };
  }

  const written: string[] = [];
  try {
    // The package file too, unless the repository has it already (a copy made by hand is not replaced).
    const all = new Map<string, string | Buffer>(files);
    if (tarball && vendored && !fs.existsSync(path.join(dir, vendored))) all.set(vendored, fs.readFileSync(tarball));
    for (const [rel, text] of all) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      // "wx": created here or not at all, even if another process made the file since the check above.
      fs.writeFileSync(path.join(dir, rel), text, { flag: "wx" });
      written.push(rel);
    }
    // Written last, over what was read a moment ago: the one file init changes rather than creates.
    fs.writeFileSync(packagePath, update.text, existing === undefined ? { flag: "wx" } : {});
  } catch (error) {
    // A half-written repository would be refused by the next init: what this one wrote goes again.
    for (const rel of written) fs.rmSync(path.join(dir, rel), { force: true });
    throw error;
  }
  return {
    ok: true,
    written,
    packageJson: existing === undefined ? "written" : "updated",
    keptScripts: update.keptScripts,
    tomsSpec: update.tomsSpec,
    placeholders: checked.placeholders,
  };
}

/** The largest number of locations init takes (each is an annex, printed on every build). */
const maxLocations = 50;

/** Why these answers cannot make an annex, or undefined when they can. */
export function answersProblem(answers: InitAnswers): string | undefined {
  const hidden = (text: string) => hiddenCharacters(text).length > 0 || /[\n\r\t]/.test(text);
  const organisation = answers.organisation;
  if (organisation.trim() === "") return "the organisation's name is empty";
  if (organisation.length > 120) return `the organisation's name has ${organisation.length} characters, more than the 120 a PDF footer holds`;
  if (hidden(organisation)) return "the organisation's name holds a control or invisible character";
  if (answers.oneScope && answers.locations.length > 0) return "an annex with one scope has no locations: give --one-scope or --location, not both";
  if (answers.locations.length === 0 && !answers.oneScope)
    return "an annex needs at least one location (--location ID=NAME), or --one-scope for a single annex without locations";
  if (answers.locations.length > maxLocations) return `${answers.locations.length} locations are more than the ${maxLocations} toms init takes`;
  const seen = new Set<string>();
  for (const { id, name } of answers.locations) {
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id))
      return `the location id "${id}" is not an id: lower-case letters, digits and hyphens, starting with a letter or digit, at most 64 (e.g. "${slug(id).slice(0, 64) || "falkenstein"}")`;
    if (reservedLocationIds.has(id)) return `"${id}" cannot be a location id: toms names the ${id === "all" ? "combined annex" : "index page"} so`;
    if (seen.has(id)) return `the location id "${id}" is given twice`;
    seen.add(id);
    if (name.trim() === "") return `the location "${id}" has no name`;
    if (hidden(name)) return `the name of the location "${id}" holds a control or invisible character`;
  }
  return undefined;
}

// The content as `toms check` will read it, checked before anything is written: a value that passes the checks
// above but not the content's rules (a character the fonts cannot print, a name too long) is refused here, by the
// check's own words, so that what init writes always checks with nothing but its placeholders.
function checkFiles(dir: string, files: Map<string, string>): { problem?: string; placeholders: number } {
  const root = path.join(dir, "measures");
  const content = new Map<string, Buffer>();
  for (const [rel, text] of files) if (rel.startsWith("measures/")) content.set(path.join(dir, rel), Buffer.from(text));
  const memory: ContentFs = {
    files: () => [...content.keys()].sort(),
    read(file) {
      const bytes = content.get(file);
      if (bytes === undefined) throw Object.assign(new Error(`${file} does not exist`), { code: "ENOENT" });
      return bytes;
    },
    exists: (file) => content.has(file),
    realpath: (file) => file,
  };
  const found = check(root, memory).diagnostics.sorted();
  const placeholders = found.filter((d) => d.rule === "placeholder").length;
  const first = found.find((d) => d.rule !== "placeholder");
  if (first === undefined) return { placeholders };
  return { placeholders, problem: `the new annex would not pass toms check: ${first.message.replace(/\.$/, "")} (in ${path.relative(dir, first.file)})` };
}
