import { describe, expect, it } from "vitest";
import {
  COMMON_PASSWORDS_MIN_LENGTH,
  COMMON_PASSWORDS_TEXT,
} from "../../core/auth/common-passwords";
import {
  checkPasswordPolicy,
  isCommonPassword,
  isTriviallyPredictable,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  personalTerms,
} from "../../core/auth/password-policy";
import {
  readGenerated,
  readSource,
  renderModule,
  selectPasswords,
} from "../../scripts/generate-common-passwords.mjs";

const codes = (password: string, context: { email?: string; name?: string } = {}) => {
  const result = checkPasswordPolicy(password, context);
  return result.ok ? [] : result.issues.map((issue) => issue.code);
};

describe("checkPasswordPolicy: length", () => {
  it("accepts a long, uncommon password", () => {
    expect(checkPasswordPolicy("violet-harbour-tractor-19", {})).toEqual({ ok: true });
  });

  it("refuses fewer than 10 characters and accepts exactly 10", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(codes("Zq8#mv2!x")).toEqual(["too_short"]);
    expect(codes("Zq8#mv2!xK")).toEqual([]);
    expect(codes("")).toEqual(["too_short"]);
  });

  it("refuses more than 128 characters and accepts exactly 128", () => {
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    const base = Array.from({ length: 30 }, (_, i) => `w${i * 7}-`).join(""); // 140 characters
    expect(codes(base.slice(0, 128))).toEqual([]);
    expect(codes(base.slice(0, 129))).toEqual(["too_long"]);
  });

  it("counts code points after NFC, not UTF-16 units or combining marks", () => {
    // 9 emoji are 18 UTF-16 units but 9 characters: too short.
    expect(codes("🦊🐙🦉🐝🦋🐢🦔🐬🦜")).toEqual(["too_short"]);
    expect(codes("🦊🐙🦉🐝🦋🐢🦔🐬🦜🐳")).toEqual([]);
    // "é" as e + U+0301 is one character after NFC: 10 UTF-16 units, 9 characters.
    const decomposed = "cre\u0301me-br9";
    expect(decomposed.length).toBe(10);
    expect(codes(decomposed)).toEqual(["too_short"]);
    expect(codes(`${decomposed}q`)).toEqual([]);
  });

  it("reports every issue with a message for people", () => {
    const result = checkPasswordPolicy("alice1", { name: "Alice" });
    expect(result).toEqual({
      ok: false,
      issues: [
        { code: "too_short", message: "Use at least 10 characters." },
        { code: "contains_personal_info", message: expect.stringContaining("name") },
      ],
    });
  });
});

describe("checkPasswordPolicy: common passwords", () => {
  it("refuses listed passwords in any case", () => {
    for (const password of ["qwertyuiop", "1qaz2wsx3edc", "PASSWORD123", "Basketball"]) {
      expect(codes(password), password).toEqual(["common"]);
    }
  });

  it("refuses repeated units and runs of consecutive characters", () => {
    for (const password of [
      "1111111111",
      "aaaaaaaaaaaa",
      "1212121212",
      "abcabcabcab",
      "qwertyqwerty",
      "0123456789",
      "9876543210",
      "abcdefghijk",
    ]) {
      expect(isTriviallyPredictable(password.toLowerCase()), password).toBe(true);
      expect(codes(password), password).toEqual(["common"]);
    }
    expect(isTriviallyPredictable("0123456780")).toBe(false);
    expect(isTriviallyPredictable("ab")).toBe(false);
  });

  it("leaves short list entries to the length rule (the shipped list starts at 10)", () => {
    expect(codes("password")).toEqual(["too_short"]);
    expect(isCommonPassword("Dragon")).toBe(false);
    expect(codes("zzzzzzz")).toEqual(["too_short", "common"]);
  });
});

describe("checkPasswordPolicy: personal information", () => {
  const context = { email: "Jane.Doe+jobs@example.com", name: "Jane van Doorn" };

  it("derives the email's local part, its +tag-less form, words and the name", () => {
    expect(personalTerms(context).sort()).toEqual(
      ["jane.doe+jobs", "jane.doe", "jane", "jobs", "janevandoorn", "doorn"].sort(),
    );
    expect(personalTerms({ email: "bob@example.com", name: "Al Li" })).toEqual(["alli"]);
  });

  it("refuses a password containing any of them, in any case", () => {
    expect(codes("my-JANE.DOE-secret-99", context)).toEqual(["contains_personal_info"]);
    expect(codes("doorn-violet-harbour", context)).toEqual(["contains_personal_info"]);
    expect(codes("JaneVanDoorn#2024", context)).toEqual(["contains_personal_info"]);
  });

  it("ignores pieces shorter than 4 characters and missing context", () => {
    expect(codes("doe-violet-harbour", context)).toEqual([]);
    expect(codes("bob-violet-harbour", { email: "bob@example.com", name: "Al Li" })).toEqual([]);
    expect(codes("violet-harbour-tractor", {})).toEqual([]);
  });

  it("compares after NFC so a decomposed accent still matches", () => {
    expect(codes("zo\u00eblle-violet-harbour", { name: "Zoe\u0308lle Smith" })).toEqual([
      "contains_personal_info",
    ]);
  });
});

describe("shipped common-password list", () => {
  const list = COMMON_PASSWORDS_TEXT.split("\n");

  it("holds only lower-case entries the length rule does not already refuse", () => {
    expect(COMMON_PASSWORDS_MIN_LENGTH).toBe(PASSWORD_MIN_LENGTH);
    expect(list.length).toBeGreaterThan(1000);
    expect(new Set(list).size).toBe(list.length);
    for (const entry of list) {
      expect([...entry].length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
      expect(entry).toBe(entry.toLowerCase());
    }
  });

  it("is what the generator makes from the installed package (regenerate when this fails)", () => {
    const source = readSource();
    expect(readGenerated()).toBe(renderModule(source, PASSWORD_MIN_LENGTH));
    expect(selectPasswords(["AbcdefghiJ", "abcdefghij", "short"], 10)).toEqual(["abcdefghij"]);
  });

  it("stays small enough for the Worker bundle", () => {
    expect(COMMON_PASSWORDS_TEXT.length).toBeLessThan(40_000);
  });
});
