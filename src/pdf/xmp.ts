import type { PdfMetadata } from "./metadata.js";

/** What the XMP packet says besides the Info dictionary's fields. */
export interface XmpFacts extends PdfMetadata {
  /** The annex's language (BCP 47), as the catalog's /Lang. */
  lang: string;
  /** The Info dictionary's /Producer, said the same way here. */
  producer: string;
}

/**
 * The document's XMP metadata (ISO 16684-1) for the catalog's /Metadata stream: the PDF/UA identification
 * (pdfuaid:part 1, PDF/UA-1 §5, Matterhorn 06-002) and the same title, author, subject, tool and dates as the Info
 * dictionary (ISO 32000-1 §14.3.3), which is what PDF/UA-1 §7.1 asks of dc:title (Matterhorn 06-003). The title is a
 * language alternative in the annex's language, with the x-default entry first and the same, as XMP wants. UTF-8,
 * as XMP is; no padding, as nobody edits the file in place; byte-identical for the same facts.
 */
export function xmpPacket(facts: XmpFacts): string {
  const date = `${facts.date.toISOString().slice(0, 19)}+00:00`;
  const alt = (text: string) =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${escape(text)}</rdf:li><rdf:li xml:lang="${escape(facts.lang)}">${escape(text)}</rdf:li></rdf:Alt>`;
  const lines = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    "<pdfuaid:part>1</pdfuaid:part>",
    "<dc:format>application/pdf</dc:format>",
    `<dc:title>${alt(facts.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escape(facts.author)}</rdf:li></rdf:Seq></dc:creator>`,
    ...(facts.subject ? [`<dc:description>${alt(facts.subject)}</dc:description>`] : []),
    `<dc:language><rdf:Bag><rdf:li>${escape(facts.lang)}</rdf:li></rdf:Bag></dc:language>`,
    "<xmp:CreatorTool>toms</xmp:CreatorTool>",
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<pdf:Producer>${escape(facts.producer)}</pdf:Producer>`,
    "</rdf:Description>",
    "</rdf:RDF>",
    "</x:xmpmeta>",
    '<?xpacket end="r"?>',
  ];
  return lines.join("\n");
}

// XML 1.0 has no place for control characters but tab and line ends.
function escape(text: string): string {
  return text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
