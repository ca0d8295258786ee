import { createEffect } from "solid-js";

/** Sets document.title for the current page: "Page · App". */
export function usePageTitle(title: () => string, appName: string): void {
  createEffect(() => {
    document.title = `${title()} · ${appName}`;
  });
}
