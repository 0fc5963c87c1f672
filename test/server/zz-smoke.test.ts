import { it } from "vitest";
import { buildTestApp } from "../helpers/build-app.ts";
it("smoke", async () => {
  const t = await buildTestApp({ respondTokenRateLimit: 3 });
  console.log(t.app.printRoutes({ commonPrefix: false }));
  await t.close();
});
