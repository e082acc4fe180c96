import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { say } from "../diagnostics/say.js";
import type { LoadedContent } from "../load/load.js";
import type { YamlFile } from "../load/yaml-file.js";
import { placeAt } from "../load/yaml-path.js";
import type { Catalogue, Control, Cover, Localized } from "../model.js";
import { isFields, list, text } from "../util/guards.js";
import { closest } from "../util/suggest.js";

/** Folder of the catalogues built into toms (one YAML file each; their shape is catalogue.schema.json's, tested). */
export const builtInDir = new URL("../../catalogues/", import.meta.url);

/** The ids of the built-in catalogues, in the order the documentation lists them. */
export const builtInIds = ["art32", "bdsg-9", "bdsg-64", "scc-annex-iii"] as const;

let builtIn: Map<string, Catalogue> | undefined;

/** The built-in catalogues by id, read once. */
export function builtInCatalogues(): Map<string, Catalogue> {
  builtIn ??= new Map(
    builtInIds.map((id) => [id, { ...toCatalogue(parse(fs.readFileSync(new URL(`${id}.yaml`, builtInDir), "utf8"))), builtIn: true }] as const),
  );
  return builtIn;
}

/**
 * Every catalogue the content may name: the built-in ones and its own (catalogues/<id>.yaml). Reports an own
 * catalogue whose id differs from its file name or takes a built-in one's, and controls named twice; such a file
 * is left out (its references are not reported again as unknown: the content is in error either way).
 */
export function resolveCatalogues(content: LoadedContent, diagnostics: Diagnostics): Map<string, Catalogue> {
  const all = new Map(builtInCatalogues());
  for (const file of content.catalogues) {
    if (!isFields(file.value)) continue;
    const id = text(file.value.id);
    const name = path.basename(file.path).replace(/\.ya?ml$/i, "");
    if (id === undefined) continue;
    if (builtInCatalogues().has(id)) {
      diagnostics.add(say["catalogue-file"].builtIn({ id }), placeAt(file, ["id"]));
      continue;
    }
    if (id !== name) {
      diagnostics.add(say["catalogue-file"].nameDiffers({ id, file: path.basename(file.path) }), placeAt(file, ["id"]));
      continue;
    }
    reportDuplicateControls(file, diagnostics);
    all.set(id, { ...toCatalogue(file.value), builtIn: false });
  }
  return all;
}

function reportDuplicateControls(file: YamlFile, diagnostics: Diagnostics): void {
  const seen = new Map<string, number>();
  list((file.value as { controls?: unknown }).controls).forEach((entry, i) => {
    const id = isFields(entry) ? text(entry.id) : undefined;
    if (id === undefined) return;
    const place = placeAt(file, ["controls", i, "id"]);
    const first = seen.get(id);
    if (first !== undefined) diagnostics.add(say["catalogue-file"].duplicateControl({ id, line: first }), place);
    else seen.set(id, place.line);
  });
}

function toCatalogue(value: unknown): Omit<Catalogue, "builtIn"> {
  const fields = isFields(value) ? value : {};
  const source = isFields(fields.source) ? fields.source : undefined;
  const citation = localized(source?.citation);
  const controls: Control[] = list(fields.controls).flatMap((entry) => {
    if (!isFields(entry) || typeof entry.id !== "string") return [];
    const title = localized(entry.title) ?? entry.id;
    const name = localized(entry.name);
    const ref = localized(entry.ref);
    return [{ id: entry.id, title, ...(name && { name }), ...(ref && { ref }) }];
  });
  return {
    id: text(fields.id) ?? "",
    title: localized(fields.title) ?? text(fields.id) ?? "",
    ...(source && { source: { ...(citation && { citation }), ...(typeof source.url === "string" && { url: source.url }) } }),
    controls,
  };
}

function localized(value: unknown): Localized | undefined {
  if (typeof value === "string") return value;
  if (!isFields(value)) return undefined;
  const entries = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string");
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** A localized text in a language: the language's own, else its base language's (de-CH → de), else English, else the first given. */
export function inLanguage(value: Localized, lang: string): string {
  if (typeof value === "string") return value;
  const base = lang.toLowerCase().split("-")[0] ?? "";
  const key = Object.keys(value).find((k) => k.toLowerCase() === lang.toLowerCase()) ?? Object.keys(value).find((k) => k.toLowerCase() === base);
  return value[key ?? "en"] ?? (Object.values(value)[0] as string);
}

/**
 * Reads a control reference "catalogue:control" at `pointer` of a file; reports it (catalogue-ref) when it is not
 * of that form or names a catalogue or control that does not exist, with the closest known one.
 */
export function readCover(
  written: string,
  catalogues: Map<string, Catalogue>,
  file: YamlFile,
  pointer: (string | number)[],
  diagnostics: Diagnostics,
): Cover | undefined {
  const colon = written.indexOf(":");
  const place = () => placeAt(file, pointer);
  if (colon <= 0 || colon === written.length - 1) {
    diagnostics.add(say["catalogue-ref"].form({ written }), place());
    return undefined;
  }
  const catalogueId = written.slice(0, colon).trim();
  const controlId = written.slice(colon + 1).trim();
  const catalogue = catalogues.get(catalogueId);
  if (!catalogue) {
    diagnostics.add(
      say["catalogue-ref"].unknownCatalogue({ id: catalogueId, suggestion: closest(catalogueId, catalogues.keys()), known: [...catalogues.keys()] }),
      place(),
    );
    return undefined;
  }
  if (!catalogue.controls.some((c) => c.id === controlId)) {
    const ids = catalogue.controls.map((c) => c.id);
    diagnostics.add(say["catalogue-ref"].unknownControl({ catalogue: catalogueId, id: controlId, suggestion: closest(controlId, ids), known: ids }), place());
    return undefined;
  }
  return { catalogue: catalogueId, control: controlId };
}

/** The controls a section or measure says it covers (`covers` at `pointer`), each checked. */
export function readCovers(
  value: unknown,
  catalogues: Map<string, Catalogue>,
  file: YamlFile,
  pointer: (string | number)[],
  diagnostics: Diagnostics,
): Cover[] {
  return list(value).flatMap((entry, i) => (typeof entry === "string" ? (readCover(entry, catalogues, file, [...pointer, i], diagnostics) ?? []) : []));
}
