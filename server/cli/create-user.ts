import { parseArgs } from "node:util";
import readline from "node:readline/promises";
import { loadConfig } from "../config.ts";
import { databaseLabel, openConfiguredDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { roles, type Role } from "../value-lists.ts";
import { AppError } from "../errors.ts";
import { auditTarget, recordEvent } from "../modules/audit/audit.service.ts";
import { createUser } from "../modules/users/users.service.ts";

// npm run user:create -- --email ana@example.org [--name "Ana"] [--role admin|evaluator|viewer]
// The password is read from standard input (prompted on a terminal), never from the command line.

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "admin" },
  },
});

if (!values.email || !roles.includes(values.role as Role)) {
  console.error(
    `usage: npm run user:create -- --email you@example.org [--name "Your Name"] [--role ${roles.join("|")}]`,
  );
  process.exit(2);
}

const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
const password = (await rl.question(process.stdin.isTTY ? "Password (at least 10 characters): " : "")).trim();
rl.close();

const config = loadConfig();
const { db } = openConfiguredDatabase(config);
try {
  await migrateToLatest(db);
  const id = await createUser(db, {
    email: values.email,
    name: values.name ?? "",
    role: values.role as Role,
    password,
  });
  // From the command line: no signed-in user and no client address; the details say where it came from.
  await recordEvent(db, { userId: null, userEmail: null, ip: null }, "user_created", auditTarget("user", id), {
    email: values.email.trim().toLowerCase(),
    role: values.role,
    via: "npm run user:create",
  });
  console.log(`Created ${values.role} ${values.email} (id ${id}) in ${databaseLabel(config)}`);
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  const details = error.details.map((d) => ` ${d.field}: ${d.message}`).join(";");
  console.error(`Could not create the user: ${error.message}${details}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
