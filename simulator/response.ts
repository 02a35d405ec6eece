// What a route hands back to the HTTP layer; kept independent of node:http so the
// engine and the routes can be exercised without a socket.

/** A response the HTTP layer writes: JSON `body`, plain `text`, or neither (empty). */
export interface SimResponse {
  status: number
  /** Serialised as JSON with `application/json; charset=utf-8`. */
  body?: unknown
  /** Written verbatim as `text/plain` (gin's 404 page). */
  text?: string
  headers?: Record<string, string>
}

/** 200 with a JSON body. */
export function ok(body: unknown): SimResponse {
  return { status: 200, body }
}

/** The body of every data-less success (reference 1.5). */
export function success(): SimResponse {
  return ok({ message: 'success' })
}

/** gin's default NoRoute answer (reference 2.2). */
export function notFound(): SimResponse {
  return { status: 404, text: '404 page not found' }
}
