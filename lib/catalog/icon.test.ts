import { describe, expect, it } from "vitest";
import { checkIcon, MAX_ICON_BYTES } from "./icon";

const svg = (inner: string, attrs = "") => new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg"${attrs} viewBox="0 0 24 24">${inner}</svg>`);

describe("checkIcon", () => {
  it("accepts a plain SVG with in-document references and an XML declaration", () => {
    const bytes = new TextEncoder().encode(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><path id="p" d="M0 0h4"/></defs><use xlink:href="#p"/><rect fill="url(#g)"/></svg>\n`);
    const r = checkIcon(bytes);
    expect(r.ok).toBe(true);
  });

  const refused: [string, Uint8Array, RegExp][] = [
    ["a script element", svg("<script>alert(1)</script>"), /<script>/],
    ["a namespaced script element", svg("<svg:script>alert(1)</svg:script>"), /script/],
    ["an event handler", svg('<rect onload="alert(1)"/>'), /event handler/],
    ["an event handler on the root", svg("<rect/>", ' onclick="x()"'), /event handler/],
    ["a link to another site", svg('<a href="https://evil.example/"><rect/></a>'), /outside itself/],
    ["an external image", svg('<image href="http://evil.example/x.png"/>'), /outside itself/],
    ["an external xlink:href use", svg('<use xlink:href="other.svg#a"/>'), /outside itself/],
    ["a javascript: URL", svg('<a href="javascript:alert(1)"><rect/></a>'), /outside itself|script URL/],
    ["a style url() to the network", svg('<rect style="fill:url(https://evil.example/f)"/>'), /outside itself/],
    ["a style @import", svg("<style>@import 'https://evil.example/x.css';</style>"), /imports/],
    ["embedded HTML", svg("<foreignObject><div/></foreignObject>"), /foreignObject/],
    ["an entity declaration", new TextEncoder().encode('<!DOCTYPE svg [<!ENTITY x "y">]><svg></svg>'), /DOCTYPE/],
    ["an unquoted link", svg("<a href=https://evil.example/><rect/></a>"), /unquoted/],
    ["a script hidden after a comment", svg("<!-- hi --><script>1</script>"), /script/],
    ["HTML instead of SVG", new TextEncoder().encode("<html><body></body></html>"), /not an SVG/],
    ["a file over the size limit", svg(`<desc>${"x".repeat(MAX_ICON_BYTES)}</desc>`), /larger than 16 KiB/],
    ["bytes that are not UTF-8", new Uint8Array([0x3c, 0x73, 0x76, 0x67, 0xff, 0xfe]), /UTF-8/],
  ];
  for (const [what, bytes, reason] of refused) {
    it(`refuses ${what}`, () => {
      const r = checkIcon(bytes);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(reason);
    });
  }

  it("allows an inline data: picture in <image> only", () => {
    expect(checkIcon(svg('<image href="data:image/png;base64,iVBORw0KGgo="/>')).ok).toBe(true);
    expect(checkIcon(svg('<a href="data:image/png;base64,iVBORw0KGgo="><rect/></a>')).ok).toBe(false);
    expect(checkIcon(svg('<image href="data:text/html;base64,PHNjcmlwdD4="/>')).ok).toBe(false);
  });
});
