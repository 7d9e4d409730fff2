import { describe, expect, it } from "vitest";
import { ManagedFilePathSchema, ServiceSpecSchema } from "@/lib/protocol";
import { cloudflaredContainerSpec, cloudflaredFilesHash } from "./cloudflared-deploy";

const input = { tunnelName: "home", configYaml: "tunnel: t\n", credentialsJson: '{"TunnelSecret":"s"}', rootCaPem: null };

describe("cloudflaredContainerSpec", () => {
  const names = [
    { desc: "a short tunnel name", tunnelName: "home", want: "homeport-cloudflared-home" },
    { desc: "a name ending in -", tunnelName: "home-", want: "homeport-cloudflared-home" },
    { desc: "the longest tunnel name fits Docker and the spec schema", tunnelName: `a${"b".repeat(62)}`, want: /^homeport-cloudflared-ab+-[a-f0-9]{8}$/ },
  ];
  for (const c of names) {
    it(`names the container for ${c.desc}`, () => {
      const { name } = cloudflaredContainerSpec({ ...input, tunnelName: c.tunnelName });
      if (typeof c.want === "string") expect(name).toBe(c.want);
      else expect(name).toMatch(c.want);
      expect(ServiceSpecSchema.shape.name.safeParse(name).success).toBe(true);
    });
  }

  it("puts each file below cloudflared/<tunnel>/ in the agent's directory, mounted under /etc/cloudflared", () => {
    const spec = cloudflaredContainerSpec({ ...input, rootCaPem: "pem" });
    expect(spec.files.map((f) => [f.name, f.target])).toEqual([
      ["cloudflared/home/config.yml", "/etc/cloudflared/config.yml"],
      ["cloudflared/home/credentials.json", "/etc/cloudflared/credentials.json"],
      ["cloudflared/home/homeport-root-ca.crt", "/etc/cloudflared/homeport-root-ca.crt"],
    ]);
    for (const f of spec.files) expect(ManagedFilePathSchema.safeParse(f.name).success).toBe(true);
  });
});

describe("cloudflaredFilesHash", () => {
  const files = cloudflaredContainerSpec(input).files;
  it("is stable, ignores order, and changes with any file's content", () => {
    expect(cloudflaredFilesHash([...files].reverse())).toBe(cloudflaredFilesHash(files));
    expect(cloudflaredFilesHash(cloudflaredContainerSpec({ ...input, configYaml: "tunnel: u\n" }).files)).not.toBe(cloudflaredFilesHash(files));
    expect(cloudflaredFilesHash(cloudflaredContainerSpec({ ...input, credentialsJson: "{}" }).files)).not.toBe(cloudflaredFilesHash(files));
    expect(cloudflaredFilesHash(files)).not.toContain("TunnelSecret");
  });
});
