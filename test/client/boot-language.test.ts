import { describe, expect, it } from "vitest";
import { resources } from "../../server/i18n/catalogue.ts";
import { uiLanguages } from "../../server/i18n/languages.ts";
import { bootText, chooseUiLanguage } from "../../client/src/lib/boot-language.ts";

describe("the workspace's language before the catalogue has loaded", () => {
  it.each([
    ["the user's choice, whatever the browser says", "ky", ["ru-RU", "en"], "ky"],
    ["the browser's first language Sapat speaks, without a choice", null, ["de-DE", "ru-RU", "en"], "ru"],
    ["the browser's, when the remembered choice is not a language Sapat speaks", "de", ["ky-KG"], "ky"],
    ["English, when nothing else fits", undefined, ["de-DE", "fr"], "en"],
  ])("%s", (_, chosen, browser, expected) => {
    expect(chooseUiLanguage(chosen, browser)).toBe(expected);
  });

  it("says the wait with the catalogue's own words, in each language", () => {
    for (const lang of uiLanguages) expect(bootText(lang)).toEqual(resources[lang].boot);
    expect(uiLanguages.map((lang) => bootText(lang).loading)).toEqual(["Loading…", "Загрузка…", "Жүктөлүүдө…"]);
  });
});
