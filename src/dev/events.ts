import type { IncomingMessage, ServerResponse } from "node:http";

/** An event as the preview sends it: its name and its data (sent as JSON). */
export interface PreviewEvent {
  event: string;
  data: unknown;
}

/**
 * The Server-Sent Events stream of the preview (`GET /__toms/events`): every open page listens to it. A page that
 * connects (or reconnects, after the server was restarted) is first told what it needs to catch up: `greeting()`
 * gives those events (the pages' fingerprints, the problems while there are errors).
 */
export class EventChannel {
  readonly #clients = new Set<ServerResponse>();
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(readonly greeting: () => PreviewEvent[]) {}

  /** Answers a request for the stream and keeps it open until the page goes away or the server closes. */
  connect(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Content-Type-Options": "nosniff",
    });
    // A lost connection is tried again after half a second (the browser's default is several).
    response.write("retry: 500\n\n");
    for (const e of this.greeting()) response.write(frame(e));
    this.#clients.add(response);
    request.socket.setNoDelay(true);
    const gone = () => this.#clients.delete(response);
    request.on("close", gone);
    response.on("error", gone);
    // A comment now and then, so a connection that died without a word is noticed and dropped.
    this.#heartbeat ??= setInterval(() => {
      for (const client of this.#clients) client.write(": ping\n\n");
    }, 15_000).unref();
  }

  /** Sends an event to every open page. */
  send(e: PreviewEvent): void {
    const text = frame(e);
    for (const client of this.#clients) client.write(text);
  }

  /** How many pages listen. */
  get size(): number {
    return this.#clients.size;
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }
}

// One event of the stream. JSON has no line breaks unless asked to, so the data is one `data:` line.
function frame({ event, data }: PreviewEvent): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
