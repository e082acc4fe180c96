/** A PDF stage failure whose message is written for the user (no stack trace is shown). */
export class PdfError extends Error {
  override name = "PdfError";
}

/** What to tell someone whose machine has no browser to print with. */
export function noBrowserMessage(): string {
  return [
    "No Chrome or Chromium was found to print the PDF annexes.",
    "Install one (Debian/Ubuntu: `apt-get install chromium`; macOS/Windows: Google Chrome;",
    "or `npx puppeteer browsers install chrome` for puppeteer's own copy),",
    "or set PUPPETEER_EXECUTABLE_PATH to the browser's executable.",
    "To build the HTML annexes without PDFs, run `toms build --no-pdf`.",
  ].join(" ");
}
