import type { RouteOptions } from "fastify";

/** Paths whose answers are not part of the JSON contract: the client's pages and files, the docs viewer's files. */
function outsideContract(url: string): boolean {
  return !(url.startsWith("/api/") || url === "/healthz") || url === "/api/docs" || url.startsWith("/api/docs/");
}

/**
 * What is wrong with a route's contract, or null: every API route declares a response schema for a success status
 * and for client errors, so that its answer is serialised from the schema (fields not in it never leak) and the
 * published document (GET /api/openapi.json) describes it.
 */
export function routeContractProblem(route: Pick<RouteOptions, "method" | "url" | "schema">): string | null {
  if (outsideContract(route.url)) return null;
  const response = route.schema?.response as Record<string, unknown> | undefined;
  const statuses = Object.keys(response ?? {});
  const where = `${String(route.method)} ${route.url}`;
  if (!statuses.some((status) => /^2(\d\d|xx)$/.test(status))) return `${where} has no response schema for success`;
  if (!statuses.some((status) => /^4(\d\d|xx)$/.test(status))) return `${where} has no response schema for errors`;
  return null;
}

/** An onRoute hook: registering a route that breaks the contract throws, so the app does not build. */
export function checkRouteContract(route: RouteOptions): void {
  const problem = routeContractProblem(route);
  if (problem) throw new Error(problem);
}
