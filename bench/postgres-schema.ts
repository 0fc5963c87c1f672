import pg from "pg";

async function onServer(url: string, statement: string) {
  const connection = new pg.Client({ connectionString: url });
  await connection.connect();
  try {
    await connection.query(statement);
  } finally {
    await connection.end();
  }
}

/**
 * Runs a PostgreSQL benchmark in a schema of its own on the server at `serverUrl`, created for it and dropped
 * afterwards: `work` gets the server's URL with that schema as the connection's search path.
 */
export async function inFreshSchema<T>(
  serverUrl: string,
  name: string,
  work: (databaseUrl: string) => Promise<T>,
): Promise<T> {
  const schema = `${name}_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = new URL(serverUrl);
  databaseUrl.searchParams.set("options", `-c search_path=${schema}`);
  await onServer(serverUrl, `create schema ${schema}`);
  try {
    return await work(databaseUrl.toString());
  } finally {
    await onServer(serverUrl, `drop schema if exists ${schema} cascade`);
  }
}
