import { createSignal, onCleanup, onMount } from "solid-js";
import type { ResumeData } from "~core/resume/schema";
import { resumeFontUrl } from "~core/share/page";
import { EVERY_SUBSET, renderResumeDocument, resolveDocumentStyle } from "~core/templates/index";
import "./resume-preview.css";

/** CSS pixels of a page at 96 dpi (the user app's preview uses the same sizes). */
const PAGE_PX = { A4: { width: 794, height: 1123 }, Letter: { width: 816, height: 1056 } };

/**
 * A resume rendered by the same template function as the public page, the editor and the PDF:
 * a moderation case's content as it was checked, or an account's saved resume. In a sandboxed
 * frame (no scripts, an opaque origin, the document's own CSP), scaled down to the card's width
 * so nothing scrolls sideways. `title` names the frame for assistive technology.
 */
export function ResumePreview(props: { content: ResumeData; title: string }) {
  let pane: HTMLDivElement | undefined;
  const [scale, setScale] = createSignal(0.5);
  const page = () => PAGE_PX[resolveDocumentStyle(props.content).pageSize];
  const html = () =>
    renderResumeDocument(props.content, {
      fonts: resumeFontUrl,
      fontSubsets: EVERY_SUBSET,
      noindex: true,
    });

  onMount(() => {
    if (!pane) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setScale(Math.min(1, entry.contentRect.width / page().width));
    });
    observer.observe(pane);
    onCleanup(() => observer.disconnect());
  });

  return (
    <div
      ref={pane}
      class="resume-preview"
      style={{ height: `${Math.round(page().height * scale())}px` }}
    >
      <iframe
        class="resume-preview__frame"
        title={props.title}
        sandbox=""
        srcdoc={html()}
        style={{
          width: `${page().width}px`,
          height: `${page().height}px`,
          transform: `scale(${scale()})`,
        }}
      />
    </div>
  );
}
