import { describe, expect, it } from "vitest";
import { detectSpam } from "../../core/moderation/rules/detectors/spam";
import { docOf, rulesOf } from "./moderation-support";

const spam = (fields: Record<string, string>) => detectSpam(docOf(fields));

describe("scam phrases", () => {
  it("finds crypto giveaways and guaranteed returns", () => {
    const [giveaway] = spam({
      "basics.summary": "Send 1 BTC to the address below and get 2 BTC back instantly!",
    });
    expect(giveaway).toMatchObject({
      rule: "spam.crypto_giveaway",
      category: "spam",
      layer: "rules",
    });
    expect(giveaway?.confidence).toBeGreaterThan(90);
    expect(
      rulesOf(spam({ "work[0].summary": "Guaranteed returns of 30% on every investment" })),
    ).toEqual(["spam.guaranteed_returns"]);
    expect(rulesOf(spam({ "work[0].summary": "Earn 5% daily profit with our fund" }))).toEqual([
      "spam.guaranteed_returns",
    ]);
  });

  it("finds doubling schemes sent to a wallet rather than a coin", () => {
    const pitch =
      "Side business: 100% legit USDT doubling, send any amount to my TRC20 wallet TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE and get 2x back";
    expect(rulesOf(spam({ "work[0].highlights[0]": pitch })).sort()).toEqual([
      "spam.crypto_giveaway",
      "spam.crypto_wallet",
    ]);
  });

  it("finds wallet addresses only next to giveaway or investment words", () => {
    const wallet = "0x52908400098527886E0F7030069857D2E4169EE7";
    expect(rulesOf(spam({ "basics.summary": `Airdrop bonus: deposit to ${wallet}` }))).toEqual([
      "spam.crypto_wallet",
    ]);
    expect(
      spam({ "projects[0].description": `Deployed the escrow contract at ${wallet} on mainnet.` }),
    ).toEqual([]);
  });

  it("passes honest crypto and finance work", () => {
    expect(
      spam({
        "work[0].summary":
          "Built Bitcoin and Ethereum custody for a regulated exchange; reduced settlement risk.",
        "work[1].summary":
          "Portfolio analyst: modelled expected returns and risk for the pension fund.",
      }),
    ).toEqual([]);
  });
});

describe("repeated text", () => {
  const bullet = "Led a cross-functional team to deliver the quarterly roadmap";

  it("passes a bullet reused across a few jobs", () => {
    expect(
      spam({
        "work[0].highlights[0]": bullet,
        "work[1].highlights[0]": bullet,
        "work[2].highlights[0]": bullet,
      }),
    ).toEqual([]);
  });

  it("flags the same sentence pasted many times, more surely the more it repeats", () => {
    const five = spam({ "basics.summary": `${bullet}. `.repeat(5) });
    expect(five[0]).toMatchObject({ rule: "spam.repeated_text" });
    expect(five[0]?.confidence).toBeLessThanOrEqual(90);
    expect(spam({ "basics.summary": `${bullet}. `.repeat(12) })[0]?.confidence).toBeGreaterThan(90);
  });
});

describe("link farms", () => {
  const links = (count: number, host: (i: number) => string) =>
    Array.from({ length: count }, (_, i) => `https://${host(i)}/page`).join(" ");

  it("passes many links to the same few sites", () => {
    expect(
      spam({
        "projects[0].description": links(25, (i) =>
          i % 2 ? `github.com/jane/repo${i}` : `jane${i}.github.io`,
        ),
      }),
    ).toEqual([]);
  });

  it("flags links to many unrelated sites", () => {
    const farm = spam({ "basics.summary": links(16, (i) => `site${i}.example`) });
    expect(farm[0]).toMatchObject({ rule: "spam.link_farm" });
    expect(farm[0]?.confidence).toBeLessThanOrEqual(90);
    expect(
      spam({ "basics.summary": links(35, (i) => `shop${i}.example`) })[0]?.confidence,
    ).toBeGreaterThan(90);
  });
});
