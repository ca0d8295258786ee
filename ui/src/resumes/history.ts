/**
 * Undo and redo over whole document states. States are immutable, so the stacks hold
 * references, not copies. Keystrokes in one field within a short window merge into one
 * step: undo takes back a word or a sentence, not a letter.
 */
export interface HistoryOptions {
  /** Steps kept; the oldest fall off. */
  limit?: number;
  /** Changes with the same merge key closer together than this form one step. */
  mergeWindowMs?: number;
  now?: () => number;
}

export class DocumentHistory<D> {
  #past: D[] = [];
  #future: D[] = [];
  #current: D;
  #lastKey: string | null = null;
  #lastAt = 0;
  readonly #limit: number;
  readonly #mergeWindowMs: number;
  readonly #now: () => number;

  constructor(initial: D, options: HistoryOptions = {}) {
    this.#current = initial;
    this.#limit = options.limit ?? 200;
    this.#mergeWindowMs = options.mergeWindowMs ?? 1000;
    this.#now = options.now ?? Date.now;
  }

  get current(): D {
    return this.#current;
  }

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }

  /** Records a new state; false when it is the current one (nothing to undo). */
  apply(next: D, mergeKey?: string): boolean {
    if (next === this.#current) return false;
    const at = this.#now();
    const merge =
      mergeKey !== undefined &&
      mergeKey === this.#lastKey &&
      at - this.#lastAt <= this.#mergeWindowMs &&
      this.#past.length > 0;
    if (!merge) {
      this.#past.push(this.#current);
      if (this.#past.length > this.#limit) this.#past.shift();
    }
    this.#current = next;
    this.#future = [];
    this.#lastKey = mergeKey ?? null;
    this.#lastAt = at;
    return true;
  }

  undo(): D | undefined {
    const previous = this.#past.pop();
    if (previous === undefined) return undefined;
    this.#future.push(this.#current);
    this.#current = previous;
    this.#lastKey = null;
    return previous;
  }

  redo(): D | undefined {
    const next = this.#future.pop();
    if (next === undefined) return undefined;
    this.#past.push(this.#current);
    this.#current = next;
    this.#lastKey = null;
    return next;
  }

  /** Starts over from `doc` (after loading another version): nothing to undo or redo. */
  reset(doc: D): void {
    this.#past = [];
    this.#future = [];
    this.#current = doc;
    this.#lastKey = null;
  }
}
