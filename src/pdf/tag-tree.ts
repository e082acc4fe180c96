import type { PdfEdit } from "./pdf-edit.js";
import { isName, isRef, type PdfDict, type PdfRef, type PdfValue } from "./pdf-syntax.js";
import { name, ref } from "./pdf-write.js";

// The structure tree Chromium writes (page.pdf({ tagged: true })), made what PDF/UA-1 §7.1–7.2 asks for:
// - every structure type standard in PDF 1.7 or mapped to one in the RoleMap (Chromium writes the PDF 2.0 types
//   Strong and Em; Matterhorn 02-001);
// - a list item holds labels (Lbl) and one body (LBody) and nothing else (ISO 32000-1 Table 336, Matterhorn 09-005):
//   Chromium puts the item's content, or a link (the table of contents), straight into LI;
// - no MCID of a decoration that artifacts.ts made an artifact stays in the tree.

/** The structure types of ISO 32000-1 §14.8.4 (PDF 1.7), the ones PDF/UA-1 readers know. */
export const standardTypes = new Set(
  [
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private",
    "P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot",
    "Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form",
  ].flatMap((line) => line.split(" ")),
);

// PDF 2.0's types as PDF 1.7 says the same; any other type is mapped to NonStruct, whose content is read as it stands.
const pdf17: Record<string, string> = { Strong: "Span", Em: "Span", Sub: "Span", Title: "P", FENote: "Note", DocumentFragment: "Div", Aside: "Div" };

/** A structure element of the tree: its object number and parsed dictionary (changed in place). */
export interface StructElement {
  n: number;
  dict: PdfDict;
}

/** What fixing the tree did, for the tests and the terminal. */
export interface TreeFixes {
  /** Non-standard type → the standard one the RoleMap maps it to. */
  roleMap: Map<string, string>;
  /** List bodies: NonStruct elements made LBody, and LBody elements added around an item's content. */
  bodies: { retyped: number; added: number };
  /** MCIDs of decorations taken out of the tree, and the NonStruct elements that held nothing else. */
  removed: number;
  pruned: number;
}

/** The structure elements in the tree's order (depth first), each with its parent. */
export function structElements(edit: PdfEdit, root: PdfDict): { element: StructElement; parent: number }[] {
  const found: { element: StructElement; parent: number }[] = [];
  const seen = new Set<number>();
  const visit = (kids: PdfValue | undefined, parent: number) => {
    for (const kid of Array.isArray(kids) ? kids : kids === undefined ? [] : [kids]) {
      if (!isRef(kid) || seen.has(kid.n)) continue;
      const dict = edit.get(kid.n);
      if (!(dict instanceof Map) || !isName(dict.get("S"))) continue;
      seen.add(kid.n);
      found.push({ element: { n: kid.n, dict }, parent });
      visit(dict.get("K"), kid.n);
    }
  };
  visit(root.get("K"), -1);
  return found;
}

/**
 * Fixes the tree under `rootN` (the StructTreeRoot), whose elements structElements() listed: `removed` holds, per
 * page object, the MCIDs that are artifacts now. Changes go into `edit`.
 */
export function fixTagTree(edit: PdfEdit, rootN: number, elements: { element: StructElement; parent: number }[], removed: Map<number, Set<number>>): TreeFixes {
  const root = edit.get(rootN) as PdfDict;
  const parents = new ParentTree(edit, root.get("ParentTree"));
  const pageKey = (page: PdfValue | undefined) => (isRef(page) ? edit.get(page.n) : undefined);
  const fixes: TreeFixes = { roleMap: new Map(), bodies: { retyped: 0, added: 0 }, removed: 0, pruned: 0 };

  for (const { element } of elements) {
    const { dict } = element;
    // Decorations out: an MCID of this element's page, or a marked-content reference to one.
    if (removed.size > 0 && dict.has("K")) {
      const kids = kidsOf(dict);
      const kept = kids.filter((kid) => {
        const item = contentItem(edit, kid, dict.get("Pg"));
        const gone = item !== undefined && isRef(item.page) && removed.get(item.page.n)?.has(item.mcid) === true;
        if (gone) {
          parents.setMcid(pageKey(item.page), item.mcid, null);
          fixes.removed++;
        }
        return !gone;
      });
      if (kept.length !== kids.length) {
        setKids(dict, kept);
        edit.changed(element.n);
      }
    }
    const type = (dict.get("S") as { value: string }).value;
    if (!standardTypes.has(type)) fixes.roleMap.set(type, pdf17[type] ?? "NonStruct");
  }

  // A NonStruct wrapper left empty (it held a decoration's MCID only) goes: children first, so a wrapper of wrappers
  // goes too. Nothing else refers to it (the parent tree named it for the MCIDs it no longer has).
  for (const { element, parent } of [...elements].reverse()) {
    if (element.dict.has("K") || (element.dict.get("S") as { value: string }).value !== "NonStruct") continue;
    const holder = (parent < 0 ? root : edit.get(parent)) as PdfDict;
    setKids(
      holder,
      kidsOf(holder).filter((kid) => !(isRef(kid) && kid.n === element.n)),
    );
    edit.changed(parent < 0 ? rootN : parent);
    edit.replace(element.n, "null");
    fixes.pruned++;
  }

  for (const { element } of elements) {
    if ((element.dict.get("S") as { value: string }).value === "LI") listItem(edit, element, parents, pageKey, fixes);
  }

  if (fixes.roleMap.size > 0) {
    const roleMap: PdfDict = new Map([...fixes.roleMap].sort(([a], [b]) => (a < b ? -1 : 1)).map(([from, to]) => [from, name(to)]));
    root.set("RoleMap", roleMap);
    edit.changed(rootN);
  }
  return fixes;
}

// LI > Lbl* LBody: labels stay, the rest goes into one LBody (a lone NonStruct becomes it).
function listItem(edit: PdfEdit, item: StructElement, parents: ParentTree, pageKey: (p: PdfValue | undefined) => PdfValue | undefined, fixes: TreeFixes) {
  const kids = kidsOf(item.dict);
  const typeOf = (kid: PdfValue) => {
    const value = isRef(kid) ? edit.get(kid.n) : undefined;
    return value instanceof Map && isStructType(value) ? (value.get("S") as { value: string }).value : undefined;
  };
  const labels = kids.filter((kid) => typeOf(kid) === "Lbl");
  const rest = kids.filter((kid) => typeOf(kid) !== "Lbl");
  if (rest.length === 0) return;
  const only = rest.length === 1 ? typeOf(rest[0]!) : undefined;
  if (only === "LBody") return;
  if (only === "NonStruct") {
    const body = edit.get((rest[0] as PdfRef).n) as PdfDict;
    body.set("S", name("LBody"));
    edit.changed((rest[0] as PdfRef).n);
    fixes.bodies.retyped++;
    return;
  }
  const body: PdfDict = new Map<string, PdfValue>([
    ["Type", name("StructElem")],
    ["S", name("LBody")],
    ["P", ref(item.n)],
    ...(item.dict.has("Pg") ? [["Pg", item.dict.get("Pg")!] as [string, PdfValue]] : []),
    ["K", rest.length === 1 ? rest[0]! : rest],
  ]);
  const n = edit.add(body);
  fixes.bodies.added++;
  // What moved names the body as its parent: elements by /P, content by the parent tree.
  for (const kid of rest) {
    const value = isRef(kid) ? edit.get(kid.n) : undefined;
    if (value instanceof Map && isStructType(value)) {
      value.set("P", ref(n));
      edit.changed((kid as PdfRef).n);
      continue;
    }
    const objr = value instanceof Map ? value : kid instanceof Map ? kid : undefined;
    if (objr && (objr.get("Type") as { value?: string } | undefined)?.value === "OBJR") {
      const annot = objr.get("Obj");
      const key = isRef(annot) ? (edit.get(annot.n) as PdfDict | undefined)?.get("StructParent") : undefined;
      if (typeof key === "number") parents.set(key, ref(n));
      continue;
    }
    const content = contentItem(edit, kid, item.dict.get("Pg"));
    if (content) parents.setMcid(pageKey(content.page), content.mcid, ref(n));
  }
  setKids(item.dict, [...labels, ref(n)]);
  edit.changed(item.n);
}

function isStructType(dict: PdfDict): boolean {
  const type = dict.get("Type");
  return (type === undefined || (isName(type) && type.value === "StructElem")) && isName(dict.get("S"));
}

function kidsOf(dict: PdfDict): PdfValue[] {
  const k = dict.get("K");
  return Array.isArray(k) ? [...k] : k === undefined ? [] : [k];
}

function setKids(dict: PdfDict, kids: PdfValue[]): void {
  if (kids.length === 0) dict.delete("K");
  else dict.set("K", kids.length === 1 ? kids[0]! : kids);
}

// A kid that is marked content: an MCID on the element's page, or a marked-content reference (inline or not).
function contentItem(edit: PdfEdit, kid: PdfValue, page: PdfValue | undefined): { page: PdfValue | undefined; mcid: number } | undefined {
  if (typeof kid === "number") return { page, mcid: kid };
  const value = isRef(kid) ? edit.get(kid.n) : kid;
  if (!(value instanceof Map)) return undefined;
  const type = value.get("Type");
  const mcid = value.get("MCID");
  if (!isName(type) || type.value !== "MCR" || typeof mcid !== "number") return undefined;
  return { page: value.get("Pg") ?? page, mcid };
}

// The parent tree (§14.7.4.4), a number tree: StructParents of a page → the elements of its MCIDs; StructParent of
// an annotation → its element. Changed where it lies (a node's /Nums, or the array a page's entry refers to).
class ParentTree {
  private readonly entries = new Map<number, { node: number; index: number }>();

  constructor(
    private readonly edit: PdfEdit,
    tree: PdfValue | undefined,
  ) {
    const visit = (node: PdfValue | undefined, depth: number) => {
      if (!isRef(node) || depth > 16) return;
      const dict = edit.get(node.n);
      if (!(dict instanceof Map)) return;
      const nums = dict.get("Nums");
      if (Array.isArray(nums))
        for (let i = 0; i + 1 < nums.length; i += 2) if (typeof nums[i] === "number") this.entries.set(nums[i] as number, { node: node.n, index: i + 1 });
      const kids = dict.get("Kids");
      if (Array.isArray(kids)) for (const kid of kids) visit(kid, depth + 1);
    };
    visit(tree, 0);
  }

  /** Sets the element of an annotation's StructParent. */
  set(key: number, value: PdfValue): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    const nums = (this.edit.get(entry.node) as PdfDict).get("Nums") as PdfValue[];
    nums[entry.index] = value;
    this.edit.changed(entry.node);
  }

  /** Sets the element of MCID `mcid` of a page (its dictionary), or null when the MCID is no longer content. */
  setMcid(page: PdfValue | undefined, mcid: number, value: PdfValue): void {
    const key = page instanceof Map ? page.get("StructParents") : undefined;
    const entry = typeof key === "number" ? this.entries.get(key) : undefined;
    if (!entry) return;
    const nums = (this.edit.get(entry.node) as PdfDict).get("Nums") as PdfValue[];
    const held = nums[entry.index]!;
    const array = isRef(held) ? this.edit.get(held.n) : held;
    if (!Array.isArray(array) || mcid >= array.length) return;
    array[mcid] = value;
    this.edit.changed(isRef(held) ? held.n : entry.node);
  }
}
