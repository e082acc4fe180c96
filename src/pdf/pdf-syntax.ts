/**
 * PDF syntax (ISO 32000-1, §7.2–7.3) as far as Chromium's Skia writes it: numbers, names, literal and hex strings,
 * arrays, dictionaries, references and, in content streams, operators. Text is handled as latin1 (one character
 * per byte), like the rest of src/pdf.
 */

/** A name such as /Font (without the slash, #xx escapes resolved). */
export interface PdfName {
  kind: "name";
  value: string;
}
/** A string's bytes, one latin1 character per byte. */
export interface PdfString {
  kind: "string";
  bytes: string;
}
/** An indirect reference `n 0 R`. */
export interface PdfRef {
  kind: "ref";
  n: number;
}
/** An operator of a content stream (or a keyword such as `obj` or `stream`). */
export interface PdfOperator {
  kind: "op";
  value: string;
}
/** A parsed PDF value. */
export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict;
/** A dictionary: key (without slash) → value. */
export type PdfDict = Map<string, PdfValue>;

// Character classes by code (latin1): 1 white space, 2 delimiter; a table, as the lexer looks at every byte.
const charClass = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) charClass[c] = 1;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) charClass[c] = 2;
// Whether a character ends a name, number or operator.
const ends = (c: number) => c < 256 && charClass[c] !== 0;

const operators = new Map<string, PdfOperator>();
// The content stream operators of one or two characters (§A.2), by their character codes.
const shortOperators = new Map<number, string>(
  [
    "b",
    "B",
    "b*",
    "B*",
    "cm",
    "cs",
    "CS",
    "d",
    "d0",
    "d1",
    "Do",
    "f",
    "F",
    "f*",
    "g",
    "G",
    "gs",
    "h",
    "i",
    "j",
    "J",
    "k",
    "K",
    "l",
    "m",
    "M",
    "n",
    "q",
    "Q",
    "re",
    "rg",
    "RG",
    "s",
    "S",
    "sc",
    "SC",
    "sh",
    "T*",
    "Tc",
    "Td",
    "TD",
    "Tf",
    "Tj",
    "TJ",
    "TL",
    "Tm",
    "Tr",
    "Ts",
    "Tw",
    "Tz",
    "v",
    "w",
    "W",
    "W*",
    "y",
    "'",
    '"',
    "BT",
    "ET",
    "BI",
    "ID",
    "EI",
  ].map((op) => [op.length === 1 ? op.charCodeAt(0) : op.charCodeAt(0) | (op.charCodeAt(1) << 8), op]),
);

type Token = PdfValue | PdfOperator | { kind: "open"; value: "[" | "<<" } | { kind: "close"; value: "]" | ">>" };

/** Reads PDF tokens and values from latin1 text, from `pos` on. */
export class PdfLexer {
  constructor(
    readonly text: string,
    public pos = 0,
  ) {}

  /** The next token, or undefined at the end. A number is returned alone: value() reads `n 0 R`. */
  token(): Token | undefined {
    const { text } = this;
    let c = this.skipSpace();
    if (c === undefined) return undefined;
    const start = this.pos;
    if (c === 0x2f) {
      // A name ends at white space or a delimiter.
      let end = start + 1;
      while (end < text.length && !ends(text.charCodeAt(end))) end++;
      this.pos = end;
      const name = text.slice(start + 1, end);
      return { kind: "name", value: name.includes("#") ? name.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : name };
    }
    if (c === 0x28) return { kind: "string", bytes: this.literalString() };
    if (c === 0x3c) {
      if (text.charCodeAt(start + 1) === 0x3c) {
        this.pos += 2;
        return { kind: "open", value: "<<" };
      }
      const end = text.indexOf(">", start);
      this.pos = end === -1 ? text.length : end + 1;
      return { kind: "string", bytes: hexBytes(text, start + 1, end === -1 ? text.length : end) };
    }
    if (c === 0x3e && text.charCodeAt(start + 1) === 0x3e) {
      this.pos += 2;
      return { kind: "close", value: ">>" };
    }
    if (c === 0x5b || c === 0x5d) {
      this.pos++;
      return c === 0x5b ? { kind: "open", value: "[" } : { kind: "close", value: "]" };
    }
    let end = start;
    while (end < text.length && !ends(text.charCodeAt(end))) end++;
    if (end === start) {
      // A stray delimiter (")", ">", "{", "}"): skipped.
      this.pos++;
      return this.token();
    }
    this.pos = end;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      const number = readNumber(text, start, end);
      if (number !== undefined) return number;
    }
    const word = text.slice(start, end);
    if (word === "true") return true;
    if (word === "false") return false;
    if (word === "null") return null;
    // One object per operator word: a content stream has tens of thousands.
    let op = operators.get(word);
    if (op === undefined) {
      op = { kind: "op", value: word };
      if (operators.size < 4096) operators.set(word, op);
    }
    return op;
  }

  /**
   * The next complete value (arrays and dictionaries whole), or an operator; undefined at the end or at a closing
   * bracket. With `refs` (object bodies, not content streams), `n 0 R` is read as one reference.
   */
  value(refs = false): PdfValue | PdfOperator | undefined {
    const token = this.token();
    if (typeof token === "number" && refs) {
      const save = this.pos;
      const generation = this.token();
      if (typeof generation === "number") {
        const r = this.token();
        if (isOp(r) && r.value === "R") return { kind: "ref", n: token };
      }
      this.pos = save;
      return token;
    }
    if (!isToken(token)) return token;
    if (token.kind === "close") return undefined;
    return token.value === "[" ? this.array(refs) : this.dict(refs);
  }

  private array(refs: boolean): PdfValue[] {
    const items: PdfValue[] = [];
    for (;;) {
      const value = this.value(refs);
      if (value === undefined) return items;
      if (!isOp(value)) items.push(value);
    }
  }

  private dict(refs: boolean): PdfDict {
    const dict: PdfDict = new Map();
    for (;;) {
      const key = this.value(refs);
      if (key === undefined) return dict;
      if (!isName(key)) continue;
      const value = this.value(refs);
      if (value === undefined) return dict;
      if (!isOp(value)) dict.set(key.value, value);
    }
  }

  /** Where the last token scan() read starts (its end is pos). */
  start = 0;
  /** The operator scan() read last. */
  word = "";
  /** The value scan() read last. */
  last: PdfValue | undefined;

  /**
   * For content streams, where most tokens are numbers that no text operator needs: the kind of the next token
   * without making a number a value (it lies at start…pos; readNumber reads it when wanted). Returns "end",
   * "number", "op" (in `word`) or "value" (in `last`: a string, name, array, dictionary or boolean).
   */
  scan(): "end" | "number" | "hex" | "op" | "value" {
    const { text } = this;
    for (;;) {
      const c = this.skipSpace();
      if (c === undefined) return "end";
      this.start = this.pos;
      if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
        let end = this.pos + 1;
        while (end < text.length && !ends(text.charCodeAt(end))) end++;
        this.pos = end;
        return "number";
      }
      if (c === 0x3c && text.charCodeAt(this.pos + 1) !== 0x3c) {
        // A hex string: its digits lie at start + 1 … pos - 1.
        const end = text.indexOf(">", this.pos);
        this.start = this.pos + 1;
        this.pos = end === -1 ? text.length : end + 1;
        return "hex";
      }
      if (c < 256 && charClass[c] === 0) {
        // An operator: the short ones (almost all) without making a string.
        let end = this.pos + 1;
        while (end < text.length && !ends(text.charCodeAt(end))) end++;
        const key = end - this.pos === 1 ? c : end - this.pos === 2 ? c | (text.charCodeAt(this.pos + 1) << 8) : -1;
        this.word = shortOperators.get(key) ?? text.slice(this.pos, end);
        this.pos = end;
        if (this.word === "true" || this.word === "false" || this.word === "null") {
          this.last = this.word === "null" ? null : this.word === "true";
          return "value";
        }
        return "op";
      }
      const value = this.value();
      if (value === undefined) {
        if (this.pos >= this.text.length) return "end";
        continue;
      }
      if (isOp(value)) {
        this.word = value.value;
        return "op";
      }
      this.last = value;
      return "value";
    }
  }

  /** Skips white space and comments; returns the code of the next character (undefined at the end). */
  private skipSpace(): number | undefined {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c < 256 && charClass[c] === 1) this.pos++;
      else if (c === 0x25) {
        while (this.pos < text.length && text.charCodeAt(this.pos) !== 0x0a && text.charCodeAt(this.pos) !== 0x0d) this.pos++;
      } else return c;
    }
    return undefined;
  }

  private literalString(): string {
    const { text } = this;
    let depth = 0;
    let out = "";
    let i = this.pos;
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === "\\") {
        const next = text[++i] ?? "";
        const octal = /^[0-7]{1,3}/.exec(text.slice(i, i + 3));
        if (octal) {
          out += String.fromCharCode(parseInt(octal[0], 8) & 0xff);
          i += octal[0].length - 1;
        } else if (next === "\r") {
          if (text[i + 1] === "\n") i++;
        } else if (next !== "\n") {
          out += ({ n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" } as Record<string, string>)[next] ?? next;
        }
        continue;
      }
      if (ch === "(") {
        if (depth++ === 0) continue;
      } else if (ch === ")") {
        if (--depth === 0) break;
      }
      out += ch;
    }
    this.pos = i + 1;
    return out;
  }
}

/**
 * The bytes of a hex string (§7.3.4.3) lying at from…to of `text`: white space ignored, a missing last digit taken
 * as 0. Decoded by hand: a content stream has one short hex string per run of glyphs.
 */
export function hexBytes(text: string, from: number, to: number): string {
  let out = "";
  let high = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (digit < 0) continue;
    if (high < 0) high = digit;
    else {
      out += String.fromCharCode(high * 16 + digit);
      high = -1;
    }
  }
  return high < 0 ? out : out + String.fromCharCode(high * 16);
}

/** A PDF number (§7.3.3: optional sign, digits, at most one point; no exponent) read without making a string. */
export function readNumber(text: string, start: number, end: number): number | undefined {
  let i = start;
  let sign = 1;
  const first = text.charCodeAt(i);
  if (first === 0x2d || first === 0x2b) {
    if (first === 0x2d) sign = -1;
    i++;
  }
  let value = 0;
  let scale = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      digits++;
      if (scale > 0) scale *= 10;
    } else if (c === 0x2e && scale === 0) scale = 1;
    else return undefined;
  }
  if (digits === 0) return undefined;
  return (sign * value) / (scale || 1);
}

function isToken(value: unknown): value is { kind: "open"; value: "[" | "<<" } | { kind: "close"; value: "]" | ">>" } {
  if (typeof value !== "object" || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === "open" || kind === "close";
}

/** Whether a value is an operator. */
export function isOp(value: unknown): value is PdfOperator {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "op";
}

/** Whether a value is a name. */
export function isName(value: unknown): value is PdfName {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "name";
}

/** Whether a value is a string. */
export function isString(value: unknown): value is PdfString {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "string";
}

/** Whether a value is a reference. */
export function isRef(value: unknown): value is PdfRef {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "ref";
}

/** Parses one value at `pos` of `text`. */
export function parseValue(text: string, pos = 0): PdfValue | undefined {
  const value = new PdfLexer(text, pos).value(true);
  return value === undefined || isOp(value) ? undefined : value;
}
