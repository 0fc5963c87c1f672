export type PersistentStorage = "granted" | "denied" | "unsupported";

/**
 * Asks the browser to keep this site's storage under pressure: without it, a browser short of disk space may evict
 * IndexedDB, and with it interviews not yet sent. The browser decides (Chrome from the site's use, Firefox asks).
 */
export async function requestPersistentStorage(): Promise<PersistentStorage> {
  const storage = typeof navigator === "undefined" ? undefined : navigator.storage;
  if (!storage?.persist || !storage.persisted) return "unsupported";
  if (await storage.persisted()) return "granted";
  return (await storage.persist()) ? "granted" : "denied";
}
