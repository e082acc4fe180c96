import type { CDPSession, Page } from "puppeteer-core";
import type { Protocol } from "puppeteer-core";
import { splitWords } from "./text-check.js";

/**
 * The width of the page's text in CSS pixels: A4 (210 mm) less the left and right margins of the @page rule of
 * templates/style.css (20 mm, 18 mm); a test keeps the two equal.
 */
export const printWidthPx = ((210 - 20 - 18) / 25.4) * 96;

/** What the page shows when printed: its words, the texts that run out of the page or out of a box that clips, and those set so that nobody can read them. */
export interface PrintedPage {
  words: string[];
  overflows: string[];
  /** Texts in a colour next to invisible on their background, (nearly) transparent, or smaller than 4 px. */
  unreadable: string[];
}

/**
 * Lays the loaded page out as it is printed (print media, the page's text width) and reads the result from the
 * browser's layout (DOMSnapshot: the boxes of every line of text), which needs no script in the page: printing
 * runs with JavaScript off. Only text nodes count (what the author wrote), and only where they are laid out and
 * visible. The emulation is undone before returning, as the tab prints the next annex.
 */
export async function inspectPrintedPage(tab: Page, widthPx = printWidthPx): Promise<PrintedPage> {
  const session = await tab.createCDPSession();
  try {
    await session.send("Emulation.setEmulatedMedia", { media: "print" });
    await session.send("Emulation.setDeviceMetricsOverride", { width: Math.round(widthPx), height: 1000, deviceScaleFactor: 1, mobile: false });
    const snapshot = await session.send("DOMSnapshot.captureSnapshot", { computedStyles: [...styleNames], includeDOMRects: true });
    return readSnapshot(snapshot, widthPx);
  } finally {
    await undo(session);
  }
}

async function undo(session: CDPSession): Promise<void> {
  await session.send("Emulation.clearDeviceMetricsOverride").catch(() => {});
  await session.send("Emulation.setEmulatedMedia", { media: "" }).catch(() => {});
  await session.detach().catch(() => {});
}

const styleNames = ["display", "visibility", "overflow-x", "overflow-y", "color", "background-color", "opacity", "font-size"] as const;
type Rect = [number, number, number, number];

/** Words and overflowing texts of a DOM snapshot laid out `widthPx` wide (see inspectPrintedPage). */
export function readSnapshot(snapshot: Protocol.DOMSnapshot.CaptureSnapshotResponse, widthPx: number): PrintedPage {
  const doc = snapshot.documents[0];
  if (!doc) return { words: [], overflows: [], unreadable: [] };
  const str = (i: number | undefined) => (i === undefined || i < 0 ? "" : (snapshot.strings[i] ?? ""));
  const { nodes, layout, textBoxes } = doc;
  const parent = nodes.parentIndex ?? [];
  const nodeType = nodes.nodeType ?? [];
  const nodeName = nodes.nodeName ?? [];
  // The first layout object of each DOM node (an element split over lines has more; the first has its style).
  const layoutOf = new Map<number, number>();
  layout.nodeIndex.forEach((node, li) => {
    if (!layoutOf.has(node)) layoutOf.set(node, li);
  });
  const style = (li: number | undefined, k: number) => (li === undefined ? "" : str(layout.styles[li]?.[k]));
  const elementStyle = (node: number, k: number) => style(layoutOf.get(node), k);

  // The nearest ancestor that is not inline: text in the same one flows on as one text.
  const blockOf = (node: number): number => {
    for (let n = parent[node] ?? -1; n >= 0; n = parent[n] ?? -1) {
      const display = elementStyle(n, 0);
      if (display !== "" && display !== "inline" && display !== "contents") return n;
    }
    return -1;
  };
  // The boxes (client areas) that clip a node's content: its ancestors whose overflow is not visible.
  const clipCache = new Map<number, { rect: Rect; x: boolean; y: boolean }[]>();
  const clipsOf = (node: number): { rect: Rect; x: boolean; y: boolean }[] => {
    if (node < 0) return [];
    const known = clipCache.get(node);
    if (known) return known;
    const own = [...clipsOf(parent[node] ?? -1)];
    const li = layoutOf.get(node);
    if (li !== undefined && nodeType[node] === 1) {
      const [x, y] = [style(li, 2) !== "visible" && style(li, 2) !== "", style(li, 3) !== "visible" && style(li, 3) !== ""];
      const bounds = layout.bounds[li];
      const client = layout.clientRects?.[li];
      if ((x || y) && bounds && client && client.length === 4)
        own.push({ rect: [bounds[0]! + client[0]!, bounds[1]! + client[1]!, client[2]!, client[3]!], x, y });
    }
    clipCache.set(node, own);
    return own;
  };

  // Pseudo-elements (::before, ::after, ::marker): their text is the style sheet's, not the page's.
  const pseudo = new Set<number>(nodes.pseudoType?.index ?? []);
  const breaks = new Set<number>();
  layout.nodeIndex.forEach((node, li) => {
    if (str(nodeName[node]) === "BR") breaks.add(li);
  });

  const boxes = textBoxes.layoutIndex
    .map((li, i) => ({ li, i, start: textBoxes.start[i]!, length: textBoxes.length[i]!, bounds: textBoxes.bounds[i] as Rect }))
    .filter((b) => {
      const node = layout.nodeIndex[b.li]!;
      // Author text only (not list markers or generated content such as a printed link's address), and only what
      // is seen.
      return nodeType[node] === 3 && !pseudo.has(parent[node] ?? -1) && !["hidden", "collapse"].includes(style(b.li, 1));
    })
    .sort((a, b) => a.li - b.li || a.start - b.start);

  const overflows: string[] = [];
  const unreadable: string[] = [];
  // A text must be seen: a style sheet (a company's own, say) could set it white on white, transparent or tiny, and the
  // PDF would hold its words while no reader sees them.
  const legible = (node: number): boolean => {
    const li = layoutOf.get(parent[node] ?? -1) ?? layoutOf.get(node);
    const color = rgba(style(li, 4));
    let opacity = 1;
    let background: number[] | undefined;
    for (let n = parent[node] ?? -1; n >= 0; n = parent[n] ?? -1) {
      const own = layoutOf.get(n);
      if (own === undefined) continue;
      opacity *= Number(style(own, 6) || "1");
      const bg = rgba(style(own, 5));
      if (!background && bg && bg[3]! > 0.5) background = bg;
    }
    const size = Number.parseFloat(style(li, 7) || "16");
    if (opacity < 0.2 || size < 4 || !color || color[3]! < 0.2) return false;
    return contrast(color, background ?? [255, 255, 255, 1]) >= 1.5;
  };
  let text = "";
  let previous: (typeof boxes)[number] | undefined;
  for (const box of boxes) {
    const value = str(layout.text[box.li]).substr(box.start, box.length);
    const node = layout.nodeIndex[box.li]!;
    const [x, y, w, h] = box.bounds;
    if (value.trim() !== "") {
      const outside =
        x < -1 ||
        x + w > widthPx + 1 ||
        clipsOf(parent[node] ?? -1).some(
          (c) => (c.x && (x < c.rect[0] - 1 || x + w > c.rect[0] + c.rect[2] + 1)) || (c.y && (y < c.rect[1] - 1 || y + h > c.rect[1] + c.rect[3] + 1)),
        );
      if (outside) overflows.push(value.trim());
      else if (!legible(node)) unreadable.push(value.trim());
    }
    if (previous) {
      // White space between two boxes that no box shows (where a line wrapped at a space) still parts words.
      const before = str(layout.text[previous.li]);
      const between =
        previous.li === box.li
          ? before.slice(previous.start + previous.length, box.start)
          : before.slice(previous.start + previous.length) + str(layout.text[box.li]).slice(0, box.start);
      text += /\s/.test(between) || !joins(previous, box) ? " " : "";
    }
    text += value;
    previous = box;
  }
  return { words: splitWords(text), overflows, unreadable };

  // Whether two consecutive boxes of text continue one word: they touch on one line, or the second starts the
  // next line of the same text (or block) where the first wrapped without a space.
  function joins(a: (typeof boxes)[number], b: (typeof boxes)[number]): boolean {
    const [ax, ay, aw, ah] = a.bounds;
    const [bx, by, , bh] = b.bounds;
    const overlap = Math.min(ay + ah, by + bh) - Math.max(ay, by);
    if (overlap > Math.min(ah, bh) / 2 && bx >= ax) return bx - (ax + aw) <= Math.min(ah, bh) * 0.12;
    if (a.li === b.li) return true;
    for (let li = a.li + 1; li < b.li; li++) if (breaks.has(li)) return false;
    return blockOf(layout.nodeIndex[a.li]!) === blockOf(layout.nodeIndex[b.li]!);
  }
}

// "rgb(1, 2, 3)" or "rgba(1, 2, 3, 0.5)" as [r, g, b, alpha]; undefined for anything else.
function rgba(value: string): number[] | undefined {
  const m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(value);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : undefined;
}

// WCAG's contrast ratio of two colours (1 to 21).
function contrast(a: number[], b: number[]): number {
  const luminance = (c: number[]) => {
    const [r, g, bl] = c.slice(0, 3).map((v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}
