import { useState } from "react";
import type { ApiErrorBody } from "../../lib/http.ts";
import { useSession } from "../../lib/session.tsx";

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Problem = NonNullable<ApiErrorBody["details"]>[number] & { sheet?: string; row?: number; column?: string };

/** Where a problem is: a spreadsheet cell, a JSON field or a question. */
function placeOf(p: Problem): string {
  if (p.sheet !== undefined) {
    return [p.sheet, p.row ? `row ${p.row}` : null, p.column ? `column ${p.column}` : null].filter(Boolean).join(", ");
  }
  return p.field ?? p.question ?? "";
}

/** Upload a SurveyJS JSON or an XLSForm .xlsx as a new questionnaire or a new version of one. */
export function UploadPanel({ onDone }: { onDone: () => void }) {
  const { session } = useSession();
  const [id, setId] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<{ text: string; warnings: string[] } | null>(null);
  const [failure, setFailure] = useState<{ message: string; problems: Problem[] } | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload() {
    if (!file) return;
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      const xlsx = file.name.toLowerCase().endsWith(".xlsx");
      let body: BodyInit;
      if (xlsx) body = file;
      else {
        let json: unknown;
        try {
          json = JSON.parse(await file.text());
        } catch {
          setFailure({ message: "The file is not valid JSON", problems: [] });
          return;
        }
        body = JSON.stringify({ id, json });
      }
      const response = await fetch(
        xlsx ? `/api/questionnaires/xlsform${id ? `?id=${encodeURIComponent(id)}` : ""}` : "/api/questionnaires",
        {
          method: "POST",
          headers: { "content-type": xlsx ? xlsxType : "application/json", "x-csrf-token": session?.csrfToken ?? "" },
          body,
        },
      );
      const answer = await response.json();
      if (!response.ok) {
        setFailure({ message: answer.message, problems: answer.details ?? [] });
        return;
      }
      setResult({
        text: `${answer.id} version ${answer.version}${response.status === 200 ? " (already there)" : ""}`,
        warnings: answer.warnings ?? [],
      });
      onDone();
    } catch (e) {
      setFailure({ message: e instanceof Error ? e.message : String(e), problems: [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="panel form">
      <h2>Upload a questionnaire</h2>
      <p className="muted">A SurveyJS JSON file, or an XLSForm spreadsheet (.xlsx) as made for KoboToolbox or ODK.</p>
      <label>
        Id
        <input value={id} onChange={(e) => setId(e.target.value)} placeholder="household-survey" />
      </label>
      <input
        type="file"
        accept=".json,.xlsx,application/json"
        aria-label="Questionnaire file"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <div className="actions">
        <button type="button" className="primary" disabled={!file || busy} onClick={upload}>
          Upload
        </button>
      </div>
      {result && (
        <div role="status">
          <p>Stored: {result.text}</p>
          {result.warnings.length > 0 && (
            <ul>
              {result.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {failure && (
        <div role="alert" className="error">
          <p>{failure.message}</p>
          {failure.problems.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>Where</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                {failure.problems.map((p, i) => (
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
