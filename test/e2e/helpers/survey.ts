import type { Page } from "playwright-core";

// Driving survey-react-ui the way a person does: by the questions' names and visible texts.

export const question = (page: Page, name: string) => page.locator(`[data-name="${name}"]`);

export async function chooseFromDropdown(page: Page, name: string, optionText: string) {
  // survey-react-ui closes an open dropdown on any scroll: scroll first and let the page settle, then open it.
  const dropdown = question(page, name).locator(".sd-dropdown");
  await dropdown.scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await dropdown.click();
  const option = page.getByRole("option", { name: optionText, exact: true });
  await option.waitFor({ state: "visible" });
  await option.click();
}

export async function waitUntilSaved(page: Page) {
  await page.locator('[role="status"][data-state="saved"]').waitFor({ timeout: 15_000 });
}

/** Clicks Next until the last page, where Complete is offered. */
export async function goToLastPage(page: Page) {
  for (let i = 0; i < 30 && (await page.getByRole("button", { name: "Complete" }).count()) === 0; i++) {
    await page.getByRole("button", { name: "Next" }).click();
  }
}

/** Clicks Complete and confirms in the dialog that asks first (whether or not questions are left unanswered). */
export async function completeAndConfirm(page: Page) {
  await page.getByRole("button", { name: "Complete" }).click();
  await page
    .getByRole("dialog", { name: "Submit your answers?" })
    .getByRole("button", { name: /^Submit( anyway)?$/ })
    .click();
}

/** The required profile answers of ngo-capacity, then straight to the end and submit. */
export async function answerNgoProfileAndSubmit(page: Page, organisation: string) {
  await question(page, "P1").locator("input").fill(organisation);
  await chooseFromDropdown(page, "P2", "Bishkek city");
  await question(page, "P3").getByText("Crisis centre or shelter").click();
  await question(page, "P7").getByText("Hotline").click();
  await goToLastPage(page);
  await completeAndConfirm(page);
  await page.getByRole("heading", { name: "Thank you!" }).waitFor();
}
