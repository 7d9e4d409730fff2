// Turns the command text box into an argument list: one argument per line when the text has
// several lines, otherwise words split on spaces with "double" or 'single' quotes grouping.
export function parseCommand(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.includes("\n")) return trimmed.split("\n").map((l) => l.trim()).filter(Boolean);
  const args: string[] = [];
  let current = "";
  let quote: '"' | "'" | null = null;
  let inArg = false;
  for (const ch of trimmed) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inArg = true;
    } else if (/\s/.test(ch)) {
      if (inArg) args.push(current);
      current = "";
      inArg = false;
    } else {
      current += ch;
      inArg = true;
    }
  }
  if (inArg) args.push(current);
  return args;
}

/** The inverse for editing: space-separated when that reads back the same, else one per line. */
export function formatCommand(args: string[]): string {
  if (args.length === 0) return "";
  const simple = args.every((a) => a.length > 0 && !/[\s"'\n]/.test(a));
  return simple ? args.join(" ") : args.join("\n");
}
