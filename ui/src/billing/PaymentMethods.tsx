import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, onMount, Show, Switch } from "solid-js";
import {
  addPaymentMethod,
  type BillingMode,
  listPaymentMethods,
  type PaymentMethod,
  removePaymentMethod,
  setDefaultPaymentMethod,
} from "~/api/billing";
import { api } from "~/auth/session";
import {
  cardBrandName,
  paymentMethodExpiry,
  paymentMethodName,
} from "~core/billing/payment-method-label";
import { findTestCard, TEST_PAYMENT_METHOD_TOKENS } from "~core/billing/test-cards";
import { Alert } from "~kit/design-system/components/Alert";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { Checkbox } from "~kit/design-system/components/Checkbox";
import { Select } from "~kit/design-system/components/Select";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { describeError } from "~kit/forms/describe-error";
import { focusOnMount } from "~kit/forms/fields";
import { LoadError } from "~kit/forms/LoadError";
import { pollUntil } from "~kit/poll/poll-until";
import { ConfirmDialog } from "./ConfirmDialog";
import { cardSetupShows, goToCardSetup, takePendingCardSetup } from "./card-setup";
import { withIdempotencyKey } from "./idempotency";

const TEST_CARD_NOTES: Record<string, string> = {
  pm_card_visa: "succeeds",
  pm_card_mastercard: "succeeds",
  pm_card_chargeCustomerFail: "saved, then its charges fail",
  pm_card_visa_chargeDeclinedInsufficientFunds: "declined",
};

const TEST_CARD_OPTIONS = Object.entries(TEST_PAYMENT_METHOD_TOKENS).map(([token, number]) => ({
  value: token,
  label: `Test ${cardBrandName(findTestCard(token)?.brand ?? "unknown")} ending ${number.slice(-4)} (${TEST_CARD_NOTES[token] ?? token})`,
}));

/** Back from "Add a card": waiting for the provider's events, then the outcome. */
type CardReturn =
  | { kind: "saving" }
  | { kind: "saved"; message: string }
  | { kind: "slow" }
  | { kind: "canceled" };

export interface PaymentMethodsProps {
  mode: BillingMode;
  reloadKey: string;
  /** Says a finished action's outcome to screen readers; it reloads nothing. */
  announce: (message: string) => void;
  /**
   * The cards changed (added, saved at checkout, made default, removed): the page reads what
   * follows from them again — the subscription's default card, history, usage.
   */
  onChanged: () => void;
}

/**
 * Cards on file: the default one is charged. "Add a card" goes through a setup-mode checkout
 * (Stripe Checkout, or the local test checkout) and comes back here with `?card=added`;
 * locally, Stripe's test tokens can be added directly too. Set default, remove.
 */
export function PaymentMethods(props: PaymentMethodsProps) {
  const [cards, { refetch }] = createResource(
    () => props.reloadKey,
    () => listPaymentMethods(api),
  );
  const [search, setSearch] = useSearchParams<{ card?: string }>();
  const [token, setToken] = createSignal("pm_card_visa");
  const [makeDefault, setMakeDefault] = createSignal(true);
  const [setupDefault, setSetupDefault] = createSignal(false);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [removing, setRemoving] = createSignal<PaymentMethod | null>(null);
  const [cardReturn, setCardReturn] = createSignal<CardReturn | null>(null);

  const list = () =>
    cards.state === "ready" || cards.state === "refreshing" ? (cards.latest ?? []) : [];

  /** The card list follows the provider's event: poll until it shows the change. */
  const until = (done: (list: PaymentMethod[]) => boolean) =>
    pollUntil(
      async () => {
        const next = await refetch();
        return next ? done(next) : false;
      },
      { backoff: { first: 500, factor: 1.4, max: 3_000 }, attempts: 20 },
    );

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

  /** Card details are typed on the checkout page, never here; the browser leaves for it. */
  async function addCard() {
    setBusy("setup");
    setProblem(null);
    try {
      await goToCardSetup(setupDefault(), list());
    } catch (error) {
      setBusy(null);
      setProblem(describeError(error));
    }
  }

  onMount(async () => {
    const outcome = search.card;
    if (outcome !== "added" && outcome !== "canceled") return;
    // Said once: a reload or a shared link must not repeat it.
    setSearch({ card: undefined }, { replace: true });
    if (outcome === "canceled") {
      takePendingCardSetup();
      setCardReturn({ kind: "canceled" });
      return;
    }
    const pending = takePendingCardSetup();
    setCardReturn({ kind: "saving" });
    // Checkout only redirects back; the card is listed once its events are through the webhook.
    const shown = await until((next) => cardSetupShows(next, pending));
    if (!shown) {
      setCardReturn({ kind: "slow" });
      return;
    }
    const saved = list().find((card) => !pending?.known.includes(card.id));
    setCardReturn({
      kind: "saved",
      message: saved
        ? `${paymentMethodName(saved)} is on file${saved.is_default ? " and is your default payment method" : ""}.`
        : "",
    });
    props.onChanged();
  });

  const setDefault = (card: PaymentMethod) =>
    run(
      card.id,
      async () => {
        await withIdempotencyKey(`default-card:${card.id}`, (key) =>
          setDefaultPaymentMethod(api, card.id, key),
        );
        return until((next) => next.some((c) => c.id === card.id && c.is_default));
      },
      `${paymentMethodName(card)} is now the default payment method.`,
    );

  return (
    <Card title="Payment methods">
      <Show when={cardReturn()}>
        {(state) => (
          // one live region that stays put while "Saving" turns into the outcome
          <div
            ref={focusOnMount}
            tabindex="-1"
            role="status"
            aria-live="polite"
            class="billing-return billing-cards__return"
            classList={{ "billing-return--done": state().kind === "saved" }}
          >
            <Switch>
              <Match when={state().kind === "saving"}>
                <span class="ds-button__spinner billing-return__spinner" aria-hidden="true" />
                <span>Saving your card…</span>
              </Match>
              <Match when={state().kind === "saved"}>
                <span>
                  <strong>Card saved.</strong> {(state() as { message: string }).message}
                </span>
              </Match>
              <Match when={state().kind === "slow"}>
                <span>
                  Your card was entered at checkout but is not listed yet. Reload this page in a
                  minute.
                </span>
              </Match>
              <Match when={state().kind === "canceled"}>
                <span>No card was added.</span>
              </Match>
            </Switch>
          </div>
        )}
      </Show>
      <Show when={problem()}>
        <Alert tone="error">{problem()}</Alert>
      </Show>
      <Switch>
        <Match when={cards.error}>
          <LoadError what="Cards" error={cards.error} onRetry={refetch} />
        </Match>
        <Match when={cards.state === "ready" || cards.state === "refreshing"}>
          <Show when={list().length > 0} fallback={<p class="ds-muted">No card on file yet.</p>}>
            <ul class="billing-cards">
              <For each={list()}>
                {(card) => (
                  <li class="billing-cards__item">
                    <div>
                      <p class="billing-cards__name">
                        {paymentMethodName(card)}
                        <Show when={card.is_default}>
                          <Badge tone="success">Default</Badge>
                        </Show>
                      </p>
                      <Show when={paymentMethodExpiry(card)}>
                        {(expiry) => <p class="ds-muted">Expires {expiry()}</p>}
                      </Show>
                    </div>
                    <div class="billing-cards__actions">
                      <Show when={!card.is_default}>
                        <Button
                          variant="outline"
                          size="sm"
                          loading={busy() === card.id}
                          disabled={busy() !== null && busy() !== card.id}
                          onClick={() => void setDefault(card)}
                          aria-label={`Make ${paymentMethodName(card)} the default`}
                        >
                          Make default
                        </Button>
                      </Show>
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={busy() !== null}
                        onClick={() => setRemoving(card)}
                        aria-label={`Remove ${paymentMethodName(card)}`}
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

      <div class="billing-cards__setup">
        <Show when={list().length > 0}>
          <Checkbox
            label="Make the new card the default"
            checked={setupDefault()}
            onChange={setSetupDefault}
          />
        </Show>
        <Button
          variant="outline"
          loading={busy() === "setup"}
          disabled={busy() !== null && busy() !== "setup"}
          onClick={() => void addCard()}
        >
          Add a card
        </Button>
        <p class="ds-muted">
          {props.mode === "local"
            ? "You enter the card on the local test checkout page; nothing is charged."
            : "You enter the card on Stripe's secure checkout page; nothing is charged."}
        </p>
      </div>

      <Show when={props.mode === "local"}>
        <form
          class="billing-cards__add"
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <Select
            label="Add a test card"
            description="Local billing: Stripe's test card tokens, added without checkout."
            options={TEST_CARD_OPTIONS}
            value={token()}
            onChange={setToken}
          />
          <Checkbox
            label="Make the test card the default"
            checked={makeDefault()}
            onChange={setMakeDefault}
          />
          <Button type="submit" variant="outline" loading={busy() === "add"}>
            Add test card
          </Button>
        </form>
      </Show>

      <ConfirmDialog
        open={removing() !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={`Remove ${removing() ? paymentMethodName(removing()!) : "payment method"}?`}
        confirmLabel="Remove"
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
            `${paymentMethodName(card)} removed.`,
          );
        }}
      >
        <p>
          It will no longer be charged. A subscription that renews needs another payment method on
          file.
        </p>
      </ConfirmDialog>
    </Card>
  );
}
