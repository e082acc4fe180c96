/**
 * Renumbers the ids of the tagged PDF's structure elements (`/ID (node00000645)`, used by table header
 * cells and listed in the /IDTree name tree). Chromium takes them from a per-process counter of DOM nodes, so
 * they depend on what else the renderer did before (another annex printed in a neighbouring tab), which would
 * make two builds differ. The new numbers keep the old ones' order (the name tree stays sorted) and their
 * width (no byte moves, so the cross-reference table stays valid).
 */
export function renumberStructureIds(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1");
  const ids = [...new Set([...text.matchAll(/\/ID \(node(\d+)\)/g)].map((m) => m[1]!))].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const renumbered = new Map(ids.map((id, i) => [id, String(i + 1).padStart(id.length, "0")]));
  if ([...renumbered].some(([old, fresh]) => fresh.length !== old.length)) return pdf;
  const out = text.replace(/(\/ID \(|[[\s]\()node(\d+)\)/g, (all, before: string, id: string) => {
    const fresh = renumbered.get(id);
    return fresh === undefined ? all : `${before}node${fresh})`;
  });
  return Buffer.from(out, "latin1");
}
