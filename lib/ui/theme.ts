/**
 * The theme choice, kept per browser in a cookie so that the server renders <html> with
 * it and no page flashes the wrong theme (localStorage is read only after paint).
 * "system" (no cookie) follows prefers-color-scheme.
 */
export const THEME_COOKIE = "hooklens_theme";
export const THEMES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEMES)[number];

export function parseTheme(value: string | undefined | null): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/** The cookie line that stores a choice for a year (or forgets it for "system"). */
export function themeCookie(choice: ThemeChoice): string {
  return choice === "system"
    ? `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`
    : `${THEME_COOKIE}=${choice}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
