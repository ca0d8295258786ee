/**
 * When and how the editor saves: at most once per interval while someone types, at once
 * when asked (blur, page hide, leaving the page), never over someone else's newer version
 * (a 409 stops saving until the person chooses), and offline it keeps waiting for the
 * network instead of dropping changes. No framework here, so tests/unit can drive it.
 */
export type SaveState =
  /** Everything is on the server. */
  | "saved"
  /** Changes wait for the next save. */
  | "pending"
  | "saving"
  /** The server could not be reached; changes are kept on this device. */
  | "offline"
  /** Someone saved a newer version elsewhere; nothing more is saved until resolved. */
  | "conflict"
  /** The document does not validate; saved once fixed. */
  | "invalid"
  /** The server refused or failed; retried at the next interval. */
  | "error";

export interface SaveFailure {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

export interface AutosaveOptions<D> {
  /** Saves `doc` over `version`; resolves with the new version or rejects with a SaveFailure-like error. */
  save: (doc: D, version: number) => Promise<{ version: number }>;
  /** false keeps the document from being sent (the editor shows the field errors). */
  isValid?: (doc: D) => boolean;
  onState?: (state: SaveState, detail?: SaveFailure) => void;
  /** Keeps a copy of unsaved changes on this device; `null` forgets it once saved. */
  keepLocal?: (copy: { doc: D; version: number } | null) => void;
  intervalMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const asFailure = (error: unknown): SaveFailure => {
  if (error && typeof error === "object" && "status" in error && "code" in error) {
    const { status, code, message, details } = error as SaveFailure;
    return { status: Number(status), code: String(code), message: String(message), details };
  }
  return { status: 0, code: "unknown", message: String(error) };
};

export class Autosave<D> {
  #doc: D;
  #saved: D;
  #version: number;
  #state: SaveState = "saved";
  #timer: unknown = null;
  #inFlight: Promise<void> | null = null;
  #failure: SaveFailure | undefined;
  readonly #options: Required<Omit<AutosaveOptions<D>, "isValid" | "onState" | "keepLocal">> &
    AutosaveOptions<D>;

  constructor(doc: D, version: number, options: AutosaveOptions<D>) {
    this.#doc = doc;
    this.#saved = doc;
    this.#version = version;
    this.#options = {
      intervalMs: 30_000,
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  get state(): SaveState {
    return this.#state;
  }

  get version(): number {
    return this.#version;
  }

  get failure(): SaveFailure | undefined {
    return this.#failure;
  }

  get dirty(): boolean {
    return this.#doc !== this.#saved;
  }

  #set(state: SaveState, failure?: SaveFailure) {
    if (state === this.#state && failure === this.#failure) return;
    this.#state = state;
    this.#failure = failure;
    this.#options.onState?.(state, failure);
  }

  #schedule() {
    if (this.#timer !== null) return;
    this.#timer = this.#options.setTimer(() => {
      this.#timer = null;
      void this.flush();
    }, this.#options.intervalMs);
  }

  #cancelTimer() {
    if (this.#timer === null) return;
    this.#options.clearTimer(this.#timer);
    this.#timer = null;
  }

  /** The document changed: keep a local copy and save within the interval. */
  change(doc: D): void {
    if (doc === this.#doc) return;
    this.#doc = doc;
    if (doc === this.#saved) {
      this.#options.keepLocal?.(null);
      if (this.#state === "pending") this.#set("saved");
      return;
    }
    this.#options.keepLocal?.({ doc, version: this.#version });
    if (this.#state === "conflict" || this.#state === "saving") return;
    if (this.#state !== "offline") this.#set("pending");
    this.#schedule();
  }

  /** Saves now if anything changed (blur, page hide, leaving); resolves when done. */
  async flush(): Promise<void> {
    this.#cancelTimer();
    if (this.#inFlight) {
      await this.#inFlight;
      // changes made while that save ran go out now
      if (this.dirty && this.#state !== "conflict") return this.flush();
      return;
    }
    if (!this.dirty || this.#state === "conflict") return;
    const doc = this.#doc;
    if (this.#options.isValid && !this.#options.isValid(doc)) {
      this.#set("invalid");
      return;
    }
    this.#set("saving");
    this.#inFlight = this.#send(doc).finally(() => {
      this.#inFlight = null;
    });
    await this.#inFlight;
  }

  async #send(doc: D): Promise<void> {
    try {
      const { version } = await this.#options.save(doc, this.#version);
      this.#version = version;
      this.#saved = doc;
      if (this.dirty) {
        this.#options.keepLocal?.({ doc: this.#doc, version });
        this.#set("pending");
        this.#schedule();
      } else {
        this.#options.keepLocal?.(null);
        this.#set("saved");
      }
    } catch (error) {
      const failure = asFailure(error);
      if (failure.status === 409) this.#set("conflict", failure);
      else if (failure.status === 0) this.#set("offline", failure);
      else {
        this.#set(failure.status === 400 ? "invalid" : "error", failure);
        this.#schedule();
      }
    }
  }

  /** Back online: send what waited. */
  online(): Promise<void> {
    if (this.#state !== "offline") return Promise.resolve();
    this.#set(this.dirty ? "pending" : "saved");
    return this.flush();
  }

  /** "Keep mine": write this document over the newer version the server has. */
  overwrite(currentVersion: number): Promise<void> {
    this.#version = currentVersion;
    this.#set("pending");
    return this.flush();
  }

  /** Starts over from a document loaded from the server (reload, restored version). */
  reset(doc: D, version: number): void {
    this.#cancelTimer();
    this.#doc = doc;
    this.#saved = doc;
    this.#version = version;
    this.#options.keepLocal?.(null);
    this.#set("saved");
  }

  /** The server's version moved on because of a save this editor made itself (a rename). */
  adoptVersion(version: number): void {
    this.#version = version;
  }

  dispose(): void {
    this.#cancelTimer();
  }
}
