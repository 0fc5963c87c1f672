import type { Db } from "./database.ts";
import { transactionGuardOf } from "./transaction-guard.ts";

/** Keys read by one statement at most: far below either database's limit on parameters. */
const maxKeys = 500;

/**
 * Reads by key that are asked for in one turn of the event loop, made by one statement (`read` of all their keys)
 * on `db` itself, so that concurrent requests that each read one row cost one round trip together. A read asked for
 * inside a transaction of `db` runs on its own at once, on `db` as asked: the transaction guard then refuses it as it
 * refuses any query on the database handle inside a transaction (server/db/transaction-guard.ts), instead of the
 * batch waiting for the connection the transaction holds.
 */
export function turnBatched<K, V>(db: Db, read: (db: Db, keys: K[]) => Promise<Map<K, V>>) {
  let pending = new Map<K, Array<{ resolve: (value: V | undefined) => void; reject: (error: unknown) => void }>>();
  let scheduled = false;

  async function flush(): Promise<void> {
    const batch = pending;
    pending = new Map();
    scheduled = false;
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

  return (key: K): Promise<V | undefined> => {
    if (db.isTransaction || transactionGuardOf(db)?.holders.getStore()?.open) {
      return read(db, [key]).then((found) => found.get(key));
    }
    return new Promise((resolve, reject) => {
      const waiting = pending.get(key) ?? [];
      waiting.push({ resolve, reject });
      pending.set(key, waiting);
      if (!scheduled) {
        scheduled = true;
        // After the callbacks of this turn's I/O: every request that arrived with this one has asked.
        setImmediate(() => void flush());
      }
    });
  };
}
