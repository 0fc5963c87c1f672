import path from "node:path";

/** The only place that reads process.env: everything else receives a Config. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  /** PostgreSQL (`postgres://...`) instead of the SQLite file when set. */
  databaseUrl: string | null;
  /** Rate-limit counters in Redis (shared by every instance) when set; else in PostgreSQL or in memory (SQLite). */
  redisUrl: string | null;
  /**
   * The start of every key Sapat writes in Redis: installations (or test runs) that share one Redis each count
   * their own requests under their own prefix.
   */
  redisKeyPrefix: string;
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  adminEmail: string | null;
  adminPassword: string | null;
  logLevel: string;
  bodyLimit: number;
  surveysDir: string;
  clientDir: string;
  /** How long an idle evaluator session stays valid. */
  sessionTtlMs: number;
  /** Cohort statistics of fewer organisations than this are suppressed (docs/scoring.md). */
  minGroupSize: number;
  /** Hops of reverse proxies whose X-Forwarded-For is trusted (0: none, so clients cannot fake their address). */
  trustProxyHops: number;
  /** Cookies get the Secure flag when the public URL is https. */
  secureCookies: boolean;
  /** First retry of a failed email after this long; each further retry waits twice as long (capped). */
  mailRetryBaseMs: number;
  /** Automatic attempts before a message is left failed until someone retries it by hand. */
  mailMaxAttempts: number;
  /** How often the in-process mail scheduler delivers due messages and runs automatic reminders. */
  mailTickMs: number;
  /** A message claimed for sending by a process that then died is sent again only after this long. */
  mailSendingLeaseMs: number;
  /** Failed logins per client address and email in one window; more: 429 for that address and email only. */
  loginRateLimit: number;
  /** Failed logins per email (from any address) in one window after which each login for it is slowed. */
  loginFailureLimit: number;
  loginRateWindowMs: number;
  /** How long each login for a slowed email waits (a distributed guess slows down; the owner still gets in). */
  loginSlowdownMs: number;
  /**
   * Requests allowed on the respondent routes (/api/respond/:token...) per token, and per client address, in one
   * window. Autosave sends at most about one request a second while someone types, and an NGO office may answer
   * several questionnaires from one address: both limits are far above that, and only stop scripted traffic.
   */
  respondTokenRateLimit: number;
  respondIpRateLimit: number;
  respondRateWindowMs: number;
  /**
   * The most time one request's validation or questionnaire lint may take in a survey worker thread; over it the
   * worker is stopped and the request refused, nothing stored.
   */
  validationTimeoutMs: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function readUrl(env: Env, name: string, fallback: string | null): string | null {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  try {
    new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${raw}"`);
  }
  return raw;
}

/** Printable ASCII without spaces: a key prefix that shows as typed in `redis-cli` and in logs. */
function readKeyPrefix(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^[\x21-\x7e]{1,100}$/.test(raw)) {
    throw new ConfigError(`${name} must be 1 to 100 printable characters without spaces, got "${raw}"`);
  }
  return raw;
}

function readDatabaseUrl(env: Env): string | null {
  const url = readUrl(env, "DATABASE_URL", null);
  if (url !== null && !/^postgres(ql)?:$/.test(new URL(url).protocol)) {
    throw new ConfigError(`DATABASE_URL must be a postgres:// URL (unset: the SQLite file in DATA_DIR), got "${url}"`);
  }
  return url;
}

const rootDir = path.resolve(import.meta.dirname, "..");

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(env.DATA_DIR || "./data");
  const port = readInt(env, "PORT", 3000, 0, 65535);
  const publicUrl = (readUrl(env, "PUBLIC_URL", null) ?? `http://localhost:${port}`).replace(/\/+$/, "");
  const config: Config = {
    port,
    host: env.HOST || "0.0.0.0",
    dataDir,
    databaseFile: path.join(dataDir, "sapat.db"),
    databaseUrl: readDatabaseUrl(env),
    redisUrl: readUrl(env, "REDIS_URL", null),
    redisKeyPrefix: readKeyPrefix(env, "REDIS_KEY_PREFIX", "sapat-"),
    publicUrl,
    smtpUrl: readUrl(env, "SMTP_URL", null),
    mailFrom: env.MAIL_FROM || "Sapat <no-reply@localhost>",
    adminEmail: env.ADMIN_EMAIL || null,
    adminPassword: env.ADMIN_PASSWORD || null,
    logLevel: env.LOG_LEVEL || "info",
    bodyLimit: readInt(env, "BODY_LIMIT", 1024 * 1024, 1024, 512 * 1024 * 1024),
    surveysDir: path.resolve(env.SURVEYS_DIR || path.join(rootDir, "surveys")),
    clientDir: path.join(rootDir, "dist", "client"),
    sessionTtlMs: readInt(env, "SESSION_TTL_HOURS", 12, 1, 24 * 365) * 3600 * 1000,
    minGroupSize: readInt(env, "SCORES_MIN_GROUP_SIZE", 3, 1, 99),
    trustProxyHops: readInt(env, "TRUST_PROXY_HOPS", 0, 0, 10),
    secureCookies: publicUrl.startsWith("https:"),
    mailRetryBaseMs: readInt(env, "MAIL_RETRY_BASE_SECONDS", 60, 1, 24 * 3600) * 1000,
    mailMaxAttempts: readInt(env, "MAIL_MAX_ATTEMPTS", 8, 1, 100),
    mailTickMs: readInt(env, "MAIL_TICK_SECONDS", 30, 1, 3600) * 1000,
    mailSendingLeaseMs: readInt(env, "MAIL_SENDING_LEASE_MINUTES", 60, 1, 7 * 24 * 60) * 60 * 1000,
    loginRateLimit: readInt(env, "LOGIN_RATE_LIMIT", 10, 1, 100_000),
    loginFailureLimit: readInt(env, "LOGIN_FAILURE_LIMIT", 50, 1, 1_000_000),
    loginRateWindowMs: readInt(env, "LOGIN_RATE_WINDOW_MINUTES", 15, 1, 24 * 60) * 60 * 1000,
    loginSlowdownMs: readInt(env, "LOGIN_SLOWDOWN_MS", 2000, 0, 60_000),
    respondTokenRateLimit: readInt(env, "RESPOND_RATE_LIMIT_PER_TOKEN", 120, 1, 1_000_000),
    respondIpRateLimit: readInt(env, "RESPOND_RATE_LIMIT_PER_IP", 600, 1, 10_000_000),
    respondRateWindowMs: readInt(env, "RESPOND_RATE_WINDOW_SECONDS", 60, 1, 24 * 3600) * 1000,
    validationTimeoutMs: readInt(env, "VALIDATION_TIMEOUT_MS", 2000, 50, 600_000),
    ...overrides,
  };
  if ((config.adminEmail === null) !== (config.adminPassword === null)) {
    throw new ConfigError("ADMIN_EMAIL and ADMIN_PASSWORD must be set together");
  }
  if (config.adminPassword !== null && config.adminPassword.length < 10) {
    throw new ConfigError("ADMIN_PASSWORD must be at least 10 characters");
  }
  return config;
}

export const projectRoot = rootDir;
