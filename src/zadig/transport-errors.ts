// Network failures a user can fix (certificates, proxies) turned into advice.
// fetch rejects with `TypeError: fetch failed` and hides the reason in `cause`
// (sometimes an AggregateError of per-address attempts), so chains are walked.

/** What the advice may mention about the TLS side of the call. */
export interface TlsContext {
  /** ZadigX host, as in the URL. */
  host?: string
  /** True when `ca-cert` was given (then the advice is about that CA). */
  caCertGiven?: boolean
}

/** What the advice may mention about the proxy (never its credentials). */
export interface ProxyContext {
  /** Proxy URL without credentials. */
  url: string
  /** The variable it came from, e.g. `HTTPS_PROXY`. */
  variable: string
  hasCredentials: boolean
  /** ZadigX host, as in the URL. */
  host?: string
}

interface Failure {
  code?: string
  message: string
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE'
])
const WEAK = new Set(['CA_KEY_TOO_SMALL', 'EE_KEY_TOO_SMALL', 'CA_MD_TOO_WEAK'])
const NOT_TLS = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST'
])
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT'
])
const LAST_RESORT =
  '`insecure-skip-tls-verify` only as a last resort: it lets anyone on the network path read the token'

/** Every error in a cause chain (causes and AggregateError members), outermost first. */
export function causeChain(err: unknown): Failure[] {
  const out: Failure[] = []
  const seen = new Set<unknown>()
  const visit = (e: unknown, depth: number): void => {
    if (e === null || typeof e !== 'object' || seen.has(e) || depth > 8) return
    seen.add(e)
    const { code, message, cause, errors } = e as Record<string, unknown>
    out.push({
      code: typeof code === 'string' ? code : undefined,
      message: typeof message === 'string' ? message : ''
    })
    visit(cause, depth + 1)
    if (Array.isArray(errors)) errors.forEach(x => visit(x, depth + 1))
  }
  visit(err, 0)
  return out
}

/**
 * Advice for a TLS failure (unknown issuer, self-signed, wrong host name,
 * expiry, plain HTTP on an https URL), or undefined when `err` is none.
 */
export function explainTlsError(
  err: unknown,
  ctx: TlsContext = {}
): string | undefined {
  for (const { code, message } of causeChain(err)) {
    const advice = tlsAdvice(code, message, ctx)
    if (advice) {
      const what = code && !message.includes(code) ? `${code}: ` : ''
      const host = ctx.host ? ` for ${ctx.host}` : ''
      return `TLS connection${host} failed (${what}${message}): ${advice}`
    }
  }
  return undefined
}

function tlsAdvice(
  code: string | undefined,
  message: string,
  ctx: TlsContext
): string | undefined {
  if (code && UNTRUSTED.has(code)) return untrustedAdvice(code, ctx)
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `the server's certificate is not issued for this host name: use a host name the certificate lists in the ZadigX URL, or have the certificate reissued with it in subjectAltName; ${LAST_RESORT}`
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return "the server's certificate has expired: renew it on the ZadigX server (or the runner's clock is wrong)"
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return "the server's certificate is not valid yet: check the runner's clock"
  }
  if (code && WEAK.has(code)) {
    return "the server's certificate uses a key or signature too weak for Node's OpenSSL: have it reissued (RSA 2048+ or EC, SHA-256)"
  }
  if ((code && NOT_TLS.has(code)) || /wrong version number/i.test(message)) {
    return 'the server does not speak TLS at this address: use http:// in the ZadigX URL, or the port where ZadigX serves HTTPS'
  }
  return undefined
}

function untrustedAdvice(code: string, ctx: TlsContext): string {
  if (ctx.caCertGiven) {
    return `the \`ca-cert\` you gave does not cover the server's certificate: it must hold the root (or intermediate) CA that issued the ZadigX certificate${code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ? ', or the server does not send its intermediate certificates' : ''}`
  }
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return `the server uses a self-signed certificate: set \`ca-cert\` to that certificate (PEM text or a file path); ${LAST_RESORT}`
  }
  return `the server's certificate is issued by a CA that Node does not trust: set \`ca-cert\` to your company CA (PEM text or a file path); ${LAST_RESORT}`
}

/**
 * Advice for a proxy failure: 407 (credentials), a refused tunnel, or (when
 * `proxy` says one is in use) a proxy that cannot be reached. Undefined otherwise.
 */
export function explainProxyError(
  err: unknown,
  proxy?: ProxyContext
): string | undefined {
  const chain = causeChain(err)
  const status = chain
    .map(f => proxyStatus(f.message))
    .find(s => s !== undefined)
  const name = proxy ? `the proxy ${proxy.url} (from ${proxy.variable})` : ''
  if (status !== undefined)
    return statusAdvice(status, name || 'the proxy', proxy)
  const tlsToProxy = chain.find(f => f.code === 'UND_ERR_PRX_TLS')
  if (tlsToProxy) {
    return `TLS to ${name || 'the https proxy'} failed (${tlsToProxy.message}): check the proxy URL's host name`
  }
  const down = chain.find(f => f.code && UNREACHABLE.has(f.code))
  if (proxy && down) {
    return `cannot connect to ${name} (${down.code}: ${down.message}): fix ${proxy.variable}, or add the ZadigX host to NO_PROXY if the runner reaches it directly`
  }
  return undefined
}

// undici 6: "Proxy response (407) !== 200 when HTTP Tunneling" for CONNECT,
// "Proxy Authentication Required (407)" for absolute-form requests.
function proxyStatus(message: string): number | undefined {
  const m =
    /Proxy response \((\d{3})\)/.exec(message) ??
    /Proxy Authentication Required \((407)\)/.exec(message)
  return m ? Number(m[1]) : undefined
}

function statusAdvice(
  status: number,
  name: string,
  proxy: ProxyContext | undefined
): string {
  const variable = proxy?.variable ?? 'HTTPS_PROXY'
  const host = proxy?.host ?? 'the ZadigX host'
  if (status === 407) {
    return proxy?.hasCredentials
      ? `${name} rejected the credentials in ${variable} (HTTP 407): check the user name and password (percent-encode special characters)`
      : `${name} requires credentials (HTTP 407): put them in ${variable}, e.g. http://user:password@proxy.example:3128 (percent-encode special characters)`
  }
  if (status === 403) {
    return `${name} does not allow connections to ${host} (HTTP 403): ask its administrators, or add ${host} to NO_PROXY if the runner reaches it directly`
  }
  return `${name} could not connect to ${host} (HTTP ${status}): check the ZadigX URL; if ZadigX is inside your network, add ${host} to NO_PROXY`
}
