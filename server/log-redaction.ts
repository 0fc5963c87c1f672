import type { FastifyServerOptions } from "fastify";

/** The respondent's token in a path: `/r/<token>` and `/api/respond/<token>...`. */
const tokenInPath = /(\/r\/|\/api\/respond\/)[^/?#\s"'\\]+/g;

/**
 * A respondent's token is a credential (whoever holds it answers in the organisation's name): it must not reach a
 * log file, where anyone who reads the logs could collect every link.
 */
export function redactTokens(text: string): string {
  return text.replace(tokenInPath, "$1[redacted]");
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * Logger options: every line's request URL, error message and stack, and message text go through redactTokens.
 * `stream` sends the lines elsewhere than standard output (tests read them).
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions["logger"] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: redactTokens(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
      err: (error: Error & { code?: unknown; statusCode?: unknown }) => ({
        type: error.name,
        message: redactTokens(String(error.message)),
        stack: redactTokens(error.stack ?? ""),
        code: error.code,
        statusCode: error.statusCode,
      }),
    },
    hooks: {
      logMethod(args: unknown[], method: (...args: unknown[]) => void) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === "string" ? redactTokens(arg) : arg)),
        );
      },
    },
  };
}
