import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  adminEmail: string;
  adminPassword: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
  /** kill -9: no signal handler runs, nothing is flushed or closed. */
  kill(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Starts the real server the way `npm start` does, on a free port and a fresh data directory; or, given `dataDir`
 * and `port`, again on those of a server that was stopped or killed (the directory then belongs to the caller, and
 * stop() leaves it).
 */
export async function startServer(
  env: Record<string, string> = {},
  options: { dataDir?: string; port?: number } = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "sapat-e2e-"));
  const url = `http://127.0.0.1:${port}`;
  const adminEmail = "admin@example.org";
  const adminPassword = "admin password 123";
  // Without vitest's NODE_ENV=test, as `npm start` runs: start.ts rebuilds the client when its sources changed, and
  // under NODE_ENV=test Vite would build React's development bundle with import.meta.env.PROD false (no offline app).
  const { NODE_ENV: _vitestNodeEnv, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    cwd: root,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      PUBLIC_URL: url,
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    dataDir,
    adminEmail,
    adminPassword,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, "SIGKILL");
      await exited;
    },
  };
}

/** A logged-in evaluator talking to the real API over HTTP. */
/** `npm run demo` against the running server's database, as a newcomer would. */
export function loadDemo(server: RunningServer): void {
  const demo = spawnSync(process.execPath, ["--import", "tsx", "server/cli/demo.ts"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: server.dataDir, PUBLIC_URL: server.url, LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
  if (demo.status !== 0) throw new Error(`demo failed:\n${demo.stdout}\n${demo.stderr}`);
}

export async function apiSession(server: RunningServer) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: server.adminEmail, password: server.adminPassword }),
  });
  if (!login.ok) throw new Error(`login failed: ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T = any>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, "x-csrf-token": csrfToken, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url} -> ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  return { call };
}

/**
 * Uploads `json` as questionnaire `questionnaireId` and invites a new organisation to answer it: the respondent's
 * link and token.
 */
export async function inviteToQuestionnaire(
  server: RunningServer,
  questionnaireId: string,
  json: Record<string, unknown>,
  organizationName = "Tomo",
): Promise<{ url: string; token: string }> {
  const api = await apiSession(server);
  await api.call("POST", "/api/questionnaires", { id: questionnaireId, json });
  return inviteNewOrganization(server, questionnaireId, { name: organizationName, region: "Chui" });
}

/** Invites a new organisation, in an evaluation of its own, to answer a loaded questionnaire: its link and token. */
export async function inviteNewOrganization(
  server: RunningServer,
  questionnaireId: string,
  organization: { name: string; region: string },
  evaluation: { name?: string; closesAt?: string } = {},
): Promise<{ url: string; token: string }> {
  const api = await apiSession(server);
  const { id: organizationId } = await api.call("POST", "/api/organizations", { ...organization, kind: "ngo" });
  const { id: evaluationId } = await api.call("POST", "/api/evaluations", {
    name: evaluation.name ?? `${organization.name}: ${questionnaireId}`,
    questionnaireIds: [questionnaireId],
    ...(evaluation.closesAt ? { closesAt: evaluation.closesAt } : {}),
  });
  const [invitation] = await api.call("POST", `/api/evaluations/${evaluationId}/invitations`, {
    organizationIds: [organizationId],
    questionnaireId,
  });
  return { url: invitation.url, token: invitation.token };
}

/** The respondent's stored response as the link's page reads it (null before the first save). */
export async function storedResponse(server: RunningServer, token: string) {
  const res = await fetch(`${server.url}/api/respond/${token}`);
  const body = (await res.json()) as {
    response: { status: string; data: Record<string, unknown>; currentPage: number } | null;
  };
  return body.response;
}
