// Proxy selection from the environment: HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
//
// Conventions (curl's, which @actions/http-client also follows for the proxy
// variables):
// - the lower-case variable wins over the upper-case one; an empty value counts
//   as unset, so `https_proxy=` falls through to `HTTPS_PROXY`;
// - https URLs use only HTTPS_PROXY, http URLs only HTTP_PROXY (no fallback
//   from one to the other, and ALL_PROXY is not read);
// - NO_PROXY is a comma (or space) separated list of `*`, host names, `.domain`
//   or `*.domain` (all three match the domain itself and every subdomain, as in
//   curl 7.86+), IP addresses, CIDR ranges (`10.0.0.0/8`, `fd00::/8`) and any of
//   these with `:port`, which then only matches that port.
// - Loopback addresses and `localhost` are NOT bypassed implicitly (unlike Go):
//   a self-hosted runner may reach a local ZadigX tunnel only through its proxy,
//   and the tests rely on a proxy on 127.0.0.1. List them in NO_PROXY to bypass.
import { BlockList, isIP } from 'node:net'

/** The proxy chosen for a URL and the variable it came from. */
export interface ProxySetting {
  /** The variable's value, trimmed (may contain credentials). */
  value: string
  /** e.g. `https_proxy`, for messages. */
  variable: string
}

type Env = NodeJS.ProcessEnv

/** The proxy URL (as written in the environment) for `url`, or undefined. */
export function proxyFor(url: string, env: Env): string | undefined {
  return findProxy(url, env)?.value
}

/** Like proxyFor, but also names the variable the proxy came from. */
export function findProxy(url: string, env: Env): ProxySetting | undefined {
  const target = new URL(url)
  const name =
    target.protocol === 'https:'
      ? 'https_proxy'
      : target.protocol === 'http:'
        ? 'http_proxy'
        : undefined
  if (!name) return undefined
  const proxy = readVariable(env, name)
  if (!proxy) return undefined
  const noProxy = readVariable(env, 'no_proxy')?.value ?? ''
  return bypassesProxy(target, noProxy) ? undefined : proxy
}

function readVariable(env: Env, lower: string): ProxySetting | undefined {
  for (const variable of [lower, lower.toUpperCase()]) {
    const value = env[variable]?.trim()
    if (value) return { value, variable }
  }
  return undefined
}

/** True when a NO_PROXY list (see the rules at the top) covers `target`. */
function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = bareHost(target.hostname)
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  return noProxy
    .split(/[\s,]+/)
    .filter(entry => entry !== '')
    .some(entry => entryMatches(entry, host, port))
}

interface NoProxyEntry {
  host: string
  port?: string
  prefix?: number
}

function entryMatches(raw: string, host: string, port: string): boolean {
  if (raw === '*') return true
  const entry = parseEntry(raw)
  if (!entry || (entry.port !== undefined && entry.port !== port)) {
    return false
  }
  if (entry.prefix !== undefined) return inSubnet(host, entry)
  if (isIP(entry.host)) return sameIp(entry.host, host)
  const domain = entry.host.replace(/^\*?\./, '')
  return host === domain || host.endsWith('.' + domain)
}

// `host`, `host:port`, `[v6]`, `[v6]:port`, bare `v6`, and `/prefix` on an IP.
function parseEntry(raw: string): NoProxyEntry | undefined {
  let text = raw.toLowerCase()
  let port: string | undefined
  const bracketed = /^\[([^\]]+)\](?::(\d+))?(\/\d+)?$/.exec(text)
  if (bracketed) {
    text = (bracketed[1] ?? '') + (bracketed[3] ?? '')
    port = bracketed[2]
  } else if (text.split(':').length === 2) {
    const [name, p] = text.split(':') as [string, string]
    if (!/^\d+$/.test(p)) return undefined
    text = name
    port = p
  }
  const cidr = /^(.+)\/(\d{1,3})$/.exec(text)
  if (cidr && isIP(cidr[1] ?? '')) {
    return { host: cidr[1] as string, port, prefix: Number(cidr[2]) }
  }
  const host = bareHost(text)
  return host ? { host, port } : undefined
}

function inSubnet(host: string, entry: NoProxyEntry): boolean {
  const family = isIP(entry.host) === 6 ? 'ipv6' : 'ipv4'
  const hostFamily = isIP(host)
  if (!hostFamily) return false
  const list = new BlockList()
  try {
    list.addSubnet(entry.host, entry.prefix ?? 0, family)
  } catch {
    return false // a prefix out of range is ignored, like an unknown entry
  }
  return list.check(host, hostFamily === 6 ? 'ipv6' : 'ipv4')
}

// Compares through BlockList so that `::1` and `0:0::1` are the same address.
function sameIp(entry: string, host: string): boolean {
  const family = isIP(entry)
  if (family !== isIP(host)) return false
  const list = new BlockList()
  list.addAddress(entry, family === 6 ? 'ipv6' : 'ipv4')
  return list.check(host, family === 6 ? 'ipv6' : 'ipv4')
}

// URL gives IPv6 hosts in brackets; a trailing dot (FQDN form) is ignored.
function bareHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
}
