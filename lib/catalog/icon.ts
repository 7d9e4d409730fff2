// A template's icon is served to browsers, so it is checked before it is listed: an SVG document of
// bounded size with no scripts, no event handlers, no embedded HTML and no references outside
// itself (only `#fragment` links and data: images). A refused icon makes the template broken.
export const MAX_ICON_BYTES = 16 * 1024;

export type IconCheck = { ok: true; svg: string } | { ok: false; reason: string };

/** Elements that run code, embed other documents or pull resources in. */
const FORBIDDEN_ELEMENTS = ["script", "foreignobject", "iframe", "embed", "object", "audio", "video", "handler", "listener", "set", "animate"];

/** Attributes that name a resource: only `#fragment` (or a data: image for <image>) may follow. */
const REF_ATTRIBUTES = /\s(?:xlink:)?href\s*=\s*(["'])(.*?)\1/gis;
const URL_FUNCTION = /url\(\s*(["']?)(.*?)\1\s*\)/gis;

function localRef(value: string, allowDataImage: boolean): boolean {
  const v = value.trim();
  if (v.startsWith("#")) return true;
  return allowDataImage && /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$/i.test(v);
}

export function checkIcon(bytes: Uint8Array): IconCheck {
  if (bytes.byteLength > MAX_ICON_BYTES) return { ok: false, reason: `the icon is larger than ${MAX_ICON_BYTES / 1024} KiB` };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: "the icon is not UTF-8 text" };
  }
  // Comments could hide markup from the checks below; they are removed for checking only.
  const body = text.replace(/^\uFEFF/, "").replace(/<!--[\s\S]*?-->/g, "");
  if (/<!(?:DOCTYPE|ENTITY)/i.test(body)) return { ok: false, reason: "the icon declares a DOCTYPE or entities" };
  if (/<!\[CDATA\[/i.test(body)) return { ok: false, reason: "the icon holds a CDATA section" };
  const start = body.replace(/^\s*(?:<\?xml[^>]*\?>\s*)?/, "");
  if (!/^<svg[\s>]/i.test(start)) return { ok: false, reason: "the icon is not an SVG document (it must start with <svg>)" };
  if (!/<\/svg>\s*$/i.test(start)) return { ok: false, reason: "the icon's <svg> element is not closed at the end" };
  if (/<\?/.test(start)) return { ok: false, reason: "the icon holds a processing instruction" };
  for (const m of start.matchAll(/<\s*([a-zA-Z][\w:.-]*)/g)) {
    const name = m[1]!.toLowerCase().replace(/^.*:/, "");
    if (FORBIDDEN_ELEMENTS.includes(name)) return { ok: false, reason: `the icon holds a <${m[1]}> element` };
  }
  if (/\son[a-z]+\s*=/i.test(start)) return { ok: false, reason: "the icon holds an event handler attribute (on…=)" };
  if (/javascript:|vbscript:/i.test(start)) return { ok: false, reason: "the icon holds a script URL" };
  if (/@import/i.test(start)) return { ok: false, reason: "the icon's style imports another resource" };
  for (const m of start.matchAll(REF_ATTRIBUTES)) {
    // Only <image> may carry an inline data: picture; everything else links within the document.
    const before = start.slice(0, m.index);
    const element = /<\s*([a-zA-Z][\w:.-]*)[^<]*$/.exec(before)?.[1]?.toLowerCase() ?? "";
    if (!localRef(m[2]!, element === "image")) return { ok: false, reason: `the icon refers to something outside itself (${m[2]!.slice(0, 60)})` };
  }
  for (const m of start.matchAll(URL_FUNCTION)) {
    if (!localRef(m[2]!, false)) return { ok: false, reason: `the icon's style refers to something outside itself (${m[2]!.slice(0, 60)})` };
  }
  // Attribute values not in quotes would escape the reference check above.
  if (/\s(?:xlink:)?href\s*=\s*[^"'\s]/i.test(start)) return { ok: false, reason: "the icon has an unquoted link attribute" };
  return { ok: true, svg: text };
}
