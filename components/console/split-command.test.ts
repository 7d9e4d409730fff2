import { describe, expect, it } from "vitest";
import { splitCommand } from "./split-command";

describe("splitCommand", () => {
  it("splits on runs of spaces and keeps quoted words whole, without the quotes", () => {
    expect(splitCommand("  python3   manage.py shell ")).toEqual(["python3", "manage.py", "shell"]);
    expect(splitCommand(`sh -c "echo a b" 'x y'`)).toEqual(["sh", "-c", "echo a b", "x y"]);
  });

  it("gives nothing to run for a blank line", () => {
    expect(splitCommand("   ")).toEqual([]);
  });
});
