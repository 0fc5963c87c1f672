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

export async function requestJson<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
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
