// The network transport under the ZadigX client: proxy from the environment,
// an extra CA, optional insecure TLS, and advice for the errors these cause.
//
// Without proxy, CA or insecure TLS a call goes over node:http(s)
// (transport-direct.ts). Only those settings need undici's dispatchers, and
// only then is undici loaded (about 30 ms, from a chunk of its own in dist/).
import type { SecureContext } from 'node:tls'
import type * as Undici from 'undici'
import { countCertificates, trustedRoots } from './ca-cert.js'
import { findProxy } from './proxy-env.js'
import type { ProxySetting } from './proxy-env.js'
import { directFetch } from './transport-direct.js'
import { explainProxyError, explainTlsError } from './transport-errors.js'
import type { ProxyContext, TlsContext } from './transport-errors.js'

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
  const send =
    proxy || o.caCert || insecure
      ? viaUndici(proxy, () => connectTls(o.caCert, insecure))
      : (directFetch as unknown as typeof fetch)
  const describe = () => describeTransport(target, env, proxy, o)
  warnAboutTls(target, env, insecure, o.log)
  o.log?.debug(`ZadigX connection: ${describe()}`)

  const tls: TlsContext = { host: target.host, caCertGiven: !!o.caCert }
  const fetchFn = async (
    input: Parameters<typeof fetch>[0],
    init?: RequestInit
  ): Promise<Response> => {
    try {
      return await send(input as string | URL, init)
    } catch (err) {
      throw withAdvice(err, proxy, tls)
    }
  }
  return { fetch: fetchFn as typeof fetch, proxy: proxy?.url, describe }
}

interface ConnectTls {
  secureContext?: SecureContext
  rejectUnauthorized?: false
}

// One secure context for all connections: a `ca` list would be parsed again
// (about 150 roots, ~40 ms) on every TLS handshake. node:tls is loaded only here.
async function connectTls(
  caCert: string | undefined,
  insecure: boolean
): Promise<ConnectTls> {
  const tls: ConnectTls = {}
  if (caCert) {
    const nodeTls = await import('node:tls')
    const ca = trustedRoots(caCert, nodeTls)
    tls.secureContext = nodeTls.createSecureContext({ ca })
  }
  if (insecure) tls.rejectUnauthorized = false
  return tls
}

// undici's own fetch: the global one belongs to Node's internal undici, whose
// dispatcher interface differs between Node 20 (undici 6) and 24 (undici 7).
// undici is imported on the first call, once.
function viaUndici(
  proxy: ProxyUrl | undefined,
  tls: () => Promise<ConnectTls>
) {
  let ready: Promise<typeof fetch> | undefined
  return (input: string | URL, init?: RequestInit): Promise<Response> => {
    ready ??= tls().then(settings => loadUndici(proxy, settings))
    return ready.then(send => send(input, init))
  }
}

async function loadUndici(
  proxy: ProxyUrl | undefined,
  tls: ConnectTls
): Promise<typeof fetch> {
  const undici = await import('undici')
  const dispatcher = buildDispatcher(undici, proxy, tls)
  type UndiciInit = Parameters<typeof undici.fetch>[1]
  return ((input: string | URL, init?: RequestInit) =>
    undici.fetch(input, {
      ...(init as UndiciInit),
      dispatcher
    })) as unknown as typeof fetch
}

function buildDispatcher(
  undici: Pick<typeof Undici, 'Agent' | 'ProxyAgent'>,
  proxy: ProxyUrl | undefined,
  requestTls: ConnectTls
): Undici.Dispatcher {
  if (!proxy) return new undici.Agent({ connect: requestTls })
  const { secureContext } = requestTls
  return new undici.ProxyAgent({
    // Credentials travel only as the token, so they are in no URL undici keeps.
    uri: proxy.url,
    ...(proxy.token ? { token: proxy.token } : {}),
    requestTls,
    // The company CA often signs an https proxy too; insecure is for ZadigX only.
    ...(secureContext ? { proxyTls: { secureContext } } : {}),
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
