import { PdfLexer, readNumber, type PdfValue } from "./pdf-syntax.js";

// PDF/UA-1 §7.1 (Matterhorn 01-005): every piece of content is either real content, in marked content with an MCID
// that the structure tree points to, or an artifact. Chromium tags what the page's DOM draws, but draws some things
// outside all marked content: the page's white background, boxes behind the table of contents' page numbers and,
// after the page, the running header and footer (headerTemplate/footerTemplate are a document of their own, not in
// the tree). It also tags borders and backgrounds of elements as their content: an MCID whose marked content draws
// only paths. Both become artifacts here, in the content stream: untagged drawing is wrapped in `/Artifact … BDC …
// EMC` (the running header and footer as pagination artifacts, ISO 32000-1 §14.8.2.2.2, everything else as layout),
// and a path-only sequence's `/Tag <</MCID n>> BDC` becomes a layout artifact's, its MCID then taken out of the
// structure tree (see tag-tree.ts).

/** What marking one content stream's artifacts gave: the new content and the MCIDs that are artifacts now. */
export interface MarkedArtifacts {
  content: string;
  /** MCIDs whose marked content only drew paths (borders, backgrounds): now layout artifacts. */
  decorations: Set<number>;
  /** How many sequences of untagged drawing were wrapped, by kind. */
  wrapped: { header: number; footer: number; layout: number };
}

interface Op {
  word: string;
  /** Where the operator's text begins (the end of the one before, white space included) and ends. */
  start: number;
  end: number;
  nums?: number[];
  mcid?: number;
}

const textShows = new Set(["Tj", "TJ", "'", '"']);
const pathParts = new Set(["m", "l", "c", "v", "y", "h", "re"]);
const pathPaints = new Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*"]);
// Whatever else draws: a shading, an XObject (image or form), an inline image.
const otherPaints = new Set(["sh", "Do", "BI"]);
const marks = new Set(["BDC", "BMC", "EMC"]);
// The operators whose numbers are read: the transformation, the first point of a path, the text position.
const located = new Set(["cm", "re", "m", "Tm", "Td", "TD"]);

type Matrix = [number, number, number, number, number, number];

/** A sequence of drawing outside all marked content: from operator `first` to `last`, where on the page it starts. */
interface Unit {
  first: number;
  last: number;
  y: number;
  /** The BT of the text object it lies in, when it is a piece of one (a text object with marked content inside). */
  inText?: number;
}

/**
 * Marks the artifacts of one content stream (decoded, latin1). `middle` is the height of the middle of the page: the
 * untagged drawing after the page's last real content is the running header above it and the footer below.
 */
export function markArtifacts(content: string, middle: number): MarkedArtifacts {
  const ops = operations(content);
  const decorations = new Set<number>();
  const edits: { at: number; to: number; text: string }[] = [];
  const units: Unit[] = [];
  // Per operator, how many marked-content operators came before: two units with none between may share a sequence.
  const marksBefore = new Int32Array(ops.length + 1);
  let depth = 0;
  // The outermost marked content now open: its BDC, MCID, and whether it drew anything but paths or holds more marks.
  let open: { at: number; mcid?: number; real: boolean } | undefined;
  let lastReal = -1;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const saved: Matrix[] = [];
  let pathStart = -1;
  let pathY = 0;
  let lastMark = -1;
  let text: { bt: number; marked: boolean; y: number } | undefined;
  const yOf = (x: number, y: number) => x * ctm[1] + y * ctm[3] + ctm[5];

  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    marksBefore[i + 1] = marksBefore[i]! + (marks.has(op.word) ? 1 : 0);
    const n = op.nums ?? [];
    switch (op.word) {
      case "q":
        saved.push(ctm);
        break;
      case "Q":
        ctm = saved.pop() ?? ctm;
        break;
      case "cm":
        ctm = multiply(n as Matrix, ctm);
        break;
      case "BDC":
      case "BMC":
        if (depth === 0) open = { at: i, ...(op.mcid !== undefined && { mcid: op.mcid }), real: false };
        else if (open) open.real = true;
        depth++;
        lastMark = i;
        break;
      case "EMC":
        depth = Math.max(0, depth - 1);
        lastMark = i;
        if (depth === 0 && open) {
          if (open.mcid !== undefined && !open.real) {
            decorations.add(open.mcid);
            edits.push({ at: ops[open.at]!.start, to: ops[open.at]!.end, text: "\n/Artifact <</Type /Layout>> BDC" });
          } else if (open.mcid !== undefined) lastReal = i;
          open = undefined;
        }
        break;
      case "BT": {
        // Skia keeps marked content outside text objects; one that has some inside is marked piece by piece.
        let et = i + 1;
        let marked = false;
        for (; et < ops.length && ops[et]!.word !== "ET"; et++) if (marks.has(ops[et]!.word)) marked = true;
        text = { bt: i, marked, y: yOf(0, 0) };
        if (depth > 0 || marked) break;
        const shows = ops.slice(i + 1, et).some((o) => textShows.has(o.word));
        const tm = ops.slice(i + 1, et).find((o) => o.word === "Tm" || o.word === "Td" || o.word === "TD");
        if (shows)
          units.push({
            first: i,
            last: Math.min(et, ops.length - 1),
            y: tm ? yOf(tm.nums![tm.word === "Tm" ? 4 : 0]!, tm.nums![tm.word === "Tm" ? 5 : 1]!) : text.y,
          });
        // Nothing in a text object changes the transformation (§8.2, Figure 9): on after its ET.
        for (let k = i + 1; k < et; k++) marksBefore[k + 1] = marksBefore[k]!;
        i = Math.min(et, ops.length - 1);
        marksBefore[i + 1] = marksBefore[i]!;
        text = undefined;
        break;
      }
      case "ET":
        text = undefined;
        break;
      case "Tm":
        if (text) text.y = yOf(n[4]!, n[5]!);
        break;
      default:
        if (pathParts.has(op.word)) {
          if (pathStart < 0) {
            pathStart = i;
            pathY = op.word === "re" || op.word === "m" ? yOf(n[0]!, n[1]!) : yOf(0, 0);
          }
        } else if (pathPaints.has(op.word) || op.word === "n") {
          // A path in marked content leaves it a decoration; one outside is a unit.
          if (op.word !== "n" && depth === 0) units.push({ first: Math.max(pathStart < 0 ? i : pathStart, lastMark + 1), last: i, y: pathY });
          pathStart = -1;
        } else if (textShows.has(op.word) || otherPaints.has(op.word)) {
          if (depth > 0) open!.real = true;
          else units.push({ first: i, last: i, y: text?.y ?? yOf(0, 0), ...(text && { inText: text.bt }) });
        }
    }
  }

  // Runs of units: one artifact sequence each, of one kind, not across marked content or a text object's edge.
  const kind = (u: Unit) => (u.first > lastReal ? (u.y >= middle ? "header" : "footer") : "layout");
  const wrapped = { header: 0, footer: 0, layout: 0 };
  for (let i = 0; i < units.length; ) {
    const first = units[i]!;
    let j = i;
    while (
      j + 1 < units.length &&
      kind(units[j + 1]!) === kind(first) &&
      units[j + 1]!.inText === first.inText &&
      marksBefore[units[j + 1]!.first] === marksBefore[units[j]!.last + 1]
    )
      j++;
    const last = units[j]!;
    const k = kind(first);
    wrapped[k]++;
    const properties = k === "layout" ? "<</Type /Layout>>" : `<</Type /Pagination /Subtype /${k === "header" ? "Header" : "Footer"}>>`;
    edits.push({ at: ops[first.first]!.start, to: ops[first.first]!.start, text: `\n/Artifact ${properties} BDC` });
    edits.push({ at: ops[last.last]!.end, to: ops[last.last]!.end, text: "\nEMC" });
    i = j + 1;
  }

  // At one place, an EMC ending a run goes before the BDC that a decoration's is replaced by.
  edits.sort((a, b) => a.at - b.at || Number(a.to > a.at) - Number(b.to > b.at));
  let out = "";
  let cursor = 0;
  for (const edit of edits) {
    out += content.slice(cursor, edit.at) + edit.text;
    cursor = edit.to;
  }
  return { content: out + content.slice(cursor), decorations, wrapped };
}

// The content stream as operators, each with the numbers of the ones whose position matters and a BDC's MCID.
function operations(content: string): Op[] {
  const lexer = new PdfLexer(content);
  const ops: Op[] = [];
  const numbers: number[] = [];
  let last: PdfValue | undefined;
  let start = 0;
  for (;;) {
    const kind = lexer.scan();
    if (kind === "end") break;
    if (kind === "number") {
      numbers.push(lexer.start, lexer.pos);
      continue;
    }
    if (kind !== "op") {
      if (kind === "value") last = lexer.last;
      continue;
    }
    const op: Op = { word: lexer.word, start, end: lexer.pos };
    if (located.has(op.word)) {
      op.nums = [];
      for (let k = 0; k < numbers.length; k += 2) op.nums.push(readNumber(content, numbers[k]!, numbers[k + 1]!) ?? 0);
    }
    if (op.word === "BDC" && last instanceof Map) {
      const mcid = last.get("MCID");
      if (typeof mcid === "number") op.mcid = mcid;
    }
    if (op.word === "BI") {
      // An inline image: its data runs to the EI keyword.
      const end = /\sEI(?=\s|$)/g;
      end.lastIndex = lexer.pos;
      const found = end.exec(content);
      lexer.pos = op.end = found ? found.index + found[0].length : content.length;
    }
    ops.push(op);
    start = op.end;
    numbers.length = 0;
    last = undefined;
  }
  return ops;
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}
