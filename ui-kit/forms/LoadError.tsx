import { Show } from "solid-js";
import { Alert } from "../design-system/components/Alert";
import { Button } from "../design-system/components/Button";
import { describeError } from "./describe-error";

/**
 * Something a page reads could not be loaded: what, the reason a person can act on, and a
 * retry when the page can ask again. The one "could not be loaded" alert of both apps.
 */
export function LoadError(props: {
  /** "Invoices" → "Invoices could not be loaded". */
  what: string;
  error: unknown;
  onRetry?: () => unknown;
  /** A heading that says more than the default, e.g. "Run not found" for a 404. */
  title?: string;
}) {
  return (
    <Alert
      tone="error"
      title={props.title ?? `${props.what} could not be loaded`}
      action={
        <Show when={props.onRetry}>
          {(retry) => (
            <Button variant="outline" size="sm" onClick={() => void retry()()}>
              Try again
            </Button>
          )}
        </Show>
      }
    >
      {describeError(props.error)}
    </Alert>
  );
}
