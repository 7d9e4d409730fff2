import { describe, expect, it } from "vitest";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageQuerySchema, pageArgs, toPage } from "./pagination";

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `id${i}` }));

describe("toPage", () => {
  const cases: { desc: string; fetched: number; limit: number; items: number; next: string | null }[] = [
    { desc: "empty", fetched: 0, limit: 3, items: 0, next: null },
    { desc: "fewer than a page", fetched: 2, limit: 3, items: 2, next: null },
    { desc: "exactly a page (no extra row)", fetched: 3, limit: 3, items: 3, next: null },
    { desc: "one more than a page", fetched: 4, limit: 3, items: 3, next: "id2" },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const p = toPage(rows(c.fetched), c.limit);
      expect(p.items).toHaveLength(c.items);
      expect(p.nextCursor).toBe(c.next);
    });
  }
});

describe("page query", () => {
  it("defaults and bounds the limit", () => {
    expect(PageQuerySchema.parse({})).toEqual({ limit: DEFAULT_PAGE_SIZE });
    expect(PageQuerySchema.parse({ limit: String(MAX_PAGE_SIZE) }).limit).toBe(MAX_PAGE_SIZE);
    for (const limit of ["0", String(MAX_PAGE_SIZE + 1), "1.5", "x", "-1"]) expect(PageQuerySchema.safeParse({ limit }).success, limit).toBe(false);
    expect(PageQuerySchema.safeParse({ cursor: "" }).success).toBe(false);
  });

  it("fetches one extra row and skips the cursor row", () => {
    expect(pageArgs({ limit: 10 })).toEqual({ take: 11 });
    expect(pageArgs({ limit: 10, cursor: "abc" })).toEqual({ take: 11, skip: 1, cursor: { id: "abc" } });
  });
});
