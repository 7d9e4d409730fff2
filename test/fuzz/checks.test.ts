// The fuzz contract's own rules, on answers made by hand: a broken rule is caught, a kept one is not.
import { describe, expect, it } from "vitest";
import { violations } from "./checks";
import type { Answer } from "./http";

const answer = (status: number, body: unknown, o: Partial<Answer> = {}): Answer => ({
  status, headers: {}, contentType: "application/json", text: body === undefined ? "" : JSON.stringify(body), ms: 1, ...o,
});

describe("the fuzz contract", () => {
  it("a 503 must name the upstream that is down", () => {
    expect(violations("GET", answer(503, { error: { code: "unavailable", message: "Caddy's admin API at http://127.0.0.1:2019 did not answer" } }))).toEqual([]);
    expect(violations("GET", answer(503, { error: { code: "unavailable", message: "try later" } }))).toEqual(["503 that does not name the upstream that is down"]);
  });

  it("a HEAD 503 has no body to name it in, but must still be JSON", () => {
    expect(violations("HEAD", answer(503, undefined))).toEqual([]);
    expect(violations("HEAD", answer(503, undefined, { contentType: "text/html" }))).toEqual(["503 answered as text/html, not JSON"]);
  });

  it("a 500 is a server error with any method", () => {
    expect(violations("HEAD", answer(500, undefined))).toContain("500: a server error");
    expect(violations("POST", answer(500, { error: { code: "internal", message: "x" } }))).toContain("500: a server error");
  });

  it("stack traces and 405s without Allow are caught", () => {
    expect(violations("GET", answer(400, { error: { code: "bad", message: "at x (/app/lib/a.ts:3:1)" } }))).toContain('body contains ".ts:" (a stack trace or source path)');
    expect(violations("PUT", answer(405, { error: { code: "method_not_allowed", message: "no" } }))).toEqual(["405 without Allow"]);
  });
});
