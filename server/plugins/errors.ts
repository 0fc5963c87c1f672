import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AppError, isStorageError, isUnstorableText, storageUnavailable, type ErrorDetail } from "../errors.ts";
import { sayIn } from "../i18n/details.ts";
import { acceptedUiLanguage } from "../i18n/languages.ts";
import { validationDetails } from "./validation-details.ts";

/**
 * Details in the request's language (Accept-Language; the workspace sends its own), where their words are the
 * catalogue's; the rest (survey-core's and XLSForm's own texts) as they are. `said` stays on the server.
 */
function sayDetails(details: ErrorDetail[], request: FastifyRequest): ErrorDetail[] {
  const lang = acceptedUiLanguage(request.headers["accept-language"]);
  return details.map(({ said, ...detail }) => (said ? { ...detail, message: sayIn(lang, said) } : detail));
}

/** One error handler: client errors pass through as {error, message, details}; anything else is hidden. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.statusCode === 503) reply.header("retry-after", 60);
      return reply.status(error.statusCode).send({
        ...error.extra,
        error: error.code,
        message: error.message,
        details: sayDetails(error.details, request),
      });
    }
    if (error.validation) {
      const details = validationDetails(error);
      const where = error.validationContext ?? "request";
      return reply.status(400).send({
        error: "invalid_request",
        message: `Invalid ${where}: ${details.map((d) => `${d.field} ${d.message}`).join("; ")}`,
        details: sayDetails(details, request),
      });
    }
    if (isUnstorableText(error)) {
      return reply.status(400).send({
        error: "invalid_request",
        message: "The request holds a NUL character (\\u0000), which no field accepts",
        details: [],
      });
    }
    if (isStorageError(error)) {
      request.log.error({ err: error }, "the database cannot store anything");
      const unavailable = storageUnavailable();
      return reply
        .status(503)
        .header("retry-after", 60)
        .send({ error: unavailable.code, message: unavailable.message, details: [] });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply
        .status(413)
        .send({ error: "payload_too_large", message: "The request body is too large", details: [] });
    }
    if (status >= 400 && status < 500) {
      const code = error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" ? "unsupported_media_type" : "invalid_request";
      return reply.status(status).send({ error: code, message: error.message, details: [] });
    }
    request.log.error({ err: error }, "request failed");
    return reply.status(500).send({ error: "internal_error", message: "Internal error", details: [] });
  });
});

/**
 * Fastify's `frameworkErrors`: a URL it cannot decode (`/api/responses/%E0%A4%A`) or a path parameter over the
 * router's length limit is answered by the router itself, before any hook or error handler; this gives it the
 * contract's shape.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, "request failed");
    return reply.status(500).send({ error: "internal_error", message: "Internal error", details: [] });
  }
  return reply.status(status).send({ error: "invalid_request", message: error.message, details: [] });
}
