import { badRequest } from "../errors.ts";
import { inWords } from "../i18n/details.ts";

/**
 * Reads a deadline given as an instant or as a bare date. A bare date means the end of that day (UTC): that is
 * what "closes on the 30th" means to people.
 */
export function parseDeadline(value: string | null | undefined, field: string): string | null {
  if (!value) return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) throw badRequest(`Invalid ${field}`, [{ field, ...inWords("field.notDate") }]);
  return date.toISOString();
}
