import { describe, expect, it } from "vitest";
import { stripAnsi } from "./ansi";

describe("stripAnsi", () => {
  it("removes colours, cursor moves, OSC titles and links, and bare control characters", () => {
    expect(stripAnsi("\u001b[1;31mERROR\u001b[0m disk full")).toBe("ERROR disk full");
    expect(stripAnsi("\u001b]0;evil title\u0007ok\u001b[2K\u001b[1G")).toBe("ok");
    expect(stripAnsi("\u001b]8;;https://example.invalid\u001b\\link\u001b]8;;\u001b\\")).toBe("link");
    expect(stripAnsi("a\u0000b\u0008c\td")).toBe("abc\td");
  });

  it("leaves markup as text (the viewer never renders it as HTML)", () => {
    expect(stripAnsi("<img src=x onerror=alert(1)>")).toBe("<img src=x onerror=alert(1)>");
  });
});
