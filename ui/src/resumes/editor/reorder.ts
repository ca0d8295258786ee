import { createSignal } from "solid-js";

/** The editor's polite announcements (moves, hides); one live region reads them. */
const [announcement, setAnnouncement] = createSignal("");

export { announcement };

export function announce(message: string): void {
  // the same words twice in a row must still be read: clear first
  setAnnouncement("");
  queueMicrotask(() => setAnnouncement(message));
}

/**
 * Runs a move and puts focus back where it was: moving a keyed element re-inserts it, which
 * drops focus, and a move button that is now disabled (top or bottom) hands focus to its twin.
 */
export function keepFocus(move: () => void, fallbackId?: () => string): void {
  const active = document.activeElement as HTMLElement | null;
  move();
  requestAnimationFrame(() => {
    const usable = active?.isConnected && !(active instanceof HTMLButtonElement && active.disabled);
    const target = usable ? active : fallbackId && document.getElementById(fallbackId());
    if (target && document.activeElement !== target) target.focus();
  });
}

/** Alt+ArrowUp / Alt+ArrowDown: -1, +1; anything else: 0. Text areas keep their own keys. */
export function moveKey(event: KeyboardEvent): -1 | 0 | 1 {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return 0;
  if (event.target instanceof HTMLTextAreaElement) return 0;
  if (event.key === "ArrowUp") return -1;
  if (event.key === "ArrowDown") return 1;
  return 0;
}

/** What is being dragged: a group (one list) and the item's index in it. */
let dragging: { group: string; index: number } | null = null;

/**
 * Drag and drop within one list: the handle starts the drag (so text in the fields can
 * still be selected with the mouse), each item is a drop target.
 */
export function dragHandle(
  group: string,
  index: () => number,
  item: () => HTMLElement | undefined,
) {
  return {
    draggable: true,
    onDragStart: (event: DragEvent) => {
      dragging = { group, index: index() };
      event.dataTransfer?.setData("text/plain", `${group}:${index()}`);
      if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
      const element = item();
      if (element && event.dataTransfer) event.dataTransfer.setDragImage(element, 16, 16);
    },
    onDragEnd: () => {
      dragging = null;
    },
  };
}

export function dropTarget(
  group: string,
  index: () => number,
  onDrop: (from: number, to: number) => void,
  setOver: (over: boolean) => void,
) {
  const accepts = () => dragging !== null && dragging.group === group;
  return {
    onDragOver: (event: DragEvent) => {
      if (!accepts()) return;
      event.preventDefault();
      event.stopPropagation();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "move";
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (event: DragEvent) => {
      setOver(false);
      if (!accepts() || !dragging) return;
      event.preventDefault();
      event.stopPropagation();
      const from = dragging.index;
      dragging = null;
      if (from !== index()) onDrop(from, index());
    },
  };
}
