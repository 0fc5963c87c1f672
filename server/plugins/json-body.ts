import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { badRequest } from "../errors.ts";

/**
 * Far deeper than any questionnaire or set of answers nests (a dynamic panel in a panel on a page is about ten
 * levels), and far below what recursion can take: JSON.parse reads a 5,000-deep array from a 10 kB body, but
 * JSON.stringify then overflows the stack on it (a draft saved with one was a 500).
 */
export const maxJsonDepth = 64;

/** Whether arrays and objects nest deeper than `limit` in a JSON text (brackets inside strings do not count). */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character, a quote among them.
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > limit) return true;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * The path (`data.q1`, `items.0`) of the first number JSON.parse turned into Infinity (`1e400`), or null: such a
 * number would be stored as null (JSON.stringify writes it so), losing what was sent without a word.
 */
export function findNonFiniteNumber(value: unknown, path: string[] = []): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : path.join(".") || "body";
  if (typeof value !== "object" || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    const found = findNonFiniteNumber(child, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

/**
 * JSON bodies as Fastify reads them (the body limit; `__proto__` and `constructor.prototype` keys refused), and
 * refused with 400 when nested deeper than `maxJsonDepth` or holding a number too large for a double (`1e400`).
 */
export const jsonBodyPlugin = fp(async (app: FastifyInstance) => {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (jsonNestsDeeperThan(body as string, maxJsonDepth)) {
      done(badRequest(`The JSON body nests arrays and objects more than ${maxJsonDepth} levels deep`), undefined);
      return;
    }
    parseJson(request, body as string, (error, parsed) => {
      if (error) return done(error, undefined);
      // Checked on the text first: a body without a huge exponent (nearly all) is not walked.
      const field = /\d[eE]\+?\d{3}|\d{309}/.test(body as string) ? findNonFiniteNumber(parsed) : null;
      if (field !== null) {
        return done(
          badRequest(`Invalid body: ${field} is a number too large to store`, [
            { field, message: "is a number too large to store" },
          ]),
          undefined,
        );
      }
      done(null, parsed);
    });
  });
});
