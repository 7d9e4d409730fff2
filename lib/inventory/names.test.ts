import { describe, expect, it } from "vitest";
import { DnsLabelSchema, HostnameSchema, MAX_HOSTNAME_LENGTH, normalizeHostname } from "./names";

const label = (n: number, ch = "a") => ch.repeat(n);

describe("normalizeHostname accepts and normalises", () => {
  const cases: { desc: string; input: string; value: string }[] = [
    { desc: "plain FQDN", input: "app.home.arpa", value: "app.home.arpa" },
    { desc: "two labels", input: "example.com", value: "example.com" },
    { desc: "digits and inner hyphens", input: "my-app2.lab-01.example", value: "my-app2.lab-01.example" },
    { desc: "double hyphen inside", input: "a--b.example", value: "a--b.example" },
    { desc: "trailing dot (absolute form)", input: "app.example.", value: "app.example" },
    { desc: "upper case to lower", input: "App.Home.ARPA", value: "app.home.arpa" },
    { desc: "surrounding spaces trimmed", input: "  app.example  ", value: "app.example" },
    { desc: "IDN to punycode", input: "bücher.example", value: "xn--bcher-kva.example" },
    { desc: "IDN upper case", input: "BÜCHER.example", value: "xn--bcher-kva.example" },
    { desc: "punycode stays as is", input: "xn--bcher-kva.example", value: "xn--bcher-kva.example" },
    { desc: "IDN top-level domain", input: "例え.テスト", value: "xn--r8jz45g.xn--zckzah" },
    { desc: "label of exactly 63", input: `${label(63)}.example`, value: `${label(63)}.example` },
    {
      desc: `total of exactly ${MAX_HOSTNAME_LENGTH}`,
      input: [label(63), label(63), label(63), label(61)].join("."),
      value: [label(63), label(63), label(63), label(61)].join("."),
    },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      expect(normalizeHostname(c.input)).toEqual({ ok: true, value: c.value });
      expect(HostnameSchema.parse(c.input)).toBe(c.value);
    });
  }
});

describe("normalizeHostname refuses", () => {
  const cases: { desc: string; input: string; error: RegExp }[] = [
    { desc: "empty", input: "", error: /required/ },
    { desc: "only a dot", input: ".", error: /required/ },
    { desc: "label longer than 63", input: `${label(64)}.example`, error: /longer than 63/ },
    { desc: `total longer than ${MAX_HOSTNAME_LENGTH}`, input: [label(63), label(63), label(63), label(63)].join("."), error: /at most 253/ },
    { desc: "leading hyphen", input: "-app.example", error: /inner hyphens/ },
    { desc: "trailing hyphen", input: "app-.example", error: /inner hyphens/ },
    { desc: "hyphen-only label", input: "-.example", error: /inner hyphens/ },
    { desc: "underscore", input: "my_app.example", error: /inner hyphens/ },
    { desc: "underscore label (SRV style)", input: "_dmarc.example", error: /inner hyphens/ },
    { desc: "empty label", input: "app..example", error: /label ""/ },
    { desc: "leading dot", input: ".app.example", error: /label ""/ },
    { desc: "IPv4 address", input: "192.168.1.10", error: /IP address/ },
    { desc: "short IPv4 form", input: "10.1", error: /IP address/ },
    { desc: "hex IPv4 form", input: "0x7f.1", error: /IP address/ },
    { desc: "IPv6 literal", input: "[::1]", error: /no spaces, scheme, port or path/ },
    { desc: "numeric top-level label", input: "app.123", error: /not a valid hostname|numeric/ },
    { desc: "single label", input: "localhost", error: /fully qualified/ },
    { desc: "single IDN label", input: "bücher", error: /fully qualified/ },
    { desc: "scheme", input: "https://app.example", error: /scheme/ },
    { desc: "port", input: "app.example:8443", error: /port/ },
    { desc: "path", input: "app.example/admin", error: /path/ },
    { desc: "query", input: "app.example?x=1", error: /no spaces/ },
    { desc: "credentials", input: "user@app.example", error: /no spaces/ },
    { desc: "inner space", input: "my app.example", error: /no spaces/ },
    { desc: "percent escape", input: "app.exa%6dple", error: /no spaces/ },
    { desc: "backslash", input: "app\\evil.example", error: /no spaces/ },
    { desc: "invalid punycode", input: "xn--zz.example", error: /not a valid hostname/ },
    { desc: "forbidden code point", input: "a<b.example", error: /not a valid hostname|inner hyphens/ },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const r = normalizeHostname(c.input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(c.error);
      expect(HostnameSchema.safeParse(c.input).success).toBe(false);
    });
  }
});

describe("DnsLabelSchema", () => {
  const cases: { desc: string; input: string; out: string | null }[] = [
    { desc: "simple", input: "jellyfin", out: "jellyfin" },
    { desc: "lower-cased and trimmed", input: " Jellyfin ", out: "jellyfin" },
    { desc: "inner hyphen", input: "home-assistant", out: "home-assistant" },
    { desc: "63 characters", input: label(63), out: label(63) },
    { desc: "64 characters", input: label(64), out: null },
    { desc: "dot", input: "a.b", out: null },
    { desc: "underscore", input: "a_b", out: null },
    { desc: "leading hyphen", input: "-a", out: null },
    { desc: "empty", input: "", out: null },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const r = DnsLabelSchema.safeParse(c.input);
      expect(r.success ? r.data : null).toBe(c.out);
    });
  }
});
