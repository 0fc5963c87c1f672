import { languageNames, uiLanguages, type UiLanguage } from "../../../../server/i18n/languages.ts";
import { applyUiLanguage, currentUiLanguage, useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { saveUiLanguage } from "./api.ts";

/**
 * The workspace language. Signed in, the choice is kept on the user's account (every device follows it);
 * before signing in it changes only this page.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { session, setSession, api } = useSession();

  async function choose(lang: UiLanguage) {
    applyUiLanguage(lang);
    if (!session || session.offline) return;
    await saveUiLanguage(api, { uiLanguage: lang });
    setSession({ ...session, user: { ...session.user, uiLanguage: lang } });
  }

  return (
    <label className="language-switch">
      <span className="visually-hidden">{t("common.language")}</span>
      <select
        value={currentUiLanguage()}
        aria-label={t("common.language")}
        onChange={(e) => void choose(e.target.value as UiLanguage)}
      >
        {uiLanguages.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {languageNames[lang]}
          </option>
        ))}
      </select>
    </label>
  );
}
