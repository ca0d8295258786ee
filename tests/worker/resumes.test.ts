import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { postJson, signedInPerson } from "./auth-support";
import { api, opsHeaders, servedAt, waitForJob } from "./helpers";

const MINUTE = 60_000;

type Headers = Record<string, string>;
const json = (method: string, body: unknown, headers: Headers) => ({
  method,
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(body),
});

async function personOnPlan(plan = "free") {
  const person = await signedInPerson();
  await env.DB.prepare("UPDATE users SET plan = ? WHERE id = ?").bind(plan, person.userId).run();
  return person;
}

async function create(headers: Headers, body: Record<string, unknown> = { title: "Engineer" }) {
  const created = await api("/api/resumes", postJson(body, headers));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data as { id: string; version: number; data: Record<string, unknown> };
}

describe("resume CRUD", () => {
  it("creates an empty resume in the chosen template, reads it with its version as ETag", async () => {
    const person = await personOnPlan("standard");
    const created = await api(
      "/api/resumes",
      postJson({ title: "Platform engineer", template: "modern" }, person.headers),
    );
    expect(created.status).toBe(201);
    expect(created.response.headers.get("etag")).toBe('"1"');
    const { id } = created.body.data;
    expect(created.body.data).toMatchObject({
      title: "Platform engineer",
      template: "modern",
      version: 1,
    });
    expect(created.body.data.data.meta.style.template).toBe("modern");

    const read = await api(`/api/resumes/${id}`, { headers: person.headers });
    expect(read.status).toBe(200);
    expect(read.response.headers.get("etag")).toBe('"1"');
    expect(read.body.data.data).toEqual(created.body.data.data);
  });

  it("saves with If-Match, refuses a stale write with 409 and the current version, never overwriting", async () => {
    const person = await personOnPlan("standard");
    const { id } = await create(person.headers);
    const first = await api(
      `/api/resumes/${id}`,
      json(
        "PATCH",
        { data: { basics: { name: "Ada Lovelace" } } },
        { ...person.headers, "If-Match": '"1"' },
      ),
    );
    expect(first.status).toBe(200);
    expect(first.response.headers.get("etag")).toBe('"2"');

    const stale = await api(
      `/api/resumes/${id}`,
      json(
        "PATCH",
        { data: { basics: { name: "Someone Else" } } },
        { ...person.headers, "If-Match": '"1"' },
      ),
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual({ current_version: 2 });
    const read = await api(`/api/resumes/${id}`, { headers: person.headers });
    expect(read.body.data.data.basics.name).toBe("Ada Lovelace");

    const missing = await api(`/api/resumes/${id}`, json("PATCH", { title: "x" }, person.headers));
    expect(missing.status).toBe(428);
    expect(missing.body.error.code).toBe("precondition_required");
    const garbage = await api(
      `/api/resumes/${id}`,
      json("PATCH", { title: "x" }, { ...person.headers, "If-Match": "yesterday" }),
    );
    expect(garbage.status).toBe(400);
  });

  it("lets exactly one of two concurrent saves of the same version win", async () => {
    const person = await personOnPlan("standard");
    const { id } = await create(person.headers);
    const save = (name: string) =>
      api(
        `/api/resumes/${id}`,
        json("PATCH", { data: { basics: { name } } }, { ...person.headers, "If-Match": '"1"' }),
      );
    const results = await Promise.all([save("First"), save("Second")]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body.data.data.basics.name;
    const versions = await api(`/api/resumes/${id}/versions`, { headers: person.headers });
    expect(versions.body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v2 = await api(`/api/resumes/${id}/versions/2`, { headers: person.headers });
    expect(v2.body.data.data.basics.name).toBe(winner);
  });

  it("validates documents and says which field is wrong, writing nothing", async () => {
    const person = await personOnPlan("standard");
    const { id } = await create(person.headers);
    const bad = await api(
      `/api/resumes/${id}`,
      json(
        "PATCH",
        {
          data: {
            work: [{ name: "ok" }, { startDate: "last June" }],
            basics: { url: "javascript:alert(1)" },
          },
        },
        { ...person.headers, "If-Match": '"1"' },
      ),
    );
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((issue: { path: unknown[] }) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["data.work.1.startDate", "data.basics.url"]));
    expect((await api(`/api/resumes/${id}`, { headers: person.headers })).body.data.version).toBe(
      1,
    );
    for (const body of [{}, { title: "" }, { title: "x".repeat(121) }]) {
      const response = await api("/api/resumes", postJson(body, person.headers));
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await api("/api/resumes/not-a-uuid", { headers: person.headers })).status).toBe(400);
  });

  it("hides other people's resumes behind 404, for every operation", async () => {
    const owner = await personOnPlan("standard");
    const other = await personOnPlan("standard");
    const { id } = await create(owner.headers);
    const attempts = [
      api(`/api/resumes/${id}`, { headers: other.headers }),
      api(
        `/api/resumes/${id}`,
        json("PATCH", { title: "mine" }, { ...other.headers, "If-Match": '"1"' }),
      ),
      api(`/api/resumes/${id}`, { method: "DELETE", headers: other.headers }),
      api(`/api/resumes/${id}/clone`, postJson({}, other.headers)),
      api(`/api/resumes/${id}/restore`, postJson({}, other.headers)),
      api(`/api/resumes/${id}/versions`, { headers: other.headers }),
      api(`/api/resumes/${id}/versions/1`, { headers: other.headers }),
      api(`/api/resumes/${id}/versions/1/restore`, postJson({}, other.headers)),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(404);
    expect((await api(`/api/resumes/${id}`)).status).toBe(401);
    expect((await api(`/api/resumes/${id}`, { headers: opsHeaders })).status).toBe(403);
  });
});

describe("KV cache", () => {
  it("serves a version from a versioned key and drops the old key on write", async () => {
    const person = await personOnPlan("standard");
    const { id } = await create(person.headers);
    await api(`/api/resumes/${id}`, { headers: person.headers });
    expect(await env.CACHE.get(`resume:${id}:v1`, "json")).toMatchObject({ basics: {} });
    // what is served for v1 comes from the cache
    await env.CACHE.put(`resume:${id}:v1`, JSON.stringify({ basics: { name: "From cache" } }));
    const cached = await api(`/api/resumes/${id}`, { headers: person.headers });
    expect(cached.body.data.data.basics.name).toBe("From cache");

    await api(
      `/api/resumes/${id}`,
      json(
        "PATCH",
        { data: { basics: { name: "Saved" } } },
        { ...person.headers, "If-Match": '"1"' },
      ),
    );
    expect(await env.CACHE.get(`resume:${id}:v1`)).toBeNull();
    const fresh = await api(`/api/resumes/${id}`, { headers: person.headers });
    expect(fresh.body.data.data.basics.name).toBe("Saved");
    expect(await env.CACHE.get(`resume:${id}:v2`, "json")).toMatchObject({
      basics: { name: "Saved" },
    });
  });
});

describe("listing, bin and clones", () => {
  it("searches titles literally, sorts, pages, and keeps the bin separate", async () => {
    const person = await personOnPlan("premium");
    for (const title of ["Zeta role", "alpha role", "Beta 100% match", "Gamma"]) {
      await create(person.headers, { title });
    }
    const byTitle = await api("/api/resumes?sort=title&per_page=2", { headers: person.headers });
    expect(byTitle.body.data.map((r: { title: string }) => r.title)).toEqual([
      "alpha role",
      "Beta 100% match",
    ]);
    expect(byTitle.body.pagination).toEqual({ page: 1, per_page: 2, total: 4, total_pages: 2 });
    const search = await api("/api/resumes?q=100%25", { headers: person.headers });
    expect(search.body.data.map((r: { title: string }) => r.title)).toEqual(["Beta 100% match"]);
    expect((await api("/api/resumes?q=%25", { headers: person.headers })).body.data).toHaveLength(
      1,
    );

    const gamma = (await api("/api/resumes?q=Gamma", { headers: person.headers })).body.data[0];
    expect(
      (await api(`/api/resumes/${gamma.id}`, { method: "DELETE", headers: person.headers })).status,
    ).toBe(200);
    const active = await api("/api/resumes", { headers: person.headers });
    expect(active.body.pagination.total).toBe(3);
    const bin = await api("/api/resumes?deleted=true", { headers: person.headers });
    expect(bin.body.data.map((r: { id: string }) => r.id)).toEqual([gamma.id]);
    expect(bin.body.data[0].deleted_at).not.toBeNull();
    // in the bin it can be read (to look before restoring) but not edited
    const edit = await api(
      `/api/resumes/${gamma.id}`,
      json("PATCH", { title: "x" }, { ...person.headers, "If-Match": '"1"' }),
    );
    expect(edit.status).toBe(404);
    const restored = await api(`/api/resumes/${gamma.id}/restore`, postJson({}, person.headers));
    expect(restored.status).toBe(200);
    expect(restored.body.data.deleted_at).toBeNull();
    expect((await api("/api/resumes?sort=nonsense", { headers: person.headers })).status).toBe(400);
  });

  it("clones a resume with its content and a history of its own", async () => {
    const person = await personOnPlan("standard");
    const { id } = await create(person.headers);
    await api(
      `/api/resumes/${id}`,
      json(
        "PATCH",
        { data: { basics: { name: "Grace" } } },
        { ...person.headers, "If-Match": '"1"' },
      ),
    );
    const copy = await api(`/api/resumes/${id}/clone`, postJson({}, person.headers));
    expect(copy.status).toBe(201);
    expect(copy.body.data).toMatchObject({ title: "Engineer (copy)", version: 1 });
    expect(copy.body.data.data.basics.name).toBe("Grace");
    const history = await api(`/api/resumes/${copy.body.data.id}/versions`, {
      headers: person.headers,
    });
    expect(history.body.data).toEqual([expect.objectContaining({ version: 1, reason: "clone" })]);
  });
});

describe("versions", () => {
  it("restores an old version as a new one, so nothing is lost", async () => {
    const t0 = Date.now();
    const person = await personOnPlan("standard");
    const { id } = await create(person.headers);
    for (const [version, name] of [
      [1, "One"],
      [2, "Two"],
      [3, "Three"],
    ] as const) {
      // a quarter of an hour apart: separate editing sessions (README "Version history")
      await api(
        `/api/resumes/${id}`,
        json(
          "PATCH",
          { data: { basics: { name } } },
          {
            ...person.headers,
            ...servedAt(t0 + version * 15 * MINUTE),
            "If-Match": `"${version}"`,
          },
        ),
      );
    }
    const restored = await api(
      `/api/resumes/${id}/versions/2/restore`,
      postJson({}, person.headers),
    );
    expect(restored.status).toBe(200);
    expect(restored.body.data).toMatchObject({ version: 5 });
    expect(restored.body.data.data.basics.name).toBe("One");
    const list = await api(`/api/resumes/${id}/versions?per_page=2`, { headers: person.headers });
    expect(list.body.data[0]).toMatchObject({ version: 5, reason: "restore" });
    expect(list.body.pagination.total).toBe(5);
    const stale = await api(
      `/api/resumes/${id}/versions/2/restore`,
      postJson({}, { ...person.headers, "If-Match": '"4"' }),
    );
    expect(stale.status).toBe(409);
    expect((await api(`/api/resumes/${id}/versions/99`, { headers: person.headers })).status).toBe(
      404,
    );
  });

  it("keeps only as many versions as the plan allows", async () => {
    const t0 = Date.now();
    const person = await personOnPlan("free");
    const { id } = await create(person.headers);
    for (let version = 1; version <= 12; version++) {
      const saved = await api(
        `/api/resumes/${id}`,
        json(
          "PATCH",
          { title: `Take ${version}` },
          {
            ...person.headers,
            ...servedAt(t0 + version * 15 * MINUTE),
            "If-Match": `"${version}"`,
          },
        ),
      );
      expect(saved.status).toBe(200);
    }
    const list = await api(`/api/resumes/${id}/versions?per_page=100`, { headers: person.headers });
    expect(list.body.pagination.total).toBe(10);
    expect(list.body.data.at(-1).version).toBe(4);
  });
});

describe("plan limits", () => {
  it("stops at the plan's resume count with plan_limit, counting neither the bin nor other people", async () => {
    const person = await personOnPlan("free");
    const first = await create(person.headers);
    await create(person.headers);
    const third = await api("/api/resumes", postJson({ title: "Third" }, person.headers));
    expect(third.status).toBe(403);
    expect(third.body.error).toMatchObject({
      code: "plan_limit",
      details: { limit: 2, resource: "resumes" },
    });
    expect((await api(`/api/resumes/${first.id}/clone`, postJson({}, person.headers))).status).toBe(
      403,
    );

    await api(`/api/resumes/${first.id}`, { method: "DELETE", headers: person.headers });
    await create(person.headers, { title: "Replacement" });
    // the bin's resume no longer fits back
    const restore = await api(`/api/resumes/${first.id}/restore`, postJson({}, person.headers));
    expect(restore.status).toBe(403);
  });

  it("does not let parallel creations overshoot the limit", async () => {
    const person = await personOnPlan("free");
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        api("/api/resumes", postJson({ title: `R${i}` }, person.headers)),
      ),
    );
    expect(results.filter((r) => r.status === 201).length).toBeLessThanOrEqual(2);
    const list = await api("/api/resumes", { headers: person.headers });
    expect(list.body.pagination.total).toBeLessThanOrEqual(2);
  });
});

/** What billing does when a subscription ends: the account's plan becomes Free. */
const downgrade = (userId: string, plan = "free") =>
  env.DB.prepare("UPDATE users SET plan = ? WHERE id = ?").bind(plan, userId).run();

const patchTitle = (headers: Headers, id: string, version: number, title: string) =>
  api(`/api/resumes/${id}`, json("PATCH", { title }, { ...headers, "If-Match": `"${version}"` }));

describe("parallel requests for the last slots", () => {
  it("8 parallel restores from the bin on Free: exactly the 2 that fit succeed, the rest 403", async () => {
    const person = await personOnPlan("standard");
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await create(person.headers, { title: `R${i}` })).id);
    for (const id of ids) {
      expect(
        (await api(`/api/resumes/${id}`, { method: "DELETE", headers: person.headers })).status,
      ).toBe(200);
    }
    await downgrade(person.userId);
    const results = await Promise.all(
      ids.map((id) => api(`/api/resumes/${id}/restore`, postJson({}, person.headers))),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(6);
    for (const r of refused) {
      expect(r.status).toBe(403);
      expect(r.body.error).toMatchObject({ code: "plan_limit", details: { limit: 2 } });
    }
    const list = await api("/api/resumes", { headers: person.headers });
    expect(list.body.pagination.total).toBe(2);
  });

  it("parallel creates, clones and imports on Free never pass the count either", async () => {
    const person = await personOnPlan("free");
    const source = await create(person.headers, { title: "Source" });
    const results = await Promise.all([
      ...Array.from({ length: 3 }, (_, i) =>
        api("/api/resumes", postJson({ title: `New ${i}` }, person.headers)),
      ),
      ...Array.from({ length: 3 }, () =>
        api(`/api/resumes/${source.id}/clone`, postJson({}, person.headers)),
      ),
      ...Array.from({ length: 2 }, () =>
        api("/api/resumes/import", postJson({ basics: { name: "Imported" } }, person.headers)),
      ),
    ]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 201)) {
      expect(r.body.error.code).toBe("plan_limit");
    }
    const list = await api("/api/resumes", { headers: person.headers });
    expect(list.body.pagination.total).toBe(2);
    const versions = await env.DB.prepare(
      "SELECT count(*) AS n FROM resume_versions v JOIN resumes r ON r.id = v.resume_id WHERE r.user_id = ?",
    )
      .bind(person.userId)
      .first<number>("n");
    expect(versions).toBe(2);
  });
});

describe("after a downgrade", () => {
  it("keeps the N most recently updated resumes editable; the rest are read-only but readable, deletable and exportable", async () => {
    const person = await personOnPlan("standard");
    const made: { id: string; version: number }[] = [];
    const base = Date.now() - 60_000;
    for (const [i, title] of ["Oldest", "Middle", "Newer", "Newest"].entries()) {
      made.push(await create(person.headers, { title }));
      // a second apart, so the order does not hang on ties within a millisecond
      await env.DB.prepare("UPDATE resumes SET updated_at = ? WHERE id = ?")
        .bind(base + i * 1000, made[i]!.id)
        .run();
    }
    const [oldest, middle, newer, newest] = made as [
      (typeof made)[0],
      (typeof made)[0],
      (typeof made)[0],
      (typeof made)[0],
    ];
    await downgrade(person.userId);

    const list = await api("/api/resumes", { headers: person.headers });
    const readOnly = Object.fromEntries(
      list.body.data.map((r: { title: string; read_only: boolean }) => [r.title, r.read_only]),
    );
    expect(readOnly).toEqual({ Newest: false, Newer: false, Middle: true, Oldest: true });
    const read = await api(`/api/resumes/${oldest.id}`, { headers: person.headers });
    expect(read.status).toBe(200);
    expect(read.body.data.read_only).toBe(true);

    const refused = await patchTitle(person.headers, oldest.id, oldest.version, "Edited");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: "plan_limit",
      details: { limit: 2, feature: "resumes", read_only: true },
    });
    expect(
      (await api(`/api/resumes/${oldest.id}`, { headers: person.headers })).body.data,
    ).toMatchObject({
      title: "Oldest",
      version: 1,
    });
    const versionRestore = await api(
      `/api/resumes/${oldest.id}/versions/1/restore`,
      postJson({}, person.headers),
    );
    expect(versionRestore.status).toBe(403);
    expect(versionRestore.body.error.code).toBe("plan_limit");
    expect((await patchTitle(person.headers, newest.id, newest.version, "Still mine")).status).toBe(
      200,
    );
    expect((await patchTitle(person.headers, newer.id, newer.version, "Mine too")).status).toBe(
      200,
    );

    // a read-only resume still exports (its data is the person's)
    const exported = await api(
      `/api/resumes/${middle.id}/export`,
      postJson({ format: "json" }, person.headers),
    );
    expect(exported.status).toBe(202);
    await waitForJob(exported.body.data.job_id, "succeeded");

    // deleting an editable one frees a slot: the next most recent becomes editable
    await api(`/api/resumes/${newer.id}`, { method: "DELETE", headers: person.headers });
    expect((await patchTitle(person.headers, middle.id, middle.version, "Back")).status).toBe(200);
    expect((await patchTitle(person.headers, oldest.id, oldest.version, "Still no")).status).toBe(
      403,
    );
  });

  it("a resume in a premium template keeps its content editable but not its style, and no PDF in it", async () => {
    const person = await personOnPlan("standard");
    const fancy = await create(person.headers, { title: "Fancy", template: "sidebar" });
    await downgrade(person.userId);

    const pdf = await api(
      `/api/resumes/${fancy.id}/export`,
      postJson({ format: "pdf" }, person.headers),
    );
    expect(pdf.status).toBe(403);
    expect(pdf.body.error).toMatchObject({
      code: "plan_limit",
      details: { feature: "premiumTemplates", template: "sidebar" },
    });
    const usage = await api("/api/usage", { headers: person.headers });
    expect(usage.body.data.exports.used).toBe(0);

    const style = fancy.data.meta as { style: Record<string, unknown> };
    const restyled = await api(
      `/api/resumes/${fancy.id}`,
      json(
        "PATCH",
        {
          data: {
            ...fancy.data,
            meta: { ...style, style: { ...style.style, accentColor: "#ff0000" } },
          },
        },
        { ...person.headers, "If-Match": '"1"' },
      ),
    );
    expect(restyled.status).toBe(403);
    expect(restyled.body.error).toMatchObject({
      code: "plan_limit",
      details: { feature: "premiumTemplates", template: "sidebar" },
    });
    const content = await api(
      `/api/resumes/${fancy.id}`,
      json(
        "PATCH",
        { data: { ...fancy.data, basics: { name: "Ada Lovelace" } } },
        { ...person.headers, "If-Match": '"1"' },
      ),
    );
    expect(content.status).toBe(200);
    const moved = await api(
      `/api/resumes/${fancy.id}`,
      json(
        "PATCH",
        {
          data: {
            ...content.body.data.data,
            meta: { ...style, style: { ...style.style, template: "classic" } },
          },
        },
        { ...person.headers, "If-Match": '"2"' },
      ),
    );
    expect(moved.status).toBe(200);
    expect(moved.body.data.template).toBe("classic");
  });
});

describe("import", () => {
  const document = {
    basics: { name: "Richard Hendriks", label: "Programmer", pronouns: "he/him" },
    work: [
      {
        name: "Pied Piper",
        position: "CEO/President",
        startDate: "2013-12-01",
        "x-equity": "lots",
      },
    ],
    "x-custom-root": { kept: true },
  };

  it("imports a JSON body, keeping fields the schema does not know", async () => {
    const person = await personOnPlan("standard");
    const imported = await api("/api/resumes/import", postJson(document, person.headers));
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.data.title).toBe("Richard Hendriks — Programmer");
    expect(imported.body.data.data).toMatchObject(document);
    const invalid = await api(
      "/api/resumes/import",
      postJson({ work: [{ url: "ftp://old.example" }] }, person.headers),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0].path).toEqual(["work", 0, "url"]);
    const history = await api(`/api/resumes/${imported.body.data.id}/versions`, {
      headers: person.headers,
    });
    expect(history.body.data[0].reason).toBe("import");
  });

  it("imports an uploaded file and names the wrong field of a bad one", async () => {
    const person = await personOnPlan("standard");
    const upload = (content: string, query = "?title=From%20file") => {
      const form = new FormData();
      form.set("file", new File([content], "resume.json", { type: "application/json" }));
      return api(`/api/resumes/import${query}`, {
        method: "POST",
        headers: person.headers,
        body: form,
      });
    };
    const good = await upload(JSON.stringify(document));
    expect(good.status).toBe(201);
    expect(good.body.data.title).toBe("From file");
    // Without a title the person and role name it, never the file ("resume.json").
    const named = await upload(JSON.stringify(document), "");
    expect(named.body.data.title).toBe("Richard Hendriks — Programmer");
    const nameOnly = await upload(JSON.stringify({ basics: { name: "  Ada   Lovelace " } }), "");
    expect(nameOnly.body.data.title).toBe("Ada Lovelace");
    expect((await upload(JSON.stringify({ skills: [] }), "")).body.data.title).toBe(
      "Imported resume",
    );
    const bad = await upload(
      JSON.stringify({ basics: { email: "nope" }, education: [{ endDate: "soon" }] }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((i: { path: unknown[] }) => i.path.join("."))).toEqual(
      expect.arrayContaining(["basics.email", "education.0.endDate"]),
    );
    expect((await upload("{not json")).body.error.code).toBe("invalid_json");
    const huge = await upload(JSON.stringify({ basics: { summary: "x".repeat(1_100_000) } }));
    expect(huge.status).toBe(413);
  });
});
