/** A PDF stage failure whose message is written for the user (no stack trace is shown). */
export class PdfError extends Error {
  override name = "PdfError";
}

/**
 * What to tell someone whose machine has no browser to print with: first the one command that gets the Chrome
 * puppeteer is tested with (`build`) into puppeteer's cache (`cacheDir`), where toms finds it, then the other ways.
 */
export function noBrowserMessage(install: { build: string; cacheDir: string }): string {
  return [
    "No Chrome or Chromium was found to print the PDF annexes.",
    `Run \`npx @puppeteer/browsers install chrome@${install.build} --path ${shellWord(install.cacheDir)}\` to download the Chrome that puppeteer is tested with into puppeteer's cache, where toms finds it;`,
    "or install one (Debian/Ubuntu: `apt-get install chromium`; macOS/Windows: Google Chrome);",
    "or set PUPPETEER_EXECUTABLE_PATH to the browser's executable.",
    "To build the HTML annexes without PDFs, run `toms build --no-pdf`.",
  ].join(" ");
}

// A path as one word of a command line to copy: as it is when nothing in it needs quoting.
function shellWord(text: string, platform = process.platform): string {
  if (platform === "win32") return /^[\w:.\\-]+$/.test(text) ? text : `"${text}"`;
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
