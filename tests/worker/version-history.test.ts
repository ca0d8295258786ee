import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { postJson, signedInPerson } from "./auth-support";
import { api, servedAt } from "./helpers";

/** README "Version history": coalesced autosaves, named and pinned versions, pruning. */
type Headers = Record<string, string>;
const MINUTE = 60_000;

async function personOnPlan(plan: string) {
  const person = await signedInPerson();
  await env.DB.prepare("UPDATE users SET plan = ? WHERE id = ?").bind(plan, person.userId).run();
  return person;
}

const send = (method: string, body: unknown, headers: Headers) => ({
  method,
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(body),
});

/** A resume whose every write is served at a pinned time, as autosave would send them. */
async function editedResume(plan: string, t0: number) {
  const person = await personOnPlan(plan);
  const created = await api(
    "/api/resumes",
    postJson({ title: "Engineer" }, { ...person.headers, ...servedAt(t0) }),
  );
  expect(created.status).toBe(201);
  const id = created.body.data.id as string;
  let version = 1;
  const save = async (at: number, name: string) => {
    const saved = await api(
      `/api/resumes/${id}`,
      send(
        "PATCH",
        { data: { basics: { name } } },
        { ...person.headers, ...servedAt(at), "If-Match": `"${version}"` },
      ),
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    version = saved.body.data.version;
    return version;
  };
  const versions = async () => {
    const list = await api(`/api/resumes/${id}/versions?per_page=100`, { headers: person.headers });
    expect(list.status).toBe(200);
    return list.body.data as Array<{
      version: number;
      reason: string;
      name: string | null;
      pinned: boolean;
      created_at: string;
      updated_at: string;
    }>;
  };
  /** After a write made outside `save` (a restore), saves are based on its version. */
  const moveTo = (next: number) => {
    version = next;
  };
  return { person, id, save, versions, current: () => version, moveTo };
}

describe("coalescing autosaves", () => {
  it("folds the saves of one session into one version, starting anew after 10 idle minutes or an hour", async () => {
    const t0 = Date.now();
    const { person, id, save, versions } = await editedResume("standard", t0);
    await save(t0 + 1_000, "A");
    await save(t0 + 30_000, "Ab");
    await save(t0 + 5 * MINUTE, "Abc");
    let list = await versions();
    expect(list.map((v) => [v.version, v.reason])).toEqual([
      [4, "edit"],
      [1, "create"],
    ]);
    expect(list[0]).toMatchObject({
      created_at: new Date(t0 + 1_000).toISOString(),
      updated_at: new Date(t0 + 5 * MINUTE).toISOString(),
    });
    const folded = await api(`/api/resumes/${id}/versions/4`, { headers: person.headers });
    expect(folded.body.data.data.basics.name).toBe("Abc");
    expect((await api(`/api/resumes/${id}/versions/2`, { headers: person.headers })).status).toBe(
      404,
    );

    // a retried save (same If-Match) is refused and leaves the history as it was
    const retried = await api(
      `/api/resumes/${id}`,
      send(
        "PATCH",
        { data: { basics: { name: "Abc" } } },
        { ...person.headers, ...servedAt(t0 + 5 * MINUTE), "If-Match": '"3"' },
      ),
    );
    expect(retried.status).toBe(409);
    expect((await versions()).map((v) => v.version)).toEqual([4, 1]);

    // ten idle minutes end the session
    await save(t0 + 16 * MINUTE, "Second sitting");
    // a session that never pauses still ends after an hour
    for (let minute = 20; minute <= 80; minute += 5) {
      await save(t0 + minute * MINUTE, `Minute ${minute}`);
    }
    list = await versions();
    expect(list.map((v) => v.created_at)).toEqual([
      new Date(t0 + 80 * MINUTE).toISOString(),
      new Date(t0 + 16 * MINUTE).toISOString(),
      new Date(t0 + 1_000).toISOString(),
      new Date(t0).toISOString(),
    ]);
    expect(list[1]?.updated_at).toBe(new Date(t0 + 75 * MINUTE).toISOString());
  });
});

describe("named and pinned versions", () => {
  it("names the current state, which pins it and closes its session; bounds names; hides others' resumes", async () => {
    const t0 = Date.now();
    const { person, id, save, versions, current } = await editedResume("standard", t0);
    await save(t0 + 1_000, "Before Acme");
    const named = await api(
      `/api/resumes/${id}/versions`,
      postJson({ name: "  Sent to Acme " }, { ...person.headers, "If-Match": `"${current()}"` }),
    );
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    expect(named.body.data).toMatchObject({ version: 2, name: "Sent to Acme", pinned: true });
    // the next save, seconds later, starts a new version instead of changing the named one
    await save(t0 + 2_000, "After Acme");
    const list = await versions();
    expect(list.map((v) => [v.version, v.name])).toEqual([
      [3, null],
      [2, "Sent to Acme"],
      [1, null],
    ]);
    const kept = await api(`/api/resumes/${id}/versions/2`, { headers: person.headers });
    expect(kept.body.data.data.basics.name).toBe("Before Acme");

    for (const name of ["", "   ", "x".repeat(81)]) {
      const refused = await api(`/api/resumes/${id}/versions`, postJson({ name }, person.headers));
      expect(refused.status).toBe(400);
    }
    const stale = await api(
      `/api/resumes/${id}/versions`,
      postJson({ name: "Old" }, { ...person.headers, "If-Match": '"2"' }),
    );
    expect(stale.status).toBe(409);

    // rename, clear the name, unpin: each idempotent
    const mark = (v: number, body: unknown, headers = person.headers) =>
      api(`/api/resumes/${id}/versions/${v}`, send("PATCH", body, headers));
    expect((await mark(2, { name: "Acme, final" })).body.data).toMatchObject({
      name: "Acme, final",
      pinned: true,
    });
    expect((await mark(1, { name: "First", pinned: false })).body.data).toMatchObject({
      name: "First",
      pinned: false,
    });
    for (let i = 0; i < 2; i++) {
      expect((await mark(2, { name: null })).body.data).toMatchObject({ name: null, pinned: true });
    }
    expect((await mark(2, {})).status).toBe(400);
    expect((await mark(99, { pinned: true })).status).toBe(404);

    const other = await signedInPerson();
    expect((await mark(2, { pinned: false }, other.headers)).status).toBe(404);
    expect(
      (await api(`/api/resumes/${id}/versions`, postJson({ name: "Mine" }, other.headers))).status,
    ).toBe(404);
  });

  it("never prunes pinned versions, caps the pins at the plan's allowance, and restores a named one", async () => {
    const t0 = Date.now();
    const { person, id, save, versions, current, moveTo } = await editedResume("free", t0);
    const mark = (v: number, body: unknown) =>
      api(`/api/resumes/${id}/versions/${v}`, send("PATCH", body, person.headers));
    await save(t0 + 1_000, "Milestone");
    expect(
      (await api(`/api/resumes/${id}/versions`, postJson({ name: "Sent to Acme" }, person.headers)))
        .status,
    ).toBe(200);
    // Free keeps 10 versions: 14 sessions later the named one is still there
    for (let session = 1; session <= 14; session++) {
      await save(t0 + session * 11 * MINUTE, `Session ${session}`);
    }
    let list = await versions();
    expect(list).toHaveLength(11);
    expect(list.at(-1)).toMatchObject({ version: 2, name: "Sent to Acme", pinned: true });
    expect(list.filter((v) => !v.pinned).map((v) => v.version)).toEqual(
      Array.from({ length: 10 }, (_, i) => 16 - i),
    );

    // nine more pins fill the allowance of 10; the eleventh is refused until one is unpinned
    for (const v of [16, 15, 14, 13, 12, 11, 10, 9, 8]) {
      expect((await mark(v, { pinned: true })).status).toBe(200);
    }
    const over = await mark(7, { pinned: true });
    expect(over.status).toBe(409);
    expect(over.body.error.details).toMatchObject({ pinned_limit: 10 });
    expect((await mark(16, { pinned: true })).status).toBe(200);
    expect((await mark(8, { pinned: false })).status).toBe(200);
    expect((await mark(7, { pinned: true })).status).toBe(200);

    const restored = await api(
      `/api/resumes/${id}/versions/2/restore`,
      postJson(
        {},
        { ...person.headers, ...servedAt(t0 + 200 * MINUTE), "If-Match": `"${current()}"` },
      ),
    );
    expect(restored.status).toBe(200);
    expect(restored.body.data).toMatchObject({ version: 17 });
    expect(restored.body.data.data.basics.name).toBe("Milestone");
    moveTo(restored.body.data.version);
    list = await versions();
    expect(list[0]).toMatchObject({ version: 17, reason: "restore", pinned: false });
    // the restore is its own version: an edit right after it starts a new one
    await save(t0 + 200 * MINUTE + 1_000, "Milestone, edited");
    list = await versions();
    expect(list.slice(0, 2).map((v) => v.version)).toEqual([18, 17]);
    expect(list.filter((v) => v.pinned)).toHaveLength(10);
    // 10 pinned, and the unpinned 8, 17 and 18: within the allowance, nothing pruned
    expect(list.filter((v) => !v.pinned).map((v) => v.version)).toEqual([18, 17, 8]);
  });
});
