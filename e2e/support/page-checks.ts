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

/** How far the page reaches past the viewport's right edge (0: nothing is cut off). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}
