import { describe, expect, it } from "vitest";
import {
  apiQuery,
  ariaSort,
  clearedFilters,
  hasFilters,
  nextSort,
  parseUserListSearch,
  USERS_PER_PAGE,
  withFilter,
} from "../../admin-ui/src/users/user-list-view";
import { dayBounds, ftsPrefixQuery, searchWords } from "../../core/admin/user-search";
import { isExternalContentIndex, isShadowTable } from "../../core/backup/manifest";

describe("admin user search words", () => {
  it("reads words as FTS5's unicode61 tokenizer does, every one a prefix", () => {
    expect(searchWords("Ada.Lovelace@Example.com")).toEqual(["ada", "lovelace", "example", "com"]);
    expect(ftsPrefixQuery("ada love")).toBe('"ada"* "love"*');
    // one- and two-letter words match whole words only (a short prefix matches too many)
    expect(ftsPrefixQuery("jo li")).toBe('"jo" "li"');
    expect(ftsPrefixQuery("Zoë")).toBe('"zoë"*');
  });

  it("never lets FTS5 syntax through: quotes, operators and stars only separate words", () => {
    expect(ftsPrefixQuery('"xyz" OR yes* NEAR(zed) -w ^v col:u')).toBe(
      '"xyz"* "or" "yes"* "near"* "zed"* "w" "v" "col"*',
    );
    expect(ftsPrefixQuery('" * ( ) :')).toBeNull();
    expect(ftsPrefixQuery("")).toBeNull();
    expect(searchWords("a b c d e f g h i j")).toHaveLength(8);
  });

  it("turns day filters into a start and an exclusive end", () => {
    expect(dayBounds("2026-03-15", "2026-03-15")).toEqual({
      from: Date.parse("2026-03-15T00:00:00Z"),
      toExclusive: Date.parse("2026-03-16T00:00:00Z"),
    });
    expect(dayBounds(undefined, undefined)).toEqual({ from: undefined, toExclusive: undefined });
  });
});

describe("the Users list's URL", () => {
  it("reads search, filters, sort and page, dropping only the values that are wrong", () => {
    const query = parseUserListSearch({
      q: "  ada ",
      status: "suspended",
      plan: "gold",
      has_mfa: "true",
      signed_up_from: "2026-01-01",
      active_to: "not a day",
      sort: "email",
      order: "asc",
      page: "3",
    });
    expect(query).toEqual({
      q: "ada",
      status: "suspended",
      has_mfa: "true",
      signed_up_from: "2026-01-01",
      sort: "email",
      order: "asc",
      page: 3,
      per_page: USERS_PER_PAGE,
    });
    expect(parseUserListSearch({ page: "-2", sort: "name", order: "up" })).toEqual({
      sort: "created_at",
      order: "desc",
      page: 1,
      per_page: USERS_PER_PAGE,
    });
    expect(apiQuery(query)).toMatchObject({ q: "ada", page: 3, per_page: USERS_PER_PAGE });
  });

  it("sends a changed filter back to page 1 and drops an emptied one", () => {
    expect(withFilter("plan", "premium")).toEqual({ plan: "premium", page: undefined });
    expect(withFilter("q", "   ")).toEqual({ q: undefined, page: undefined });
    expect(hasFilters({ sort: "email" })).toBe(false);
    expect(hasFilters({ role: "support" })).toBe(true);
    expect(clearedFilters()).toMatchObject({ q: undefined, role: undefined, page: undefined });
  });

  it("flips the order on the same column and starts each column in its natural order", () => {
    const newest = parseUserListSearch({});
    expect(ariaSort(newest, "created_at")).toBe("descending");
    expect(ariaSort(newest, "email")).toBe("none");
    expect(nextSort(newest, "created_at")).toEqual({
      sort: "created_at",
      order: "asc",
      page: undefined,
    });
    expect(nextSort(newest, "email")).toEqual({ sort: "email", order: "asc", page: undefined });
    expect(nextSort(newest, "last_login_at")).toEqual({
      sort: "last_login_at",
      order: "desc",
      page: undefined,
    });
    // back to the default: nothing in the URL
    const oldest = parseUserListSearch({ sort: "created_at", order: "asc" });
    expect(nextSort(oldest, "created_at")).toEqual({
      sort: undefined,
      order: undefined,
      page: undefined,
    });
  });
});

describe("backups and full-text indexes", () => {
  it("recognises an external-content FTS5 table and its shadow tables", () => {
    const sql =
      "CREATE VIRTUAL TABLE `users_search` USING fts5(\n\tname,\n\temail,\n\tcontent='users',\n\ttokenize='unicode61'\n)";
    expect(isExternalContentIndex(sql)).toBe(true);
    expect(isExternalContentIndex("CREATE VIRTUAL TABLE t USING fts5(body)")).toBe(false);
    expect(isExternalContentIndex("CREATE TABLE content (id TEXT)")).toBe(false);
    expect(isShadowTable("users_search_data", ["users_search"])).toBe(true);
    expect(isShadowTable("users_search_config", ["users_search"])).toBe(true);
    expect(isShadowTable("users_search", ["users_search"])).toBe(false);
    expect(isShadowTable("users_search_data", [])).toBe(false);
  });
});
