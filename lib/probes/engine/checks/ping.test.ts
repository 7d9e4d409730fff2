// Parsing what iputils' and BusyBox's ping print.
import { describe, expect, it } from "vitest";
import { lossWords, parsePingOutput } from "./ping";

describe("parsePingOutput", () => {
  it("reads iputils' summary", () => {
    const out = "PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.\n\n--- 192.0.2.1 ping statistics ---\n3 packets transmitted, 2 received, 33.3333% packet loss, time 402ms\nrtt min/avg/max/mdev = 0.031/0.045/0.059/0.014 ms\n";
    const s = parsePingOutput(out);
    expect(s).toEqual({ transmitted: 3, received: 2, min: 0.031, avg: 0.045, max: 0.059 });
    expect(lossWords(s!)).toBe("1 of 3 replies lost (33% packet loss)");
  });

  it("reads BusyBox's summary, and one with nothing received", () => {
    expect(parsePingOutput("--- 192.0.2.1 ping statistics ---\n1 packets transmitted, 1 packets received, 0% packet loss\nround-trip min/avg/max = 0.1/0.2/0.3 ms\n")).toEqual({ transmitted: 1, received: 1, min: 0.1, avg: 0.2, max: 0.3 });
    expect(parsePingOutput("2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1001ms\n")).toEqual({ transmitted: 2, received: 0, min: null, avg: null, max: null });
  });

  it("is null for anything else", () => {
    expect(parsePingOutput("ping: unknown host")).toBeNull();
  });
});
