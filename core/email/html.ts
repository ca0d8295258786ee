import { escapeHtml } from "../text/escape-html";

/**
 * HTML for emails, built so that forgetting to escape is impossible: the `html` tag escapes
 * every interpolated value unless it is itself `SafeHtml` produced by this tag.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export { escapeHtml };

function fragment(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += fragment(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(out);
}

/**
 * Only absolute http(s) links may go into an email: a `javascript:` or relative URL is a
 * bug in the caller, and failing loudly beats mailing a dead or dangerous link.
 */
export function assertEmailUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`email link is not an absolute URL: ${value}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`email link must be http(s): ${value}`);
  }
  return url.toString();
}
