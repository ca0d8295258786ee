import { useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import { safeNext } from "~/auth/navigation";
import { buttonClass } from "~kit/design-system/components/Button";

/**
 * A path inside the admin app (`/admin…`) to go back to, or null. The admin app sends its
 * staff here to set up two-factor authentication; `safeNext` keeps user-app paths only, so
 * the part after /admin gets its checks instead.
 */
export function adminReturnPath(next: string | undefined): string | null {
  if (!next || !/^\/admin(\/|$)/.test(next)) return null;
  const rest = next.slice("/admin".length) || "/";
  const checked = safeNext(rest, "");
  return checked === rest ? `/admin${rest}` : null;
}

/** "Back to the admin console" when this page was opened from it with `?next=/admin/…`. */
export function ReturnLink() {
  const [params] = useSearchParams();
  const next = () => {
    const value = params.next;
    return adminReturnPath(Array.isArray(value) ? value[0] : value);
  };
  return (
    <Show when={next()}>
      {(href) => (
        // rel=external: the admin console is another app, which the router must not try
        <a class={`${buttonClass("outline", "sm")} security__return`} href={href()} rel="external">
          Back to the admin console
        </a>
      )}
    </Show>
  );
}
