import { editorRoles, type MemberRole, type Role } from "../../value-lists.ts";

/**
 * A respondent's token (and the link that carries it) lets whoever holds it answer and submit in the organisation's
 * name: only those who may send links (evaluators, admins) receive them; a viewer (of the account, or of the
 * evaluation as a member) gets the rest of the row.
 */
export function mayHandleLinks(role: Role, memberRole: MemberRole | null): boolean {
  return (editorRoles as readonly Role[]).includes(role) && memberRole !== "viewer";
}

/** The row without its `token` and `url`. */
export function withoutLink<T extends { token?: string; url?: string }>(view: T): Omit<T, "token" | "url"> {
  const { token: _token, url: _url, ...rest } = view;
  return rest;
}

/** A message's text with its personal link replaced, for those who may not hold the link. */
export function hideLinkIn(text: string, url: string): string {
  return text.replaceAll(url, "[personal link: visible to evaluators]");
}
