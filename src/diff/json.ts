import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DiffResult } from "./diff.js";
import type { Side } from "./side.js";
import { relativePosix } from "../util/paths.js";
import { printableJson } from "../util/terminal.js";

/** The diff for programs: sides, per-annex measure changes, site.yaml and section changes, diagnostics, suggested history entry. */
export function jsonReport(result: DiffResult, cwd = process.cwd()): string {
  const rel = (d: Diagnostic, side?: "base" | "head") => ({
    file: relativePosix(cwd, d.file),
    line: d.line,
    column: d.column,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    ...(side && { side }),
  });
  const broken = result.broken;
  const diagnostics = [...(broken ? result[broken].diagnostics.sorted().map((d) => rel(d, broken)) : []), ...result.diagnostics.sorted().map((d) => rel(d))];
  const report = {
    base: side(result.base),
    head: side(result.head),
    ...(broken && { broken }),
    contentChanged: result.contentChanged,
    annexes: result.annexes.map((a) => ({
      location: a.location,
      ...(a.lang !== undefined && { lang: a.lang }),
      ...(a.name !== undefined && { name: a.name }),
      changes: a.changes,
    })),
    site: result.site,
    sections: result.sections,
    diagnostics,
    suggestion: result.suggestion ?? null,
  };
  return `${printableJson(JSON.stringify(report, null, 2))}\n`;
}

function side(s: Side) {
  return {
    revision: s.revision ?? null,
    commit: s.commit ?? null,
    label: s.label,
    present: s.present,
    version: s.site?.version ?? null,
    validFrom: s.site?.validFrom ?? null,
  };
}
