// The one request funnel of the ZadigX client: URL, headers, timeout, redirects,
// response mapping and retries (STYLE.md "The client").
import { systemClock } from '../clock.js'
import { BodyTooLargeError, formatBytes, readLimitedText } from './body.js'
import { AnswerShapeError } from './decode.js'
import { ZadigApiError } from './errors.js'
import type { ZadigApiErrorFields } from './errors.js'
import { fetchFollowing } from './redirects.js'
import { lastBytes, networkError, readBody } from './response.js'
import type { CallContext } from './response.js'
import { DEFAULT_RETRY, retryDelay } from './retry.js'
import type { RetryPolicy } from './retry.js'
import { createTransport } from './transport.js'
import { callSignal } from './transport-signal.js'

/** How the client reaches ZadigX. */
export interface ClientOptions {
  /** ZadigX address; a path prefix is kept, a trailing slash dropped. */
  baseUrl: string
  /** API token (a JWT); sent only as `Authorization: Bearer`. */
  token: string
  /** Defaults to createTransport (transport.ts) for `baseUrl`. */
  fetch?: typeof fetch
  /** Per try; default 30 s. */
  timeoutMs?: number
  /** Default `zadigx-action`. */
  userAgent?: string
  retry?: RetryPolicy
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Jitter source in [0, 1). */
  random?: () => number
  /** Clock for `Retry-After` dates and timings. */
  now?: () => number
  /** Gets method, path, status and time of each try; never headers. */
  log?: { debug(message: string): void }
}

/** A query value; undefined and null are left out. */
export type QueryValue = string | number | boolean | null | undefined

/** Options of one `request()`. */
export interface RequestOptions {
  /** camelCase names, as the OpenAPI expects (docs/zadigx-api.md#routes). */
  query?: Record<string, QueryValue>
  /** Sent as JSON. */
  body?: unknown
  /** Sent as `text/yaml` (create/update workflow, docs/zadigx-api.md#create-workflow). */
  yaml?: string
  /** `text`: a 2xx body is returned as it came, whatever its type (YAML answers). */
  answer?: 'json' | 'text'
  /** Keeps only the last this many bytes of the body (logs: no server-side limit). */
  keepLastBytes?: number
  /** Only idempotent calls are retried: a resent trigger starts a second run. */
  idempotent: boolean
  /** One try only: the caller retries itself (the poller polls again anyway). */
  once?: boolean
  signal?: AbortSignal
}

/** How an answer is read: its name in messages and its typed reader (decode.ts). */
export interface AnswerReader<T> {
  /** `task detail`, `the trigger`: ZadigX answered <what> with … */
  what: string
  decode(body: unknown): T
}

/** The one request funnel under every resource of `ZadigClient`. */
const EMPTY_STREAM: AsyncIterable<Uint8Array> = {
  async *[Symbol.asyncIterator]() {}
}

export class ZadigHttp {
  /** Normalised base URL, without trailing slash. */
  readonly baseUrl: string
  // A private field: never serialised, never printed with the client.
  readonly #token: string
  readonly #fetch: typeof fetch
  readonly #timeoutMs: number
  readonly #userAgent: string
  readonly #retry: RetryPolicy
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly #random: () => number
  readonly #now: () => number
  readonly #log: ClientOptions['log']

  constructor(options: ClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl)
    this.#token = checkToken(options.token)
    this.#fetch = options.fetch ?? createTransport({ url: this.baseUrl }).fetch
    this.#timeoutMs = options.timeoutMs ?? 30_000
    this.#userAgent = options.userAgent ?? 'zadigx-action'
    this.#retry = options.retry ?? DEFAULT_RETRY
    this.#sleep = options.sleep ?? systemClock.sleep
    this.#random = options.random ?? Math.random
    this.#now = options.now ?? Date.now
    this.#log = options.log
  }

  /** Sends one call (retrying idempotent ones) and returns its JSON body. */
  async request<T>(
    method: string,
    path: string,
    options: RequestOptions
  ): Promise<T> {
    // Errors and logs name the path, never a query string.
    const apiPath = path.split('?')[0] as string
    const ctx = { method, path: apiPath, secret: this.#token, now: 0 }
    for (let failures = 1; ; failures++) {
      try {
        return await this.#once<T>(ctx, path, options)
      } catch (err) {
        const { idempotent, signal } = options
        const policy = this.#retry
        const wait = options.once
          ? undefined
          : retryDelay(err, failures, idempotent, policy, this.#random)
        if (wait === undefined) throw err
        const why = (err as ZadigApiError).status || 'no answer'
        this.#log?.debug(
          `ZadigX ${method} ${apiPath}: ${why}, try ${failures + 1}/${this.#retry.attempts} in ${wait} ms`
        )
        await this.#sleep(wait, signal)
        signal?.throwIfAborted()
      }
    }
  }

  /**
   * Sends one call like `request()` and reads its answer with `reader`: a body of the
   * wrong shape is a `refused` ZadigApiError naming the field and what came
   * (docs/zadigx-api.md#answer-shapes).
   */
  async requestDecoded<T>(
    method: string,
    path: string,
    options: RequestOptions,
    reader: AnswerReader<T>
  ): Promise<T> {
    const body = await this.request<unknown>(method, path, options)
    try {
      return reader.decode(body)
    } catch (err) {
      if (!(err instanceof AnswerShapeError)) throw err
      throw this.refuse(
        method,
        path,
        `ZadigX answered ${reader.what} ${err.message}`
      )
    }
  }

  /** A `refused` error for an answer of this funnel the action will not act on. */
  refuse(method: string, path: string, detail: string): ZadigApiError {
    const apiPath = path.split('?')[0] as string
    const fields = { status: 200, method, path: apiPath, refused: true }
    return this.fail(fields, detail)
  }

  /**
   * Opens a GET whose answer is an event stream (docs/zadigx-api.md#running-tasks,
   * #job-log-stream): the timeout covers the answer's headers unless `headerTimeout` is
   * false (a job's log stream sends its headers only with the first line, which a quiet
   * job may take minutes to write); `signal` covers the whole read. Not retried: the
   * caller falls back. Errors map as for request().
   */
  async stream(
    path: string,
    signal: AbortSignal,
    { headerTimeout = true }: { headerTimeout?: boolean } = {}
  ): Promise<AsyncIterable<Uint8Array>> {
    const ctx = { method: 'GET', path, secret: this.#token, now: 0 }
    const started = this.#now()
    const call = new AbortController()
    const onAbort = () => call.abort(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    const timeout = () =>
      call.abort(
        new DOMException(
          'The operation was aborted due to timeout',
          'TimeoutError'
        )
      )
    const timer = headerTimeout
      ? setTimeout(timeout, this.#timeoutMs)
      : undefined
    timer?.unref()
    const init = this.#init('GET', { idempotent: true }, call.signal)
    init.headers = {
      ...(init.headers as Record<string, string>),
      Accept: 'text/event-stream'
    }
    let res: Response
    try {
      if (signal.aborted) onAbort()
      res = await fetchFollowing(
        this.#fetch,
        this.#url(path, undefined),
        init,
        {
          ...ctx,
          idempotent: true,
          fail: (fields, detail) => this.fail(fields, detail)
        }
      )
    } catch (err) {
      signal.removeEventListener('abort', onAbort)
      signal.throwIfAborted()
      throw err instanceof ZadigApiError
        ? err
        : networkError(err, ctx, true, this.#timeoutMs)
    } finally {
      clearTimeout(timer)
    }
    this.#debug(ctx, res.status, started)
    const type = res.headers.get('content-type') ?? ''
    // gin sets no content type on a stream that ends before its first event (a job
    // that has already ended, docs/zadigx-api.md#job-log-stream): an empty stream.
    if (res.ok && (type === '' || /^text\/event-stream/i.test(type)))
      return res.body ?? EMPTY_STREAM
    signal.removeEventListener('abort', onAbort)
    if (!res.ok) {
      const text = await readLimitedText(res).catch((err: unknown) => {
        throw this.#failure(err, ctx, true, res)
      })
      readBody(res, text, { ...ctx, now: this.#now() })
    }
    await res.body?.cancel()
    throw this.fail(
      { status: res.status, method: 'GET', path },
      `HTTP ${res.status} with ${type || 'no content type'}, not an event stream`
    )
  }

  /** A ZadigApiError for a call through this funnel, scrubbed of the token. */
  fail(fields: ZadigApiErrorFields, detail: string): ZadigApiError {
    return new ZadigApiError(fields, detail, this.#token)
  }

  async #once<T>(ctx: CallContext, path: string, options: RequestOptions) {
    const started = this.#now()
    const call = callSignal(this.#timeoutMs, options.signal)
    const init = this.#init(ctx.method, options, call.signal)
    const url = this.#url(path, options.query)
    let res: Response | undefined
    let text: string
    try {
      res = await fetchFollowing(this.#fetch, url, init, {
        ...ctx,
        idempotent: options.idempotent,
        fail: (fields, detail) => this.fail(fields, detail)
      })
      text =
        options.keepLastBytes === undefined
          ? await readLimitedText(res)
          : await lastBytes(res, options.keepLastBytes)
    } catch (err) {
      options.signal?.throwIfAborted()
      const error = this.#failure(err, ctx, options.idempotent, res)
      this.#debug(ctx, error.status || 'no answer', started)
      throw error
    } finally {
      call.clear()
    }
    this.#debug(ctx, res.status, started)
    if (options.answer === 'text' && res.ok) return text as T
    return readBody<T>(res, text, { ...ctx, now: this.#now() })
  }

  #failure(
    err: unknown,
    ctx: CallContext,
    idempotent: boolean,
    res: Response | undefined
  ): ZadigApiError {
    if (err instanceof ZadigApiError) return err
    if (err instanceof BodyTooLargeError && res) {
      const fields = { status: res.status, method: ctx.method, path: ctx.path }
      const unpacked = err.encoding ? ` once unpacked (${err.encoding})` : ''
      return this.fail(
        { ...fields, oversized: true },
        `HTTP ${res.status}, but ZadigX sent an answer larger than ${formatBytes(err.limitBytes)}${unpacked}; the action stopped reading it there. No ZadigX answer it reads is that large: check that the ZadigX URL is the ZadigX server and not a proxy or file server in front of it`
      )
    }
    return networkError(err, ctx, idempotent, this.#timeoutMs)
  }

  #url(path: string, query: RequestOptions['query']): URL {
    const url = new URL(this.baseUrl + path)
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) {
        url.searchParams.set(name, String(value))
      }
    }
    return url
  }

  #init(
    method: string,
    options: RequestOptions,
    signal: AbortSignal
  ): RequestInit {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.#token}`,
      'User-Agent': this.#userAgent,
      Accept: 'application/json'
    }
    let body: string | undefined
    if (options.yaml !== undefined) {
      headers['Content-Type'] = 'text/yaml'
      body = options.yaml
    } else if (options.body !== undefined) {
      // DELETE bodies too: ZadigX v1.7 cancel reads its arguments from the body.
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(options.body)
    }
    return { method, headers, body, signal, redirect: 'manual' }
  }

  #debug(ctx: CallContext, status: number | string, started: number): void {
    const ms = this.#now() - started
    this.#log?.debug(`ZadigX ${ctx.method} ${ctx.path} -> ${status} (${ms} ms)`)
  }
}

/** `https://host/prefix/` -> `https://host/prefix`; throws on a non-http(s) URL. */
function normalizeBaseUrl(raw: string): string {
  const example = 'e.g. https://zadig.example.com'
  if (!URL.canParse(raw.trim())) {
    throw new Error(`The ZadigX URL is not an absolute URL (${example})`)
  }
  const url = new URL(raw.trim())
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The ZadigX URL must start with https:// (${example})`)
  }
  if (url.username || url.password) {
    throw new Error('The ZadigX URL must not contain a user name or password')
  }
  return (url.origin + url.pathname).replace(/\/+$/, '')
}

// fetch rejects an invalid header value with a TypeError that quotes the value,
// i.e. the whole token: check first and say what is wrong without quoting it.
function checkToken(token: string): string {
  const trimmed = (token ?? '').trim()
  if (trimmed === '') throw new Error('The ZadigX token is empty')
  if (!/^[\x21-\x7e]+$/.test(trimmed)) {
    throw new Error(
      'The ZadigX token contains characters that cannot be sent in an HTTP header (spaces, line breaks or non-ASCII)'
    )
  }
  return trimmed
}
