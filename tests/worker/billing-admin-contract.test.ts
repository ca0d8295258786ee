import { describe, expect, it } from "vitest";
import { BACKUP_STATUSES } from "../../core/backup/manifest";
import {
  BILLING_MODES,
  INVOICE_STATUSES,
  LIFECYCLE_STATES,
  STRIPE_EVENT_STATUSES,
  SUBSCRIPTION_STATUSES,
} from "../../core/billing/states";
import { RUN_STATUSES } from "../../core/workflows/runs";
import { api } from "./helpers";

/**
 * The billing and admin schemas now come from core/contract/{billing,admin}.ts (plain zod
 * with `.meta({ id })`): the OpenAPI document must still name them as components, and the
 * states they carry must be the core lists, not loose strings.
 */

type JsonSchema = { enum?: string[]; properties?: Record<string, JsonSchema> };

async function components(): Promise<Record<string, JsonSchema>> {
  const { status, body } = await api("/api/openapi.json");
  expect(status).toBe(200);
  return body.components.schemas;
}

describe("billing and admin schemas in the OpenAPI document", () => {
  it("keeps the component names the apps and clients know", async () => {
    const schemas = await components();
    for (const name of [
      "Subscription",
      "PaymentMethod",
      "Invoice",
      "AuditEntry",
      "WorkflowRun",
      "Backup",
      "StripeEvent",
      "StripeEventAction",
      "Health",
    ])
      expect(schemas[name], name).toBeDefined();
  });

  it("carries the core state lists as enums", async () => {
    const schemas = await components();
    const subscription = schemas.Subscription!.properties!;
    expect(subscription.state!.enum).toEqual([...LIFECYCLE_STATES]);
    expect(subscription.mode!.enum).toEqual([...BILLING_MODES]);
    expect(subscription.subscription!.properties!.status!.enum).toEqual([...SUBSCRIPTION_STATUSES]);
    expect(schemas.Invoice!.properties!.status!.enum).toEqual([...INVOICE_STATUSES]);
    expect(schemas.StripeEvent!.properties!.status!.enum).toEqual([...STRIPE_EVENT_STATUSES]);
    expect(schemas.WorkflowRun!.properties!.status!.enum).toEqual([...RUN_STATUSES]);
    expect(schemas.Backup!.properties!.status!.enum).toEqual([...BACKUP_STATUSES]);
  });
});
