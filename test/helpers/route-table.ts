/** The routes of the app, from Fastify's own table (printRoutes), as [method, path] pairs. */
export function routeTable(printed: string): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  const stack: string[] = [];
  for (const line of printed.split("\n")) {
    const branch = line.search(/[├└]── /);
    if (branch < 0) continue;
    const depth = branch / 4;
    const match = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(branch + 4))!;
    stack.length = depth;
    stack.push(match[1]!);
    for (const method of (match[2] ?? "").split(", ").filter(Boolean)) {
      if (method !== "HEAD") routes.push({ method, path: stack.join("") });
    }
  }
  return routes;
}
