import type { Db } from "./database.ts";
import { transactionGuardOf } from "./transaction-guard.ts";

/** Keys read by one statement at most: far below either database's limit on parameters. */
const maxKeys = 500;

interface Waiting<V> {
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * A read by key whose keys asked for on one database handle in one turn of the event loop are read by one statement
 * (`read` of all of them), so that concurrent requests that each read one row cost one round trip together. A read
 * on a transaction's handle, or asked for inside a transaction of the database's, runs on its own at once as asked:
 * the transaction guard then refuses a query on the database handle as it refuses any other
 * (server/db/transaction-guard.ts), instead of the batch waiting for the connection the transaction holds.
 */
export function turnBatched<K, V>(read: (db: Db, keys: K[]) => Promise<Map<K, V>>) {
  const pendingOf = new WeakMap<Db, Map<K, Array<Waiting<V>>>>();

  async function flush(db: Db): Promise<void> {
    const batch = pendingOf.get(db)!;
    pendingOf.delete(db);
    const keys = [...batch.keys()];
    for (let start = 0; start < keys.length; start += maxKeys) {
      const chunk = keys.slice(start, start + maxKeys);
      try {
        const found = await read(db, chunk);
        for (const key of chunk) for (const waiting of batch.get(key)!) waiting.resolve(found.get(key));
      } catch (error) {
        for (const key of chunk) for (const waiting of batch.get(key)!) waiting.reject(error);
      }
    }
  }

  return (db: Db, key: K): Promise<V | undefined> => {
    if (db.isTransaction || transactionGuardOf(db)?.holders.getStore()?.open) {
      return read(db, [key]).then((found) => found.get(key));
    }
    return new Promise((resolve, reject) => {
      let pending = pendingOf.get(db);
      if (!pending) {
        pending = new Map();
        pendingOf.set(db, pending);
        // After the callbacks of this turn's I/O: every request that arrived with this one has asked.
        setImmediate(() => void flush(db));
      }
      const waiting = pending.get(key) ?? [];
      waiting.push({ resolve, reject });
      pending.set(key, waiting);
    });
  };
}
