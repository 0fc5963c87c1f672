import addressparser from "nodemailer/lib/addressparser";
import { badRequest } from "../../errors.ts";
import { inWords } from "../../i18n/details.ts";

/** Characters no plain mailbox holds, and that make a mail client read a list, a name or a comment. */
const plainMailbox = /^[^\s@,;:<>()[\]\\"]+@[^\s@,;:<>()[\]\\"]+$/;

/**
 * Whether `text` is exactly one mailbox (`office@ngo.kg`): nodemailer, which sends the mail, must read the same one
 * address, with no display name and nothing else. `x,attacker@evil.example` is two recipients to nodemailer, and
 * `Name <a@b.kg>` hides the address behind a name.
 */
export function isSingleMailbox(text: string): boolean {
  if (!plainMailbox.test(text)) return false;
  const parsed = addressparser(text);
  return parsed.length === 1 && parsed[0]!.group === undefined && parsed[0]!.name === "" && parsed[0]!.address === text;
}

/** Refuses, naming the field, an email that is not exactly one mailbox; null and absent pass. */
export function assertSingleMailbox(email: string | null | undefined, field = "email"): void {
  if (email === null || email === undefined) return;
  if (!isSingleMailbox(email.trim())) {
    throw badRequest(`Invalid ${field}`, [{ field, ...inWords("field.oneMailbox") }]);
  }
}
