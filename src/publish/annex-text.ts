import { pageFingerprints } from "../dev/fingerprint.js";
import { indexPage } from "../dev/index-page.js";
import type { Site } from "../model.js";

/**
 * What the annexes of a site say, as one key: equal for two sites whose annexes show the same text, whatever their
 * version, date of validity and change history. The live preview's page fingerprints already hash exactly what each
 * annex page shows; they are taken with those three fields made equal, and without the index page (it lists versions).
 */
export function annexTextKey(site: Site): string {
  const neutral: Site = { ...site, version: "", validFrom: "", changes: [] };
  const pages = [...pageFingerprints(neutral)].filter(([name]) => name !== indexPage).sort(([a], [b]) => a.localeCompare(b));
  return pages.map(([name, hash]) => `${name} ${hash}`).join("\n");
}
