// Every failure the console shows: a readable message, never raw JSON.
// The gateway answers {"error": {"message", "type", "code", "param"}}.
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null = null,
    readonly param: string | null = null,
    readonly type: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isAuthFailure(): boolean {
    return this.status === 401;
  }
}

interface GatewayErrorBody {
  error?: { message?: unknown; type?: unknown; code?: unknown; param?: unknown };
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

// Builds an ApiError from an HTTP status and whatever body came back
// (parsed JSON, a JSON string, HTML from a proxy, or nothing).
export function apiErrorFrom(status: number, body: unknown): ApiError {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = null;
    }
  }
  const error = (parsed as GatewayErrorBody | null)?.error;
  const message = text(error?.message);
  if (error && message) {
    return new ApiError(message, status, text(error.code), text(error.param), text(error.type));
  }
  if (status === 0) return new ApiError('The gateway cannot be reached.', 0, 'network_error');
  return new ApiError(`The gateway answered HTTP ${status}.`, status, 'http_error');
}

// Any thrown value → a message fit for a toast or an alert.
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return 'Something went wrong.';
}
