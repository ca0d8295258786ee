/** The line the caret is on (a highlight is one line), with where it starts and ends. */
export function lineAt(text: string, caret: number): { line: string; start: number; end: number } {
  const start = text.lastIndexOf("\n", Math.max(0, caret - 1)) + 1;
  const found = text.indexOf("\n", caret);
  const end = found === -1 ? text.length : found;
  return { line: text.slice(start, end), start, end };
}
