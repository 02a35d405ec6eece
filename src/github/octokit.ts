// The GitHub REST client and the one place its errors become warnings.
// Reporting to GitHub is a side channel: nothing here may fail the step.
import { Octokit } from '@octokit/rest'
import { untrusted } from '../log.js'
import { scrubDeep } from '../secrets.js'
import type { Logger } from '../log.js'

/** What `createOctokit` needs. */
export interface OctokitOptions {
  token: string
  /** REST root: https://api.github.com or https://<ghes>/api/v3. */
  apiUrl: string
  log: Logger
  fetch?: typeof fetch
}

/**
 * An Octokit for `apiUrl` (GitHub Enterprise Server included), using `fetch`
 * when given. Its own log goes to debug; its request log is dropped because
 * it prints the request options, authorization header included. Every route
 * parameter is scrubbed of secrets before it is sent.
 */
export function createOctokit(options: OctokitOptions): Octokit {
  const toDebug = (message: string): void =>
    options.log.debug(untrusted(`GitHub API: ${message}`))
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'zadigx-action',
    log: { debug: () => {}, info: () => {}, warn: toDebug, error: toDebug },
    ...(options.fetch ? { request: { fetch: options.fetch } } : {})
  })
  octokit.hook.before('request', scrubParameters)
  return octokit
}

// What Octokit itself puts in a request's options; everything else is a parameter of
// the route (path, query or body) and may hold server text.
const TRANSPORT = new Set([
  'method',
  'url',
  'baseUrl',
  'headers',
  'request',
  'mediaType'
])

/**
 * Scrubs every route parameter (src/secrets.ts) just before it is sent: runner masking
 * covers the log only, not the bodies of GitHub API requests, and a server may echo the
 * ZadigX token into any text a report carries.
 */
function scrubParameters(options: Record<string, unknown>): void {
  for (const key of Object.keys(options))
    if (!TRANSPORT.has(key)) options[key] = scrubDeep(options[key])
}

/** A kind of write to GitHub and the job permission it needs. */
export interface Channel {
  /** Completes "Could not …", e.g. `create a commit status`. */
  action: string
  /** e.g. `statuses: write`. */
  permission: string
  /** Another permission that also grants it, if any. */
  alternative?: string
}

interface HttpError {
  status?: number
  message?: string
  response?: { headers?: Record<string, unknown>; data?: unknown }
}

const asHttpError = (error: unknown): HttpError =>
  typeof error === 'object' && error !== null ? (error as HttpError) : {}

/** True for GitHub's 403 "rate limit exceeded", which is not a permission problem. */
function isRateLimit(error: HttpError): boolean {
  const remaining = error.response?.headers?.['x-ratelimit-remaining']
  return (
    (error.status === 403 || error.status === 429) &&
    (String(remaining) === '0' || /rate limit/i.test(error.message ?? ''))
  )
}

/** Whether the job token lacks the channel's permission (403/404). */
export function isPermissionError(error: unknown): boolean {
  const e = asHttpError(error)
  return (e.status === 403 || e.status === 404) && !isRateLimit(e)
}

/**
 * The warning for a failed write: 403/404 name the permission to add to the
 * job; anything else gives the HTTP status and GitHub's message. The token is
 * never part of it (Octokit errors redact it; only status and message are used).
 */
export function describeGitHubError(
  channel: Channel,
  error: unknown,
  fromFork = false
): string {
  const e = asHttpError(error)
  const what = `Could not ${channel.action}`
  if (isPermissionError(error)) {
    const also = channel.alternative ? ` or ${channel.alternative}` : ''
    const fork = fromFork
      ? '; on pull requests from forks the token is read-only whatever the permissions'
      : ''
    return `${what}: the job token lacks "${channel.permission}" permission (add permissions: ${channel.permission}${also} to the job; GitHub answered HTTP ${e.status})${fork}`
  }
  const detail = untrusted(e.message ?? String(error)).replace(/\s+/g, ' ')
  if (!e.response) return `${what}: GitHub could not be reached (${detail})`
  if (isRateLimit(e))
    return `${what}: GitHub rate limit exceeded (HTTP ${e.status})`
  return `${what}: GitHub answered HTTP ${e.status} (${detail.slice(0, 300)})`
}
