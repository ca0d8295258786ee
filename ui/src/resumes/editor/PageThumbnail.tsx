import { createMemo, createSignal, onCleanup, onMount, Show } from "solid-js";
import type { ResumeData } from "~core/resume/schema";
import { resumeFontUrl } from "~core/share/page";
import { renderResumeDocument, resolveDocumentStyle } from "~core/templates/index";
import { PAGE_PX } from "./Preview";
import "./preview.css";

/**
 * Page one of `data` in `template`, scaled to the box's width: the same paged document as the
 * editor's preview, so it is the first page the PDF would print. Decorative (the caller names
 * the template), and drawn only once it scrolls into view.
 */
export function PageThumbnail(props: { data: ResumeData; template: string }) {
  let box: HTMLSpanElement | undefined;
  const [visible, setVisible] = createSignal(false);
  const [width, setWidth] = createSignal(0);
  const page = () =>
    PAGE_PX[resolveDocumentStyle(props.data, { template: props.template }).pageSize];
  const html = createMemo(() =>
    renderResumeDocument(props.data, {
      template: props.template,
      fonts: resumeFontUrl,
      paged: true,
    }),
  );

  onMount(() => {
    if (!box) return;
    const sized = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    sized.observe(box);
    const seen = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        setVisible(true);
        seen.disconnect();
      },
      { rootMargin: "200px" },
    );
    seen.observe(box);
    onCleanup(() => {
      sized.disconnect();
      seen.disconnect();
    });
  });

  return (
    <span
      ref={box}
      class="page-thumbnail"
      aria-hidden="true"
      style={{ "aspect-ratio": `${page().width} / ${page().height}` }}
    >
      <Show when={visible()}>
        <iframe
          title={`Page one in ${props.template}`}
          tabIndex={-1}
          sandbox=""
          width={page().width}
          height={page().height}
          style={{ transform: `scale(${width() / page().width})` }}
          srcdoc={html()}
        />
      </Show>
    </span>
  );
}
