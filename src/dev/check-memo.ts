import type { Scalar } from "yaml";
import type { CheckMemo } from "../commands/check.js";
import { type Diagnostic, Diagnostics } from "../diagnostics/diagnostic.js";
import { parseYamlFile, type YamlFile } from "../load/yaml-file.js";
import type { Prose } from "../model.js";
import { lintProse } from "../validate/prose-lint.js";
import { checkFileTexts } from "../validate/texts.js";

// Work done once, with the problems it reported: they are reported again each time the result is reused, so a
// check that reuses it says exactly what a fresh check says.
interface Done<T> {
  result: T;
  found: Diagnostic[];
}

function run<T>(work: (diagnostics: Diagnostics) => T): Done<T> {
  const scratch = new Diagnostics();
  return { result: work(scratch), found: scratch.list };
}

function replay<T>(done: Done<T>, diagnostics: Diagnostics): T {
  diagnostics.list.push(...done.found);
  return done.result;
}

/**
 * The check's per-file work remembered between checks of one content folder (toms dev): a YAML file is parsed, and
 * its characters and Markdown texts checked, again only when its text changed. Parsing an unchanged file gives the
 * very same YamlFile (and YAML nodes), which is what the later stages' memory is keyed by.
 */
export class FileMemo implements CheckMemo {
  readonly #parsed = new Map<string, Done<YamlFile | undefined> & { text: string }>();
  readonly #texts = new WeakMap<YamlFile, Done<void>>();
  // Markdown written in YAML, by its node (its place follows from the unchanged file); prose files by path and text.
  readonly #yamlLints = new WeakMap<Scalar, Done<void>>();
  readonly #fileLints = new Map<string, Done<void> & { markdown: string }>();
  #seen = new Set<string>();

  readonly parse = (file: string, text: string, diagnostics: Diagnostics): YamlFile | undefined => {
    this.#seen.add(file);
    let done = this.#parsed.get(file);
    if (done?.text !== text) {
      done = { ...run((scratch) => parseYamlFile(file, text, scratch)), text };
      this.#parsed.set(file, done);
    }
    return replay(done, diagnostics);
  };

  readonly fileTexts = (file: YamlFile, diagnostics: Diagnostics): void => {
    let done = this.#texts.get(file);
    if (!done) {
      done = run((scratch) => checkFileTexts(file, scratch));
      this.#texts.set(file, done);
    }
    replay(done, diagnostics);
  };

  readonly lint = (prose: Prose, diagnostics: Diagnostics): void => {
    const node = prose.yaml?.node;
    if (node) {
      let done = this.#yamlLints.get(node);
      if (!done) {
        done = run((scratch) => lintProse(prose, scratch));
        this.#yamlLints.set(node, done);
      }
      replay(done, diagnostics);
      return;
    }
    this.#seen.add(prose.file);
    const key = `${prose.file}\0${prose.line}:${prose.column}:${prose.indent}`;
    let done = this.#fileLints.get(key);
    if (done?.markdown !== prose.markdown) {
      done = { ...run((scratch) => lintProse(prose, scratch)), markdown: prose.markdown };
      this.#fileLints.set(key, done);
    }
    replay(done, diagnostics);
  };

  /** Forgets the files the last check did not read (deleted, renamed), so the memory does not grow with every name a file ever had. */
  prune(): void {
    for (const file of this.#parsed.keys()) if (!this.#seen.has(file)) this.#parsed.delete(file);
    for (const key of this.#fileLints.keys()) if (!this.#seen.has(key.slice(0, key.indexOf("\0")))) this.#fileLints.delete(key);
    this.#seen = new Set();
  }
}
