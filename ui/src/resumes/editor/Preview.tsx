import { createEffect, createSignal, onCleanup, onMount } from "solid-js";
import type { ResumeData } from "~core/resume/schema";
import { resumeFontUrl } from "~core/share/page";
import { renderResumeDocument, resolveDocumentStyle } from "~core/templates/index";

/** CSS pixels of a page at 96 dpi: A4 is 210 mm wide, Letter 8.5 in. */
export const PAGE_PX = { A4: { width: 794, height: 1123 }, Letter: { width: 816, height: 1056 } };

/** The preview re-renders at most this often while someone types. */
const THROTTLE_MS = 150;

/**
 * The resume as the templates render it, in a sandboxed frame (no scripts, an opaque
 * origin, the document's own CSP), scaled to the pane's width. Re-rendered on the next
 * animation frame after a change, at most every 150 ms.
 */
export function Preview(props: { data: ResumeData }) {
  let frame: HTMLIFrameElement | undefined;
  let pane: HTMLDivElement | undefined;
  const [scale, setScale] = createSignal(0.6);
  const [paneHeight, setPaneHeight] = createSignal(800);
  const page = () => PAGE_PX[resolveDocumentStyle(props.data).pageSize];

  let latest: ResumeData | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frameRequest = 0;
  let lastRender = 0;
  const render = () => {
    timer = undefined;
    frameRequest = requestAnimationFrame(() => {
      if (!frame || !latest) return;
      frame.srcdoc = renderResumeDocument(latest, { fonts: resumeFontUrl });
      lastRender = performance.now();
    });
  };
  createEffect(() => {
    latest = props.data;
    if (timer !== undefined) return;
    timer = setTimeout(render, Math.max(0, THROTTLE_MS - (performance.now() - lastRender)));
  });

  onMount(() => {
    if (!pane) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      setScale(Math.min(1, entry.contentRect.width / page().width));
      setPaneHeight(entry.contentRect.height);
    });
    observer.observe(pane);
    onCleanup(() => observer.disconnect());
  });
  onCleanup(() => {
    clearTimeout(timer);
    cancelAnimationFrame(frameRequest);
  });

  return (
    <div ref={pane} class="preview">
      <iframe
        ref={frame}
        class="preview__frame"
        title="Resume preview"
        sandbox=""
        style={{
          width: `${page().width}px`,
          height: `${Math.max(page().height, paneHeight() / scale())}px`,
          transform: `scale(${scale()})`,
        }}
      />
    </div>
  );
}
