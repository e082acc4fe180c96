// The machine-checkable failure conditions of the Matterhorn Protocol 1.1 (PDF/UA-1, ISO 14289-1), as veraPDF's
// PDF/UA-1 profile words them, checked on a PDF read by qpdf (`qpdf --json`, streams decoded): a reader independent
// of toms's own, so the checks do not share the writer's mistakes. Content streams are tokenized here; only the
// ToUnicode maps are read with toms's parser (src/pdf/pdf-glyphs.ts), which the text check relies on anyway.
// The README ("Accessible PDFs (PDF/UA-1)") lists what is checked (`checked` below) and what is not, and why.
import { execFileSync } from "node:child_process";
import { parseToUnicode } from "../src/pdf/pdf-glyphs.js";

/** A failed condition: its Matterhorn number (or PDF/UA clause), where, and what. */
export interface Failure {
  checkpoint: string;
  where: string;
  message: string;
}

/** The failure conditions this file checks, by Matterhorn number; the README must list each (test/pdfua.test.ts holds the two equal). */
export const checked = [
  "01-003",
  "01-004",
  "01-005",
  "01-007",
  "02-001",
  "02-003",
  "02-004",
  "06-001",
  "06-002",
  "06-003",
  "07-001",
  "07-002",
  "09-004",
  "09-005",
  "09-006",
  "09-007",
  "09-008",
  "10-001",
  "11-001",
  "11-002",
  "11-003",
  "11-004",
  "11-005",
  "11-006",
  "13-004",
  "14-002",
  "14-003",
  "14-006",
  "14-007",
  "15-003",
  "17-002",
  "19-003",
  "19-004",
  "20-001",
  "20-002",
  "20-003",
  "21-001",
  "25-001",
  "26-001",
  "26-002",
  "28-002",
  "28-004",
  "28-005",
  "28-006",
  "28-007",
  "28-008",
  "28-009",
  "28-010",
  "28-011",
  "28-012",
  "28-014",
  "28-015",
  "28-016",
  "28-017",
  "28-018",
  "30-001",
  "30-002",
  "31-001",
  "31-002",
  "31-003",
  "31-004",
  "31-005",
  "31-006",
  "31-007",
  "31-008",
  "31-009",
  "31-017",
  "31-018",
  "31-019",
  "31-020",
  "31-021",
  "31-022",
  "31-023",
  "31-024",
  "31-025",
  "31-026",
  "31-027",
  "31-028",
  "31-029",
  "31-030",
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Dict = { [key: string]: Json };
interface QpdfObject {
  value?: Json;
  stream?: { dict: Dict; data?: string };
}

const standard = new Set(
  [
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private",
    "P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot",
    "Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form",
  ].flatMap((line) => line.split(" ")),
);

/** A PDF as qpdf reads it, with helpers to follow references. */
export class QpdfDocument {
  readonly objects: Record<string, QpdfObject>;
  readonly header: string;

  constructor(readonly file: string) {
    const json = JSON.parse(
      execFileSync("qpdf", ["--json=2", "--json-stream-data=inline", "--decode-level=generalized", file], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 }),
    );
    this.objects = json.qpdf[1];
    this.header = execFileSync("head", ["-c", "9", file], { encoding: "latin1" });
  }

  /** An object's value (for a stream, its dictionary), following a reference. */
  get(value: Json | undefined): Json | undefined {
    if (typeof value === "string" && / 0 R$/.test(value)) {
      const object = this.objects[`obj:${value}`];
      return object?.value ?? object?.stream?.dict;
    }
    return value;
  }

  dict(value: Json | undefined): Dict | undefined {
    const v = this.get(value);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined;
  }

  /** A stream's decoded data as latin1 text. */
  data(ref: Json | undefined): string {
    const data = typeof ref === "string" ? this.objects[`obj:${ref}`]?.stream?.data : undefined;
    return data === undefined ? "" : Buffer.from(data, "base64").toString("latin1");
  }

  get trailer(): Dict {
    return (this.objects.trailer?.value ?? {}) as Dict;
  }

  get catalog(): Dict {
    return this.dict(this.trailer["/Root"]) ?? {};
  }

  /** The page objects (references) in order. */
  pages(): string[] {
    const out: string[] = [];
    const walk = (ref: Json | undefined, depth: number) => {
      const node = this.dict(ref);
      if (!node || depth > 32) return;
      if (node["/Type"] === "/Pages") for (const kid of (node["/Kids"] as Json[]) ?? []) walk(kid, depth + 1);
      else out.push(ref as string);
    };
    walk(this.catalog["/Pages"], 0);
    return out;
  }
}

/** A text string of qpdf's JSON ("u:…" or "b:…" hex) as text. */
export function text(value: Json | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  if (value.startsWith("u:")) return value.slice(2);
  if (value.startsWith("b:")) return Buffer.from(value.slice(2), "hex").toString("latin1");
  return undefined;
}

const name = (value: Json | undefined) => (typeof value === "string" && value.startsWith("/") ? value.slice(1) : undefined);
const array = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const isRef = (value: Json | undefined): value is string => typeof value === "string" && / 0 R$/.test(value);

/** Every failed condition of `checked` in one PDF; `lang` is the language the document must declare. */
export function checkPdfUa(doc: QpdfDocument): Failure[] {
  const failures: Failure[] = [];
  const fail = (checkpoint: string, where: string, message: string) => failures.push({ checkpoint, where, message });
  const catalog = doc.catalog;

  // PDF/UA-1 §6.1, §6.2: the header, the marked flag.
  if (!/^%PDF-1\.[0-7]\s/.test(doc.header)) fail("PDF/UA §6.1", "header", `the file starts with ${JSON.stringify(doc.header)}`);
  if (doc.dict(catalog["/MarkInfo"])?.["/Marked"] !== true) fail("PDF/UA §6.2", "catalog", "MarkInfo Marked is not true");
  if (doc.dict(catalog["/MarkInfo"])?.["/Suspects"] === true) fail("01-007", "catalog", "Suspects is true");

  // 06: XMP metadata with the PDF/UA identifier and the title; 07: the title shown; 11: the language.
  const lang = text(catalog["/Lang"]);
  if (!lang || !/^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(lang))
    for (const id of ["11-001", "11-002", "11-003", "11-004", "11-005", "11-006"]) fail(id, "catalog", `the document's /Lang is ${JSON.stringify(lang)}`);
  const metadata = doc.dict(catalog["/Metadata"]);
  if (!metadata || metadata["/Type"] !== "/Metadata" || metadata["/Subtype"] !== "/XML")
    fail("06-001", "catalog", "no /Metadata stream of Type Metadata and Subtype XML");
  else {
    const xmp = Buffer.from(doc.data(catalog["/Metadata"]), "latin1").toString("utf8");
    const ns = /xmlns:pdfuaid="([^"]*)"/.exec(xmp)?.[1];
    if (ns !== "http://www.aiim.org/pdfua/ns/id/" || !/<pdfuaid:part>1<\/pdfuaid:part>|pdfuaid:part="1"/.test(xmp))
      fail("06-002", "XMP", "no pdfuaid:part 1 in the PDF/UA identification namespace");
    const title = /<dc:title>\s*<rdf:Alt>([^]*?)<\/rdf:Alt>/.exec(xmp)?.[1];
    if (!title || !/<rdf:li xml:lang="[^"]+">[^<]+<\/rdf:li>/.test(title)) fail("06-003", "XMP", "no dc:title");
    if (/xml:lang="x-default"/.test(xmp) && !lang) fail("11-006", "XMP", "x-default text without a document language");
  }
  const prefs = doc.dict(catalog["/ViewerPreferences"]);
  if (prefs?.["/DisplayDocTitle"] === undefined) fail("07-001", "catalog", "ViewerPreferences has no DisplayDocTitle");
  else if (prefs["/DisplayDocTitle"] !== true) fail("07-002", "catalog", "DisplayDocTitle is not true");

  // Things toms never makes, checked so that a change of Chromium that makes them shows.
  const properties = doc.dict(catalog["/OCProperties"]);
  if (properties) {
    for (const config of [properties["/D"], ...array(properties["/Configs"])]) {
      const c = doc.dict(config);
      if (!text(c?.["/Name"])) fail(config === properties["/D"] ? "20-002" : "20-001", "catalog", "optional content configuration without a Name");
      if (c?.["/AS"] !== undefined) fail("20-003", "catalog", "optional content configuration with AS");
    }
  }
  if (doc.dict(catalog["/Names"])?.["/EmbeddedFiles"] !== undefined) fail("21-001", "catalog", "embedded files (not checked for F and UF)");
  const form = doc.dict(catalog["/AcroForm"]);
  if (form?.["/XFA"] !== undefined) fail("25-001", "catalog", "an XFA form");
  if (form) fail("28-005", "catalog", "a form (its fields are not checked for TU)");
  if (doc.trailer["/Encrypt"] !== undefined) fail("26-001", "trailer", "the file is encrypted (its P entry is not checked)");

  const tree = checkTree(doc, fail);
  checkPages(doc, tree, fail);
  return failures;
}

/** What the content and annotation checks need of the structure tree. */
interface TreeFacts {
  /** Page reference → MCID → the element (reference) the tree has it in. */
  mcids: Map<string, Map<number, string>>;
  /** Annotation reference → the element that has it by OBJR. */
  objrs: Map<string, string>;
  standardType(element: string): string | undefined;
  parentTree: Map<number, Json>;
}

function checkTree(doc: QpdfDocument, fail: (checkpoint: string, where: string, message: string) => void): TreeFacts {
  const facts: TreeFacts = { mcids: new Map(), objrs: new Map(), standardType: () => undefined, parentTree: new Map() };
  const rootRef = doc.catalog["/StructTreeRoot"];
  const root = doc.dict(rootRef);
  if (!root) {
    fail("PDF/UA §7.1", "catalog", "no StructTreeRoot");
    return facts;
  }
  // 02: role mapping.
  const roleMap = doc.dict(root["/RoleMap"]) ?? {};
  for (const [from, to] of Object.entries(roleMap)) {
    if (standard.has(from.slice(1))) fail("02-004", "RoleMap", `the standard type ${from} is mapped to ${to}`);
  }
  const resolveType = (type: string): string | undefined => {
    const seen = new Set<string>();
    let t = type;
    while (!standard.has(t)) {
      if (seen.has(t)) return "circular";
      seen.add(t);
      const next = name(roleMap[`/${t}`]);
      if (next === undefined) return undefined;
      t = next;
    }
    return t;
  };
  const elements = new Map<string, { dict: Dict; parent: string; type: string | undefined; kids: string[] }>();
  const order: string[] = [];
  const walk = (kids: Json | undefined, parent: string, depth: number) => {
    for (const kid of array(kids)) {
      if (!isRef(kid)) continue;
      const dict = doc.dict(kid);
      if (!dict || dict["/S"] === undefined || elements.has(kid) || depth > 200) continue;
      const raw = name(dict["/S"])!;
      const resolved = resolveType(raw);
      if (resolved === "circular") fail("02-003", kid, `the role map of ${raw} is circular`);
      else if (resolved === undefined) fail("02-001", kid, `${raw} is neither standard nor mapped to a standard type`);
      if (dict["/P"] !== parent) fail("PDF/UA §7.1", kid, `its /P is ${JSON.stringify(dict["/P"])}, not its parent ${parent}`);
      const element = { dict, parent, type: resolved === "circular" ? undefined : resolved, kids: [] as string[] };
      elements.set(kid, element);
      elements.get(parent)?.kids.push(kid);
      order.push(kid);
      const page = dict["/Pg"];
      for (const item of array(dict["/K"])) {
        if (typeof item === "number") {
          if (!isRef(page)) fail("PDF/UA §7.1", kid, `MCID ${item} without a page`);
          else addMcid(facts, page, item, kid);
          continue;
        }
        const d = doc.dict(item);
        if (d?.["/Type"] === "/MCR") addMcid(facts, (d["/Pg"] ?? page) as string, d["/MCID"] as number, kid);
        else if (d?.["/Type"] === "/OBJR") facts.objrs.set(d["/Obj"] as string, kid);
      }
      walk(dict["/K"], kid, depth + 1);
    }
  };
  walk(root["/K"], rootRef as string, 0);
  facts.standardType = (element) => elements.get(element)?.type;

  // veraPDF's view: NonStruct is looked through, both for an element's parent and for its kids.
  const parentType = (ref: string): string | undefined => {
    let p = elements.get(ref)?.parent;
    while (p && elements.get(p)?.type === "NonStruct") p = elements.get(p)?.parent;
    return p ? elements.get(p)?.type : undefined;
  };
  const kidTypes = (ref: string): string[] =>
    (elements.get(ref)?.kids ?? []).flatMap((k) => (elements.get(k)?.type === "NonStruct" ? kidTypes(k) : [elements.get(k)?.type ?? ""])).filter(Boolean);
  const only = (ref: string, id: string, allowed: string[]) => {
    const wrong = kidTypes(ref).filter((t) => !allowed.includes(t));
    if (wrong.length > 0) fail(id, ref, `${elements.get(ref)!.type} holds ${wrong.join(", ")}`);
  };
  const inside = (ref: string, id: string, allowed: string[]) => {
    const p = parentType(ref);
    if (!allowed.includes(p ?? "")) fail(id, ref, `${elements.get(ref)!.type} is in ${p ?? "the root"}`);
  };

  let headingsUsed = { h: false, hn: false };
  let lastLevel = 0;
  const noteIds = new Set<string>();
  for (const ref of order) {
    const { dict, type } = elements.get(ref)!;
    const kids = kidTypes(ref);
    switch (type) {
      // 09-004: tables (ISO 32000-1 Table 337).
      case "Table": {
        only(ref, "09-004", ["TR", "THead", "TBody", "TFoot", "Caption"]);
        const count = (t: string) => kids.filter((k) => k === t).length;
        if (count("THead") > 1 || count("TFoot") > 1 || count("Caption") > 1) fail("09-004", ref, "more than one THead, TFoot or Caption");
        if ((count("THead") > 0 || count("TFoot") > 0) && count("TBody") === 0) fail("09-004", ref, "THead or TFoot without TBody");
        if (kids.indexOf("Caption") > 0 && kids.indexOf("Caption") !== kids.length - 1) fail("09-004", ref, "a Caption neither first nor last");
        checkTableGrid(ref, elements, doc, fail);
        break;
      }
      case "THead":
      case "TBody":
      case "TFoot":
        inside(ref, "09-004", ["Table"]);
        only(ref, "09-004", ["TR"]);
        break;
      case "TR":
        inside(ref, "09-004", ["Table", "THead", "TBody", "TFoot"]);
        only(ref, "09-004", ["TH", "TD"]);
        break;
      case "TH":
      case "TD":
        inside(ref, "09-004", ["TR"]);
        break;
      // 09-005: lists (Table 336).
      case "L":
        only(ref, "09-005", ["L", "LI", "Caption"]);
        if (kids.indexOf("Caption") > 0) fail("09-005", ref, "a Caption that is not the list's first kid");
        break;
      case "LI":
        inside(ref, "09-005", ["L"]);
        only(ref, "09-005", ["Lbl", "LBody"]);
        break;
      case "LBody":
        inside(ref, "09-005", ["LI"]);
        break;
      // 09-006: tables of contents (Table 333).
      case "TOC":
        only(ref, "09-006", ["TOC", "TOCI", "Caption"]);
        break;
      case "TOCI":
        inside(ref, "09-006", ["TOC"]);
        break;
      // 09-007, 09-008: ruby and warichu (Table 338).
      case "Ruby":
        if (!["RB,RT", "RB,RP,RT,RP"].includes(kids.join(","))) fail("09-007", ref, `Ruby holds ${kids.join(", ")}`);
        break;
      case "Warichu":
        if (!["WT", "WP,WT,WP"].includes(kids.join(","))) fail("09-008", ref, `Warichu holds ${kids.join(", ")}`);
        break;
      // 13-004, 17-002: figures and formulas say what they show.
      case "Figure":
      case "Formula":
        if (!text(dict["/Alt"]) && dict["/ActualText"] === undefined) fail(type === "Figure" ? "13-004" : "17-002", ref, `${type} without Alt or ActualText`);
        break;
      case "Note": {
        const id = text(dict["/ID"]);
        if (!id) fail("19-003", ref, "Note without ID");
        else if (noteIds.has(id)) fail("19-004", ref, `Note ID ${id} used twice`);
        else noteIds.add(id);
        break;
      }
      case "H":
        headingsUsed.h = true;
        break;
    }
    // 14: headings in order, H1 first, no level skipped on the way down; H or Hn, not both; one H per node.
    const level = /^H([1-6])$/.exec(type ?? "")?.[1];
    if (level) {
      headingsUsed.hn = true;
      const n = Number(level);
      if (lastLevel === 0 && n !== 1) fail("14-002", ref, `the first heading is H${n}`);
      else if (n > lastLevel + 1) fail("14-003", ref, `H${n} follows H${lastLevel}`);
      lastLevel = n;
    }
    if (kids.filter((k) => k === "H").length > 1) fail("14-006", ref, "more than one H");
    // 11-002: Alt, ActualText and E have a language (the element's, an ancestor's or the document's).
  }
  if (headingsUsed.h && headingsUsed.hn) fail("14-007", "tree", "both H and H1–H6 are used");
  headingsUsed = { h: false, hn: false };

  // The parent tree names, for every MCID and annotation, the element that has it.
  const visit = (node: Json | undefined, depth: number) => {
    const d = doc.dict(node);
    if (!d || depth > 16) return;
    const nums = array(d["/Nums"]);
    for (let i = 0; i + 1 < nums.length; i += 2) facts.parentTree.set(nums[i] as number, nums[i + 1]!);
    for (const kid of array(d["/Kids"])) visit(kid, depth + 1);
  };
  visit(root["/ParentTree"], 0);
  return facts;
}

function addMcid(facts: TreeFacts, page: string, mcid: number, element: string) {
  const map = facts.mcids.get(page) ?? new Map<number, string>();
  map.set(mcid, element);
  facts.mcids.set(page, map);
}

// 09-004 (veraPDF 7.2-41…43): every row as wide as the others, every column as long, spans counted.
function checkTableGrid(
  table: string,
  elements: Map<string, { dict: Dict; type: string | undefined; kids: string[] }>,
  doc: QpdfDocument,
  fail: (checkpoint: string, where: string, message: string) => void,
) {
  const rows: string[] = [];
  const collect = (ref: string) => {
    for (const kid of elements.get(ref)?.kids ?? []) {
      const type = elements.get(kid)?.type;
      if (type === "TR") rows.push(kid);
      else if (type === "THead" || type === "TBody" || type === "TFoot" || type === "NonStruct") collect(kid);
    }
  };
  collect(table);
  const span = (cell: string, key: string) => {
    for (const a of array(elements.get(cell)!.dict["/A"])) {
      const v = doc.dict(a)?.[key];
      if (typeof v === "number") return v;
    }
    return 1;
  };
  const filled: number[] = [];
  rows.forEach((row, r) => {
    let column = 0;
    const cells = (elements.get(row)?.kids ?? []).filter((k) => ["TH", "TD"].includes(elements.get(k)?.type ?? ""));
    for (const cell of cells) {
      for (let i = 0; i < span(cell, "/RowSpan"); i++) filled[r + i] = (filled[r + i] ?? 0) + span(cell, "/ColSpan");
      column += span(cell, "/ColSpan");
    }
  });
  const widths = filled.slice(0, rows.length);
  if (new Set(widths).size > 1) fail("09-004", table, `rows of ${[...new Set(widths)].join(" and ")} columns`);
  // 15-003: where a cell names no headers, the header cells say their scope.
  const cells = rows.flatMap((row) => elements.get(row)!.kids);
  const withoutHeaders = cells.some(
    (c) => elements.get(c)?.type === "TD" && !array(elements.get(c)!.dict["/A"]).some((a) => doc.dict(a)?.["/Headers"] !== undefined),
  );
  if (withoutHeaders)
    for (const c of cells.filter((c) => elements.get(c)?.type === "TH"))
      if (!array(elements.get(c)!.dict["/A"]).some((a) => doc.dict(a)?.["/Scope"] !== undefined))
        fail("15-003", c, "TH without Scope in a table without Headers");
}

const textShows = new Set(["Tj", "TJ", "'", '"']);
const paints = new Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI", ...textShows]);
const token = /\((?:\\[^]|[^\\)])*\)|<[0-9A-Fa-f\s]*>|<<|>>|\[|\]|\/[^\s/[\]<>()%]*|%[^\n\r]*|[^\s/[\]<>()%]+/g;

function checkPages(doc: QpdfDocument, tree: TreeFacts, fail: (checkpoint: string, where: string, message: string) => void) {
  const fontsChecked = new Set<string>();
  for (const [p, pageRef] of doc.pages().entries()) {
    const page = doc.dict(pageRef)!;
    const where = `page ${p + 1}`;
    // 28: annotations.
    const annots = array(page["/Annots"]);
    if (annots.length > 0 && page["/Tabs"] === undefined) fail("28-008", where, "a page with annotations and no Tabs");
    else if (annots.length > 0 && page["/Tabs"] !== "/S") fail("28-009", where, `Tabs is ${page["/Tabs"]}`);
    for (const ref of annots) {
      const a = doc.dict(ref)!;
      const subtype = name(a["/Subtype"]);
      const hidden = typeof a["/F"] === "number" && (a["/F"] & 2) === 2;
      if (subtype === "Widget") fail("28-010", where, `widget ${ref}`);
      else if (subtype === "TrapNet") fail("28-007", where, `TrapNet ${ref}`);
      else if (subtype === "PrinterMark") fail("28-017", where, `PrinterMark ${ref} (its appearance, 28-018, is not checked)`);
      else if (subtype === "Screen" || subtype === "Movie" || subtype === "Sound")
        fail("28-014", where, `media annotation ${ref} (CT and Alt, 28-014/015, are not checked)`);
      else if (subtype === "FileAttachment") fail("28-016", where, `file attachment ${ref}`);
      else if (subtype !== "Link") fail("28-002", where, `a ${subtype} annotation (${ref}) is not checked for its Annot tag`);
      if (hidden) continue;
      if (subtype === "Link") {
        if (!text(a["/Contents"])?.trim()) fail("28-012", where, `link ${ref} has no Contents`);
        const element = tree.objrs.get(ref as string);
        const parent = tree.parentTree.get(a["/StructParent"] as number);
        if (!element || tree.standardType(element) !== "Link" || parent !== element)
          fail("28-011", where, `link ${ref} is not in a Link element by OBJR and StructParent (${element}, ${JSON.stringify(parent)})`);
      } else if (!text(a["/Contents"])?.trim()) fail("28-004", where, `${subtype} ${ref} has no Contents`);
      if (!["Link", "Widget", "PrinterMark", "TrapNet"].includes(subtype ?? "") && ![...Object.keys(a)].includes("/Subtype"))
        fail("28-006", where, `annotation ${ref} of no subtype`);
    }

    // 01: content is real (an MCID the tree has) or an artifact, never both. 30: no XObjects toms cannot follow.
    const resources = doc.dict(page["/Resources"]) ?? {};
    const xobjects = doc.dict(resources["/XObject"]);
    for (const [key, ref] of Object.entries(xobjects ?? {})) {
      const x = doc.dict(ref);
      if (x?.["/Ref"] !== undefined) fail("30-001", where, `reference XObject ${key}`);
      else if (x?.["/Subtype"] === "/Form") fail("30-002", where, `form XObject ${key}: its content is not checked`);
    }
    const fonts = doc.dict(resources["/Font"]) ?? {};
    const decoded = new Map<string, { map: Map<number, string>; identity: boolean } | undefined>();
    for (const [key, ref] of Object.entries(fonts)) {
      if (!fontsChecked.has(ref as string)) {
        fontsChecked.add(ref as string);
        checkFont(doc, ref as string, fail);
      }
      const font = doc.dict(ref)!;
      const descendant = doc.dict(array(font["/DescendantFonts"])[0]);
      decoded.set(
        key.slice(1),
        font["/ToUnicode"] ? { map: parseToUnicode(doc.data(font["/ToUnicode"])), identity: descendant?.["/CIDToGIDMap"] === "/Identity" } : undefined,
      );
    }
    const content = array(page["/Contents"])
      .map((ref) => doc.data(ref))
      .join("\n");
    const seen = new Set<number>();
    const stack: { tag: string; mcid?: number }[] = [];
    const operands: string[] = [];
    let font: string | undefined;
    const codes = (operand: string) => {
      const hex = /^<([0-9A-Fa-f\s]*)>$/.exec(operand)?.[1]?.replace(/\s/g, "");
      return hex ? Array.from({ length: hex.length / 4 }, (_, i) => parseInt(hex.slice(i * 4, i * 4 + 4), 16)) : [];
    };
    for (const m of content.matchAll(token)) {
      const t = m[0];
      if (t.startsWith("%")) continue;
      if (/^[A-Za-z'"*]+$/.test(t) && !["true", "false", "null"].includes(t)) {
        const tagged = stack.some((s) => s.mcid !== undefined);
        const artifact = stack.some((s) => s.tag === "Artifact");
        if (t === "BDC" || t === "BMC") {
          const tag = name(operands[0]) ?? "";
          const mcid = t === "BDC" ? /\/MCID\s+(\d+)/.exec(operands.slice(1).join(" "))?.[1] : undefined;
          if (tag === "Artifact" && tagged) fail("01-003", where, "an artifact inside tagged content");
          if (mcid !== undefined) {
            if (artifact) fail("01-004", where, `MCID ${mcid} inside an artifact`);
            seen.add(Number(mcid));
            if (!tree.mcids.get(pageRef)?.has(Number(mcid))) fail("01-005", where, `MCID ${mcid} is in no structure element`);
          }
          stack.push({ tag, ...(mcid !== undefined && { mcid: Number(mcid) }) });
        } else if (t === "EMC") stack.pop();
        else if (t === "Tf") font = name(operands[0]);
        else if (paints.has(t) && !tagged && !artifact) fail("01-005", where, `${t} outside marked content with an MCID and outside artifacts`);
        if (textShows.has(t) && font !== undefined) {
          const f = decoded.get(font);
          for (const code of operands.flatMap(codes)) {
            const unicode = f?.map.get(code);
            if (unicode === undefined || unicode === "") fail("10-001", where, `code ${code} of font ${font} has no Unicode value`);
            else if (/[\0\uFEFF\uFFFE]/.test(unicode))
              fail(unicode.includes("\0") ? "31-028" : "31-029", where, `code ${code} of font ${font} maps to U+${unicode.codePointAt(0)!.toString(16)}`);
            if (code === 0 && f?.identity) fail("31-030", where, `font ${font} shows the .notdef glyph`);
          }
        }
        operands.length = 0;
      } else operands.push(t);
    }
    // Every MCID the tree has for this page is drawn, and the parent tree says which element has it.
    const entry = tree.parentTree.get(page["/StructParents"] as number);
    const parents = array(doc.get(entry));
    for (const [mcid, element] of tree.mcids.get(pageRef) ?? []) {
      if (!seen.has(mcid)) fail("PDF/UA §7.1", where, `the tree has MCID ${mcid}, the page does not`);
      if (parents[mcid] !== element) fail("PDF/UA §7.1", where, `the parent tree gives ${JSON.stringify(parents[mcid])} for MCID ${mcid}, not ${element}`);
    }
  }
}

// 31: fonts are embedded, their CIDs map to glyphs, their codes to Unicode.
function checkFont(doc: QpdfDocument, ref: string, fail: (checkpoint: string, where: string, message: string) => void) {
  const font = doc.dict(ref)!;
  const subtype = name(font["/Subtype"]);
  const where = `font ${name(font["/BaseFont"]) ?? ref}`;
  if (subtype === "Type0") {
    const encoding = name(font["/Encoding"]);
    if (encoding !== "Identity-H" && encoding !== "Identity-V") {
      fail("31-001", where, `encoding ${encoding ?? "(a CMap stream)"}: CIDSystemInfo (31-001…003) and CMaps (31-006…008) are not checked`);
    }
    const cid = doc.dict(array(font["/DescendantFonts"])[0]);
    if (!cid) return fail("31-009", where, "no descendant font");
    if (cid["/Subtype"] === "/CIDFontType2") {
      if (cid["/CIDToGIDMap"] === undefined) fail("31-005", where, "no CIDToGIDMap");
      else if (cid["/CIDToGIDMap"] !== "/Identity" && !doc.objects[`obj:${cid["/CIDToGIDMap"]}`]?.stream)
        fail("31-004", where, "CIDToGIDMap is neither Identity nor a stream");
    }
    const descriptor = doc.dict(cid["/FontDescriptor"]);
    if (!descriptor?.["/FontFile2"] && !descriptor?.["/FontFile3"] && !descriptor?.["/FontFile"]) fail("31-009", where, "the font program is not embedded");
    if (descriptor?.["/CIDSet"] !== undefined) fail("31-014", where, "a CIDSet, which is not checked against the font program");
  } else if (subtype === "Type3") {
    // Glyph procedures are drawn, not embedded programs: their text comes from ToUnicode.
  } else {
    // Simple fonts (31-017…026): Skia writes Type 0 fonts only; one here is not checked.
    fail("31-019", where, `a ${subtype} font, whose encoding and cmaps this check does not read`);
  }
  if (font["/ToUnicode"] === undefined) fail("31-027", where, "no ToUnicode");
}
