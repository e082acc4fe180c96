// The script of preview pages (`toms dev`), served as /__toms/client.js and never part of a published page. It listens to
// the preview's events: reloads the page when a save changed it, and shows the content's problems over the page while
// there are errors. Content is untrusted: every string of a problem is set as text, never as markup.

/** A problem as the `problems` event sends it (see dev/problems.ts). */
interface PageProblem {
  file: string;
  line: number;
  column: number;
  severity: "error" | "warning";
  rule: string;
  message: string;
  hint: string;
  frame: string[];
}

const thisPage = meta("toms-page") ?? "*";
const fingerprint = meta("toms-fingerprint") ?? "";

function meta(name: string): string | undefined {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content;
}

// A reload keeps the place the author was reading (browsers do not restore it reliably on a reload by script).
const placeKey = "toms-dev-place";

function reload(): void {
  sessionStorage.setItem(placeKey, JSON.stringify({ page: thisPage, x: scrollX, y: scrollY }));
  location.reload();
}

function restorePlace(): void {
  const saved = sessionStorage.getItem(placeKey);
  if (saved === null) return;
  const place = JSON.parse(saved) as { page: string; x: number; y: number };
  if (place.page !== thisPage) return;
  const restore = () => {
    scrollTo(place.x, place.y);
    sessionStorage.removeItem(placeKey);
  };
  // Once the fonts are there the page has its height; until then the place may not exist yet.
  if (document.readyState === "complete") restore();
  else addEventListener("load", restore, { once: true });
}
restorePlace();

// Only while the page is shown: a browser opens at most six connections to one server, and every hidden tab holding
// an event stream would take one from the pages still to load. A page shown again catches up through `hello`.
let events: EventSource | undefined;

function listen(): void {
  events = new EventSource("/__toms/events");
  // First on every connection: every page's fingerprint. A page that changed while this one was not listening reloads.
  events.addEventListener("hello", (e) => {
    overlay.hide();
    const { pages } = JSON.parse((e as MessageEvent<string>).data) as { pages: Record<string, string> };
    if (thisPage !== "*" && pages[thisPage] !== fingerprint) reload();
  });
  events.addEventListener("reload", (e) => {
    const { pages } = JSON.parse((e as MessageEvent<string>).data) as { pages: string[] };
    // Pages of the server's own ("*": errors, not found) may have become an annex with any save.
    if (thisPage === "*" || pages.includes(thisPage)) reload();
    else overlay.hide();
  });
  events.addEventListener("problems", (e) => overlay.show(JSON.parse((e as MessageEvent<string>).data) as PageProblem[]));
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") {
    events?.close();
    events = undefined;
  } else if (!events) listen();
});
if (document.visibilityState !== "hidden") listen();

/** The problems over the page: a dialog with a heading, each problem with its place, rule, message, source lines and hint. */
const overlay = {
  host: undefined as HTMLElement | undefined,

  show(problems: PageProblem[]): void {
    this.hide();
    const host = document.createElement("toms-problems");
    // In a shadow root: the page's style sheet does not reach the list, nor the list's the page.
    const root = host.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [styleSheet()];
    const errors = problems.filter((p) => p.severity === "error").length;
    const warnings = problems.length - errors;
    const dialog = element("section", {
      class: "dialog",
      role: "alertdialog",
      "aria-labelledby": "toms-title",
      "aria-describedby": "toms-summary",
      tabindex: "-1",
    });
    const close = element("button", { type: "button", class: "close", "aria-label": "Close the list of problems" }, "×");
    close.addEventListener("click", () => this.hide());
    dialog.append(
      element("header", {}, element("h2", { id: "toms-title" }, "The content has errors"), close),
      element(
        "p",
        { id: "toms-summary", class: "summary" },
        `${count(errors, "error")}, ${count(warnings, "warning")}. The page shows the last text without errors; it reloads when they are fixed.`,
      ),
      element("ol", {}, ...problems.map(problemItem)),
    );
    root.append(dialog);
    root.addEventListener("keydown", (e) => {
      if ((e as KeyboardEvent).key === "Escape") this.hide();
    });
    (document.body ?? document.documentElement).append(host);
    this.host = host;
    dialog.focus({ preventScroll: true });
  },

  hide(): void {
    this.host?.remove();
    this.host = undefined;
  },
};

function problemItem(p: PageProblem): HTMLElement {
  return element(
    "li",
    { class: p.severity },
    element(
      "p",
      { class: "head" },
      element("span", { class: "where" }, `${p.file}:${p.line}:${p.column}`),
      " ",
      element("span", { class: "severity" }, p.severity),
      " ",
      element("span", { class: "message" }, p.message),
      " ",
      element("span", { class: "rule" }, `[${p.rule}]`),
    ),
    ...(p.frame.length > 0 ? [element("pre", { class: "frame" }, p.frame.join("\n"))] : []),
    element("p", { class: "hint" }, element("span", {}, "hint:"), ` ${p.hint}`),
  );
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// An element with attributes and children; strings become text nodes (never parsed as markup).
function element(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

let sheet: CSSStyleSheet | undefined;

// Built by the script, not loaded: the page's policy allows no inline style, and a constructed sheet is no markup.
function styleSheet(): CSSStyleSheet {
  if (sheet) return sheet;
  sheet = new CSSStyleSheet();
  sheet.replaceSync(`
:host { all: initial; position: fixed; inset: 0; z-index: 2147483647; display: block; overflow: auto; background: rgb(20 24 31 / 0.5); }
@media print { :host { display: none; } }
.dialog { box-sizing: border-box; max-width: 60rem; margin: 2rem auto; padding: 1rem 1.25rem 1.25rem; background: #fff; color: #1b1f24; border-top: 6px solid #a4161a; border-radius: 4px; box-shadow: 0 8px 32px rgb(0 0 0 / 0.35); font: 15px/1.45 system-ui, sans-serif; }
.dialog:focus { outline: none; }
header { display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
h2 { margin: 0; font-size: 1.25rem; color: #a4161a; }
.close { font: inherit; font-size: 1.5rem; line-height: 1; padding: 0.1rem 0.6rem; border: 1px solid #c9ced6; border-radius: 4px; background: #fff; color: #1b1f24; cursor: pointer; }
.close:focus-visible { outline: 3px solid #1d4e89; outline-offset: 2px; }
.summary { margin: 0.5rem 0 1rem; color: #4a515c; }
ol { margin: 0; padding: 0; list-style: none; }
li { margin: 0 0 1rem; padding: 0.75rem 0 0; border-top: 1px solid #e3e6eb; }
.head { margin: 0 0 0.5rem; overflow-wrap: anywhere; }
.where { font-weight: 600; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.severity { font-weight: 600; }
.error .severity { color: #a4161a; }
.warning .severity { color: #8a5a00; }
.rule { color: #4a515c; }
.frame { margin: 0 0 0.5rem; padding: 0.5rem 0.75rem; overflow-x: auto; background: #f4f5f7; border-radius: 4px; font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; white-space: pre; }
.hint { margin: 0; }
.hint span { font-weight: 600; }
`);
  return sheet;
}
