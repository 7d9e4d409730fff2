// The custom port list of the scan dialog: what a user types becomes the ports the API gets, and
// every mistake is named before anything is sent.
import { describe, expect, it } from "vitest";
import { parsePortList } from "./exposure-ports";

describe("parsePortList", () => {
  it("reads single ports and ranges, separated by commas or spaces, sorted and without repeats", () => {
    expect(parsePortList("8080, 22 80-82;22\n443")).toEqual({ ok: true, ports: [22, 80, 81, 82, 443, 8080] });
  });

  it("names what is wrong", () => {
    expect(parsePortList("  ")).toEqual({ ok: false, error: "Enter at least one port, e.g. 22, 80, 8000-8100." });
    expect(parsePortList("22, ssh")).toEqual({ ok: false, error: '"ssh" is not a port or a range like 8000-8100.' });
    expect(parsePortList("0")).toEqual({ ok: false, error: "0 is not a TCP port (1–65535)." });
    expect(parsePortList("65536")).toEqual({ ok: false, error: "65536 is not a TCP port (1–65535)." });
    expect(parsePortList("9000-8000")).toEqual({ ok: false, error: "9000-8000 runs backwards: write 8000-9000." });
  });

  it("refuses more ports than one scan may try", () => {
    expect(parsePortList("1-2000")).toMatchObject({ ok: true });
    expect(parsePortList("1-2001")).toEqual({ ok: false, error: "2,001 ports: at most 2,000 per scan." });
    expect(parsePortList("1-65535")).toEqual({ ok: false, error: "At most 2,000 ports per scan." });
  });
});
