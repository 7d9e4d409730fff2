// The stop-container fault never stops the agent's own container (nothing would start it again).
import { describe, expect, it } from "vitest";
import { containerIdFromMountinfo, refuseOwnContainer } from "./stop-container";

const ID = "a".repeat(12) + "0123456789abcdef".repeat(3) + "0123";

describe("the agent's own container", () => {
  it("is found in mountinfo when the agent runs in Docker, and not otherwise", () => {
    const inDocker = `1234 1200 259:2 /var/lib/docker/containers/${ID}/hostname /etc/hostname rw,relatime - ext4 /dev/nvme0n1p2 rw`;
    expect(containerIdFromMountinfo(inDocker)).toBe(ID);
    expect(containerIdFromMountinfo("22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/root rw")).toBeNull();
  });

  it("is refused as a target, with the fault to use instead; any other container is fine", () => {
    expect(() => refuseOwnContainer(ID, ID)).toThrow(/own container.*cut-agent/);
    expect(() => refuseOwnContainer("b".repeat(64), ID)).not.toThrow();
    expect(() => refuseOwnContainer(ID, null)).not.toThrow();
  });
});
