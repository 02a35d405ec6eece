// The direct way to ZadigX (no proxy, no extra CA, no insecure TLS): one call
// over node:http/https with the part of fetch the client uses. Node 20's global
// fetch loads its own undici and compiles its HTTP parser on first use: about
// 20 ms more to the first request and a 40 MB higher peak than node:http.
import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'

/** The part of a fetch `Response` the ZadigX client reads (see http.ts). */
export interface DirectResponse {
  readonly status: number
  readonly ok: boolean
  readonly statusText: string
  readonly url: string
  readonly headers: {
    get(name: string): string | null
    has(name: string): boolean
  }
  /** Always null: the body is read before the call resolves. */
  readonly body: null
  text(): Promise<string>
  json(): Promise<unknown>
}

// Idle connections are closed after 4 s, as undici does: a server that closes
// first could otherwise meet the next request on a dead socket.
const IDLE_MS = 4000
interface Sender {
  request: typeof httpRequest
  agent: HttpAgent
}
// node:https (and with it node:tls) is loaded for the first https URL only.
const senders: Record<string, () => Promise<Sender>> = {
  'http:': once(async () => ({
    request: httpRequest,
    agent: new HttpAgent({ keepAlive: true, timeout: IDLE_MS })
  })),
  'https:': once(async () => {
    const https = await import('node:https')
    return {
      request: https.request,
      agent: new https.Agent({ keepAlive: true, timeout: IDLE_MS })
    }
  })
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return () => (made ??= make())
}
const ACCEPT_ENCODING = 'gzip, deflate, br'

/**
 * Sends one request without undici, for a URL string or `URL`. Like fetch it
 * rejects with `TypeError('fetch failed')` (the reason in `cause`), or with the
 * signal's reason when aborted; unlike fetch it never follows a redirect
 * (the client does, see http.ts) and resolves once the whole body has arrived.
 */
export async function directFetch(
  input: string | URL,
  init: RequestInit = {}
): Promise<DirectResponse> {
  const url = new URL(String(input))
  const load = senders[url.protocol]
  if (!load)
    throw new TypeError(`fetch failed: ${url.protocol} is not http: or https:`)
  const { request: send, agent } = await load()
  const body = bodyOf(init.body)
  const headers = headersOf(init.headers)
  headers['accept-encoding'] ??= ACCEPT_ENCODING
  if (body !== undefined) headers['content-length'] = String(body.byteLength)
  const signal = init.signal ?? undefined
  signal?.throwIfAborted()

  return new Promise<DirectResponse>((resolve, reject) => {
    const method = (init.method ?? 'GET').toUpperCase()
    const req = send(url, { method, headers, agent })
    let settled = false
    const settle = (fn: () => void): void => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      fn()
    }
    const fail = (err: unknown): void =>
      settle(() => reject(new TypeError('fetch failed', { cause: err })))
    function onAbort(): void {
      settle(() => reject(signal?.reason))
      req.destroy()
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    req.on('error', fail)
    req.on('response', res => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', fail)
      res.on('close', () => {
        if (!res.complete) fail(cutOff())
      })
      res.on('end', () => {
        decode(Buffer.concat(chunks), res.headers['content-encoding']).then(
          data => settle(() => resolve(answer(res, data, url.href))),
          fail
        )
      })
    })
    req.end(body)
  })
}

function cutOff(): Error {
  return Object.assign(new Error('the connection closed mid-answer'), {
    code: 'ECONNRESET'
  })
}

function bodyOf(body: RequestInit['body']): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return Buffer.from(body)
  if (body instanceof Uint8Array) return body
  throw new TypeError('fetch failed: the body must be a string or bytes')
}

// Header names in lower case, as fetch sends them.
function headersOf(init: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {}
  if (!init) return out
  const entries: Iterable<[string, string]> =
    Array.isArray(init) || Symbol.iterator in init
      ? (init as Iterable<[string, string]>)
      : Object.entries(init as Record<string, string>)
  for (const [name, value] of entries) out[name.toLowerCase()] = String(value)
  return out
}

// fetch undoes a content coding the server applied; zlib is loaded only then.
async function decode(
  data: Buffer,
  coding: string | undefined
): Promise<Buffer> {
  const name = (coding ?? '').trim().toLowerCase()
  if (name === '' || name === 'identity') return data
  const zlib = await import('node:zlib')
  const { promisify } = await import('node:util')
  if (name === 'gzip' || name === 'x-gzip') return promisify(zlib.gunzip)(data)
  if (name === 'deflate') return promisify(zlib.inflate)(data)
  if (name === 'br') return promisify(zlib.brotliDecompress)(data)
  throw new Error(`unsupported content-encoding ${name}`)
}

function answer(res: IncomingMessage, data: Buffer, url: string) {
  const status = res.statusCode ?? 0
  const headers = res.headers
  // TextDecoder drops a byte-order mark, as fetch's text() does.
  const text = async () => new TextDecoder().decode(data)
  const response: DirectResponse = {
    status,
    ok: status >= 200 && status <= 299,
    statusText: res.statusMessage ?? '',
    url,
    headers: {
      get: name => headerValue(headers, name),
      has: name => headerValue(headers, name) !== null
    },
    body: null,
    text,
    json: async () => JSON.parse(await text()) as unknown
  }
  return response
}

function headerValue(headers: IncomingHttpHeaders, name: string) {
  const value = headers[name.toLowerCase()]
  if (value === undefined) return null
  return Array.isArray(value) ? value.join(', ') : value
}
