import { readBlobs } from "../diff/git-fs.js";
import { namedDestinations, readPdf } from "../pdf/pdf-file.js";
import type { TocGuesses } from "../pdf/toc-guesses.js";
import type { PublishedRecord } from "./record.js";

/**
 * The contents' page numbers the last published version's PDFs show, as the first guess for a build that knows no
 * better (no previous output, nothing in toms's cache): the publishing workflow builds in a fresh container, and a
 * new version mostly keeps its predecessor's pages. Read from the record's PDFs themselves (the page each named
 * destination is on), so it needs nothing the record does not already hold. Only a guess, checked by the print like
 * any other (see toc-guesses.ts): a record that lies costs a print, never a wrong number.
 */
export function withRecordedGuesses(guesses: TocGuesses, top: string, record: PublishedRecord): TocGuesses {
  let recorded: Map<string, Map<string, number>> | undefined;
  return {
    get: (rel) => {
      const own = guesses.get(rel);
      if (own) return own;
      recorded ??= lastPublished(top, record);
      const found = recorded.get(rel);
      return found && new Map(found);
    },
    set: (rel, toc) => guesses.set(rel, toc),
    save: () => guesses.save(),
  };
}

// The page numbers of each annex PDF of the version recorded last, by its path in the version's folder ("berlin.pdf",
// "en/all.pdf"); none when there is no record or a PDF cannot be read.
function lastPublished(top: string, record: PublishedRecord): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>();
  const last = [...record.versions.values()].sort((a, b) => a.record.recorded.localeCompare(b.record.recorded)).at(-1);
  if (!last) return result;
  // The annexes only: a changes page has no contents.
  const pdfs = [...last.blobs].filter(([file]) => file.endsWith(".pdf") && !/(^|\/)changes\.pdf$/.test(file));
  try {
    const bytes = readBlobs(
      top,
      pdfs.map(([, blob]) => blob),
    );
    for (const [file, blob] of pdfs) {
      const pdf = bytes.get(blob.oid);
      if (!pdf) continue;
      try {
        result.set(file, namedDestinations(readPdf(pdf)));
      } catch {
        // Not a PDF toms can read: no guess for it.
      }
    }
  } catch {
    // The objects cannot be read: no guesses, each annex is printed twice.
  }
  return result;
}
