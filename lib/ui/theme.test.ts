import { describe, expect, it } from "vitest";
import { parseTheme, themeCookie } from "./theme";

describe("theme choice", () => {
  it("accepts light and dark, and takes anything else as following the system", () => {
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme("DARK")).toBe("system");
    expect(parseTheme("<script>")).toBe("system");
    expect(parseTheme(undefined)).toBe("system");
  });

  it("stores a choice for a year and forgets it for the system's", () => {
    expect(themeCookie("dark")).toBe("hooklens_theme=dark; Path=/; Max-Age=31536000; SameSite=Lax");
    expect(themeCookie("system")).toContain("Max-Age=0");
  });
});
