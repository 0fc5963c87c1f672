import type { Db } from "../../db/database.ts";
import { badRequest } from "../../errors.ts";
import { selectAuditEvents, type AuditFilters } from "../audit/audit.repository.ts";
import { parseDeadline } from "../parse-deadline.ts";
import type { AuditEventList, AuditEventView, AuditQuery } from "./audit-log.schemas.ts";
import { inWords } from "../../i18n/details.ts";

function parseFrom(value: string | undefined): string | undefined {
  if (!value) return undefined;
  // A bare date starts at the beginning of that day (parseDeadline reads it as the end).
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) throw badRequest("Invalid from", [{ field: "from", ...inWords("field.notDate") }]);
  return date.toISOString();
}

function filtersOf(query: AuditQuery, limit: number): AuditFilters {
  const to = parseDeadline(query.to, "to");
  return {
    limit,
    before: query.before === undefined ? undefined : Number(query.before),
    action: query.action,
    userId: query.userId === undefined ? undefined : Number(query.userId),
    from: parseFrom(query.from),
    // parseDeadline makes a day its last millisecond; "before the end of that day" includes it.
    to: to === null ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(query.to ?? "") ? addMs(to, 1) : to,
  };
}

const addMs = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

function toView(row: Awaited<ReturnType<typeof selectAuditEvents>>[number]): AuditEventView {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    userEmail: row.user_email,
    action: row.action,
    target: row.target,
    ip: row.ip,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

/** A page of the audit log, newest first. */
export async function listAuditEvents(db: Db, query: AuditQuery): Promise<AuditEventList> {
  const limit = query.limit ?? 100;
  // One more than asked tells whether another page follows.
  const rows = await selectAuditEvents(db, filtersOf(query, limit + 1));
  const page = rows.slice(0, limit).map(toView);
  return { events: page, nextBefore: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** Every matching event (up to `max`), newest first, for the CSV download. */
export async function allAuditEvents(db: Db, query: AuditQuery, max: number): Promise<AuditEventView[]> {
  return (await selectAuditEvents(db, filtersOf(query, max))).map(toView);
}

const csvColumns = ["id", "at", "userId", "userEmail", "action", "target", "ip", "details"] as const;

/** A CSV cell: quoted when needed, and a leading = + - @ neutralised so that a spreadsheet runs no formula. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditCsv(events: AuditEventView[]): string {
  const lines = [csvColumns.join(",")];
  for (const event of events) lines.push(csvColumns.map((c) => csvCell(event[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}
