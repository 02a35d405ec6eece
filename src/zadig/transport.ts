// The network transport under the ZadigX client: undici's fetch over one
// EnvHttpProxyAgent for every call. undici picks the proxy per request from
// HTTP_PROXY / HTTPS_PROXY / NO_PROXY (lower-case names first); `ca-cert` and
// insecure TLS are its connect options. Failures get advice (transport-errors.ts).
import * as nodeTls from 'node:tls'
import { EnvHttpProxyAgent, buildConnector, fetch as undiciFetch } from 'undici'
import { countCertificates, trustedRoots } from './ca-cert.js'
import { explainProxyError, explainTlsError } from './transport-errors.js'
import type { ProxyContext, TlsContext } from './transport-errors.js'

/** How to reach ZadigX over the network. */
export interface TransportOptions {
  /** The ZadigX base URL: decides http vs https, and names the host in advice. */
  url: string
  /** PEM certificates (see readCaCert) added to Node's default roots. */
  caCert?: string
  /** Skips certificate verification of the ZadigX server (warned about). */
  insecureSkipTlsVerify?: boolean
  /** Where the proxy variables are read; default process.env. */
  env?: NodeJS.ProcessEnv
  log?: { warning(m: string): void; debug(m: string): void }
}

/** A fetch for the client, plus what it does, for logs. */
export interface Transport {
  fetch: typeof fetch
  /** One line for the log, e.g. `https://zadig.example.com, proxy ...`. */
  describe(): string
}

/** An error whose message says how to fix a TLS or proxy failure. */
export class TransportError extends Error {
  override name = 'TransportError'
}

/** A proxy variable as undici reads it: the lower-case name wins, even empty. */
interface ProxySetting {
  variable: string
  value: string
}

/** The fetch the ZadigX client should use for `o.url`. */
export function createTransport(o: TransportOptions): Transport {
  const target = new URL(o.url)
  const env = o.env ?? process.env
  const http = readVariable(env, 'http_proxy')
  const https = readVariable(env, 'https_proxy')
  // undici sends https through HTTP_PROXY when HTTPS_PROXY is not set.
  const setting = target.protocol === 'https:' ? (https ?? http) : http
  const proxy = setting && describeProxy(setting, target)
  const noProxy = readVariable(env, 'no_proxy')?.value ?? ''
  const insecure = o.insecureSkipTlsVerify === true
  const tls = connectTls(o.caCert, insecure)
  const direct = directConnector(tls)
  const dispatcher = proxyAgent(http, https, noProxy, tls, direct.connect)
  const describe = () => describeTransport(target, proxy, noProxy, o)
  warnAboutTls(target, env, insecure, o.log)
  o.log?.debug(`ZadigX connection: ${describe()}`)

  const tlsContext: TlsContext = { host: target.host, caCertGiven: !!o.caCert }
  type UndiciInit = Parameters<typeof undiciFetch>[1]
  const fetchFn = async (
    input: Parameters<typeof fetch>[0],
    init?: RequestInit
  ): Promise<Response> => {
    try {
      const res = await undiciFetch(input as string | URL, {
        ...(init as UndiciInit),
        dispatcher
      })
      return res as unknown as Response
    } catch (err) {
      // A connection that failed without the proxy needs no proxy advice.
      const proxied = direct.failed(err) ? undefined : proxy
      throw withAdvice(err, proxied, tlsContext)
    }
  }
  return { fetch: fetchFn as typeof fetch, describe }
}

// undici chooses per request between a ProxyAgent for each variable and a
// plain Agent for what NO_PROXY lists.
function proxyAgent(
  http: ProxySetting | undefined,
  https: ProxySetting | undefined,
  noProxy: string,
  tls: ConnectTls,
  connect: buildConnector.connector
): EnvHttpProxyAgent {
  const { secureContext } = tls
  const options: EnvHttpProxyAgent.Options = {
    httpProxy: http ? proxyHref(http) : '',
    httpsProxy: https ? proxyHref(https) : '',
    noProxy,
    connect,
    requestTls: tls,
    // The company CA often signs an https proxy too; insecure is for ZadigX only.
    ...(secureContext ? { proxyTls: { secureContext } } : {}),
    // Absolute-form for http targets: many proxies allow CONNECT only to 443.
    proxyTunnel: false
  } as EnvHttpProxyAgent.Options
  return quietly(() => new EnvHttpProxyAgent(options))
}

function readVariable(
  env: NodeJS.ProcessEnv,
  lower: string
): ProxySetting | undefined {
  const variable = env[lower] !== undefined ? lower : lower.toUpperCase()
  const value = env[variable]?.trim()
  return value ? { variable, value } : undefined
}

// undici 6.29 flags EnvHttpProxyAgent as experimental with a process warning
// (UNDICI-EHPA) on every run: noise in the step's log, so that one is dropped.
function quietly<T>(make: () => T): T {
  const emit = process.emitWarning
  process.emitWarning = function (warning: string | Error, ...rest: unknown[]) {
    const options = rest[0] as { code?: string } | undefined
    if (options?.code === 'UNDICI-EHPA') return
    return (emit as (...a: unknown[]) => void).call(process, warning, ...rest)
  } as typeof process.emitWarning
  try {
    return make()
  } finally {
    process.emitWarning = emit
  }
}

interface ConnectTls {
  secureContext?: nodeTls.SecureContext
  rejectUnauthorized?: false
}

// One secure context for all connections: a `ca` list would be parsed again
// (about 150 roots, ~40 ms) on every TLS handshake.
function connectTls(caCert: string | undefined, insecure: boolean) {
  const tls: ConnectTls = {}
  if (caCert) {
    const ca = trustedRoots(caCert, nodeTls)
    tls.secureContext = nodeTls.createSecureContext({ ca })
  }
  if (insecure) tls.rejectUnauthorized = false
  return tls
}

// The connector of undici's Agent for the calls NO_PROXY sends past the proxy
// (ProxyAgent connects with requestTls and proxyTls instead); it remembers its
// failures, so that a refused ZadigX is not blamed on the proxy.
function directConnector(tls: ConnectTls) {
  const connector = buildConnector(tls)
  const failures = new WeakSet<object>()
  const connect: buildConnector.connector = (options, callback) =>
    connector(options, (...args) => {
      if (args[0]) failures.add(args[0])
      callback(...args)
    })
  const failed = (err: unknown): boolean => {
    // Walked by shape: Node's own errors fail `instanceof Error` in a vm (jest).
    for (let e = err; typeof e === 'object' && e !== null;) {
      if (failures.has(e)) return true
      e = (e as { cause?: unknown }).cause
    }
    return false
  }
  return { connect, failed }
}

// Accepts `host:port` without a scheme (as curl does); undici needs a URL.
// Messages never quote the value: it may contain a password.
function proxyHref({ value, variable }: ProxySetting): string {
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
  try {
    decodeURIComponent(url.username + url.password)
  } catch (err) {
    throw new Error(
      `${variable}: the proxy user name or password has a broken %-escape (write % as %25)`,
      { cause: err }
    )
  }
  return url.href
}

// The proxy undici may use for the ZadigX URL, without credentials.
function describeProxy(setting: ProxySetting, target: URL): ProxyContext {
  const url = new URL(proxyHref(setting))
  return {
    url: `${url.protocol}//${url.host}`,
    variable: setting.variable,
    hasCredentials: url.username !== '' || url.password !== '',
    host: target.hostname
  }
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
  proxy: ProxyContext | undefined,
  noProxy: string,
  o: TransportOptions
): string {
  let text = target.origin
  if (proxy) {
    const auth = proxy.hasCredentials ? ', with credentials' : ''
    text += ` via proxy ${proxy.url} (from ${proxy.variable}${auth})`
    if (noProxy) text += ` unless NO_PROXY (${noProxy}) lists the host`
  } else text += ' direct'
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
  proxy: ProxyContext | undefined,
  tls: TlsContext
): unknown {
  const advice = explainProxyError(err, proxy) ?? explainTlsError(err, tls)
  if (!advice) return err
  return new TypeError('fetch failed', {
    cause: new TransportError(advice, { cause: err })
  })
}
