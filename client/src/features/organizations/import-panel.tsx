import { useState } from "react";
import { describeError } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";
import { importOrganizations, type ImportResult } from "./api.ts";

/** Upload or paste CSV, see what would happen line by line, then import: nothing is written before that. */
export function ImportPanel({ onDone }: { onDone: () => void }) {
  const { session } = useSession();
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
      <h2>Import organisations from CSV</h2>
      <p className="muted">
        One row per organisation with a header row: name, kind (ngo, government, beneficiary, other), region, district,
        org type, contact, email, language (en, ru, ky). Comma or semicolon separated, UTF-8. An organisation already
        here (same email, or same name and region) is updated, never duplicated.
      </p>
      <input
        type="file"
        accept=".csv,text/csv"
        aria-label="CSV file"
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
        aria-label="CSV text"
        placeholder="name,kind,region,email&#10;Tomo,ngo,Issyk-Kul,tomo@example.org"
        onChange={(e) => {
          setCsv(e.target.value);
          setFile(null);
          setPreview(null);
        }}
      />
      <div className="actions">
        <button type="button" disabled={!csv.trim()} onClick={async () => setPreview(await send(true))}>
          Preview
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
          Import
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {preview && (
        <div className="import-preview">
          <p>
            {preview.created} to create · {preview.updated} to update · {preview.unchanged} unchanged ·{" "}
            <strong className={preview.errors.length ? "error" : ""}>{preview.errors.length} error(s)</strong>
            {preview.errors.length > 0 && " — fix them in the file; nothing is imported while any line has an error."}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>Line</th>
                <th>Name</th>
                <th>Action</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line} className={r.action === "error" ? "row-error" : ""}>
                  <td>{r.line}</td>
                  <td>{r.name ?? "—"}</td>
                  <td>{r.action === "error" ? (r.messages?.join("; ") ?? "error") : r.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
