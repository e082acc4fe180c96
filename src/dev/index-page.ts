import type { Site } from "../model.js";
import { combinedId } from "../resolve/annex.js";
import { strings } from "../render/i18n.js";
import type { AnnexFile } from "../render/pages.js";

/** The index page's name among the pages of a preview. */
export const indexPage = "index.html";

/** The annexes the preview's index page lists: the combined one, then one per location, each with its PDF unless `pdf` is false. */
export function indexAnnexes(site: Site, pdf: boolean): AnnexFile[] {
  const t = strings(site.lang);
  return [undefined, ...site.locations].map((l) => {
    const id = l?.id ?? combinedId;
    return { name: l?.name ?? t.combined, html: `${id}.html`, ...(pdf && { pdf: `${id}.pdf` }) };
  });
}
