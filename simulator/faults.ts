// Fault injection for reliability tests, built on the `use(hook)` seam: a rule
// matches requests and turns the next `times` of them into a failure a client can
// meet in the field. ZadigX itself has no rate limiting (docs/zadigx-api.md#error-shapes); 429s,
// HTML pages and resets come from gateways and proxies in front of it.
import type { ServerResponse } from 'node:http'
import type { Hook, HookContext, SimRequest } from './http.js'
import { send } from './http.js'
import { gzipBomb, MIB, writeHuge } from './fault-bodies.js'
import { hostileAnswer } from './hostile-text.js'
import type { SimResponse } from './response.js'

/** What happens to a matched request. */
export type FaultKind =
  /**
   * Answers with this status and body (a 5xx burst, a proxy's 502 page ...); with
   * `create`, the route runs first (a trigger creates its task, then the answer is this).
   */
  | {
      kind: 'status'
      status: number
      body?: string
      contentType?: string
      create?: boolean
    }
  /** Destroys the socket without a response (TCP RST). */
  | { kind: 'reset' }
  /** Accepts and never answers; with `ms`, answers normally after `ms` real ms. */
  | { kind: 'stall'; ms?: number }
  /** 200 with the first half of the real response's JSON. */
  | { kind: 'truncated-json' }
  /** 200 with the real response's JSON broken (single quotes). */
  | { kind: 'invalid-json' }
  /** 429 with `Retry-After` and a gateway's HTML page. */
  | { kind: 'rate-limit'; retryAfterSec: number }
  /** 200 text/html login page: a wrong base URL or an SSO proxy. */
  | { kind: 'html-login' }
  /** Runs the route (its effects happen), then resets instead of answering. */
  | { kind: 'lost-response' }
  /**
   * 200 `application/json` of `bytes` bytes (default 32 MiB), sent in chunks; with
   * `chunked`, without a Content-Length.
   */
  | { kind: 'huge-body'; bytes?: number; chunked?: boolean }
  /** 200 `application/json`, gzip-encoded: about 1 KB a MiB, `unpackedMiB` (default 1024) unpacked. */
  | { kind: 'gzip-bomb'; unpackedMiB?: number }
  /**
   * A redirect (`status`, default 307) to `location` (default: the same URL); with
   * `acted`, the route runs first (a trigger creates its task), as a proxy that
   * redirects after passing the request on would.
   */
  | { kind: 'redirect'; status?: number; location?: string; acted?: boolean }
  /** Runs the route (a trigger creates its task), then never answers. */
  | { kind: 'hang-after-create' }
  /**
   * Resets the connection at once and runs the route only when a later request comes
   * `afterSec` virtual seconds on or more: a trigger whose task is listed late.
   */
  | { kind: 'create-late'; afterSec: number }
  /**
   * Runs the route, then answers its JSON with fields replaced: `set` maps a dotted
   * path (`task_id`, `stages.0.jobs`) to the value put there (a hostile or broken
   * server, a cache answering another task); `status` keeps the route's own.
   */
  | { kind: 'rewrite-json'; set: Record<string, unknown> }
  /** A streamed answer (server-sent events) cut by a proxy after `afterEvents` events (default 1). */
  | { kind: 'cut-stream'; afterEvents?: number }
  /**
   * The real answer with `text` appended to every name and error string in it: a hostile
   * or broken server. In `text`, `{authorization}` is the Authorization header received,
   * `{authorization-base64}` and `{authorization-url}` its base64 and URL-encoded forms,
   * `{signature}` the last part of its JWT.
   */
  | { kind: 'hostile-text'; text: string }

/** Which requests a rule applies to. */
export interface FaultMatch {
  /** HTTP method, any case; absent = any. */
  method?: string
  /** Exact path (no query) or a RegExp tested against the path. */
  path?: string | RegExp
  /** Query parameters that must all be present with these values. */
  query?: Record<string, string>
  /** How many matches fire (default 1; Infinity = every one). */
  times?: number
  /** Matches to let through before firing (default 0). */
  after?: number
}

/** A rule: where it applies and what it does. */
export type FaultRule = FaultMatch & FaultKind

/** The `kind` names. */
export type FaultName = FaultKind['kind']

/** A proxy's 502 page (nginx style). */
export const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

const TOO_MANY_PAGE =
  '<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

/** What a browser-facing SSO proxy or a wrong URL shows instead of the API. */
export const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sign in</title></head><body><form method="post" action="/login"><input name="username"><input name="password" type="password"><button type="submit">Sign in</button></form></body></html>'

const NAMES: FaultName[] = [
  'status',
  'reset',
  'stall',
  'truncated-json',
  'invalid-json',
  'rate-limit',
  'html-login',
  'lost-response',
  'huge-body',
  'gzip-bomb',
  'redirect',
  'hang-after-create',
  'create-late',
  'rewrite-json',
  'cut-stream',
  'hostile-text'
]

interface Slot {
  rule: FaultRule
  seen: number
  fired: number
}

function matches(rule: FaultRule, req: SimRequest): boolean {
  if (rule.method && rule.method.toUpperCase() !== req.method) return false
  if (typeof rule.path === 'string' && rule.path !== req.path) return false
  if (rule.path instanceof RegExp && !rule.path.test(req.path)) return false
  const query = Object.entries(rule.query ?? {})
  return query.every(([k, v]) => req.query[k] === v)
}

interface Answer {
  status: number
  body: string | Buffer
  headers: Record<string, string>
}

function write(res: ServerResponse, answer: Answer): void {
  const length = String(Buffer.byteLength(answer.body))
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': length })
  res.end(answer.body)
}

function sameUrl(req: SimRequest): string {
  const query = new URLSearchParams(req.query).toString()
  return query ? `${req.path}?${query}` : req.path
}

function reset(res: ServerResponse): void {
  const socket = res.socket
  if (!socket) return
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
  else socket.destroy()
}

/** `body` with each dotted path of `set` replaced (missing levels are made as objects). */
function rewritten(body: unknown, set: Record<string, unknown>): unknown {
  const root: unknown = structuredClone(body ?? {})
  for (const [path, value] of Object.entries(set)) {
    const keys = path.split('.')
    const last = keys.pop() as string
    let at = root as Record<string, unknown>
    for (const key of keys) {
      const next = at[key]
      if (typeof next !== 'object' || next === null) at[key] = {}
      at = at[key] as Record<string, unknown>
    }
    at[last] = value
  }
  return root
}

function brokenJson(json: string): string {
  const broken = json.replace(/"/g, "'")
  return broken === json ? `${json},` : broken
}

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' }
const HTML_TYPE = { 'Content-Type': 'text/html; charset=utf-8' }
const TEXT_TYPE = 'text/plain; charset=utf-8'

/** The response an answering fault writes; undefined for socket-level faults. */
function answerFor(
  rule: FaultRule,
  request: SimRequest,
  next: () => SimResponse
): Answer | undefined {
  const json = () => JSON.stringify(next().body ?? {})
  switch (rule.kind) {
    case 'status': {
      const headers = { 'Content-Type': rule.contentType ?? TEXT_TYPE }
      return { status: rule.status, body: rule.body ?? '', headers }
    }
    case 'rate-limit': {
      const retry = { 'Retry-After': String(rule.retryAfterSec) }
      const headers = { ...HTML_TYPE, ...retry }
      return { status: 429, body: TOO_MANY_PAGE, headers }
    }
    case 'html-login':
      return { status: 200, body: LOGIN_PAGE, headers: HTML_TYPE }
    case 'truncated-json': {
      const text = json()
      const body = text.slice(0, Math.max(1, text.length >> 1))
      return { status: 200, body, headers: JSON_TYPE }
    }
    case 'invalid-json':
      return { status: 200, body: brokenJson(json()), headers: JSON_TYPE }
    case 'redirect': {
      if (rule.acted) next()
      const location = rule.location ?? sameUrl(request)
      const headers = { 'Content-Type': TEXT_TYPE, Location: location }
      return { status: rule.status ?? 307, body: '', headers }
    }
    case 'gzip-bomb': {
      const headers = { ...JSON_TYPE, 'Content-Encoding': 'gzip' }
      return { status: 200, body: gzipBomb(rule.unpackedMiB ?? 1024), headers }
    }
    case 'rewrite-json': {
      const real = next()
      const body = JSON.stringify(rewritten(real.body, rule.set))
      return { status: real.status, body, headers: JSON_TYPE }
    }
    case 'hostile-text':
      return hostileAnswer(next(), rule.text, request)
    default:
      return undefined
  }
}

// Passes the first `events` events of a streamed answer, then resets the socket (as a
// proxy with a read timeout does); an answer that does not stream goes through as it is.
function cut(ctx: HookContext, events: number): void {
  const response = ctx.next()
  ctx.entry.status = response.status
  const stream = response.stream
  if (!stream) return send(ctx.res, response)
  let passed = 0
  send(ctx.res, {
    ...response,
    stream: io =>
      stream({
        write: chunk => {
          if (passed >= events) return
          io.write(chunk)
          passed += chunk.split('\n\n').length - 1
          if (passed >= events) setImmediate(() => reset(ctx.res))
        },
        end: () => reset(ctx.res),
        onClose: io.onClose
      })
  })
  if (events <= 0) setImmediate(() => reset(ctx.res))
}

/** The fault rules of one simulator and how often each kind fired. */
export class Faults {
  /** How many times each kind fired since start (or the last clear()). */
  readonly counts = {} as Record<FaultName, number>
  private slots: Slot[] = []
  private readonly timers = new Set<NodeJS.Timeout>()
  /** Routes of `create-late` requests, run once virtual time reaches `atMs`. */
  private late: { atMs: number; run: () => void }[] = []

  /** `now` is the simulator's virtual time (for `create-late`). */
  constructor(private readonly now: () => number = Date.now) {
    this.clear()
  }

  /** Adds a rule; rules are tried in the order they were added. */
  add(rule: FaultRule): void {
    this.slots.push({ rule, seen: 0, fired: 0 })
  }

  /** Removes every rule and zeroes the counts. */
  clear(): void {
    this.slots = []
    this.late = []
    for (const name of NAMES) this.counts[name] = 0
  }

  /** Forgets pending stall timers (the server is closing their sockets). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  /** The hook to register with `use()`. */
  readonly hook: Hook = ctx => {
    this.runLate()
    const rule = this.match(ctx.request)
    if (!rule) return undefined
    this.counts[rule.kind] += 1
    ctx.entry.fault = rule.kind
    return this.inject(rule, ctx)
  }

  // Late creations whose time has come happen before the request that sees them.
  private runLate(): void {
    const now = this.now()
    const due = this.late.filter(l => l.atMs <= now)
    this.late = this.late.filter(l => l.atMs > now)
    for (const l of due) l.run()
  }

  private match(req: SimRequest): FaultRule | undefined {
    for (const slot of this.slots) {
      if (!matches(slot.rule, req)) continue
      slot.seen += 1
      if (slot.seen <= (slot.rule.after ?? 0)) continue
      if (slot.fired >= (slot.rule.times ?? 1)) continue
      slot.fired += 1
      return slot.rule
    }
    return undefined
  }

  private inject(rule: FaultRule, ctx: HookContext): 'handled' {
    if (rule.kind === 'status' && rule.create) ctx.next()
    const answer = answerFor(rule, ctx.request, ctx.next)
    if (answer) {
      ctx.entry.status = answer.status
      write(ctx.res, answer)
    } else if (rule.kind === 'stall') this.stall(ctx, rule.ms)
    else if (rule.kind === 'hang-after-create') ctx.next()
    else if (rule.kind === 'create-late') {
      const atMs = this.now() + rule.afterSec * 1000
      this.late.push({ atMs, run: () => void ctx.next() })
      reset(ctx.res)
    } else if (rule.kind === 'huge-body') {
      ctx.entry.status = 200
      writeHuge(ctx.res, rule.bytes ?? 32 * MIB, rule.chunked === true)
    } else if (rule.kind === 'cut-stream') cut(ctx, rule.afterEvents ?? 1)
    else {
      // lost-response: the route runs (a trigger creates its task), then reset.
      if (rule.kind === 'lost-response') ctx.next()
      reset(ctx.res)
    }
    return 'handled'
  }

  // Keeps the socket open; with `ms`, answers for real once `ms` has passed.
  private stall(ctx: HookContext, ms: number | undefined): void {
    if (ms === undefined) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (ctx.res.destroyed || ctx.res.writableEnded) return
      const response = ctx.next()
      ctx.entry.status = response.status
      send(ctx.res, response)
    }, ms)
    this.timers.add(timer)
    ctx.res.once('close', () => {
      clearTimeout(timer)
      this.timers.delete(timer)
    })
  }
}
