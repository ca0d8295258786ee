import type { Browser, CDPSession, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { accessibilityProblems } from "./support/a11y";
import { registerAccount } from "./support/accounts";
import { launchBrowser, openPage } from "./support/browser";

const baseUrl = inject("baseUrl");
// WebAuthn refuses an IP address as the site: the app is opened on localhost, which the
// Worker accepts as the relying party locally (see README, Passkeys).
const siteUrl = baseUrl.replace("//127.0.0.1:", "//localhost:");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const PASSWORD = "saffron-harbour-lantern-42";

/** What the WebAuthn domain reports of a passkey it holds (base64 fields). */
interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

/**
 * Chromium's virtual authenticator (DevTools WebAuthn domain): a platform authenticator
 * with resident keys whose user verification always succeeds, as a fingerprint would.
 * The environment belongs to the page's renderer, which a navigation may replace (the app
 * sends COOP headers); `attach` then installs a new authenticator holding the same
 * passkeys, as the person's device would still hold them.
 */
class VirtualAuthenticator {
  private cdp: CDPSession | null = null;
  private id = "";
  credentials: VirtualCredential[] = [];

  async attach(page: Page): Promise<void> {
    this.cdp = await page.context().newCDPSession(page);
    await this.cdp.send("WebAuthn.enable", { enableUI: false });
    const { authenticatorId } = await this.cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    this.id = authenticatorId;
    for (const credential of this.credentials)
      await this.cdp.send("WebAuthn.addCredential", { authenticatorId, credential });
  }

  /** Reads the passkeys back from the browser (after a ceremony changed them). */
  async read(): Promise<VirtualCredential[]> {
    if (!this.cdp) throw new Error("attach the authenticator first");
    const { credentials } = await this.cdp.send("WebAuthn.getCredentials", {
      authenticatorId: this.id,
    });
    this.credentials = credentials;
    return credentials;
  }
}

async function signOutFromMenu(page: Page, name: string) {
  await page.getByRole("button", { name: `Account menu, ${name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

describe("passkeys in the user app", () => {
  it("adds a passkey on the security page, renames it, and signs in with it alone", async () => {
    const { email, name } = await registerAccount(baseUrl, {
      label: "passkey",
      name: "Ada Lovelace",
      ip: "192.0.2.71",
      password: PASSWORD,
    });
    const { page, problems, close } = await openPage(browser, { baseUrl: siteUrl });
    try {
      const authenticator = new VirtualAuthenticator();
      await page.goto("/login?next=/account/security");
      await authenticator.attach(page);
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/account/security");

      const card = page.locator("section", {
        has: page.getByRole("heading", { level: 2, name: "Passkeys" }),
      });
      await card.getByText("You have no passkeys yet.").waitFor();
      await card.getByRole("button", { name: "Add a passkey" }).click();
      const list = card.getByRole("list", { name: "Your passkeys" });
      // named from the browser that created it
      await list.getByText("Passkey on Chrome on Linux").waitFor();
      await list.getByText("Not used yet").waitFor();
      const credentials = await authenticator.read();
      expect(credentials).toHaveLength(1);
      expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: "localhost" });

      await card.getByRole("button", { name: "Rename Passkey on Chrome on Linux" }).click();
      const field = page.getByLabel("Name", { exact: true });
      await field.fill("Work laptop");
      await page.getByRole("button", { name: "Save" }).click();
      await list.getByText("Work laptop").waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);

      // signed out, the passkey alone signs in: no email, no password
      await signOutFromMenu(page, name);
      await page.goto("/login");
      await authenticator.attach(page);
      await page.getByRole("button", { name: "Sign in with a passkey" }).click();
      await page.waitForURL((url) => url.pathname === "/dashboard");
      await page.getByRole("heading", { level: 1, name: `Hello, ${name}` }).waitFor();

      const [used] = await authenticator.read();
      expect(used?.signCount).toBeGreaterThan(0);
      await page.goto("/account/security");
      await list.getByText(/^Last used /).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
