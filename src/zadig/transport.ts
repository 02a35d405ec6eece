// The network transport under the ZadigX client: proxy from the environment,
// an extra CA, optional insecure TLS, and advice for the errors these cause.
//
// undici is imported statically: @actions/core already loads it at start-up
// (through @actions/http-client), so a lazy `await import('undici')` measured
// 0.1 ms against 52 ms cold, and would only make ncc emit a separate chunk.
// Without proxy, CA or insecure the global fetch is used, with no dispatcher.
import { createSecureContext } from 'node:tls'
import { Agent, ProxyAgent, fetch as undiciFetch } from 'undici'
import type { Dispatcher } from 'undici'
import { countCertificates, trustedRoots } from './ca-cert.js'
import { findProxy } from './proxy-env.js'
import type { ProxySetting } from './proxy-env.js'
import { explainProxyError, explainTlsError } from './transport-errors.js'
import type { ProxyContext, TlsContext } from './transport-errors.js'

export { readCaCert } from './ca-cert.js'
export { bypassesProxy, findProxy, proxyFor } from './proxy-env.js'
export { explainProxyError, explainTlsError } from './transport-errors.js'

/** How to reach ZadigX over the network. */
export interface TransportOptions {
  /** The ZadigX base URL: decides http vs https and NO_PROXY matching. */
  url: string
  /** PEM certificates (see readCaCert) added to Node's default roots. */
  caCert?: string
  /** Skips certificate verification of the ZadigX server (warned about). */
  insecureSkipTlsVerify?: boolean
  /** Default process.env; see proxy-env.ts for the variables and rules. */
  env?: NodeJS.ProcessEnv
  log?: { warning(m: string): void; debug(m: string): void }
}

/** A fetch for the client, plus what it does, for logs. */
export interface Transport {
  fetch: typeof fetch
  /** The proxy in use, without credentials. */
  proxy?: string
  /** One line for the log, e.g. `https://zadig.example.com via proxy ...`. */
  describe(): string
}

/** An error whose message says how to fix a TLS or proxy failure. */
export class TransportError extends Error {
  override name = 'TransportError'
}

interface ProxyUrl extends ProxyContext {
  /** `Basic ...` when the URL carried credentials. */
  token?: string
}

/** The fetch the ZadigX client should use for `o.url`. */
export function createTransport(o: TransportOptions): Transport {
  const target = new URL(o.url)
  const env = o.env ?? process.env
  const setting = findProxy(o.url, env)
  const proxy = setting ? parseProxy(setting, target.hostname) : undefined
  const insecure = o.insecureSkipTlsVerify === true
  const dispatcher =
    proxy || o.caCert || insecure
      ? buildDispatcher(proxy, o.caCert, insecure)
      : undefined
  const describe = () => describeTransport(target, env, proxy, o)
  warnAboutTls(target, env, insecure, o.log)
  o.log?.debug(`ZadigX connection: ${describe()}`)

  const tls: TlsContext = { host: target.host, caCertGiven: !!o.caCert }
  const send = dispatcher
    ? viaDispatcher(dispatcher)
    : (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
        globalThis.fetch(input, init)
  const fetchFn = async (
    input: Parameters<typeof fetch>[0],
    init?: RequestInit
  ): Promise<Response> => {
    try {
      return await send(input, init)
    } catch (err) {
      throw withAdvice(err, proxy, tls)
    }
  }
  return { fetch: fetchFn as typeof fetch, proxy: proxy?.url, describe }
}

// undici's own fetch: the global one belongs to Node's internal undici, whose
// dispatcher interface differs between Node 20 (undici 6) and 24 (undici 7).
function viaDispatcher(dispatcher: Dispatcher) {
  type UndiciInit = Parameters<typeof undiciFetch>[1]
  return (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as UndiciInit),
      dispatcher
    }) as unknown as Promise<Response>
}

function buildDispatcher(
  proxy: ProxyUrl | undefined,
  caCert: string | undefined,
  insecure: boolean
): Dispatcher {
  // One secure context for all connections: a `ca` list would be parsed again
  // (about 150 roots, ~40 ms) on every TLS handshake.
  const secureContext = caCert
    ? createSecureContext({ ca: trustedRoots(caCert) })
    : undefined
  const ca = secureContext ? { secureContext } : {}
  const requestTls = {
    ...ca,
    ...(insecure ? { rejectUnauthorized: false } : {})
  }
  if (!proxy) return new Agent({ connect: requestTls })
  return new ProxyAgent({
    // Credentials travel only as the token, so they are in no URL undici keeps.
    uri: proxy.url,
    ...(proxy.token ? { token: proxy.token } : {}),
    requestTls,
    // The company CA often signs an https proxy too; insecure is for ZadigX only.
    ...(secureContext ? { proxyTls: ca } : {}),
    // Absolute-form for http targets: many proxies allow CONNECT only to 443.
    proxyTunnel: false
  })
}

// Accepts `host:port` without a scheme (as curl does). Messages never quote
// the value: it may contain a password.
function parseProxy(setting: ProxySetting, host: string): ProxyUrl {
  const { value, variable } = setting
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`
  if (!URL.canParse(raw)) {
    throw new Error(
      `${variable} is not a valid proxy URL (expected http://host:port)`
    )
  }
  const url = new URL(raw)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `${variable} uses ${url.protocol}// which is not supported: use an http:// (or https://) proxy`
    )
  }
  const hasCredentials = url.username !== '' || url.password !== ''
  const token = hasCredentials ? basicToken(url, variable) : undefined
  const redacted = `${url.protocol}//${url.host}`
  return { url: redacted, variable, hasCredentials, token, host }
}

// Like curl: percent-decoded `user:password`, a missing password being empty.
function basicToken(url: URL, variable: string): string {
  let pair: string
  try {
    pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
  } catch (err) {
    throw new Error(
      `${variable}: the proxy user name or password has a broken %-escape (write % as %25)`,
      { cause: err }
    )
  }
  return `Basic ${Buffer.from(pair).toString('base64')}`
}

function warnAboutTls(
  target: URL,
  env: NodeJS.ProcessEnv,
  insecure: boolean,
  log: TransportOptions['log']
): void {
  if (insecure && target.protocol === 'https:') {
    log?.warning(
      `TLS certificate verification is OFF for ${target.host}: anyone on the network path can read the token and forge ZadigX's answers. Set \`ca-cert\` to your company CA (PEM) instead of \`insecure-skip-tls-verify\``
    )
  } else if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    // Node honours it process-wide, also for our dispatcher.
    log?.warning(
      'NODE_TLS_REJECT_UNAUTHORIZED=0 turns TLS certificate verification off for every connection of this step: set `ca-cert` to your company CA (PEM) and remove it'
    )
  }
}

function describeTransport(
  target: URL,
  env: NodeJS.ProcessEnv,
  proxy: ProxyUrl | undefined,
  o: TransportOptions
): string {
  let text = target.origin
  if (proxy) {
    const auth = proxy.hasCredentials ? ', with credentials' : ''
    text += ` via proxy ${proxy.url} (from ${proxy.variable}${auth})`
  } else {
    const ignored = findProxy(o.url, { ...env, NO_PROXY: '', no_proxy: '' })
    text += ignored
      ? ` direct (NO_PROXY; ${ignored.variable} not used)`
      : ' direct'
  }
  if (o.caCert) {
    const n = countCertificates(o.caCert)
    text += `, trusting ${n} extra CA certificate${n === 1 ? '' : 's'} from ca-cert`
  }
  if (o.insecureSkipTlsVerify) text += ', TLS verification OFF'
  return text
}

// Keeps the `TypeError: fetch failed` shape the client maps to status 0, with
// the advice as the cause's message (what the client prints).
function withAdvice(
  err: unknown,
  proxy: ProxyUrl | undefined,
  tls: TlsContext
): unknown {
  const advice = explainProxyError(err, proxy) ?? explainTlsError(err, tls)
  if (!advice) return err
  return new TypeError('fetch failed', {
    cause: new TransportError(advice, { cause: err })
  })
}
