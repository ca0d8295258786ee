import { describe, expect, it } from "vitest";
import { emptyResume, orderedSections } from "../../core/resume/layout";
import { resumeDataSchema } from "../../core/resume/schema";
import { Autosave, type SaveState } from "../../ui/src/resumes/autosave";
import {
  addCustomSection,
  addEntry,
  ensureIds,
  entriesOf,
  moveEntry,
  moveSection,
  removeCustomSection,
  removeEntry,
  renameCustomSection,
  sectionOrder,
  setEntryHidden,
  setSectionHidden,
  setStyle,
  updateBasics,
  updateEntry,
} from "../../ui/src/resumes/document";
import { DocumentHistory } from "../../ui/src/resumes/history";

const ids = () => {
  let n = 0;
  return () => `t-${++n}`;
};

describe("document edits", () => {
  it("adds, edits, hides, moves and removes entries without touching the original", () => {
    const makeId = ids();
    const start = emptyResume("Ada", "ada@example.com");
    const first = addEntry(start, "work", { name: "Analytical Engines" }, makeId);
    const second = addEntry(first.doc, "work", { name: "Babbage & Co" }, makeId);
    expect(start.work).toEqual([]);
    expect(entriesOf(second.doc, "work").map((entry) => entry.id)).toEqual(["t-1", "t-2"]);

    const edited = updateEntry(second.doc, "work", "t-1", { position: "Engineer" });
    expect(entriesOf(edited, "work")[0]).toMatchObject({
      name: "Analytical Engines",
      position: "Engineer",
    });
    // the same value is no change at all
    expect(updateEntry(edited, "work", "t-1", { position: "Engineer" })).toBe(edited);
    // clearing a field removes it
    expect(
      entriesOf(updateEntry(edited, "work", "t-1", { position: undefined }), "work")[0],
    ).not.toHaveProperty("position");

    const hidden = setEntryHidden(edited, "work", "t-2", true);
    expect(entriesOf(hidden, "work")[1]?.hidden).toBe(true);
    expect(entriesOf(setEntryHidden(hidden, "work", "t-2", false), "work")[1]).not.toHaveProperty(
      "hidden",
    );

    const moved = moveEntry(hidden, "work", "t-2", 0);
    expect(moved).toMatchObject({ index: 0, count: 2 });
    expect(entriesOf(moved.doc, "work").map((entry) => entry.id)).toEqual(["t-2", "t-1"]);
    // moving past either end stays at the end
    expect(moveEntry(moved.doc, "work", "t-2", -1).doc).toBe(moved.doc);
    expect(moveEntry(moved.doc, "work", "t-1", 9).doc).toBe(moved.doc);

    const removed = removeEntry(moved.doc, "work", "t-2");
    expect(entriesOf(removed, "work").map((entry) => entry.id)).toEqual(["t-1"]);
    expect(resumeDataSchema.safeParse(removed).success).toBe(true);
  });

  it("edits profiles and the location inside basics", () => {
    const makeId = ids();
    const { doc } = addEntry(emptyResume(), "basics.profiles", { network: "GitHub" }, makeId);
    const next = updateBasics(
      updateEntry(doc, "basics.profiles", "t-1", { username: "ada" }),
      { name: "Ada Lovelace", label: undefined },
      { city: "London" },
    );
    expect(next.basics).toMatchObject({
      name: "Ada Lovelace",
      location: { city: "London" },
      profiles: [{ id: "t-1", network: "GitHub", username: "ada" }],
    });
    expect(next.basics).not.toHaveProperty("label");
  });

  it("gives every entry a unique id, keeping good ones", () => {
    const doc = ensureIds(
      {
        work: [{ id: "keep", name: "A" }, { name: "B" }, { id: "keep", name: "C" }],
        skills: [{ name: "TypeScript" }],
        customSections: [{ id: "custom-talks", title: "Talks", items: [{ title: "X" }] }],
      },
      ids(),
    );
    expect(doc.work?.map((entry) => entry.id)).toEqual(["keep", "t-1", "t-2"]);
    expect(doc.skills?.[0]?.id).toBe("t-3");
    expect(doc.customSections?.[0]?.items[0]?.id).toBe("t-4");
    // nothing to fix: the very same document
    expect(ensureIds(doc, ids())).toBe(doc);
  });

  it("orders and hides sections, the rendered order following", () => {
    const start = emptyResume();
    const { doc: moved, index, count } = moveSection(start, "skills", 0);
    expect(index).toBe(0);
    expect(count).toBe(11);
    expect(sectionOrder(moved)[0]).toBe("skills");
    expect(orderedSections(moved)[0]).toBe("skills");

    const hidden = setSectionHidden(moved, "skills", true);
    expect(sectionOrder(hidden)[0]).toBe("skills");
    expect(orderedSections(hidden)).not.toContain("skills");
    expect(setSectionHidden(hidden, "skills", true)).toBe(hidden);
    expect(orderedSections(setSectionHidden(hidden, "skills", false))[0]).toBe("skills");
  });

  it("adds, renames, hides and removes custom sections with valid ids", () => {
    const first = addCustomSection(emptyResume(), "Talks & Panels!");
    expect(first.id).toBe("custom-talks-panels");
    const second = addCustomSection(first.doc, "Talks & Panels");
    expect(second.id).toBe("custom-talks-panels-2");
    expect(sectionOrder(second.doc).slice(-2)).toEqual([first.id, second.id]);
    expect(addCustomSection(second.doc, "   ").id).toBeNull();

    const renamed = renameCustomSection(second.doc, "custom-talks-panels", "Speaking");
    expect(renamed.customSections?.[0]?.title).toBe("Speaking");
    const hidden = setSectionHidden(renamed, "custom-talks-panels", true);
    expect(hidden.customSections?.[0]?.hidden).toBe(true);
    expect(orderedSections(hidden)).not.toContain("custom-talks-panels");
    const shown = setSectionHidden(hidden, "custom-talks-panels", false);
    expect(shown.customSections?.[0]).not.toHaveProperty("hidden");

    const removed = removeCustomSection(hidden, "custom-talks-panels");
    expect(removed.customSections?.map((section) => section.id)).toEqual(["custom-talks-panels-2"]);
    expect(removed.meta?.layout?.order).not.toContain("custom-talks-panels");
    expect(removed.meta?.layout?.hidden).not.toContain("custom-talks-panels");
    expect(resumeDataSchema.safeParse(removed).success).toBe(true);
  });

  it("changes style fields only when they differ", () => {
    const doc = emptyResume();
    const next = setStyle(doc, { template: "modern", accentColor: "#be123c" });
    expect(next.meta?.style).toMatchObject({
      template: "modern",
      accentColor: "#be123c",
      pageSize: "A4",
    });
    expect(setStyle(next, { template: "modern" })).toBe(next);
  });
});

describe("DocumentHistory", () => {
  it("undoes and redoes whole states, merging quick edits of one field", () => {
    let now = 0;
    const history = new DocumentHistory<string>("a", { now: () => now, mergeWindowMs: 1000 });
    history.apply("ab", "name");
    now = 500;
    history.apply("abc", "name");
    now = 3000;
    history.apply("abcd", "name");
    history.apply("abcd!", "summary");
    expect(history.undo()).toBe("abcd");
    expect(history.undo()).toBe("abc");
    expect(history.undo()).toBe("a");
    expect(history.canUndo).toBe(false);
    expect(history.undo()).toBeUndefined();
    expect(history.redo()).toBe("abc");
    // a new change drops the redo branch
    history.apply("x");
    expect(history.canRedo).toBe(false);
    expect(history.apply("x")).toBe(false);
  });

  it("keeps at most `limit` steps and starts over on reset", () => {
    const history = new DocumentHistory<number>(0, { limit: 3 });
    for (let n = 1; n <= 5; n += 1) history.apply(n);
    let steps = 0;
    while (history.undo() !== undefined) steps += 1;
    expect(steps).toBe(3);
    expect(history.current).toBe(2);
    history.reset(9);
    expect(history.canUndo || history.canRedo).toBe(false);
  });
});

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    setTimer: (run: () => void) => {
      next += 1;
      pending.set(next, run);
      return next;
    },
    clearTimer: (handle: unknown) => void pending.delete(handle as number),
    fire: () => {
      const runs = [...pending.values()];
      pending.clear();
      for (const run of runs) run();
    },
    get count() {
      return pending.size;
    },
  };
}

const apiError = (status: number, code: string, details: unknown = null) =>
  Object.assign(new Error(code), { status, code, details });

describe("Autosave", () => {
  function setup(save: (doc: string, version: number) => Promise<{ version: number }>) {
    const timers = manualTimers();
    const states: SaveState[] = [];
    const local: ({ doc: string; version: number } | null)[] = [];
    const autosave = new Autosave<string>("v1", 1, {
      save,
      isValid: (doc) => !doc.includes("!"),
      onState: (state) => states.push(state),
      keepLocal: (copy) => local.push(copy),
      ...timers,
    });
    return { autosave, timers, states, local };
  }

  it("waits for the interval while typing, then saves once with If-Match", async () => {
    const calls: [string, number][] = [];
    const { autosave, timers, states, local } = setup(async (doc, version) => {
      calls.push([doc, version]);
      return { version: version + 1 };
    });
    autosave.change("v1a");
    autosave.change("v1ab");
    expect(timers.count).toBe(1);
    expect(calls).toEqual([]);
    timers.fire();
    await autosave.flush();
    expect(calls).toEqual([["v1ab", 1]]);
    expect(autosave.version).toBe(2);
    expect(states).toEqual(["pending", "saving", "saved"]);
    expect(local.at(-2)).toEqual({ doc: "v1ab", version: 1 });
    expect(local.at(-1)).toBeNull();
    // nothing changed: no request
    await autosave.flush();
    expect(calls).toHaveLength(1);
  });

  it("saves changes made during a save right after it", async () => {
    let release: () => void = () => undefined;
    const calls: string[] = [];
    const { autosave } = setup((doc, version) => {
      calls.push(doc);
      return new Promise((resolve) => {
        release = () => resolve({ version: version + 1 });
      });
    });
    autosave.change("a");
    const first = autosave.flush();
    autosave.change("ab");
    const second = autosave.flush();
    release();
    await first;
    await Promise.resolve();
    release();
    await second;
    expect(calls).toEqual(["a", "ab"]);
    expect(autosave.state).toBe("saved");
    expect(autosave.version).toBe(3);
  });

  it("stops on a conflict until the person overwrites, with the server's version", async () => {
    const versions: number[] = [];
    let conflict = true;
    const { autosave } = setup(async (_doc, version) => {
      versions.push(version);
      if (conflict) throw apiError(409, "conflict", { current_version: 4 });
      return { version: version + 1 };
    });
    autosave.change("mine");
    await autosave.flush();
    expect(autosave.state).toBe("conflict");
    autosave.change("mine 2");
    await autosave.flush();
    expect(versions).toEqual([1]);
    conflict = false;
    await autosave.overwrite(4);
    expect(versions).toEqual([1, 4]);
    expect(autosave.state).toBe("saved");
    expect(autosave.version).toBe(5);
  });

  it("keeps changes offline and sends them when back online", async () => {
    let offline = true;
    const { autosave, local } = setup(async (_doc, version) => {
      if (offline) throw apiError(0, "network_error");
      return { version: version + 1 };
    });
    autosave.change("typed offline");
    await autosave.flush();
    expect(autosave.state).toBe("offline");
    expect(local.at(-1)).toEqual({ doc: "typed offline", version: 1 });
    autosave.change("more");
    expect(autosave.state).toBe("offline");
    offline = false;
    await autosave.online();
    expect(autosave.state).toBe("saved");
    expect(local.at(-1)).toBeNull();
  });

  it("does not send a document that does not validate", async () => {
    const calls: string[] = [];
    const { autosave } = setup(async (doc, version) => {
      calls.push(doc);
      return { version: version + 1 };
    });
    autosave.change("bad!");
    await autosave.flush();
    expect(autosave.state).toBe("invalid");
    expect(calls).toEqual([]);
    autosave.change("good");
    await autosave.flush();
    expect(calls).toEqual(["good"]);
  });

  it("going back to the saved state is clean again, and reset starts over", async () => {
    const { autosave } = setup(async (_doc, version) => ({ version: version + 1 }));
    autosave.change("v1x");
    autosave.change("v1");
    expect(autosave.state).toBe("saved");
    expect(autosave.dirty).toBe(false);
    autosave.change("v1y");
    autosave.reset("v7", 7);
    expect(autosave.dirty).toBe(false);
    expect(autosave.version).toBe(7);
  });
});
