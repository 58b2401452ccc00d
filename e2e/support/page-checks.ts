import type { Page } from "@playwright/test";

/** The page's background as sRGB, whatever colour syntax the stylesheet used (oklch...). */
export async function backgroundRgb(page: Page, selector = "body"): Promise<number[]> {
  return page.evaluate((target) => {
    const element = document.querySelector(target);
    if (!element) throw new Error(`no ${target}`);
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2d context");
    context.fillStyle = getComputedStyle(element).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    return Array.from(context.getImageData(0, 0, 1, 1).data.slice(0, 3));
  }, selector);
}

export const isDark = (rgb: number[]) => rgb.reduce((sum, value) => sum + value, 0) / 3 < 80;
export const isLight = (rgb: number[]) => rgb.reduce((sum, value) => sum + value, 0) / 3 > 200;

/**
 * How far the page reaches past the viewport's right edge (0: nothing is cut off), with
 * the widest elements that stick out, for the failure message.
 */
export async function horizontalOverflow(page: Page): Promise<{ extra: number; culprits: string }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const culprits = [...document.body.querySelectorAll("*")]
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 3)
      .map(
        (element) => `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)}`,
      );
    return { extra: root.scrollWidth - root.clientWidth, culprits: culprits.join(" | ") };
  });
}
