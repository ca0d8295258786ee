import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { api } from "~/auth/session";
import { describeError } from "~/forms/create-form";
import { TEST_PAYMENT_METHOD_TOKENS } from "~core/billing/test-cards";
import { Alert } from "~ds/components/Alert";
import { Badge } from "~ds/components/Badge";
import { Button } from "~ds/components/Button";
import { Card } from "~ds/components/Card";
import { Checkbox } from "~ds/components/Checkbox";
import { Select } from "~ds/components/Select";
import { SkeletonText } from "~ds/components/Skeleton";
import {
  addPaymentMethod,
  listPaymentMethods,
  type PaymentMethod,
  removePaymentMethod,
  setDefaultPaymentMethod,
} from "~shared/api/billing";
import { ConfirmDialog } from "./ConfirmDialog";
import { withIdempotencyKey } from "./idempotency";

const TEST_CARD_NOTES: Record<string, string> = {
  pm_card_visa: "succeeds",
  pm_card_chargeCustomerFail: "saved, then its charges fail",
  pm_card_visa_chargeDeclinedInsufficientFunds: "declined",
};

const TEST_CARD_OPTIONS = Object.entries(TEST_PAYMENT_METHOD_TOKENS).map(([token, number]) => ({
  value: token,
  label: `Test Visa ending ${number.slice(-4)} (${TEST_CARD_NOTES[token] ?? token})`,
}));

const brandName = (brand: string) => brand.charAt(0).toUpperCase() + brand.slice(1);
export const cardName = (card: Pick<PaymentMethod, "brand" | "last4">) =>
  `${brandName(card.brand)} ending ${card.last4}`;

export interface PaymentMethodsProps {
  mode: "stripe" | "local";
  reloadKey: string;
  announce: (message: string) => void;
  /** After a change the provider confirmed (the subscription's default card may follow). */
  onChanged: () => void;
}

/** Cards on file: the default one is charged; add (local test cards), set default, remove. */
export function PaymentMethods(props: PaymentMethodsProps) {
  const [cards, { refetch }] = createResource(
    () => props.reloadKey,
    () => listPaymentMethods(api),
  );
  const [token, setToken] = createSignal("pm_card_visa");
  const [makeDefault, setMakeDefault] = createSignal(true);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [removing, setRemoving] = createSignal<PaymentMethod | null>(null);

  const list = () =>
    cards.state === "ready" || cards.state === "refreshing" ? (cards.latest ?? []) : [];

  /** The card list follows the provider's event: poll until it shows the change. */
  async function until(done: (list: PaymentMethod[]) => boolean) {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const next = await refetch();
      if (next && done(next)) return true;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 1.4 ** attempt, 3_000)));
    }
    return false;
  }

  async function run(label: string, work: () => Promise<boolean>, done: string) {
    setBusy(label);
    setProblem(null);
    try {
      const confirmed = await work();
      props.announce(confirmed ? done : `${done} It may take a moment to show here.`);
      props.onChanged();
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(null);
    }
  }

  const add = () =>
    run(
      "add",
      async () => {
        const body = { payment_method_id: token(), make_default: makeDefault() };
        const card = await withIdempotencyKey(`add-card:${body.payment_method_id}`, (key) =>
          addPaymentMethod(api, body, key),
        );
        return until((next) => next.some((c) => c.id === card.id));
      },
      "Card added.",
    );

  const setDefault = (card: PaymentMethod) =>
    run(
      card.id,
      async () => {
        await withIdempotencyKey(`default-card:${card.id}`, (key) =>
          setDefaultPaymentMethod(api, card.id, key),
        );
        return until((next) => next.some((c) => c.id === card.id && c.is_default));
      },
      `${cardName(card)} is now the default card.`,
    );

  return (
    <Card title="Payment methods">
      <Show when={problem()}>
        <Alert tone="error">{problem()}</Alert>
      </Show>
      <Switch>
        <Match when={cards.error}>
          <Alert
            tone="error"
            action={
              <Button variant="outline" size="sm" onClick={() => void refetch()}>
                Try again
              </Button>
            }
          >
            Cards could not be loaded: {describeError(cards.error)}
          </Alert>
        </Match>
        <Match when={cards.state === "ready" || cards.state === "refreshing"}>
          <Show
            when={list().length > 0}
            fallback={<p class="ds-muted">No card on file. Cards are saved at checkout.</p>}
          >
            <ul class="billing-cards">
              <For each={list()}>
                {(card) => (
                  <li class="billing-cards__item">
                    <div>
                      <p class="billing-cards__name">
                        {cardName(card)}
                        <Show when={card.is_default}>
                          <Badge tone="success">Default</Badge>
                        </Show>
                      </p>
                      <p class="ds-muted">
                        Expires {String(card.exp_month).padStart(2, "0")}/{card.exp_year}
                      </p>
                    </div>
                    <div class="billing-cards__actions">
                      <Show when={!card.is_default}>
                        <Button
                          variant="outline"
                          size="sm"
                          loading={busy() === card.id}
                          disabled={busy() !== null && busy() !== card.id}
                          onClick={() => void setDefault(card)}
                          aria-label={`Make ${cardName(card)} the default`}
                        >
                          Make default
                        </Button>
                      </Show>
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={busy() !== null}
                        onClick={() => setRemoving(card)}
                        aria-label={`Remove ${cardName(card)}`}
                      >
                        Remove
                      </Button>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Match>
        <Match when={true}>
          <SkeletonText lines={2} label="Loading cards…" />
        </Match>
      </Switch>

      <Switch>
        <Match when={props.mode === "local"}>
          <form
            class="billing-cards__add"
            onSubmit={(event) => {
              event.preventDefault();
              void add();
            }}
          >
            <Select
              label="Add a test card"
              description="Local billing: Stripe's test cards stand in for real ones."
              options={TEST_CARD_OPTIONS}
              value={token()}
              onChange={setToken}
            />
            <Checkbox
              label="Make it the default card"
              checked={makeDefault()}
              onChange={setMakeDefault}
            />
            <Button type="submit" variant="outline" loading={busy() === "add"}>
              Add card
            </Button>
          </form>
        </Match>
        <Match when={true}>
          <p class="ds-muted">New cards are saved when you check out or add a card to a trial.</p>
        </Match>
      </Switch>

      <ConfirmDialog
        open={removing() !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={`Remove ${removing() ? cardName(removing()!) : "card"}?`}
        confirmLabel="Remove card"
        cancelLabel="Keep it"
        tone="danger"
        onConfirm={async () => {
          const card = removing();
          if (!card) return;
          await removePaymentMethod(api, card.id);
          setRemoving(null);
          void run(
            card.id,
            () => until((next) => !next.some((c) => c.id === card.id)),
            `${cardName(card)} removed.`,
          );
        }}
      >
        <p>It will no longer be charged. A subscription that renews needs another card on file.</p>
      </ConfirmDialog>
    </Card>
  );
}
