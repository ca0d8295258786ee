import { Show } from "solid-js";
import { dragHandle } from "./reorder";

export interface ItemControlsProps {
  /** Unique prefix for the buttons' ids (focus goes back to them after a move). */
  idPrefix: string;
  /** Names the item in every button: "Move Experience up". */
  name: string;
  index: number;
  count: number;
  onMove: (to: number) => void;
  hidden?: boolean;
  onHiddenChange?: (hidden: boolean) => void;
  onRemove?: () => void;
  removeLabel?: string;
  /** Drag group and the element to show while dragging. */
  group: string;
  item: () => HTMLElement | undefined;
}

/**
 * The move, hide and remove buttons of an entry or a section. Every button says what it
 * acts on, so a screen reader's button list makes sense out of context.
 */
export function ItemControls(props: ItemControlsProps) {
  const drag = dragHandle(props.group, () => props.index, props.item);
  return (
    <div class="item-controls">
      <span
        class="item-controls__handle"
        title="Drag to reorder (or use Alt+Arrow keys)"
        aria-hidden="true"
        {...drag}
      >
        ⠿
      </span>
      <button
        type="button"
        id={`${props.idPrefix}-up`}
        class="item-controls__button"
        aria-label={`Move ${props.name} up`}
        title="Move up (Alt+↑)"
        disabled={props.index === 0}
        onClick={() => props.onMove(props.index - 1)}
      >
        ↑
      </button>
      <button
        type="button"
        id={`${props.idPrefix}-down`}
        class="item-controls__button"
        aria-label={`Move ${props.name} down`}
        title="Move down (Alt+↓)"
        disabled={props.index >= props.count - 1}
        onClick={() => props.onMove(props.index + 1)}
      >
        ↓
      </button>
      <Show when={props.onHiddenChange}>
        {(change) => (
          <button
            type="button"
            class="item-controls__button item-controls__button--text"
            aria-label={`Hide ${props.name} on the resume`}
            aria-pressed={Boolean(props.hidden)}
            onClick={() => change()(!props.hidden)}
          >
            {props.hidden ? "Hidden" : "Hide"}
          </button>
        )}
      </Show>
      <Show when={props.onRemove}>
        {(remove) => (
          <button
            type="button"
            class="item-controls__button item-controls__button--text item-controls__button--danger"
            aria-label={props.removeLabel ?? `Remove ${props.name}`}
            onClick={() => remove()()}
          >
            Remove
          </button>
        )}
      </Show>
    </div>
  );
}
