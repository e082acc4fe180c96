// The live preview's figures: `toms dev` as a whole process, its event stream read as a page reads it, real saves
// into a copy of the content. Save → `reload` is timed from just before the file is written to the event's arrival;
// save → PDF from the same moment to the last byte of the PDF asked for right after the event (the browser warm).
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { stats } from "./run.mjs";

/** Pause between two saves: longer than a burst's debounce and the watcher's throttle (one save is one save). */
const pauseMs = 250;

/**
 * Runs the dev rows: on `content` (a copy of the shipped content, edited here) `saves` saves → reload and `pdfs`
 * saves → PDF of berlin.pdf; on `synthetic` (2,000 × 10, edited here) `saves` one-measure edits → reload. Returns
 * rows { label, runs, median, min, max } or { label, failed }.
 */
export async function devFigures({ toms, cwd, env, content, synthetic, saves, pdfs, pdf }) {
  const rows = [];
  const shipped = await measureServer({ toms, cwd, env, content, pdf }, async (server) => {
    const file = path.join(content, "1-vertraulichkeit/zutrittskontrolle.yaml");
    const original = fs.readFileSync(file, "utf8");
    const edit = (i) => original.replace("Zutrittskontrollsystem Rechenzentrum meetyoo", `Zutrittskontrollsystem Rechenzentrum meetyoo ${i}`);
    const reloads = [];
    for (let i = 1; i <= saves; i++) reloads.push((await server.save(file, edit(i), "berlin.html")).reload);
    rows.push(row("save → reload event (shipped content)", reloads, "≤ 100 ms", 100));
    if (!pdf) return;
    // The first PDF starts the browser's tab and loads the fonts: not counted.
    await server.get("berlin.pdf");
    const printed = [];
    for (let i = 1; i <= pdfs; i++) {
      const { started } = await server.save(file, edit(saves + i), "berlin.html");
      const bytes = await server.get("berlin.pdf");
      if (!bytes.subarray(0, 5).equals(Buffer.from("%PDF-"))) throw new Error("berlin.pdf: no PDF came back");
      printed.push(performance.now() - started);
    }
    rows.push(row("save → updated PDF, browser warm (berlin.pdf)", printed, "≤ 1000 ms", 1000));
  });
  if (shipped) rows.push({ label: "save → reload event (shipped content)", failed: shipped });

  const large = await measureServer({ toms, cwd, env, content: synthetic, pdf: false }, async (server) => {
    const file = path.join(synthetic, "group-3/section-13.yaml");
    const original = fs.readFileSync(file, "utf8");
    const reloads = [];
    for (let i = 1; i <= saves; i++) {
      const text = original.replace('title: "Measure 260"', `title: "Measure 260 (${i})"`);
      reloads.push((await server.save(file, text, "loc-0.html")).reload);
    }
    rows.push(row("2000×10: one-measure edit → reload event", reloads, "≤ 300 ms", 300));
  });
  if (large) rows.push({ label: "2000×10: one-measure edit → reload event", failed: large });
  return rows;
}

function row(label, samples, target, limit) {
  const s = stats(samples);
  return { label, runs: samples.length, ...s, target, ok: s.median <= limit };
}

// Starts `toms dev` on `content`, hands `measure` a client (save a file and wait for the reload naming a page; get a
// file), stops the server. Returns why it failed, or undefined.
async function measureServer({ toms, cwd, env, content, pdf }, measure) {
  const child = spawn(process.execPath, [toms, "dev", "--content", content, "--port", "0", ...(pdf ? [] : ["--no-pdf"])], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr.on("data", (c) => (output += c));
  const ended = new Promise((resolve) => child.on("close", resolve));
  try {
    const url = await new Promise((resolve, reject) => {
      let first = "";
      child.stdout.on("data", (c) => {
        first += c;
        if (first.includes("\n")) resolve(first.split("\n")[0]);
      });
      ended.then(() => reject(new Error(`toms dev ended: ${output.trim().split("\n").slice(-3).join(" ")}`)));
    });
    const events = await eventStream(url);
    try {
      await measure({
        async save(file, text, page) {
          await new Promise((resolve) => setTimeout(resolve, pauseMs));
          const waiting = events.next((e) => e.event === "reload" && e.data.pages.includes(page));
          const started = performance.now();
          fs.writeFileSync(file, text);
          const event = await waiting;
          return { started, reload: event.at - started };
        },
        get: (name) => get(new URL(name, url)),
      });
    } finally {
      events.close();
    }
    return undefined;
  } catch (error) {
    return `failed: ${error.message}`;
  } finally {
    child.kill("SIGINT");
    await ended;
  }
}

// The events of /__toms/events as they arrive, each with its arrival time; next(match) waits for one (20 s at most).
function eventStream(url) {
  const waiting = new Set();
  return new Promise((resolve, reject) => {
    const request = http.get(new URL("/__toms/events", url), (response) => {
      let buffer = "";
      response.setEncoding("utf8").on("data", (chunk) => {
        const at = performance.now();
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === undefined || data === undefined) continue;
          const received = { event, data: JSON.parse(data), at };
          for (const w of [...waiting]) if (w.match(received)) w.resolve(received);
        }
      });
      resolve({
        next: (match) =>
          new Promise((done, fail) => {
            const w = {
              match,
              resolve: (e) => {
                waiting.delete(w);
                clearTimeout(timer);
                done(e);
              },
            };
            const timer = setTimeout(() => {
              waiting.delete(w);
              fail(new Error("no reload event within 20 s"));
            }, 20_000);
            waiting.add(w);
          }),
        close: () => request.destroy(),
      });
    });
    request.on("error", reject);
  });
}

function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        const chunks = [];
        response.on("data", (c) => chunks.push(c));
        response.on("end", () => (response.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${url}: HTTP ${response.statusCode}`))));
      })
      .on("error", reject);
  });
}
