import { createEffect, createSignal, For, onCleanup, onMount } from "solid-js";
import type { ResumeData } from "~core/resume/schema";
import { resumeFontUrl } from "~core/share/page";
import { renderResumeDocument, resolveDocumentStyle } from "~core/templates/index";
import { Button } from "~kit/design-system/components/Button";
import { measurePages, showDocument } from "./paged-frame";
import {
  fitScale,
  formatFullness,
  MAX_ZOOM,
  MIN_ZOOM,
  parseZoom,
  type Zoom,
  zoomIn,
  zoomLabel,
  zoomOut,
} from "./preview-zoom";
import "./preview.css";

/** CSS pixels of a page at 96 dpi: A4 is 210 mm wide, Letter 8.5 in. */
export const PAGE_PX = { A4: { width: 794, height: 1123 }, Letter: { width: 816, height: 1056 } };

/** The preview re-renders at most this often while someone types. */
const THROTTLE_MS = 150;
const ZOOM_KEY = "resume-preview-zoom";

function storedZoom(): Zoom {
  try {
    return parseZoom(sessionStorage.getItem(ZOOM_KEY));
  } catch {
    return "fit";
  }
}

/**
 * The resume as real pages (README "Editor and preview"): the paged document
 * (core/templates/paged.ts) breaks into pages exactly where Chromium's print will, each page
 * a frame shifted to its column, with "Page i of N" under it, the fullness ("1.3 pages"),
 * and zoom (fit to width by default, kept for the session). Re-rendered on the next
 * animation frame after a change, at most every 150 ms.
 */
export function Preview(props: { data: ResumeData }) {
  let pane: HTMLDivElement | undefined;
  const [shown, setShown] = createSignal(props.data);
  const [pages, setPages] = createSignal(1);
  const [fullness, setFullness] = createSignal("");
  const [ready, setReady] = createSignal(false);
  const [zoom, setZoomState] = createSignal<Zoom>(storedZoom());
  const [paneWidth, setPaneWidth] = createSignal(0);
  const page = () => PAGE_PX[resolveDocumentStyle(shown()).pageSize];
  const scale = () => {
    const chosen = zoom();
    return chosen === "fit" ? fitScale(paneWidth(), page().width) : chosen;
  };
  const setZoom = (next: Zoom) => {
    setZoomState(next);
    try {
      sessionStorage.setItem(ZOOM_KEY, String(next));
    } catch {
      // storage refused (private mode): the zoom still applies, for this page only
    }
  };

  let latest = props.data;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frameRequest = 0;
  let lastRender = 0;
  createEffect(() => {
    latest = props.data;
    if (timer !== undefined) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        frameRequest = requestAnimationFrame(() => {
          setShown(() => latest);
          lastRender = performance.now();
        });
      },
      Math.max(0, THROTTLE_MS - (performance.now() - lastRender)),
    );
  });

  // Only the newest document's measure counts: fonts can finish after a newer render.
  let generation = 0;
  const measure = (doc: Document) => {
    const current = ++generation;
    setReady(false);
    const apply = () => {
      const measured = measurePages(doc);
      if (current !== generation || !measured) return;
      setPages(measured.pages);
      setFullness(formatFullness(measured.pages, measured.lastPageUsed));
    };
    // at once (same task: no flash of a wrong page count), then again with the fonts in;
    // a face first needed by this layout may start loading only now, so wait until none is
    const settle = (): Promise<void> =>
      doc.fonts.ready.then(() => {
        if (current !== generation) return;
        if (doc.fonts.status === "loading") return settle();
        apply();
        setReady(true);
      });
    apply();
    doc.fonts.onloadingdone = apply;
    void settle();
  };

  onMount(() => {
    if (!pane) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setPaneWidth(entry.contentRect.width);
    });
    observer.observe(pane);
    onCleanup(() => observer.disconnect());
  });
  onCleanup(() => {
    clearTimeout(timer);
    cancelAnimationFrame(frameRequest);
  });

  const indexes = () => Array.from({ length: pages() }, (_, index) => index);

  return (
    <div class="preview" data-state={ready() ? "ready" : "rendering"} data-pages={pages()}>
      <div class="preview__bar">
        <p class="preview__fullness" aria-live="polite">
          <span class="ds-visually-hidden">Length: </span>
          {fullness()}
        </p>
        <fieldset class="preview__zoom">
          <legend class="ds-visually-hidden">Zoom</legend>
          <Button
            variant="ghost"
            size="sm"
            aria-label="Zoom out"
            disabled={scale() <= MIN_ZOOM + 1e-3}
            onClick={() => setZoom(zoomOut(scale()))}
          >
            −
          </Button>
          <output class="preview__zoom-value" aria-live="polite">
            {zoomLabel(scale())}
          </output>
          <Button
            variant="ghost"
            size="sm"
            aria-label="Zoom in"
            disabled={scale() >= MAX_ZOOM - 1e-3}
            onClick={() => setZoom(zoomIn(scale()))}
          >
            +
          </Button>
          <Button
            variant="ghost"
            size="sm"
            aria-pressed={zoom() === "fit"}
            onClick={() => setZoom("fit")}
          >
            Fit width
          </Button>
        </fieldset>
      </div>
      <div ref={pane} class="preview__pages">
        <For each={indexes()}>
          {(index) => (
            <figure class="preview__page">
              <div
                class="preview__sheet"
                style={{
                  width: `${page().width * scale()}px`,
                  height: `${page().height * scale()}px`,
                }}
              >
                <PageFrame
                  index={index}
                  html={renderResumeDocument(shown(), {
                    fonts: resumeFontUrl,
                    paged: { page: index },
                  })}
                  width={page().width}
                  height={page().height}
                  scale={scale()}
                  onShown={index === 0 ? measure : undefined}
                />
              </div>
              <figcaption class="preview__page-number">
                Page {index + 1} of {pages()}
              </figcaption>
            </figure>
          )}
        </For>
      </div>
    </div>
  );
}

/**
 * One page: the paged document shifted to page `index`. The first page's frame carries the
 * whole document for assistive technology; the others repeat it and are inert.
 */
function PageFrame(props: {
  index: number;
  html: string;
  width: number;
  height: number;
  scale: number;
  onShown?: (doc: Document) => void;
}) {
  let frame: HTMLIFrameElement | undefined;
  const shownNow = () => {
    const doc = frame?.contentDocument;
    if (doc) props.onShown?.(doc);
  };
  createEffect(() => {
    if (frame && showDocument(frame, props.html)) shownNow();
  });
  return (
    <iframe
      ref={frame}
      class="preview__frame"
      title={props.index === 0 ? "Resume preview" : `Resume preview, page ${props.index + 1}`}
      sandbox="allow-same-origin"
      tabIndex={props.index === 0 ? undefined : -1}
      aria-hidden={props.index === 0 ? undefined : "true"}
      inert={props.index !== 0}
      width={props.width}
      height={props.height}
      style={{ transform: `scale(${props.scale})` }}
      onLoad={() => {
        if (!frame) return;
        frame.dataset.loaded = "true";
        shownNow();
      }}
    />
  );
}
