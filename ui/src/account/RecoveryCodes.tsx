import { For, Show } from "solid-js";
import { saveBlob } from "~kit/browser/download";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { focusOnMount } from "~kit/forms/fields";
import { copyText } from "./copy-text";

const FILE_NAME = "resume-builder-recovery-codes.txt";
const PRINTING = "two-factor-printing";

function codesAsText(codes: string[]): string {
  return [
    "Resume Builder recovery codes",
    `Saved ${new Date().toISOString().slice(0, 10)}. Each code signs you in once.`,
    "",
    ...codes,
    "",
  ].join("\n");
}

/** Prints the codes alone: the print style hides the rest of the page while this is set. */
function printCodes() {
  document.body.classList.add(PRINTING);
  const done = () => document.body.classList.remove(PRINTING);
  window.addEventListener("afterprint", done, { once: true });
  window.print();
}

/**
 * The recovery codes, shown this once (the server keeps only their hashes): copy, download
 * or print them, then say they are saved.
 */
export function RecoveryCodes(props: { codes: string[]; enrolled: boolean; onSaved: () => void }) {
  return (
    <div class="ds-stack">
      <h3 class="two-factor__step-title" tabindex="-1" ref={focusOnMount}>
        Save your recovery codes
      </h3>
      <Show
        when={props.enrolled}
        fallback={<Alert tone="success">New recovery codes: the old ones no longer work.</Alert>}
      >
        <Alert tone="success" title="Two-factor authentication is on">
          From now on, signing in asks for a code from your authenticator app.
        </Alert>
      </Show>
      <p class="two-factor__text">
        If you lose your phone, each of these codes signs you in once instead of an app code. This
        is the only time they are shown: keep them somewhere safe, such as a password manager.
      </p>
      <div class="two-factor__printable">
        <p class="two-factor__print-title">Resume Builder recovery codes</p>
        <ol class="two-factor__codes" aria-label="Recovery codes">
          <For each={props.codes}>
            {(code) => (
              <li>
                <code class="two-factor__code">{code}</code>
              </li>
            )}
          </For>
        </ol>
      </div>
      <div class="ds-cluster">
        <Button
          variant="outline"
          size="sm"
          onClick={() => void copyText(props.codes.join("\n"), "Recovery codes copied")}
        >
          Copy codes
        </Button>
        <Button
          variant="outline"
          size="sm"
          icon="download"
          onClick={() =>
            saveBlob(new Blob([codesAsText(props.codes)], { type: "text/plain" }), FILE_NAME)
          }
        >
          Download .txt
        </Button>
        <Button variant="outline" size="sm" onClick={printCodes}>
          Print
        </Button>
      </div>
      <div>
        <Button icon="check" onClick={props.onSaved}>
          I have saved my recovery codes
        </Button>
      </div>
    </div>
  );
}
