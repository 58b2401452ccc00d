import path from "node:path";
import { expect, request as requestContext, test, type Page } from "@playwright/test";
import { horizontalOverflow } from "../../e2e/support/page-checks";
import { startReplaySink, type ReplaySink } from "../../tests/support/replay-sink";
import { seed, type Seeded } from "./seed";

const OUT = path.resolve(process.env.SCREENSHOTS_DIR ?? "screenshots");
const WIDTHS = [1440, 390] as const;
const THEMES = ["light", "dark"] as const;

/** A page to shoot: where, and what to do there first (open a menu, press a key). */
type Shot = { name: string; path: string; before?: (page: Page, phone: boolean) => Promise<void> };

const openMenu = async (page: Page, phone: boolean) => {
  if (phone) await page.getByRole("button", { name: "Menu" }).click();
};

function shots(seeded: Seeded): Shot[] {
  const endpoint = encodeURIComponent(seeded.endpointId);
  return [
    { name: "overview", path: "/" },
    { name: "events", path: "/events" },
    { name: "events-filtered", path: `/events?endpoint=${endpoint}&resource_type=server` },
    { name: "delivery", path: `/events/${seeded.deliveryId}` },
    { name: "resources", path: "/resources" },
    { name: "resource-changes", path: "/resources/changes" },
    { name: "resource-timeline", path: seeded.resourcePath },
    {
      name: "compare",
      path: `${seeded.resourcePath}?compare=${seeded.compare.join(",")}`,
    },
    { name: "endpoints", path: "/endpoints" },
    { name: "endpoint", path: `/setup?endpoint=${endpoint}&step=apply` },
    { name: "setup-1-robot", path: "/setup" },
    { name: "setup-2-preview", path: `/setup?endpoint=${endpoint}&step=preview` },
    { name: "setup-3-subscription", path: `/setup?endpoint=${endpoint}&step=subscription` },
    { name: "replays", path: "/replays" },
    { name: "replay-attempt", path: `/replays/${seeded.replayId}` },
    { name: "bulk-new", path: `/replays/bulk?endpoint=${endpoint}&resource_type=server` },
    { name: "bulk-run", path: `/replays/bulk/${seeded.bulkId}` },
    { name: "forwards", path: "/forwards" },
    { name: "forward-rule", path: `/forwards/${seeded.ruleId}` },
    {
      name: "saved-views",
      path: "/events",
      before: async (page, phone) => {
        await openMenu(page, phone);
        await page.getByText(/^Views/).click();
      },
    },
    {
      name: "menu",
      path: "/events",
      before: openMenu,
    },
    {
      name: "shortcuts",
      path: "/events",
      before: async (page) => {
        await page.keyboard.press("?");
      },
    },
    { name: "not-found", path: "/no-such-page" },
    { name: "delivery-missing", path: "/events/99999999" },
    { name: "resource-missing", path: "/resources/server/no-such-resource" },
    { name: "replay-missing", path: "/replays/99999999" },
  ];
}

let sink: ReplaySink;
let seeded: Seeded;

test.beforeAll(async ({ baseURL, extraHTTPHeaders }) => {
  sink = await startReplaySink();
  const request = await requestContext.newContext({ baseURL, extraHTTPHeaders });
  seeded = await seed(request, sink);
  await request.dispose();
});

test.afterAll(async () => {
  await sink.close();
});

const VIEWS = [
  { name: "Failed on the long endpoint", search: "?result=failed" },
  { name: "华东 servers, originals only", search: "?resource_type=server&duplicate=false" },
];

for (const width of WIDTHS) {
  for (const theme of THEMES) {
    test(`every page at ${width} px, ${theme}`, async ({ browser }, info) => {
      const context = await browser.newContext({
        ...info.project.use,
        viewport: { width, height: width > 600 ? 900 : 844 },
        colorScheme: theme,
      });
      await context.addInitScript((views) => {
        localStorage.setItem("hooklens.saved-views", views);
      }, JSON.stringify(VIEWS));
      const page = await context.newPage();
      const wide: string[] = []; // and other findings
      for (const shot of shots(seeded)) {
        await page.goto(shot.path);
        // A page that never shows a heading is a finding too: shot as it is, and reported.
        await page
          .getByRole("heading")
          .first()
          .waitFor({ timeout: 15_000 })
          .catch(() => wide.push(`${shot.name}: no heading`));
        // Live pages keep a stream open, so "network idle" never comes: wait for the data.
        await expect(page.getByRole("status").filter({ hasText: /^Loading/ }))
          .toHaveCount(0, { timeout: 15_000 })
          .catch(() => wide.push(`${shot.name}: still loading`));
        await page.evaluate(() => document.fonts.ready);
        await shot.before?.(page, width < 600);
        const overflow = await horizontalOverflow(page);
        if (overflow.extra > 0)
          wide.push(`${shot.name}: +${overflow.extra}px ${overflow.culprits}`);
        await page.screenshot({
          path: path.join(OUT, `${width}-${theme}-${shot.name}.png`),
          fullPage: true,
        });
      }
      await context.close();
      const login = await browser.newContext({
        viewport: { width, height: 844 },
        colorScheme: theme,
      });
      const stranger = await login.newPage();
      await stranger.goto("/login");
      await stranger.screenshot({
        path: path.join(OUT, `${width}-${theme}-login.png`),
        fullPage: true,
      });
      await login.close();
      if (wide.length) console.log(`${width} px, ${theme}:\n${wide.join("\n")}`);
    });
  }
}
