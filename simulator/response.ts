// What a route hands back to the HTTP layer; kept independent of node:http so the
// engine and the routes can be exercised without a socket.

/** A response the HTTP layer writes: JSON `body`, plain `text`, or neither (empty). */
export interface SimResponse {
  status: number
  /** Serialised as JSON with `application/json; charset=utf-8`. */
  body?: unknown
  /** Written verbatim as `text/plain; charset=utf-8` (gin's c.String). */
  text?: string
  /** The Content-Type of `text`; `text/plain; charset=utf-8` when absent. */
  contentType?: string
  headers?: Record<string, string>
  /** A body written over time (server-sent events); `text` and `body` are ignored. */
  stream?: SimStream
}

/** Writes a streamed body: `write` chunks, then `end`; `onClose` hears the client go. */
export type SimStream = (io: {
  write(chunk: string): void
  end(): void
  onClose(stop: () => void): void
}) => void

/** 200 with a JSON body. */
export function ok(body: unknown): SimResponse {
  return { status: 200, body }
}

/** The body of every data-less success (docs/zadigx-api.md#error-shapes). */
export function success(): SimResponse {
  return ok({ message: 'success' })
}

// The path as aslan sees it: the gateway maps /api/aslan/* to aslan's /api/*.
function aslanPath(path: string): string {
  return path.startsWith('/api/aslan/')
    ? `/api${path.slice('/api/aslan'.length)}`
    : path
}

/** aslan's NoRoute (source-audit S2). */
export function notFound(path: string): SimResponse {
  return { status: 404, text: `Invalid path: ${aslanPath(path)}` }
}

/** aslan's NoMethod: the path is routed for another method only. */
export function methodNotAllowed(method: string, path: string): SimResponse {
  return {
    status: 405,
    text: `Method not allowed: ${method} ${aslanPath(path)}`
  }
}
