import { fixedColumnKeys } from "../../../server/reports/export-columns.ts";
import type { Session, TestApp } from "../../helpers/build-app.ts";
import { post } from "../../helpers/scenario.ts";

export interface SubmittedSet {
  organizationId: number;
  name: string;
  token: string;
  responseId: number | null;
  data: Record<string, unknown>;
}

/**
 * An evaluation of one questionnaire with an organisation per answer set, each invited and (unless `draft`)
 * submitted through the respondent API, as a respondent would.
 */
export async function evaluationWithResponses(
  t: TestApp,
  session: Session,
  options: {
    questionnaireId: string;
    json?: Record<string, unknown>;
    sets: Array<{ data: Record<string, unknown>; name?: string; region?: string; locale?: string; draft?: boolean }>;
    evaluationName?: string;
    baselineEvaluationId?: number;
    organizationIds?: number[];
  },
): Promise<{ evaluationId: number; responses: SubmittedSet[] }> {
  if (options.json) await post(t, session, "/api/questionnaires", { id: options.questionnaireId, json: options.json });
  const { id: evaluationId } = await post(t, session, "/api/evaluations", {
    name: options.evaluationName ?? `Evaluation of ${options.questionnaireId}`,
    questionnaireIds: [options.questionnaireId],
    ...(options.baselineEvaluationId ? { baselineEvaluationId: options.baselineEvaluationId } : {}),
  });
  const responses: SubmittedSet[] = [];
  for (const [i, set] of options.sets.entries()) {
    const name = set.name ?? `Organisation ${i + 1} of ${options.questionnaireId}`;
    const organizationId =
      options.organizationIds?.[i] ??
      (await post(t, session, "/api/organizations", { name, kind: "ngo", region: set.region ?? "Chui" })).id;
    const [invitation] = await post(t, session, `/api/evaluations/${evaluationId}/invitations`, {
      organizationIds: [organizationId],
      questionnaireId: options.questionnaireId,
      ...(set.locale ? { locale: set.locale } : {}),
    });
    const token = invitation.token as string;
    let responseId: number | null = null;
    if (set.draft) {
      const res = await t.app.inject({
        method: "PUT",
        url: `/api/respond/${token}/draft`,
        payload: { data: set.data, currentPage: 0, ...(set.locale ? { locale: set.locale } : {}) },
      });
      if (res.statusCode !== 200) throw new Error(`draft -> ${res.statusCode}: ${res.body}`);
    } else {
      const res = await t.app.inject({
        method: "POST",
        url: `/api/respond/${token}/submit`,
        payload: { data: set.data, ...(set.locale ? { locale: set.locale } : {}) },
      });
      if (res.statusCode !== 200) throw new Error(`submit -> ${res.statusCode}: ${res.body}`);
      responseId = res.json().responseId as number;
    }
    responses.push({ organizationId, name, token, responseId, data: set.data });
  }
  return { evaluationId, responses };
}

// ---- what an export must hold, computed from the submitted answers independently of the planner ----

function isFileEntry(value: unknown): value is { name: unknown; content?: unknown } {
  return typeof value === "object" && value !== null && "name" in value && ("content" in value || "type" in value);
}

/** A leaf value as the CSV writes it: lists joined by ";", files by name, booleans true/false. */
export function expectedField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) {
    if (value.every(isFileEntry)) return value.map((f) => String(f.name)).join(";");
    return value.map((v) => expectedField(v)).join(";");
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The first columns of the responses table and sheet; an answer column never takes their names. */
const fixedColumns: ReadonlySet<string> = new Set(fixedColumnKeys);

/**
 * Each answer cell of a response by its column key: `q`, `matrix.row`, `mdrop.row.col`, `panel[0].q`,
 * `mdyn[1].col`, `q-Comment`, as docs/reports.md names them.
 */
export function expectedCells(data: Record<string, unknown>, prefix = ""): Map<string, string> {
  const cells = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) {
    // A question named like a fixed column (`region`) gets the column `q.region`.
    const name = prefix === "" ? (fixedColumns.has(key) ? `q.${key}` : key) : `${prefix}.${key}`;
    if (
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((v) => typeof v === "object" && v !== null) &&
      !value.every(isFileEntry)
    ) {
      value.forEach((element, i) => {
        for (const [k, v] of expectedCells(element as Record<string, unknown>, `${name}[${i}]`)) cells.set(k, v);
      });
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [k, v] of expectedCells(value as Record<string, unknown>, name)) cells.set(k, v);
    } else {
      cells.set(name, expectedField(value));
    }
  }
  return cells;
}
