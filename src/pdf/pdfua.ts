import { markArtifacts } from "./artifacts.js";
import { describeLinks, type PageLink } from "./link-text.js";
import type { PdfEdit } from "./pdf-edit.js";
import { pageObjects, resolve, rootOf, streamData } from "./pdf-file.js";
import { isRef, type PdfDict, type PdfValue } from "./pdf-syntax.js";
import { name, ref, textString } from "./pdf-write.js";
import { fixTagTree, structElements, type TreeFixes } from "./tag-tree.js";
import { type XmpFacts, xmpPacket } from "./xmp.js";

/** What making one PDF accessible changed (the tests read it; nothing is printed). */
export interface PdfUaReport {
  /** Sequences of untagged drawing marked as artifacts, and tagged path-only sequences made artifacts. */
  artifacts: { header: number; footer: number; layout: number; decorations: number };
  tree: TreeFixes;
  links: { paired: number; byTarget: number };
}

/**
 * Makes Chromium's tagged PDF a PDF/UA-1 one as far as a machine can tell (the README section "Accessible PDFs (PDF/UA-1)" lists what is
 * checked): artifacts for what is not content (artifacts.ts), a tree of standard types with list bodies
 * (tag-tree.ts), a description on every link (link-text.ts), and the catalog with XMP metadata naming PDF/UA-1
 * (xmp.ts), the document's language, its title shown as the window title and the marked flag. `links` are the
 * links of the page the PDF was printed from. All changes go into `edit`.
 */
export function makeAccessible(edit: PdfEdit, facts: XmpFacts, links: PageLink[]): PdfUaReport {
  const pdf = edit.pdf;
  const artifacts = { header: 0, footer: 0, layout: 0, decorations: 0 };
  const removed = new Map<number, Set<number>>();
  for (const pageN of pageObjects(pdf)) {
    const page = edit.get(pageN);
    if (!(page instanceof Map)) continue;
    const box = inherited(edit, page, "MediaBox");
    const middle = Array.isArray(box) && typeof box[1] === "number" && typeof box[3] === "number" ? (box[1] + box[3]) / 2 : 421;
    const contents = page.get("Contents");
    const streams = Array.isArray(resolve(pdf, contents)) ? (resolve(pdf, contents) as PdfValue[]) : [contents];
    for (const stream of streams) {
      if (!isRef(stream)) continue;
      const content = streamData(pdf, stream.n);
      const marked = markArtifacts(content, middle);
      if (marked.content === content) continue;
      edit.stream(stream.n, edit.get(stream.n) as PdfDict, marked.content);
      artifacts.header += marked.wrapped.header;
      artifacts.footer += marked.wrapped.footer;
      artifacts.layout += marked.wrapped.layout;
      artifacts.decorations += marked.decorations.size;
      if (marked.decorations.size > 0) removed.set(pageN, new Set([...(removed.get(pageN) ?? []), ...marked.decorations]));
    }
  }

  const catalogN = rootOf(pdf);
  const catalog = edit.get(catalogN) as PdfDict;
  const root = catalog.get("StructTreeRoot");
  const rootDict = isRef(root) ? edit.get(root.n) : undefined;
  const elements = rootDict instanceof Map ? structElements(edit, rootDict) : [];
  const tree = isRef(root) ? fixTagTree(edit, root.n, elements, removed) : { roleMap: new Map(), bodies: { retyped: 0, added: 0 }, removed: 0, pruned: 0 };
  const described = describeLinks(
    edit,
    elements.map((e) => e.element),
    links,
  );

  const metadata = edit.addStream(
    new Map([
      ["Type", name("Metadata")],
      ["Subtype", name("XML")],
    ]),
    Buffer.from(xmpPacket(facts), "utf8").toString("latin1"),
  );
  catalog.set("Metadata", ref(metadata));
  catalog.set("Lang", textString(facts.lang));
  catalog.set("MarkInfo", withEntry(catalog.get("MarkInfo"), "Marked", true));
  catalog.set("ViewerPreferences", withEntry(catalog.get("ViewerPreferences"), "DisplayDocTitle", true));
  edit.changed(catalogN);
  return { artifacts, tree, links: described };
}

// A dictionary entry set in a direct dictionary that may already be there (Chromium writes these two).
function withEntry(dict: PdfValue | undefined, key: string, value: PdfValue): PdfDict {
  const own: PdfDict = dict instanceof Map ? dict : new Map();
  own.set(key, value);
  return own;
}

// A page attribute that may sit on a Pages node above it (§7.7.3.4).
function inherited(edit: PdfEdit, page: PdfDict, key: string): PdfValue | undefined {
  let node: PdfValue | undefined = page;
  for (let depth = 0; node instanceof Map && depth < 32; depth++) {
    const value = node.get(key);
    if (value !== undefined) return isRef(value) ? edit.get(value.n) : value;
    const parent: PdfValue | undefined = node.get("Parent");
    node = isRef(parent) ? edit.get(parent.n) : undefined;
  }
  return undefined;
}
