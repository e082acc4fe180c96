import path from "node:path";
import { Diagnostics } from "../diagnostics/diagnostic.js";
import { diskFs, type ContentFs } from "../load/content-fs.js";
import { loadContent } from "../load/load.js";
import type { Site } from "../model.js";
import { resolve, warnUnusedLocations } from "../resolve/resolve.js";
import { allProse, lintProse } from "./prose-lint.js";
import { validators } from "./schema.js";
import { checkTexts } from "./texts.js";
import { reportSchemaErrors } from "./schema-messages.js";

/** What checking a content folder found: the document (when it could be built) and every problem. */
export interface CheckResult {
  site: Site | undefined;
  diagnostics: Diagnostics;
}

/** Loads, validates and resolves a content folder, collecting every problem in one run. */
export function checkContent(contentDir: string, contentFs?: ContentFs): CheckResult {
  const root = path.resolve(contentDir);
  const diagnostics = new Diagnostics();
  const content = loadContent(root, contentFs ?? diskFs(root), diagnostics);
  const { site: validateSite, section: validateSection } = validators();
  if (content.site?.value !== undefined && !validateSite(content.site.value)) {
    reportSchemaErrors(content.site, "site", validateSite.errors ?? [], diagnostics);
  }
  for (const file of content.sections) {
    if (file.value !== undefined && !validateSection(file.value)) {
      reportSchemaErrors(file, "section", validateSection.errors ?? [], diagnostics);
    }
  }
  const site = resolve(content, diagnostics);
  if (site) for (const prose of allProse(site)) lintProse(prose, diagnostics);
  checkTexts(content, site, diagnostics);
  if (site && !diagnostics.hasErrors) warnUnusedLocations(content, site, diagnostics);
  return { site: diagnostics.hasErrors ? undefined : site, diagnostics };
}
