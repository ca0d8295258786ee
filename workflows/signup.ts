import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { NonRetryableError } from "cloudflare:workflows";
import { type SignupParams, signupParamsSchema } from "../core/workflows/params";
import { findUserById } from "../server/auth/accounts";
import { getOrCreateProfile } from "../server/auth/profiles";
import {
  EMAIL_VERIFIED_EVENT,
  removeUnverifiedAccount,
  sendVerificationEmail,
} from "../server/auth/signup";
import { startPlanAtSignup } from "../server/billing/subscriptions";
import { publicUrl, sendEmail } from "../server/email";
import type { Env } from "../server/env";
import { parseParams } from "./lib/params";
import { recordSteps } from "./lib/record-steps";
import { runTrackedJob } from "./lib/tracked-job";

const RETRY = {
  retries: { limit: 5, delay: "10 seconds", backoff: "exponential" },
  timeout: "1 minute",
} as const;

type Outcome =
  /** `plan`: what the account starts on (Standard's trial, else its plan: Free until paid). */
  | { outcome: "verified"; plan: string }
  | { outcome: "removed_unverified" }
  | { outcome: "account_gone" };

/**
 * Signup (README "Accounts"): the account the API created gets its profile and a verification email,
 * then the flow waits for the address to be confirmed — a reminder after 24 hours, removal
 * of the account after 7 days — and finally starts the chosen plan and says welcome. Every
 * email has a dedupe key, so a step replayed after a crash never sends a second one.
 */
export class SignupWorkflow extends WorkflowEntrypoint<Env, SignupParams> {
  override async run(
    event: Readonly<WorkflowEvent<SignupParams>>,
    rawStep: WorkflowStep,
  ): Promise<Outcome> {
    // Mirrors the step history to D1 for the operators' console (README "Workflow runs").
    const step = recordSteps(this.env, "signup", event, rawStep);
    const { userId, plan, jobId } = parseParams(signupParamsSchema, event.payload);
    const job = { jobId, instanceId: event.instanceId };
    return runTrackedJob(this.env, step, job, async (steps) => {
      const account = await steps.do("create user", RETRY, async () => {
        const user = await findUserById(this.env, userId);
        if (!user) throw new NonRetryableError(`user ${userId} does not exist`);
        await steps.progress("create user", 10);
        return { email: user.email, name: user.name, verified: user.emailVerifiedAt !== null };
      });

      await steps.do("create profile", RETRY, async () => {
        await getOrCreateProfile(this.env, userId, Date.now());
        await steps.progress("create profile", 20);
      });

      if (!account.verified) {
        await steps.do("send verification email", RETRY, async () => {
          // The time is read inside the step, as every step of this flow does.
          await sendVerificationEmail(this.env, { id: userId, ...account }, "initial", Date.now());
          await steps.progress("wait for verification", 30);
        });
        const verified = await this.waitForVerification(
          step,
          userId,
          "wait for verification",
          "24 hours",
        );
        if (!verified) {
          await steps.do("send verification reminder", RETRY, async () => {
            await sendVerificationEmail(
              this.env,
              { id: userId, ...account },
              "reminder",
              Date.now(),
              true,
            );
            await steps.progress("wait for verification after reminder", 40);
          });
          const late = await this.waitForVerification(
            step,
            userId,
            "wait for verification after reminder",
            "6 days",
          );
          if (!late) {
            const fate = await steps.do("remove unverified account", RETRY, () =>
              removeUnverifiedAccount(this.env, userId),
            );
            if (fate === "removed") return { outcome: "removed_unverified" } as const;
            if (fate === "gone") return { outcome: "account_gone" } as const;
          }
        }
      }

      const started = await steps.do("start plan", RETRY, async () => {
        // The payment customer, and Standard's 14-day trial; the plan the limits follow is
        // then set by the provider's webhook, never here. Premium and Enterprise start at
        // checkout (onboarding sends the person there), so until then the account is Free.
        const current = (await findUserById(this.env, userId))?.plan ?? "free";
        const { trial } = await startPlanAtSignup(
          this.env,
          { id: userId, email: account.email, name: account.name, plan: current },
          plan,
          // Read inside the step: a replay that finds the step done reuses its result.
          Date.now(),
        );
        await steps.progress("start plan", 80);
        // A checkout paid before the address was confirmed has already set the plan.
        return { plan: trial ? plan : current };
      });
      await steps.do("send welcome email", RETRY, async () => {
        await sendEmail(this.env, {
          to: account.email,
          template: "welcome",
          data: {
            name: account.name,
            plan: started.plan,
            dashboardUrl: publicUrl(this.env, "/dashboard"),
          },
          dedupeKey: `welcome:${userId}`,
          now: Date.now(),
        });
        await steps.progress("send welcome email", 95);
      });
      return { outcome: "verified", plan: started.plan } as const;
    });
  }

  /** True when the event came; on timeout, D1 decides (the event itself may have been lost). */
  private async waitForVerification(
    step: WorkflowStep,
    userId: string,
    name: string,
    timeout: "24 hours" | "6 days",
  ): Promise<boolean> {
    try {
      await step.waitForEvent(name, { type: EMAIL_VERIFIED_EVENT, timeout });
      return true;
    } catch {
      return step.do(`${name}: check account`, RETRY, async () => {
        const user = await findUserById(this.env, userId);
        return user?.emailVerifiedAt != null;
      });
    }
  }
}
