import type { Site } from "../model.js";
import type { AnnexPage } from "../render/site.js";

/** Prints every annex page in `dir` to its PDF. (Placeholder until the PDF stage lands.) */
export async function printAnnexes(_site: Site, _pages: AnnexPage[], _dir: string, _log?: (line: string) => void): Promise<void> {
  throw new Error("PDF printing is not implemented yet; use --no-pdf");
}
