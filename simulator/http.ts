// The HTTP layer: body reading, request log, hooks, routing, auth, response writing.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { emptyError, plainError, SimHttpError } from './errors.js'
import type { Profile } from './profiles.js'
import type { SimResponse } from './response.js'
import { methodNotAllowed, notFound } from './response.js'
import type { SimUser } from './users.js'
import { anonymous } from './users.js'

/** One request as the simulator saw it. */
export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  /** Parsed JSON, the raw text of a YAML body, or undefined. */
  body: unknown
  rawBody: string
  /** 0 when a hook took over the socket without answering. */
  status: number
  user?: string
  /** The injected fault, if one fired (see faults.ts). */
  fault?: string
}

/** What a route handler receives. */
export interface SimRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingMessage['headers']
  rawBody: string
  body: unknown
  user?: SimUser
}

/** A route: `pattern` segments starting with ':' capture path parameters. */
export interface Route {
  method: string
  pattern: string
  handler: (req: SimRequest, params: Record<string, string>) => SimResponse
}

/** What a hook sees: the request, the raw node objects, and the rest of the chain. */
export interface HookContext {
  request: SimRequest
  req: IncomingMessage
  res: ServerResponse
  /** The log entry of this request; a hook that answers itself sets `status`. */
  entry: RecordedRequest
  /** Runs routing, auth and the handler (with their effects) without answering. */
  next: () => SimResponse
}

/**
 * Runs before routing and auth (the seam for fault injection): return a response to
 * answer instead, 'handled' when the hook wrote to or destroyed the socket itself,
 * or undefined to carry on.
 */
export type Hook = (
  ctx: HookContext
) =>
  | SimResponse
  | 'handled'
  | undefined
  | Promise<SimResponse | 'handled' | undefined>

/** What the request handler works with; arrays are live so callers can add to them. */
export interface HttpOptions {
  routes: Route[]
  hooks: Hook[]
  users: SimUser[]
  log: RecordedRequest[]
  profile: Profile
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return /yaml/i.test(contentType ?? '') ? raw : undefined
  }
}

// Like gin's c.Query: the first value of a repeated parameter wins.
function firstValues(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {}
  for (const [k, v] of params) if (!(k in query)) query[k] = v
  return query
}

// The token the gateway checks (profiles.ts authHeader): v1.18's OPA takes a
// `Bearer ` header first and ?token= only without one; v2.0+ needs a header of
// exactly two space-separated parts (else 401) and lets ?token= win.
function tokenOf(req: SimRequest, profile: Profile): string | undefined {
  const header = req.headers.authorization
  const query = req.query.token || undefined
  if (profile.authHeader === 'bearer-prefix') {
    if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length)
    return query
  }
  if (header === undefined || header === '') return query
  const parts = header.split(' ')
  if (parts.length !== 2) return undefined
  return query ?? parts[1]
}

// Who aslan acts as once the gateway let the request in: the JWT payload of the
// Authorization header (any scheme), else (v3.1+) of ?token=, else "system"
// (pkg/shared/handler/base.go, v1.18.0:76-85, v3.1.0:78-100).
function actingUser(
  req: SimRequest,
  users: SimUser[],
  profile: Profile
): SimUser {
  const header = req.headers.authorization
  const token = header
    ? header.split(' ').at(-1)
    : profile.aslanQueryToken
      ? req.query.token
      : undefined
  const known = users.find(u => u.token === token)
  return known ?? anonymous(token ? '' : 'system')
}

function authenticate(
  req: SimRequest,
  users: SimUser[],
  profile: Profile
): SimUser | undefined {
  const token = tokenOf(req, profile)
  if (!token || !users.some(u => u.token === token)) return undefined
  return actingUser(req, users, profile)
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function matchRoute(routes: Route[], method: string | undefined, path: string) {
  const parts = path.split('/').map(decode)
  for (const route of routes) {
    if (method !== undefined && route.method !== method) continue
    const pattern = route.pattern.split('/')
    if (pattern.length !== parts.length) continue
    const params: Record<string, string> = {}
    const hit = pattern.every((seg, i) => {
      const part = parts[i] ?? ''
      if (seg.startsWith(':')) params[seg.slice(1)] = part
      return seg.startsWith(':') ? part !== '' : seg === part
    })
    if (hit) return { route, params }
  }
  return undefined
}

/** Writes `r` as the simulator does: JSON or plain text, with Content-Length. */
export function send(res: ServerResponse, r: SimResponse): void {
  const headers: Record<string, string> = { ...r.headers }
  if (r.stream) return sendStream(res, r.status, headers, r.stream)
  let payload = ''
  if (r.text !== undefined) {
    headers['Content-Type'] = r.contentType ?? 'text/plain; charset=utf-8'
    payload = r.text
  } else if (r.body !== undefined) {
    headers['Content-Type'] = 'application/json; charset=utf-8'
    payload = JSON.stringify(r.body)
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload))
  res.writeHead(r.status, headers)
  res.end(payload)
}

// gin's c.Stream: chunked, no Content-Length, flushed after each write.
function sendStream(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  stream: NonNullable<SimResponse['stream']>
): void {
  res.writeHead(status, headers)
  stream({
    write: chunk => {
      if (!res.destroyed) res.write(chunk)
    },
    end: () => {
      if (!res.destroyed) res.end()
    },
    onClose: stop => void res.once('close', stop)
  })
}

// The gateway authenticates before aslan routes (401, empty body); aslan's own
// NoRoute / NoMethod answer unknown paths (aslan/server/rest/server.go, v1.18.0:67-73,
// same at v5.0.0).
function respond(request: SimRequest, opts: HttpOptions): SimResponse {
  if (!request.user) return emptyError(401)
  const { method, path } = request
  const match = matchRoute(opts.routes, method, path)
  if (!match)
    return matchRoute(opts.routes, undefined, path)
      ? methodNotAllowed(method, path)
      : notFound(path)
  try {
    return match.route.handler(request, match.params)
  } catch (err) {
    if (err instanceof SimHttpError) return err.response
    return plainError(err instanceof Error ? err.message : String(err))
  }
}

/** The node:http request listener of the simulator. */
export function createListener(opts: HttpOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const rawBody = await readBody(req)
    const request: SimRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: firstValues(url.searchParams),
      headers: req.headers,
      rawBody,
      body: parseBody(rawBody, req.headers['content-type'])
    }
    request.user = authenticate(request, opts.users, opts.profile)
    const { method, path, query, body } = request
    const entry: RecordedRequest = {
      method,
      path,
      query,
      body,
      rawBody,
      status: 0
    }
    if (request.user) entry.user = request.user.name
    opts.log.push(entry)
    const next = () => respond(request, opts)
    for (const hook of opts.hooks) {
      const out = await hook({ request, req, res, entry, next })
      if (out === 'handled') return
      if (out) {
        entry.status = out.status
        return send(res, out)
      }
    }
    const response = respond(request, opts)
    entry.status = response.status
    send(res, response)
  }
}
