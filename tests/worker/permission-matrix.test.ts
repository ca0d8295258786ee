import { describe, expect, it } from "vitest";
import {
  ADMIN_ACCESS,
  type AdminAccess,
  type AdminOperation,
  needsSecondFactor,
} from "../../api/routes/admin/access";
import { hasPermission, permissionsOf, ROLES } from "../../core/auth/permissions";
import { api, bearerFor, opsHeaders } from "./helpers";

/**
 * The permission matrix (README "Who may do what"): every served admin operation × every caller
 * answers what the one table in api/routes/admin/access.ts says. The rows come from the served
 * OpenAPI document, so a new admin endpoint is in the matrix the moment it is served; one the
 * table does not name fails the first test.
 *
 * No cell changes anything: path parameters name nothing that exists, and a write carries a JSON
 * array where every write takes an object (or nothing), so a caller the guard lets through is
 * refused by validation (400) or finds nothing (404). The last check below holds every write to it.
 */

const DUMMY_ID = "permission-matrix-none";
/** Cells sent at once: enough to be quick, few enough not to swamp the local runtime. */
const CHUNK = 24;

interface Operation {
  key: string;
  method: string;
  url: string;
}

type Expected =
  | { kind: "refused"; status: 401 | 403; code: string }
  /** The guard let the caller through: anything but 401/403, and no 2xx for a write. */
  | { kind: "passes" };

interface Caller {
  label: string;
  headers: () => Promise<Record<string, string>>;
  expect: (access: AdminAccess) => Expected;
}

const passes: Expected = { kind: "passes" };
const refused = (status: 401 | 403, code: string): Expected => ({ kind: "refused", status, code });

const CALLERS: Caller[] = [
  { label: "no one", headers: async () => ({}), expect: () => refused(401, "unauthorized") },
  // Every role, "user" (a customer) included, with a second factor proven just now.
  ...ROLES.map(
    (role): Caller => ({
      label: role,
      headers: async () => (await bearerFor(role)).headers,
      expect: (access) =>
        hasPermission(permissionsOf(role), access.permission) ? passes : refused(403, "forbidden"),
    }),
  ),
  {
    // Holds every permission, so only the second-factor column decides.
    label: "super_admin without a second factor",
    headers: async () => (await bearerFor("super_admin", undefined, false)).headers,
    expect: (access) => (needsSecondFactor(access) ? refused(403, "mfa_required") : passes),
  },
  { label: "the operator token", headers: async () => opsHeaders, expect: () => passes },
];

async function servedAdminOperations(): Promise<Operation[]> {
  const { status, body: doc } = await api("/api/openapi.json");
  expect(status).toBe(200);
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .filter(([path]) => path.startsWith("/admin/"))
    .flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        key: `${method.toUpperCase()} /api${path}`,
        method: method.toUpperCase(),
        url: `/api${path.replace(/\{[^}]+\}/g, DUMMY_ID)}`,
      })),
    );
}

/** The access table's rows as operations, path parameters naming nothing that exists. */
function tableOperations(): Operation[] {
  return Object.keys(ADMIN_ACCESS).map((key) => {
    const [method, path] = key.split(" ") as [string, string];
    return { key, method, url: path.replace(/\{[^}]+\}/g, DUMMY_ID) };
  });
}

async function send(operation: Operation, caller: Caller) {
  const init: RequestInit = { method: operation.method, headers: await caller.headers() };
  if (operation.method !== "GET" && operation.method !== "DELETE") {
    init.headers = { ...init.headers, "Content-Type": "application/json" };
    init.body = "[]";
  }
  return api(operation.url, init);
}

/** What went wrong in one cell, or null when it answered as the table says. */
function mismatch(
  operation: Operation,
  caller: Caller,
  expected: Expected,
  status: number,
  code: string | undefined,
): string | null {
  const cell = `${operation.key} as ${caller.label}`;
  if (expected.kind === "refused") {
    return status === expected.status && code === expected.code
      ? null
      : `${cell}: expected ${expected.status} ${expected.code}, got ${status} ${code}`;
  }
  if (status === 401 || status === 403) return `${cell}: expected to pass, got ${status} ${code}`;
  if (operation.method !== "GET" && status < 300) {
    return `${cell}: a write answered ${status}; the matrix must not change anything`;
  }
  return null;
}

describe("the permission matrix", () => {
  it("names every served admin operation in the access table, and serves every row", async () => {
    const served = (await servedAdminOperations()).map((operation) => operation.key).sort();
    const named = Object.keys(ADMIN_ACCESS).sort();
    expect(served.length).toBeGreaterThan(30);
    expect(served.filter((key) => !named.includes(key))).toEqual([]);
    expect(named.filter((key) => !served.includes(key))).toEqual([]);
  });

  // One test per caller and area (a slice of a column): each stays small as the table grows.
  // The operations are the table's rows; the first test holds them equal to the served ones.
  const areas = new Map<string, Operation[]>();
  for (const operation of tableOperations()) {
    const area = operation.url.split("/")[3] ?? "";
    areas.set(area, [...(areas.get(area) ?? []), operation]);
  }
  it.each(
    CALLERS.flatMap((caller) =>
      [...areas].map(([area, operations]) => [caller.label, area, caller, operations] as const),
    ),
  )("answers every admin operation as the table says for %s: /api/admin/%s", async (...cell) => {
    const [, , caller, operations] = cell;
    const wrong: string[] = [];
    for (let start = 0; start < operations.length; start += CHUNK) {
      const answers = await Promise.all(
        operations.slice(start, start + CHUNK).map(async (operation) => {
          const expected = caller.expect(ADMIN_ACCESS[operation.key as AdminOperation]);
          const { status, body } = await send(operation, caller);
          return mismatch(operation, caller, expected, status, body?.error?.code);
        }),
      );
      wrong.push(...answers.filter((answer): answer is string => answer !== null));
    }
    expect(wrong).toEqual([]);
  });

  it("sees each role refused somewhere and let through somewhere, so no column is vacuous", () => {
    // A role that passed everything or nothing would make its column prove little; the
    // customer is the exception, refused everywhere by design.
    for (const role of ROLES) {
      const held = Object.values(ADMIN_ACCESS).filter((access) =>
        hasPermission(permissionsOf(role), access.permission),
      ).length;
      if (role === "user") expect(held).toBe(0);
      else if (role === "super_admin") expect(held).toBe(Object.keys(ADMIN_ACCESS).length);
      else {
        expect(held, role).toBeGreaterThan(0);
        expect(held, role).toBeLessThan(Object.keys(ADMIN_ACCESS).length);
      }
    }
  });
});
