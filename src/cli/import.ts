import { ImportRefused, type ImportOptions, importAnnex } from "../commands/import.js";
import { importReport } from "../import/report.js";
import { printable } from "../util/terminal.js";

/** `toms import`: drafts the content folder and prints the report; 2 when the file or the folder is refused. */
export async function runImport(options: ImportOptions): Promise<number> {
  try {
    const summary = await importAnnex(options);
    // Text of the source is printed back: escaped, so it cannot act on the terminal.
    process.stdout.write(importReport(summary).split("\n").map(printable).join("\n"));
    return 0;
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    process.stderr.write(`toms: ${printable(error.message)}.\nRun "toms help import" for its options and examples.\n`);
    return 2;
  }
}
