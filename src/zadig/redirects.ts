// Redirects are followed here, not by fetch (the client asks for `redirect:
// 'manual'`): the token must never follow a redirect to another origin, whatever an
// injected fetch does with headers, and a call that is not idempotent follows none.
import type { ZadigApiError, ZadigApiErrorFields } from './errors.js'

/** The call being sent, and how its errors are made. */
export interface RedirectContext {
  method: string
  path: string
  idempotent: boolean
  fail(fields: ZadigApiErrorFields, detail: string): ZadigApiError
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 5

/**
 * Fetches `url`, following same-origin, method-keeping redirects of idempotent
 * calls (at most 5). A redirect of a call that is not idempotent is refused with
 * `redirectRefused`: whoever redirected it may have acted on it already, and
 * following would send it twice (a second pipeline).
 */
export async function fetchFollowing(
  fetchFn: typeof fetch,
  url: URL,
  init: RequestInit,
  ctx: RedirectContext
): Promise<Response> {
  for (let hops = 0; ; hops++) {
    const res = await fetchFn(url.href, init)
    if (!ctx.idempotent && REDIRECTS.has(res.status)) {
      await res.body?.cancel()
      throw refused(res, url, ctx)
    }
    const next = redirectTarget(res, url)
    if (!next) return res
    await res.body?.cancel()
    const fields = { status: res.status, method: ctx.method, path: ctx.path }
    const where = next.origin + next.pathname
    if (next.origin !== url.origin) {
      throw ctx.fail(
        fields,
        `HTTP ${res.status}, redirected to another origin (${where}); not followed, so that the token is not sent there. If that is the ZadigX server, use its address as the ZadigX URL`
      )
    }
    if (hops >= MAX_REDIRECTS || changesMethod(res.status, ctx.method)) {
      throw ctx.fail(
        fields,
        `HTTP ${res.status}, redirected to ${where}; not followed (${hops >= MAX_REDIRECTS ? 'too many redirects' : `${ctx.method} would become GET`}): check the ZadigX URL`
      )
    }
    url = next
  }
}

function refused(res: Response, url: URL, ctx: RedirectContext): ZadigApiError {
  const next = redirectTarget(res, url)
  const where = next ? ` to ${next.origin + next.pathname}` : ''
  const hint = next
    ? 'if ZadigX is at that address, use it as the ZadigX URL'
    : 'check the ZadigX URL'
  const fields = { status: res.status, method: ctx.method, path: ctx.path }
  return ctx.fail(
    { ...fields, redirectRefused: true },
    `HTTP ${res.status}, redirected${where}; not followed: a ${ctx.method} is sent only once, since whoever redirected it may already have acted on it; ${hint}`
  )
}

function redirectTarget(res: Response, from: URL): URL | undefined {
  const location = res.headers.get('location')
  if (!REDIRECTS.has(res.status) || !location) return undefined
  // An unparsable Location is left to the error mapping as a plain 3xx.
  return URL.canParse(location, from.href) ? new URL(location, from) : undefined
}

// fetch semantics turn 303 (and 301/302 after POST) into a GET; for an API call
// that would silently drop the body, so only method-keeping redirects are taken.
function changesMethod(status: number, method: string): boolean {
  const safe = method === 'GET' || method === 'HEAD'
  return !safe && (status === 301 || status === 302 || status === 303)
}
