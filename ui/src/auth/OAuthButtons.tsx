import { createResource, For, Show } from "solid-js";
import { api } from "~/auth/session";
import { buttonClass } from "~kit/design-system/components/Button";
import { listOAuthProviders, oauthStartUrl } from "./oauth";
import "./oauth-buttons.css";

/**
 * "Continue with Google / GitHub / Microsoft" on the sign-in and register pages. Renders
 * nothing until the providers are known, and nothing at all when none is configured (or
 * the list cannot be loaded: the password form still works).
 */
export function OAuthButtons(props: { next?: string; label?: string }) {
  const [providers] = createResource(async () => {
    try {
      return (await listOAuthProviders(api)).providers;
    } catch {
      return [];
    }
  });
  return (
    <Show when={providers()?.length}>
      <section class="oauth-buttons" aria-labelledby="oauth-buttons-heading">
        <h2 id="oauth-buttons-heading" class="oauth-buttons__heading">
          {props.label ?? "Or continue with"}
        </h2>
        <ul class="oauth-buttons__list">
          <For each={providers()}>
            {(provider) => (
              <li>
                <a
                  class={`${buttonClass("outline")} oauth-buttons__button`}
                  href={oauthStartUrl(provider.id, { next: props.next })}
                >
                  Continue with {provider.name}
                </a>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
