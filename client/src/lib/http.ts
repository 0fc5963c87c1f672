/** The server's error body (docs/api.md): `{error, message, details}`. */
export interface ApiErrorBody {
  error: string;
  message: string;
  details?: Array<{ field?: string; question?: string; message: string }>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

/** The request never reached the server (offline, DNS, connection reset): worth retrying later. */
export class NetworkError extends Error {}

/**
 * Browsers refuse keepalive requests whose bodies add up to more than 64 KiB (all such requests of the page in
 * flight together); a little under it leaves room for another small one still on its way.
 */
export const keepaliveBodyLimit = 60_000;

export interface RequestOptions {
  /**
   * Let the request outlive the page (sent while the page is hidden or closed). Larger bodies than
   * `keepaliveBodyLimit` go as ordinary requests, which a page that lives on (hidden tab, back-forward cache) still
   * completes, and which a closing page cancels.
   */
  keepalive?: boolean;
}

export async function requestJson<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
  options: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const keepalive = options.keepalive === true && (text === undefined || new Blob([text]).size <= keepaliveBodyLimit);
    response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body: text,
      credentials: "same-origin",
      keepalive,
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : "network error");
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: keep the status, invent a body.
  }
  if (!response.ok) {
    const errorBody = (parsed as ApiErrorBody | null) ?? { error: "http_error", message: `HTTP ${response.status}` };
    throw new ApiError(response.status, errorBody);
  }
  return parsed as T;
}
