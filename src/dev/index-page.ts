import type { Site } from "../model.js";
import { combinedId } from "../resolve/annex.js";
import { strings } from "../render/i18n.js";
import type { AnnexFile } from "../render/pages.js";

/** The index page's name among the pages of a preview. */
export const indexPage = "index.html";

/**
 * The annexes the preview's index page lists: the combined one, then one per location, each with its PDF unless `pdf`
 * is false; then the same for each translation, in its folder (en/all.html …).
 */
export function indexAnnexes(site: Site, pdf: boolean, translations: readonly Site[] = []): AnnexFile[] {
  return [site, ...translations].flatMap((doc) => {
    const t = strings(doc.lang);
    const folder = doc === site ? "" : `${doc.lang}/`;
    return [undefined, ...doc.locations].map((l) => {
      const id = l?.id ?? combinedId;
      return { ...(doc !== site && { lang: doc.lang }), name: l?.name ?? t.combined, html: `${folder}${id}.html`, ...(pdf && { pdf: `${folder}${id}.pdf` }) };
    });
  });
}
