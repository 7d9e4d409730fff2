// Splits a Compose `command:`/`entrypoint:` string into argv as Compose does (shell-words rules:
// whitespace separates, quotes group, backslash escapes); no expansion, no operators.

const DOUBLE_QUOTE_ESCAPES = new Set(['"', "\\", "$", "`", "\n"]);

/** The words of `s`, or an error for an unclosed quote or a trailing backslash. */
export function splitShellWords(s: string): { ok: true; words: string[] } | { ok: false; message: string } {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === "\\" && i + 1 < s.length && DOUBLE_QUOTE_ESCAPES.has(s[i + 1]!)) {
        const n = s[++i]!;
        if (n !== "\n") word += n;
      } else word += c;
      continue;
    }
    if (c === "\\") {
      if (i + 1 >= s.length) return { ok: false, message: "the command ends with a lone backslash" };
      const n = s[++i]!;
      if (n !== "\n") word += n;
      inWord = true;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { ok: false, message: `the command opens a ${quote === "'" ? "single" : "double"} quote that is never closed` };
  if (inWord) words.push(word);
  return { ok: true, words };
}
