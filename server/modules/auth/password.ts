import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** The shortest password accepted, for new accounts and changed passwords alike. */
export const minPasswordLength = 10;

// scrypt at one of OWASP's equivalent recommended costs: N=2^15, r=8, p=3 holds 32 MiB while it runs, where
// N=2^17, r=8, p=1 (Sapat's first choice) held 128 MiB, which each login in flight added to the server's memory.
// Parameters travel in the hash: older hashes are verified with theirs and replaced at the next login.
const params = { N: 2 ** 15, r: 8, p: 3, maxmem: 256 * 1024 * 1024 };
const keyLength = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await derive(password, Buffer.from(salt, "base64"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: params.maxmem,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether a hash that verified was made with other parameters than today's, and should be made again. */
export function needsRehash(stored: string): boolean {
  const [, n, r, p] = stored.split("$");
  return Number(n) !== params.N || Number(r) !== params.r || Number(p) !== params.p;
}

/** A hash to compare against when the email is unknown, so both failures take the same time. */
export const unusableHash = `scrypt$${params.N}$${params.r}$${params.p}$${Buffer.alloc(16).toString("base64")}$${Buffer.alloc(keyLength).toString("base64")}`;
