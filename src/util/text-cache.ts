/**
 * A map from texts (Markdown) to what was made of them, for one process. Bounded by the characters of its keys:
 * far above any site (the 2,000-measure benchmark site has 0.5 M), bounded for long-running processes (tests,
 * fuzzing, the archive of many versions) that see endless distinct texts. When full, it starts over.
 */
export class TextCache<V> {
  readonly #entries = new Map<string, V>();
  #chars = 0;

  constructor(private readonly maxChars = 64 * 1024 * 1024) {}

  get(text: string): V | undefined {
    return this.#entries.get(text);
  }

  set(text: string, value: V): V {
    if (this.#chars + text.length > this.maxChars) {
      this.#entries.clear();
      this.#chars = 0;
    }
    this.#entries.set(text, value);
    this.#chars += text.length;
    return value;
  }
}
