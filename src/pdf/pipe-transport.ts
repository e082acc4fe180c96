import type { Readable, Writable } from "node:stream";
import type { ConnectionTransport } from "puppeteer-core";

/**
 * The DevTools protocol over the pipes of `--remote-debugging-pipe`: JSON messages, each ended by a NUL byte,
 * written to the browser's fd 3 and read from its fd 4 (what puppeteer.launch does with `pipe: true`).
 */
export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  #closed = false;
  #fromBrowser: Readable;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    let pending: Buffer[] = [];
    this.#fromBrowser = fromBrowser;
    fromBrowser.on("data", (chunk: Buffer) => {
      if (this.#closed) return;
      let start = 0;
      for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
        pending.push(chunk.subarray(start, end));
        const message = Buffer.concat(pending).toString("utf8");
        pending = [];
        start = end + 1;
        // Like puppeteer's transport, messages are handed on one at a time, each in a task of its own.
        setImmediate(() => this.onmessage?.(message));
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    });
    // The browser went away: messages already read are handed on first.
    const gone = () => {
      if (this.#closed) return;
      this.#closed = true;
      setImmediate(() => this.onclose?.());
    };
    fromBrowser.once("close", gone);
    fromBrowser.on("error", gone);
    toBrowser.on("error", gone);
  }

  send(message: string): void {
    if (this.#closed) return;
    this.toBrowser.write(message);
    this.toBrowser.write("\0");
  }

  /** Called by puppeteer when it disconnects: nothing more is sent or handed on. */
  close(): void {
    this.#closed = true;
    this.#fromBrowser.removeAllListeners("data");
  }
}
