// Applies the saved colour theme before the first paint, so a reload never flashes the
// wrong theme. Loaded as a blocking external script because the CSP forbids inline ones.
// Same storage key and values as ui-kit/design-system/theme/theme-mode.ts.
(() => {
  let mode = "system";
  try {
    const saved = window.localStorage.getItem("rb-theme");
    if (saved === "light" || saved === "dark" || saved === "system") mode = saved;
  } catch {
    // storage disabled: fall back to the system preference
  }
  const prefersDark = window.matchMedia("(prefers-color-scheme: dark)").matches;
  const dark = mode === "dark" || (mode === "system" && prefersDark);
  document.documentElement.setAttribute("data-theme", dark ? "dark" : "light");
})();
