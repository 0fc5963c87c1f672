import { useState } from "react";
import { describeError } from "../../lib/format.ts";
import { useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { importOrganizations, type ImportResult } from "./api.ts";

/** Upload or paste CSV, see what would happen line by line, then import: nothing is written before that. */
export function ImportPanel({ onDone }: { onDone: () => void }) {
  const { session } = useSession();
  const { t } = useTranslation();
  const [csv, setCsv] = useState("");
  // A chosen file is sent as it is, so that the server can recognise Windows-1251 or UTF-16 spreadsheets.
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function send(dryRun: boolean): Promise<ImportResult | null> {
    setError(null);
    try {
      return await importOrganizations(session?.csrfToken ?? "", file ?? csv, dryRun);
    } catch (e) {
      setError(describeError(e));
      return null;
    }
  }

  return (
    <div className="panel form">
      <h2>{t("organisations.importPanel.title")}</h2>
      <p className="muted">{t("organisations.importPanel.lead")}</p>
      <input
        type="file"
        accept=".csv,text/csv"
        aria-label={t("organisations.importPanel.file")}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (file) {
            setFile(file);
            setCsv(await file.text());
            setPreview(null);
          }
        }}
      />
      <textarea
        rows={6}
        value={csv}
        aria-label={t("organisations.importPanel.text")}
        placeholder="name,kind,region,email&#10;Tomo,ngo,Issyk-Kul,tomo@example.org"
        onChange={(e) => {
          setCsv(e.target.value);
          setFile(null);
          setPreview(null);
        }}
      />
      <div className="actions">
        <button type="button" disabled={!csv.trim()} onClick={async () => setPreview(await send(true))}>
          {t("organisations.importPanel.preview")}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!preview || preview.errors.length > 0}
          onClick={async () => {
            const result = await send(false);
            if (result && result.errors.length === 0) onDone();
            else setPreview(result);
          }}
        >
          {t("organisations.importPanel.import")}
        </button>
        <button type="button" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {preview && (
        <div className="import-preview">
          <p>
            {t("organisations.importPanel.counts", {
              created: preview.created,
              updated: preview.updated,
              unchanged: preview.unchanged,
            })}{" "}
            ·{" "}
            <strong className={preview.errors.length ? "error" : ""}>
              {t("organisations.importPanel.errors", { count: preview.errors.length })}
            </strong>
            {preview.errors.length > 0 && t("organisations.importPanel.fixFirst")}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>{t("organisations.importPanel.line")}</th>
                <th>{t("common.name")}</th>
                <th>{t("organisations.importPanel.action")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line} className={r.action === "error" ? "row-error" : ""}>
                  <td>{r.line}</td>
                  <td>{r.name ?? "—"}</td>
                  <td>
                    {r.action === "error" && r.messages?.length
                      ? r.messages.join("; ")
                      : t(`organisations.importPanel.actionValue.${r.action}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
