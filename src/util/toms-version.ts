import fs from "node:fs";

let version: string | undefined;

/** The version of toms itself (package.json), as records and PDF keys name the tool that made a file. */
export function tomsVersion(): string {
  // Two folders below the package both in src/ and in lib/ (lib/bundle/ too), so the same relative URL works.
  version ??= JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version as string;
  return version;
}
