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
 * JSON bodies as Fastify reads them (the body limit; `__proto__` and `constructor.prototype` keys refused), and
 * refused with 400 when nested deeper than `maxJsonDepth`.
 */
export const jsonBodyPlugin = fp(async (app: FastifyInstance) => {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (jsonNestsDeeperThan(body as string, maxJsonDepth)) {
      done(badRequest(`The JSON body nests arrays and objects more than ${maxJsonDepth} levels deep`), undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
});
