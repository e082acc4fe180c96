import { describe, expect, test } from "vitest";
import { formatDate } from "../src/render/i18n.js";

describe("dates in the document's language", () => {
  test("German, English and French write the long form of their language", () => {
    expect(formatDate("2027-03-15", "de")).toBe("15. März 2027");
    expect(formatDate("2027-03-15", "en")).toBe("March 15, 2027");
    expect(formatDate("2027-03-15", "fr")).toBe("15 mars 2027");
  });

  test("French writes the first of a month as an ordinal (1er), other days and languages as Intl does", () => {
    expect(formatDate("2027-03-01", "fr")).toBe("1er mars 2027");
    expect(formatDate("2026-01-01", "fr-CH")).toBe("1er janvier 2026");
    expect(formatDate("2027-03-11", "fr")).toBe("11 mars 2027");
    expect(formatDate("2027-03-21", "fr")).toBe("21 mars 2027");
    expect(formatDate("2027-03-01", "de")).toBe("1. März 2027");
    expect(formatDate("2027-03-01", "en")).toBe("March 1, 2027");
  });

  test("a value that is no date is shown as written", () => {
    expect(formatDate("2027-13-45", "fr")).toBe("2027-13-45");
  });
});
