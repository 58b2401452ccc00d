import { expect, sendEvent, test } from "./support/fixtures";

// Payloads come from the network: every view must show their text as text.
const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>`;

test("hostile payload text is shown as text on the home page, the feed and the event page", async ({
  page,
  request,
  endpoint,
}) => {
  const id = await sendEvent(request, endpoint, {
    resource_type: "server",
    action: "create",
    resource_details: {
      id: `vm-${endpoint.id}`,
      name: HOSTILE,
      description: HOSTILE,
      status: "running",
    },
  });

  for (const path of ["/", `/events?endpoint=${endpoint.id}`, `/events/${id}`]) {
    await page.goto(path);
    await expect(page.getByText(HOSTILE).first()).toBeVisible();
    expect(await page.locator("img[src=x]").count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).toBeUndefined();
  }
});
