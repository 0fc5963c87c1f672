import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { inviteNewOrganization, startServer, type RunningServer } from "./helpers/server.ts";

// The respondent's page on a phone, in each language: one sans-serif font stack for every text (SurveyJS's own
// included, whose theme names "Open Sans", which the page does not ship), a sticky header that leaves the screen
// to the questions, progress in words ("Page 1 of 10"), and <html lang> naming the language shown.

let server: RunningServer;
let browser: Browser;
let link: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ url: link } = await inviteNewOrganization(
    server,
    "ngo-capacity",
    {
      name: "Кыргызстандын аялдар демилгеси «Ак-Жүрөк» коомдук бирикмеси",
      region: "Ысык-Көл облусу",
    },
    {
      name: "PHT final evaluation 2005: partner NGO capacity",
      closesAt: "2027-01-06",
    },
  ));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The computed font-family of every kind of text the page shows: the page's own and survey-core's. */
function fontsOnPage(page: Page) {
  return page.evaluate(() => {
    const selectors = [
      "body",
      ".respondent-bar strong",
      ".respondent-bar select",
      ".save-state",
      ".sd-title",
      ".sd-page__title",
      ".sd-question__title",
      ".sd-question__description",
      ".sd-input",
      ".sd-item__control-label",
      ".sd-dropdown",
      ".page-progress-text",
      ".sd-page__description",
      ".sd-navigation__next-btn",
    ];
    return Object.fromEntries(
      selectors.flatMap((s) => {
        const element = document.querySelector(s);
        return element ? [[s, getComputedStyle(element).fontFamily]] : [];
      }),
    );
  });
}

const headerHeight = (page: Page) =>
  page.evaluate(() => document.querySelector(".respondent-bar")!.getBoundingClientRect().height);

test("on a phone, in English, Russian and Kyrgyz: one sans-serif font, a short header, progress in words", async () => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  const problems = watchConsole(page);
  await page.goto(link);
  await page.locator(".sd-question").first().waitFor();

  const progress: Record<string, string> = {};
  for (const [lang, pattern] of [
    ["en", /^Page 1 of \d+$/],
    ["ru", /^Страница 1 из \d+$/],
    ["ky", /^\d+ беттин 1-бети$/],
  ] as const) {
    if (lang !== "en") await page.locator(".respondent-bar select").selectOption(lang);
    await expect.poll(() => page.locator(".page-progress-text").first().textContent()).toMatch(pattern);
    progress[lang] = (await page.locator(".page-progress-text").first().textContent()) ?? "";
    // A screen reader reads the page with the voice of the language it names.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);

    const fonts = await fontsOnPage(page);
    expect(Object.keys(fonts).length, lang).toBeGreaterThanOrEqual(10);
    const stack = fonts.body!;
    for (const [selector, family] of Object.entries(fonts))
      expect({ lang, selector, family }).toEqual({ lang, selector, family: stack });
    expect(stack).not.toMatch(/Open Sans/);
    expect(stack).toMatch(/sans-serif$/);
    expect(stack).not.toMatch(/(^|,\s*)serif\b/);

    // The sticky header leaves the screen to the questions: under 12% of its height, scrolled or not.
    expect(await headerHeight(page), lang).toBeLessThan(0.12 * 844);
    await page.mouse.wheel(0, 600);
    expect(await headerHeight(page), lang).toBeLessThan(0.12 * 844);
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  expect(problems).toEqual([]);
  await phone.close();
});
