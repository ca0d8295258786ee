import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { NonRetryableError } from "cloudflare:workflows";
import {
  DUNNING_SCHEDULE,
  type DunningStage,
  dunningWaitHours,
  formatCents,
  GRACE_HOURS,
} from "../core/billing/lifecycle";
import type { EmailTemplate } from "../core/email/render";
import { type DunningParams, dunningParamsSchema } from "../core/workflows/params";
import {
  DUNNING_WAKE_EVENT,
  findDunningInvoice,
  findDunningSubscription,
  otherPaymentMethod,
} from "../server/billing/dunning";
import { graceEndsAt } from "../server/billing/dunning-grace";
import { billingProvider } from "../server/billing/provider";
import { findAccount, recordBillingEvent } from "../server/billing/records";
import { greetingName, publicUrl, sendEmail } from "../server/email";
import type { Env } from "../server/env";
import { setRunStatus } from "../server/ops/workflow-runs";
import { parseParams } from "./lib/params";
import { recordSteps } from "./lib/record-steps";

const RETRY = {
  retries: { limit: 5, delay: "30 seconds", backoff: "exponential" },
  timeout: "2 minutes",
} as const;

type Stage = "notify" | DunningStage;

/** `voided`: staff voided the invoice, so nothing is owed, and nothing was recovered either. */
type Outcome =
  | { outcome: "recovered"; stage: Stage }
  | { outcome: "voided"; stage: Stage }
  | { outcome: "downgraded" }
  | { outcome: "subscription_ended" };

const HOUR_MS = 3_600_000;

/** How an invoice the flow chases stands: `open` is still owed. */
type Settlement = "paid" | "void" | "open";

const settlementOf = (status: string): Settlement =>
  status === "paid" || status === "void" ? status : "open";

/** The flow's end once its invoice is settled, or null while it is owed. */
const settledOutcome = (settlement: Settlement, stage: Stage): Outcome | null =>
  settlement === "paid"
    ? { outcome: "recovered", stage }
    : settlement === "void"
      ? { outcome: "voided", stage }
      : null;

/** How a charge step left the invoice (`voided` is absent from older runs' results). */
const charged = (result: { paid: boolean; voided?: boolean }): Settlement =>
  result.paid ? "paid" : result.voided ? "void" : "open";

/**
 * The grace warning and the downgrade hang on the end of grace, which an admin may move: their
 * waits are planned back from it (24 h before it, and at it), not from the flow's start.
 */
const beforeGraceEnd = (stage: (typeof DUNNING_SCHEDULE)[number]): number | null =>
  stage.stage === "grace_warning" || stage.stage === "downgrade"
    ? (GRACE_HOURS - stage.atHours) * HOUR_MS
    : null;
/** Wakes one wait may take (each wake is two steps): far above any real run's. */
const MAX_WAKES = 25;

interface Notice {
  email: string;
  name: string | null;
  plan: string;
  amount: string;
  invoiceNumber: string;
  graceEndsAt: string;
  billingUrl: string;
}

/**
 * Dunning (README "Billing"), one instance per failed invoice: notify at once; retry after 1 h; at
 * 6 h try another card on file; at 24 h a final retry and an urgent email; at 48 h a warning
 * that grace ends in 24 h; at 72 h the subscription ends for non-payment (Free) with a
 * notice. Every wait also ends on the `dunning-wake` event (a payment or void the webhook
 * consumer applied, or more grace an admin gave), and after each wait D1 is asked, so a
 * payment at any point ends the flow ("recovered") even if the event came while no wait was
 * listening, and a void ends it too ("voided": written off, not recovered). The warning and
 * the downgrade follow the end of grace, which an admin may move later (README "Admin:
 * payments"): the warning goes 24 h before the end as it then stands, once. Emails have dedupe
 * keys; charges carry idempotency keys, so a replayed step neither mails nor charges twice.
 */
export class DunningWorkflow extends WorkflowEntrypoint<Env, DunningParams> {
  override async run(
    event: Readonly<WorkflowEvent<DunningParams>>,
    rawStep: WorkflowStep,
  ): Promise<Outcome> {
    // Mirrors the step history to D1 for the operators' console (README "Workflow runs").
    const step = recordSteps(this.env, "dunning", event, rawStep);
    const params = parseParams(dunningParamsSchema, event.payload);
    // Each marking step reads the clock inside itself, so a replay records the same time.
    await step.do("mark running", () =>
      setRunStatus(this.env, event.instanceId, "running", null, Date.now()),
    );
    const outcome = await this.flow(params, step, event.timestamp.getTime());
    await step.do("mark complete", () =>
      setRunStatus(this.env, event.instanceId, "complete", null, Date.now()),
    );
    return outcome;
  }

  private async flow(p: DunningParams, step: WorkflowStep, startedAt: number): Promise<Outcome> {
    const notice = await step.do("notify payment failed", RETRY, async () => {
      const found = await this.notice(p, startedAt);
      if (settlementOf(found.status) === "open")
        await this.mail(p, "payment_failed", found.notice, "failed");
      return found;
    });
    const noticed = settledOutcome(settlementOf(notice.status), "notify");
    if (noticed) return noticed;

    for (const [index, stage] of DUNNING_SCHEDULE.entries()) {
      const waited = settledOutcome(
        await this.waitForPayment(step, p, index, startedAt),
        stage.stage,
      );
      if (waited) return waited;
      switch (stage.stage) {
        case "retry": {
          const result = await step.do("retry payment", RETRY, () =>
            this.charge(p, null, "retry-1h"),
          );
          const settled = settledOutcome(charged(result), stage.stage);
          if (settled) return settled;
          break;
        }
        case "alternate_method": {
          const result = await step.do("retry with another payment method", RETRY, async () => {
            const other = await otherPaymentMethod(this.env, p);
            if (!other)
              return { paid: false, voided: false, message: "no other payment method on file" };
            return this.charge(p, other, "retry-6h-alternate");
          });
          const settled = settledOutcome(charged(result), stage.stage);
          if (settled) return settled;
          break;
        }
        case "final_retry": {
          const result = await step.do("final retry", RETRY, () =>
            this.charge(p, null, "retry-24h-final"),
          );
          const settled = settledOutcome(charged(result), stage.stage);
          if (settled) return settled;
          await step.do("send urgent email", RETRY, () =>
            this.mail(p, "payment_final_notice", notice.notice, "final"),
          );
          break;
        }
        case "grace_warning":
          await step.do("send grace warning", RETRY, async () => {
            const until = await graceEndsAt(this.env, p, startedAt);
            const graceEndsAtIso = new Date(until).toISOString();
            await this.mail(
              p,
              "grace_ending",
              { ...notice.notice, graceEndsAt: graceEndsAtIso },
              "grace-warning",
            );
          });
          break;
        case "downgrade": {
          const ended = await step.do("downgrade to free", RETRY, () => this.endSubscription(p));
          if (!ended) return { outcome: "subscription_ended" };
          await step.do("send downgrade notice", RETRY, () =>
            this.mail(p, "downgraded_to_free", notice.notice, "downgraded"),
          );
          return { outcome: "downgraded" };
        }
      }
    }
    return { outcome: "downgraded" };
  }

  /**
   * How the invoice stands once the wait is over: `paid` or `void` as soon as it is, `open` when
   * the stage's time came with it still owed. The wait lasts until the stage's time, or for the
   * warning and the downgrade until their time before the end of grace; a wake that finds the
   * invoice still owed waits on for what is left, and so does a timeout that finds grace moved
   * later. Each wake's "now" comes from a step, so a replay plans the same waits.
   */
  private async waitForPayment(
    step: WorkflowStep,
    p: DunningParams,
    index: number,
    startedAt: number,
  ): Promise<Settlement> {
    const stage = DUNNING_SCHEDULE[index]!;
    const fromGraceEnd = beforeGraceEnd(stage);
    let until = startedAt + stage.atHours * HOUR_MS;
    let timeoutMs = dunningWaitHours(index) * HOUR_MS;
    for (let round = 1; round <= MAX_WAKES; round++) {
      const name = round === 1 ? stage.wait : `${stage.wait} (${round})`;
      let woken = true;
      try {
        await step.waitForEvent(name, {
          type: DUNNING_WAKE_EVENT,
          timeout: `${Math.ceil(timeoutMs / 1000)} seconds`,
        });
      } catch {
        woken = false;
      }
      const seen = await step.do(`${name}: check invoice`, RETRY, async () => {
        const { status } = await this.invoice(p);
        return {
          settled: settlementOf(status) !== "open",
          status: settlementOf(status),
          until:
            fromGraceEnd === null
              ? until
              : (await graceEndsAt(this.env, p, startedAt)) - fromGraceEnd,
          now: Date.now(),
        };
      });
      if (seen.settled) return seen.status;
      if (!woken && seen.until <= until) return "open";
      until = Math.max(until, seen.until);
      timeoutMs = until - seen.now;
      if (timeoutMs <= 0) return "open";
    }
    return "open";
  }

  private async invoice(p: DunningParams) {
    const invoice = await findDunningInvoice(this.env, p);
    if (!invoice) throw new NonRetryableError(`invoice ${p.invoiceId} is not recorded`);
    return invoice;
  }

  private async notice(
    p: DunningParams,
    startedAt: number,
  ): Promise<{ status: string; notice: Notice }> {
    const [invoice, account, subscription] = await Promise.all([
      this.invoice(p),
      findAccount(this.env, p.userId),
      findDunningSubscription(this.env, p),
    ]);
    if (!account) throw new NonRetryableError(`account ${p.userId} is gone`);
    return {
      status: invoice.status,
      notice: {
        email: account.email,
        name: greetingName(account),
        plan: subscription?.plan ?? account.plan,
        amount: formatCents(invoice.amountDue - invoice.amountPaid, invoice.currency),
        invoiceNumber: invoice.number ?? invoice.id,
        graceEndsAt: new Date(startedAt + GRACE_HOURS * 3_600_000).toISOString(),
        billingUrl: publicUrl(this.env, "/account/billing"),
      },
    };
  }

  private async mail(p: DunningParams, template: EmailTemplate, notice: Notice, stage: string) {
    const { email, ...data } = notice;
    await sendEmail(this.env, {
      to: email,
      template: template as "payment_failed",
      data,
      dedupeKey: `dunning:${p.invoiceId}:${stage}`,
      // Every caller is inside a step, so the clock is read there, as the marking steps do.
      now: Date.now(),
    });
    await this.audit(p, "dunning.email_sent", { stage, template });
  }

  /** Charges the invoice unless it is settled already (a void one is never charged). */
  private async charge(p: DunningParams, paymentMethodId: string | null, attempt: string) {
    const settlement = settlementOf((await this.invoice(p)).status);
    if (settlement !== "open")
      return { paid: settlement === "paid", voided: settlement === "void", message: null };
    const provider = await billingProvider(this.env);
    const result = await provider.payInvoice(
      { invoiceId: p.invoiceId, paymentMethodId },
      `dunning:${p.invoiceId}:${attempt}`,
    );
    await this.audit(p, "dunning.retry", { attempt, paid: result.paid, message: result.message });
    return { ...result, voided: false };
  }

  /** False when the subscription had already ended (nothing left to downgrade). */
  private async endSubscription(p: DunningParams): Promise<boolean> {
    const subscription = await findDunningSubscription(this.env, p);
    if (!subscription || subscription.status === "canceled") return false;
    const provider = await billingProvider(this.env);
    await provider.endForNonPayment(p.subscriptionId, `dunning:${p.invoiceId}:end`);
    await this.audit(p, "dunning.downgraded", { subscription_id: p.subscriptionId });
    return true;
  }

  /** Only ever called inside a step, so the time read here is the step's, kept on replay. */
  private audit(p: DunningParams, type: string, detail: Record<string, unknown>) {
    return recordBillingEvent(this.env, {
      userId: p.userId,
      customerId: null,
      type,
      source: "workflow",
      detail: { invoice_id: p.invoiceId, ...detail },
      at: Date.now(),
    });
  }
}
