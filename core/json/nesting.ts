/**
 * Nesting checks that cannot themselves be overrun: both walk with a counter or an explicit
 * stack, never by recursion, so a value a million levels deep costs one pass and no stack.
 * `JSON.stringify`, structured cloning and the templates all recurse; a value deeper than
 * these caps must be refused before any of them sees it.
 */

/**
 * Whether JSON text nests arrays and objects deeper than `maxDepth` (`{}` is depth 1).
 * Brackets inside strings do not count. Not a validator: malformed text is left to
 * `JSON.parse`, which runs only after this said no.
 */
export function jsonTextNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** Whether a parsed value nests arrays and objects deeper than `maxDepth` (`{}` is depth 1). */
export function valueNestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (typeof next.value !== "object" || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > maxDepth) return true;
    for (const child of Object.values(next.value)) {
      if (typeof child === "object" && child !== null) stack.push({ value: child, depth });
    }
  }
  return false;
}
