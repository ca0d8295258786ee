import { Alert } from "~ds/components/Alert";
import { Button } from "~ds/components/Button";
import { describeError } from "./create-form";

/** Something a page reads could not be loaded: the reason a person can act on, and a retry. */
export function LoadError(props: { what: string; error: unknown; onRetry: () => unknown }) {
  return (
    <Alert
      tone="error"
      action={
        <Button variant="outline" size="sm" onClick={() => void props.onRetry()}>
          Try again
        </Button>
      }
    >
      {props.what} could not be loaded: {describeError(props.error)}
    </Alert>
  );
}
