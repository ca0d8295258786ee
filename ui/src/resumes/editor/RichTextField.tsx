import { createSignal, For, Show } from "solid-js";
import { renderRichText } from "~core/templates/rich-text";
import { FieldNotes, syncControl } from "./field-parts";
import { WritingHelp } from "./WritingHelp";

type Format = "bold" | "italic" | "link" | "bullet";

const TOOLS: { format: Format; label: string; text: string; shortcut?: string }[] = [
  { format: "bold", label: "Bold", text: "B", shortcut: "b" },
  { format: "italic", label: "Italic", text: "I", shortcut: "i" },
  { format: "link", label: "Link", text: "Link", shortcut: "k" },
  { format: "bullet", label: "Bulleted list", text: "• List" },
];

/** The Markdown subset for `format` around the selection; returns the new text and selection. */
export function applyFormat(
  text: string,
  start: number,
  end: number,
  format: Format,
): { text: string; start: number; end: number } {
  const selected = text.slice(start, end);
  const splice = (before: string, inner: string, after: string, select: [number, number]) => ({
    text: `${text.slice(0, start)}${before}${inner}${after}${text.slice(end)}`,
    start: start + select[0],
    end: start + select[1],
  });
  if (format === "bold" || format === "italic") {
    const mark = format === "bold" ? "**" : "*";
    const inner = selected || (format === "bold" ? "bold text" : "italic text");
    return splice(mark, inner, mark, [mark.length, mark.length + inner.length]);
  }
  if (format === "link") {
    const inner = selected || "link text";
    const address = "https://";
    const at = inner.length + 3;
    return splice("[", inner, `](${address})`, [at, at + address.length]);
  }
  // bullets: every selected line (or the current one) starts with "- "
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const block = text.slice(lineStart, end);
  const bulleted = block
    .split("\n")
    .map((line) => (/^\s*[-*]\s/.test(line) ? line : `- ${line}`))
    .join("\n");
  return {
    text: `${text.slice(0, lineStart)}${bulleted}${text.slice(end)}`,
    start: lineStart + bulleted.length,
    end: lineStart + bulleted.length,
  };
}

/**
 * A summary or description: a text area for the Markdown subset the templates accept, a
 * toolbar that writes it (Ctrl/Cmd+B, I, K too) and a preview rendered by the templates'
 * own sanitiser, which escapes everything but that subset.
 */
export function RichTextField(props: {
  id: string;
  label: string;
  value: string;
  onValue: (text: string) => void;
  help?: string;
  error?: string;
}) {
  let area: HTMLTextAreaElement | undefined;
  const [preview, setPreview] = createSignal(false);
  syncControl(
    () => area,
    () => props.value || undefined,
    {
      parse: (text) => text || undefined,
      format: (value) => (typeof value === "string" ? value : ""),
    },
  );

  const format = (kind: Format) => {
    if (!area) return;
    const next = applyFormat(area.value, area.selectionStart, area.selectionEnd, kind);
    area.value = next.text;
    area.focus();
    area.setSelectionRange(next.start, next.end);
    props.onValue(next.text);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const tool = TOOLS.find((item) => item.shortcut === event.key.toLowerCase());
    if (!tool) return;
    event.preventDefault();
    format(tool.format);
  };

  return (
    <div class="ds-field editor-field editor-field--wide">
      <label class="ds-field__label" for={props.id}>
        {props.label}
      </label>
      <div class="rich-text__toolbar" role="toolbar" aria-label={`Formatting: ${props.label}`}>
        <For each={TOOLS}>
          {(tool) => (
            <button
              type="button"
              class="rich-text__tool"
              aria-label={tool.label}
              title={
                tool.shortcut ? `${tool.label} (Ctrl+${tool.shortcut.toUpperCase()})` : tool.label
              }
              aria-controls={props.id}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => format(tool.format)}
            >
              {tool.text}
            </button>
          )}
        </For>
        <button
          type="button"
          class="rich-text__tool rich-text__tool--end"
          aria-pressed={preview()}
          onClick={() => setPreview(!preview())}
        >
          Preview
        </button>
      </div>
      <textarea
        ref={area}
        id={props.id}
        class="ds-field__control ds-field__control--multiline"
        dir="auto"
        rows={4}
        aria-describedby={`${props.id}-hint${props.error ? ` ${props.id}-error` : ""}`}
        aria-invalid={props.error ? "true" : undefined}
        onInput={(event) => props.onValue(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <span id={`${props.id}-hint`} class="ds-field__description">
        **bold**, *italic*, [text](https://…) and lines starting with "- " for bullets.
      </span>
      <WritingHelp kind="summary" fieldId={props.id} field={() => area} onApply={props.onValue} />
      <Show when={preview()}>
        <section
          class="rich-text__preview"
          aria-label={`${props.label} preview`}
          // renderRichText escapes every character and only emits its own tags and safe links
          innerHTML={renderRichText(props.value) || "<p>Nothing written yet.</p>"}
        />
      </Show>
      <FieldNotes id={props.id} help={props.help} error={props.error} />
    </div>
  );
}
