// Turns an HTTP answer into a value or a ZadigApiError (docs/zadigx-api.md#error-shapes: four
// error shapes, and bodies that are not from ZadigX at all).
import { explainZadigError } from './explain.js'
import { ZadigApiError } from './errors.js'
import type { ZadigApiErrorFields } from './errors.js'
import { formatDuration } from '../duration.js'
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry.js'

/** What an error needs to know about the call it belongs to. */
export interface CallContext {
  method: string
  /** API path without query string. */
  path: string
  /** The token, only to scrub it out of error text. */
  secret: string
  /** For `Retry-After` dates. */
  now: number
}

const JSON_TYPE = /[/+]json\b/i
const SNIPPET_LENGTH = 200

/** The JSON body of a 2xx answer (undefined when empty); throws on anything else. */
export function readBody<T>(res: Response, text: string, ctx: CallContext): T {
  const type = res.headers.get('content-type') ?? ''
  if (!res.ok) throw responseError(res, type, text, ctx)
  if (text.trim() === '') return undefined as T
  if (JSON_TYPE.test(type)) {
    try {
      return JSON.parse(text) as T
    } catch {
      // A JSON answer that does not parse was most likely cut off on the way (a proxy
      // or a restart): worth another try for reads, unlike a foreign page.
      const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 60)
      return garbled(res, ctx, snippet)
    }
  }
  throw notApiError(fieldsOf(res, ctx), type, text, ctx)
}

function garbled(res: Response, ctx: CallContext, snippet: string): never {
  throw new ZadigApiError(
    { ...fieldsOf(res, ctx), garbled: true },
    `HTTP ${res.status} with a JSON body that does not parse (cut off?): ${snippet}`,
    ctx.secret
  )
}

// The error for a non-2xx answer, whatever its body.
function responseError(
  res: Response,
  type: string,
  text: string,
  ctx: CallContext
): ZadigApiError {
  const fields = fieldsOf(res, ctx)
  const wait = waitNote(fields.retryAfterMs)
  if (text.trim() === '') {
    const detail = emptyBodyDetail(res.status) + wait
    return new ZadigApiError(fields, detail, ctx.secret)
  }
  const body = JSON_TYPE.test(type) ? errorObject(text) : undefined
  if (!body) return notApiError(fields, type, text, ctx, wait)
  const code = numberOf(body.code) ?? numberOf(body.resultCode)
  // (a) and (b) use message/description; HEAD's MFA 403 uses `reason`; the
  // directory API documents `errorMsg`.
  const message = stringOf(body.message ?? body.errorMsg ?? body.reason)
  const description = stringOf(body.description)
  const detail = zadigDetail(res.status, code, message, description)
  return new ZadigApiError(
    { ...fields, code, zadigMessage: message, description },
    detail + wait,
    ctx.secret
  )
}

// Says why the client did not wait as asked (retry.ts, MAX_RETRY_AFTER_MS).
function waitNote(retryAfterMs: number | undefined): string {
  if (retryAfterMs === undefined || retryAfterMs <= MAX_RETRY_AFTER_MS)
    return ''
  const asked = Number.isFinite(retryAfterMs)
    ? formatDuration(retryAfterMs)
    : 'longer than a timer holds'
  return `; ZadigX asked to wait ${asked} before trying again (Retry-After), and the action waits at most ${formatDuration(MAX_RETRY_AFTER_MS)}`
}

function fieldsOf(res: Response, ctx: CallContext): ZadigApiErrorFields {
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), ctx.now)
  return {
    status: res.status,
    method: ctx.method,
    path: ctx.path,
    retryAfterMs
  }
}

/** "HTTP 400, code 6542 查询workflow失败: mongo: no documents in result". */
export function zadigDetail(
  status: number,
  code: number | undefined,
  message: string | undefined,
  description: string | undefined
): string {
  const showCode = code !== undefined && code !== status
  const text = joinText(message, description)
  let detail = `HTTP ${status}` + (showCode ? `, code ${code}` : '')
  if (text) detail += (showCode ? ' ' : ', ') + text
  const hint = errorHint(status, code) ?? explainZadigError(code, description)
  return hint ? `${detail} (${hint})` : detail
}

// Shape (b) sends the literal message "Internal Error: " before the description.
function joinText(message?: string, description?: string): string {
  const m = (message ?? '').trim().replace(/:$/, '')
  const d = (description ?? '').trim()
  if (m && d && m !== d) return `${m}: ${d}`
  return m || d
}

const TOKEN_HINT =
  'check the `token` input (ZadigX → Account settings → API token) and that it has not expired'

function errorHint(status: number, code?: number): string | undefined {
  // Shape (d): the ZadigX enterprise license gate (v1.18 era), codes 1000..1010.
  if (code !== undefined && code >= 1000 && code <= 1010) {
    return 'the ZadigX license check failed: ask your ZadigX administrator'
  }
  if (status === 401) return TOKEN_HINT
  return undefined
}

// Shape (c): gin and the gateway answer these statuses with no body at all.
function emptyBodyDetail(status: number): string {
  switch (status) {
    case 401:
      return `ZadigX refused the token (HTTP 401): ${TOKEN_HINT}`
    case 403:
      return 'ZadigX denied permission (HTTP 403): the token’s user may not do this in this project; ask a ZadigX project or system admin for the permission'
    case 400:
      return 'HTTP 400 with an empty body: the server could not read the request (a parameter or the body does not fit this ZadigX version)'
    default:
      return `HTTP ${status} with an empty body`
  }
}

function notApiError(
  fields: ZadigApiErrorFields,
  type: string,
  text: string,
  ctx: CallContext,
  wait = ''
): ZadigApiError {
  const bodySnippet = text.replace(/\s+/g, ' ').trim().slice(0, SNIPPET_LENGTH)
  const media = type.split(';')[0]?.trim() || 'no content type'
  const title = htmlTitle(text)
  const received = title
    ? `${media} page titled "${title}"`
    : `${media}: "${bodySnippet.slice(0, 100)}"`
  const [what, hint] = notApiText(fields.status)
  const detail = `HTTP ${fields.status}, ${what} (received ${received}): ${hint}${wait}`
  return new ZadigApiError({ ...fields, bodySnippet }, detail, ctx.secret)
}

// gin answers an unknown route with a plain-text 404, so a 404 names the route
// (wrong URL prefix, or an API this ZadigX version does not have).
function notApiText(status: number): [string, string] {
  const notApi = 'not an answer of the ZadigX API'
  if (status === 404) {
    return [
      'no such API route',
      'check the ZadigX URL, or this ZadigX version lacks this API'
    ]
  }
  if (status >= 500) {
    return [notApi, 'a proxy or gateway in front of ZadigX failed']
  }
  // ZadigX has no rate limit of its own (docs/zadigx-api.md#error-shapes).
  if (status === 429) {
    return [notApi, 'a gateway in front of ZadigX limits the request rate']
  }
  return [
    notApi,
    'the ZadigX URL is probably wrong: it must be the address of the ZadigX server, e.g. https://zadig.example.com'
  ]
}

// A login page or the UI's index.html says more through its title than its head.
function htmlTitle(text: string): string | undefined {
  const title = /<title[^>]*>([^<]{1,100})<\/title>/i.exec(text)?.[1]?.trim()
  return title || undefined
}

const ERROR_KEYS = [
  'code',
  'resultCode',
  'message',
  'errorMsg',
  'reason',
  'description'
]

function errorObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return undefined
    }
    const body = value as Record<string, unknown>
    return ERROR_KEYS.some(k => k in body) ? body : undefined
  } catch {
    return undefined
  }
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** The status-0 error for a call that got no answer (network failure, timeout). */
export function networkError(
  err: unknown,
  ctx: CallContext,
  idempotent: boolean,
  timeoutMs: number
): ZadigApiError {
  // The transport explains TLS-trust and proxy errors (TransportError): retrying them
  // only delays the message.
  const cause = (err as { cause?: { name?: unknown } } | null)?.cause
  const permanent = cause?.name === 'TransportError'
  const fields = { status: 0, method: ctx.method, path: ctx.path, permanent }
  // Duck-typed: errors from fetch may come from another realm (DOMException).
  const timedOut = (err as { name?: unknown } | null)?.name === 'TimeoutError'
  let detail = timedOut
    ? `no answer within ${formatMs(timeoutMs)} (timeout)`
    : `could not reach ZadigX (${causeText(err)})`
  // The request may have arrived before the connection broke.
  if (!idempotent) {
    detail +=
      '; it may still have reached ZadigX: check there before sending it again'
  }
  return new ZadigApiError(fields, detail, ctx.secret)
}

// undici hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, certificate errors).
function causeText(err: unknown): string {
  const cause = (err as { cause?: unknown } | null)?.cause
  const from = (cause ?? err) as { code?: unknown; message?: unknown } | null
  const text = String(from?.message ?? from)
  const code = from?.code
  return typeof code === 'string' && !text.includes(code)
    ? `${code}: ${text}`
    : text
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`
}

// Most decoded bytes read for lastBytes: a gzip bomb must not keep a step busy for long.
const LAST_BYTES_READ_LIMIT = 256 << 20

/**
 * A body of any size keeping at most `max` bytes of its end (logs, which the server
 * sends whole); reading stops after LAST_BYTES_READ_LIMIT decoded bytes.
 */
export async function lastBytes(res: Response, max: number): Promise<string> {
  const reader = res.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let kept = 0
  for (let read = 0; read < LAST_BYTES_READ_LIMIT;) {
    const { done, value } = await reader.read()
    if (done) break
    read += value.byteLength
    chunks.push(value)
    kept += value.byteLength
    while (chunks.length > 1 && kept - chunks[0]!.byteLength >= max)
      kept -= chunks.shift()!.byteLength
  }
  await reader.cancel().catch(() => undefined)
  const all = Buffer.concat(chunks)
  // A cut through a multi-byte character decodes to U+FFFD at the start only.
  return new TextDecoder().decode(all.subarray(Math.max(0, all.length - max)))
}
