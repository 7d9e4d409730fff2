import { describe, expect, it } from "vitest";
import { splitShellWords } from "./shell-words";

const words = (s: string) => {
  const r = splitShellWords(s);
  return r.ok ? r.words : r.message;
};

describe("splitShellWords", () => {
  it("splits like a shell without expanding", () => {
    expect(words("postgres -c shared_buffers=256MB")).toEqual(["postgres", "-c", "shared_buffers=256MB"]);
    expect(words("  echo   a\tb\n c ")).toEqual(["echo", "a", "b", "c"]);
    expect(words(`sh -c 'echo "$HOME" && ls'`)).toEqual(["sh", "-c", 'echo "$HOME" && ls']);
    expect(words(`echo "a \\"b\\" \\$x \\n"`)).toEqual(["echo", 'a "b" $x \\n']);
    expect(words(`a\\ b c`)).toEqual(["a b", "c"]);
    expect(words(`'' ""`)).toEqual(["", ""]);
    expect(words(`--flag="two words"`)).toEqual(["--flag=two words"]);
  });

  it("refuses an unclosed quote or a trailing backslash", () => {
    expect(words(`echo 'open`)).toMatch(/single quote/);
    expect(words(`echo "open`)).toMatch(/double quote/);
    expect(words(`echo \\`)).toMatch(/backslash/);
  });
});
