// A command typed in the console form → the argv Docker runs (no shell: split on spaces, quotes keep spaces).

export function splitCommand(line: string): string[] {
  return (line.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((p) => (/^(["']).*\1$/.test(p) ? p.slice(1, -1) : p));
}
