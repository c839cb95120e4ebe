import type { TErrorCode, TFieldError, TProblem } from '@anxin/contracts';

/** Codes the console raises itself, for failures that never reached the API. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';
export type ApiErrorCode = TErrorCode | ClientErrorCode;

/** A failed API call, carrying the RFC 9457 problem the server sent (or one made up for network failures). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly detail: string;
  readonly fieldErrors: TFieldError[];
  readonly requestId: string | undefined;
  /** Extra members of the problem, e.g. `lockedUntil` on AUTH_ACCOUNT_LOCKED. */
  readonly extra: Record<string, unknown>;

  constructor(status: number, problem: Omit<Partial<TProblem>, 'code'> & { code: ApiErrorCode } & Record<string, unknown>) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.detail = problem.detail ?? '';
    this.fieldErrors = problem.errors ?? [];
    this.requestId = problem.requestId;
    const { type: _type, title: _title, status: _status, code: _code, detail: _detail, errors: _errors, instance: _instance, requestId: _requestId, ...extra } = problem;
    this.extra = extra;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Sent on POSTs so a retried submission never creates twice; a new key per user submission. */
  idempotencyKey?: string;
  /** Further request headers (e.g. `Prefer: respond-async` to have long work answered with 202 at once). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A random UUID, also where `crypto.randomUUID` is missing (plain-HTTP intranet hosts are not a secure context). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function toSearch(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

async function problemOf(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body = (await response.json()) as Partial<TProblem> & Record<string, unknown>;
      if (body && typeof body.code === 'string') return new ApiError(response.status, { ...body, code: body.code });
    } catch {
      // fall through to the generic problem below
    }
  }
  return new ApiError(response.status, { code: response.status >= 500 ? 'INTERNAL' : 'UNEXPECTED_RESPONSE', detail: `HTTP ${response.status}` });
}

/**
 * Calls the Anxin API with the session cookie. Resolves with the parsed JSON (undefined for 204);
 * rejects with an ApiError carrying the server's problem+json.
 */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method === 'POST') headers['Idempotency-Key'] = options.idempotencyKey ?? newIdempotencyKey();

  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${toSearch(options.query)}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'NETWORK_ERROR', detail: error instanceof Error ? error.message : String(error) });
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, { code: 'UNEXPECTED_RESPONSE', detail: 'The response was not JSON' });
  }
}

/** The file name a download response suggests (Content-Disposition), if any. */
function fileNameOf(response: Response): string | undefined {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]!);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}

/**
 * Downloads a file the API generates (exports, error reports) with the session cookie and hands it
 * to the browser as a download. Failures reject with the server's problem, so the page can show it.
 */
export async function apiDownload(path: string, options: { query?: Record<string, QueryValue>; fallbackName: string }): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${toSearch(options.query)}`, { credentials: 'same-origin', headers: { Accept: '*/*' } });
  } catch (error) {
    throw new ApiError(0, { code: 'NETWORK_ERROR', detail: error instanceof Error ? error.message : String(error) });
  }
  if (!response.ok) throw await problemOf(response);
  const name = fileNameOf(response) ?? options.fallbackName;
  saveFile(await response.blob(), name);
  return name;
}

/** Hands a file made in the browser (or downloaded) to the user as a download named `name`. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.dataset.testid = 'download-link';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** CSV text (RFC 4180) for a spreadsheet: quoted where needed; a cell that a spreadsheet would run as a formula starts with '. */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  const cell = (value: string | number) => {
    const text = typeof value === 'number' ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Reads a chosen file as base64 (without the `data:` prefix) for an upload request (imports, claim documents). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = String(reader.result);
      resolve(result.slice(result.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
