import type { RuleId } from "./rules.js";
import { rules, type Severity } from "./rules.js";
import type { Said } from "./say.js";

export type { Severity } from "./rules.js";

/** One problem in the content, located at a file, line and column (both from 1). */
export interface Diagnostic {
  /** Absolute path of the file the problem is in. */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: RuleId;
  message: string;
  /** Where the span the problem is about ends (exclusive), when known: the code frame underlines it. */
  endLine?: number;
  endColumn?: number;
}

/** A place in a file: absolute path plus 1-based line and column. */
export interface Place {
  file: string;
  line: number;
  column: number;
  /** The end of the value or key at this place (exclusive), when known. */
  endLine?: number;
  endColumn?: number;
}

/** Collects the diagnostics of one run; stages add to it and go on, so one run reports everything. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  /** Records a problem, said by the catalogue (see say.ts), with its rule's severity unless another is given. */
  add({ rule, message }: Said, place: Place, severity: Severity = rules[rule].severity): void {
    const end = place.endLine !== undefined && place.endColumn !== undefined && { endLine: place.endLine, endColumn: place.endColumn };
    this.list.push({ file: place.file, line: place.line, column: place.column, severity, rule, message, ...end });
  }

  /** True when any error (not only warnings) was recorded. */
  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === "error");
  }

  /** The diagnostics in a stable order: by file, line, column, rule. */
  sorted(): Diagnostic[] {
    return [...this.list].sort(
      (a, b) =>
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line ||
        a.column - b.column ||
        (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
    );
  }
}
