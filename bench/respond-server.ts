import { sql } from "kysely";
import { Type } from "typebox";
import { buildApp } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/database.ts";
import { SubmitBody } from "../server/modules/respond/respond.schemas.ts";
import { QuestionnaireCatalogue } from "../server/modules/questionnaires/questionnaire-catalogue.ts";

// Sapat's server for the respondent benchmark, in a process of its own so that the load generator does not share
// its event loop: `node --import tsx bench/respond-server.ts <dataDir>` prints `listening <url>` once it listens on
// 127.0.0.1, and stops on SIGTERM.
//
// It adds one route the product does not have, POST /bench/raw-insert: the same Fastify app, body parser, schema
// validation and serializer as the submit route, and the same database handle (WAL, synchronous=FULL), but its
// handler only inserts the body's answers as one row in one transaction. Its rate over the rate of real
// submissions is the share of a submission's cost that is durability and HTTP rather than Sapat's own work.

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: respond-server.ts <dataDir>");

// Every simulated respondent comes from 127.0.0.1: the per-address limit would stop the benchmark, not a person.
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" }, { respondIpRateLimit: 10_000_000 });
const { db } = openDatabase(config.databaseFile);
await sql`create table if not exists bench_raw (id integer primary key, data text not null, created_at text not null)`.execute(
  db,
);
const catalogue = new QuestionnaireCatalogue({ validationTimeoutMs: config.validationTimeoutMs });
await catalogue.loadDirectory(db, config.surveysDir);
const app = await buildApp({ config, db, catalogue, logger: false });

app.post<{ Body: SubmitBody }>(
  "/bench/raw-insert",
  { schema: { body: SubmitBody, response: { 200: Type.Object({ id: Type.Integer() }) } } },
  async (request) =>
    db.transaction().execute(async (trx) => {
      const { insertId } = await sql`insert into bench_raw (data, created_at) values (${JSON.stringify(
        request.body.data,
      )}, ${new Date().toISOString()})`.execute(trx);
      return { id: Number(insertId) };
    }),
);

// Scores follow submissions when the server is quiet (ScoreBacklog): the benchmark scores the backlog of each round of
// submissions before the next round, so that this work neither weighs on the raw inserts nor goes unmeasured.
app.post("/bench/drain-scores", async () => {
  const scored = app.scoreBacklog.size;
  const started = performance.now();
  await app.scoreBacklog.drain();
  return { scored, ms: performance.now() - started };
});

const address = await app.listen({ host: "127.0.0.1", port: 0 });
process.stdout.write(`listening ${address}\n`);
process.once("SIGTERM", () => {
  void app.close().then(() => db.destroy());
});
