import { useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../../lib/http.ts";
import { useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { uploadQuestionnaire, uploadXlsform, type UploadProblem, type Uploaded } from "./api.ts";

type Outcome = { kind: "stored"; uploaded: Uploaded } | { kind: "refused"; message: string; problems: UploadProblem[] };

/** Upload a SurveyJS JSON or an XLSForm .xlsx as a new questionnaire or a new version of one. */
export function UploadPanel({ onDone }: { onDone: () => void }) {
  const { session } = useSession();
  const { t } = useTranslation("questionnaires");
  const [id, setId] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);

  /** Where a problem is: a spreadsheet cell, a JSON field or a question, in the reader's words. */
  function placeOf(p: UploadProblem): string {
    if (p.sheet !== undefined) {
      if (!p.row) return t("upload.wholeSheet", { sheet: p.sheet });
      return [
        t("upload.sheet", { sheet: p.sheet }),
        t("upload.row", { row: p.row }),
        p.column ? t("upload.column", { column: p.column }) : null,
      ]
        .filter(Boolean)
        .join(", ");
    }
    if (p.field) return t("upload.field", { field: p.field });
    return p.question ? t("upload.questionPlace", { question: p.question }) : "";
  }

  async function upload() {
    if (!file) return;
    const refuse = (message: string, problems: UploadProblem[] = []) =>
      setOutcome({ kind: "refused", message, problems });
    const xlsx = file.name.toLowerCase().endsWith(".xlsx");
    const csrf = session?.csrfToken ?? "";
    setBusy(true);
    setOutcome(null);
    try {
      let uploaded: Uploaded;
      if (xlsx) uploaded = await uploadXlsform(csrf, file, id.trim() || undefined);
      else {
        let json: unknown;
        try {
          json = JSON.parse(await file.text());
        } catch {
          return refuse(t("upload.notJson"));
        }
        if (!id.trim()) return refuse(t("upload.needsId"));
        uploaded = await uploadQuestionnaire(csrf, { id: id.trim(), json: json as Record<string, unknown> });
      }
      setOutcome({ kind: "stored", uploaded });
      onDone();
    } catch (e) {
      if (e instanceof ApiError) refuse(e.body.message, (e.body.details ?? []) as UploadProblem[]);
      else refuse(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="panel form">
      <h2>{t("upload.title")}</h2>
      <p className="muted">{t("upload.lead")}</p>
      <label>
        {t("upload.id")}
        <input
          value={id}
          onChange={(e) => setId(e.target.value)}
          placeholder="household-survey"
          aria-describedby="questionnaire-id-hint"
        />
      </label>
      <p id="questionnaire-id-hint" className="muted">
        {t("upload.idHint")}
      </p>
      <input
        type="file"
        accept=".json,.xlsx,application/json"
        aria-label={t("upload.file")}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <div className="actions">
        <button type="button" className="primary" disabled={!file || busy} onClick={upload}>
          {busy ? t("upload.busy") : t("upload.submit")}
        </button>
      </div>
      {outcome?.kind === "stored" && (
        <div role="status">
          <p>
            {t(outcome.uploaded.created ? "upload.stored" : "upload.known", outcome.uploaded)}{" "}
            <Link to={`/questionnaires/${encodeURIComponent(outcome.uploaded.id)}`}>{t("upload.open")}</Link>
          </p>
          {"warnings" in outcome.uploaded && outcome.uploaded.warnings.length > 0 && (
            <>
              <p>{t("upload.warnings")}</p>
              <ul>
                {outcome.uploaded.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {outcome?.kind === "refused" && (
        <div role="alert" className="error">
          <p>{outcome.problems.length > 0 ? t("upload.refused") : outcome.message}</p>
          {outcome.problems.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>{t("upload.where")}</th>
                  <th>{t("upload.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{placeOf(p)}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
