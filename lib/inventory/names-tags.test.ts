// Tags and groups: short labels, folded and sorted; a group is a short phrase or none.
import { describe, expect, it } from "vitest";
import { GroupNameSchema, MAX_TAGS, TagsSchema } from "./names";

describe("TagsSchema", () => {
  it("folds case and duplicates and sorts", () => {
    expect(TagsSchema.parse(["Media", "nas", "media "])).toEqual(["media", "nas"]);
  });
  it("refuses spaces, markup and long or too many labels", () => {
    expect(TagsSchema.safeParse(["two words"]).success).toBe(false);
    expect(TagsSchema.safeParse(["<b>"]).success).toBe(false);
    expect(TagsSchema.safeParse(["x".repeat(33)]).success).toBe(false);
    expect(TagsSchema.safeParse(Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`)).success).toBe(false);
  });
});

describe("GroupNameSchema", () => {
  it("an empty group is none", () => {
    expect(GroupNameSchema.parse("  ")).toBeNull();
    expect(GroupNameSchema.parse(" Home media ")).toBe("Home media");
  });
  it("refuses angle brackets and long names", () => {
    expect(GroupNameSchema.safeParse("<script>").success).toBe(false);
    expect(GroupNameSchema.safeParse("g".repeat(49)).success).toBe(false);
  });
});
