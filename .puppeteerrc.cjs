// Puppeteer configuration, read by `npm ci` (puppeteer's install script) and at run time.
// Where the machine already has Chrome or Chromium, puppeteer's own browser download is skipped, so
// `npm ci` works without access to Google's download host; toms then prints with the system browser
// (src/pdf/find-browser.ts looks in the same places: keep the two lists in step, test/pdf-browser.test.ts compares).
// Elsewhere the normal download happens.
const fs = require("node:fs");
const path = require("node:path");

function systemBrowserPaths(platform, env) {
  if (platform === "darwin") {
    return ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium"];
  }
  if (platform === "win32") {
    const roots = [env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env.LOCALAPPDATA].filter(Boolean);
    return roots.map((root) => path.win32.join(root, "Google", "Chrome", "Application", "chrome.exe"));
  }
  return [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/opt/google/chrome/chrome",
    "/snap/bin/chromium",
  ];
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const candidates = [process.env.PUPPETEER_EXECUTABLE_PATH, ...systemBrowserPaths(process.platform, process.env)].filter(Boolean);
const systemBrowser = candidates.find(isFile);

/** @type {import("puppeteer").Configuration} */
module.exports = {
  ...(systemBrowser ? { skipDownload: true } : {}),
  // Not a puppeteer setting: lets the test compare this list with the one toms searches.
  tomsSystemBrowserPaths: systemBrowserPaths,
};
