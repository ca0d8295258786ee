import { type Accessor, createSignal } from "solid-js";

export const THEME_MODES = ["light", "dark", "system"] as const;
export type ThemeMode = (typeof THEME_MODES)[number];
export type ResolvedTheme = "light" | "dark";

/**
 * localStorage key of the chosen mode. ui/public/theme-init.js reads the same key before
 * first paint (so a reload never flashes the wrong theme); keep the two in step.
 */
export const THEME_STORAGE_KEY = "rb-theme";

const DARK_QUERY = "(prefers-color-scheme: dark)";

const isThemeMode = (value: unknown): value is ThemeMode =>
  typeof value === "string" && (THEME_MODES as readonly string[]).includes(value);

function readStoredMode(): ThemeMode {
  try {
    const saved = localStorage.getItem(THEME_STORAGE_KEY);
    return isThemeMode(saved) ? saved : "system";
  } catch {
    // storage can be disabled (privacy modes); the system preference still works
    return "system";
  }
}

export function resolveTheme(mode: ThemeMode): ResolvedTheme {
  if (mode !== "system") return mode;
  return window.matchMedia(DARK_QUERY).matches ? "dark" : "light";
}

function applyTheme(mode: ThemeMode): void {
  document.documentElement.setAttribute("data-theme", resolveTheme(mode));
}

// One signal for the whole page so every switch shows the same choice.
const [themeMode, setThemeModeSignal] = createSignal<ThemeMode>(readStoredMode());
let followingSystem = false;

function followSystemChanges(): void {
  if (followingSystem) return;
  followingSystem = true;
  window.matchMedia(DARK_QUERY).addEventListener("change", () => {
    if (themeMode() === "system") applyTheme("system");
  });
}

export function useThemeMode(): [Accessor<ThemeMode>, (mode: ThemeMode) => void] {
  followSystemChanges();
  const setThemeMode = (mode: ThemeMode) => {
    setThemeModeSignal(mode);
    applyTheme(mode);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, mode);
    } catch {
      // not persisted; the choice still applies to this page
    }
  };
  return [themeMode, setThemeMode];
}
