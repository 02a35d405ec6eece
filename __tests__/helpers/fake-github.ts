// A local fake of the few GitHub REST endpoints the reporter uses, on
// 127.0.0.1. It records every request and can deny an endpoint. Paths may
// carry the GitHub Enterprise Server prefix `/api/v3`.
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the fake received it. */
export interface RecordedRequest {
  method: string
  /** Path without the `/api/v3` prefix, query included. */
  path: string
  /** The path as received (with `/api/v3` when GHES-style). */
  rawPath: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown> | null
}

/** An issue / PR comment the fake holds. */
export interface FakeComment {
  id: number
  issue_number: number
  body: string
  user: { login: string; type: string }
}

/** The running fake. */
export interface FakeGitHub {
  /** Base URL (use as `apiUrl`; `${url}/api/v3` works too). */
  url: string
  requests: RecordedRequest[]
  comments: FakeComment[]
  /** Answers `status` (403 by default) to requests whose "METHOD /path" matches. */
  deny(pathPattern: RegExp | string, status?: number): void
  close(): Promise<void>
}

type Json = Record<string, unknown> | unknown[]
type Reply = [number, Json, Record<string, string>?]
type Route = (match: RegExpMatchArray, req: RecordedRequest, url: URL) => Reply

interface State {
  comments: FakeComment[]
  nextId: number
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' }

function routes(state: State, base: () => string): [RegExp, Route][] {
  const id = (): number => state.nextId++
  return [
    [
      /^POST \/repos\/[^/]+\/[^/]+\/statuses\/([0-9a-f]+)$/,
      (m, req) => [201, { id: id(), sha: m[1], ...req.body }]
    ],
    [
      /^POST \/repos\/[^/]+\/[^/]+\/deployments$/,
      (_m, req) => [201, { id: id(), ...req.body }]
    ],
    [
      /^POST \/repos\/[^/]+\/[^/]+\/deployments\/(\d+)\/statuses$/,
      (m, req) => [201, { id: id(), deployment_id: Number(m[1]), ...req.body }]
    ],
    // A job's GITHUB_TOKEN cannot read the authenticated user.
    [
      /^GET \/user$/,
      () => [403, { message: 'Resource not accessible by integration' }]
    ],
    [
      /^GET \/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      (m, _req, url) => listComments(state, Number(m[1]), url, base())
    ],
    [
      /^POST \/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      (m, req) => {
        const comment: FakeComment = {
          id: id(),
          issue_number: Number(m[1]),
          body: String(req.body?.['body'] ?? ''),
          user: BOT
        }
        state.comments.push(comment)
        return [201, { ...comment }]
      }
    ],
    [
      /^PATCH \/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/,
      (m, req) => {
        const found = state.comments.find(c => c.id === Number(m[1]))
        if (!found) return [404, { message: 'Not Found' }]
        found.body = String(req.body?.['body'] ?? '')
        return [200, { ...found }]
      }
    ]
  ]
}

function listComments(
  state: State,
  issue: number,
  url: URL,
  base: string
): Reply {
  const perPage = Number(url.searchParams.get('per_page') ?? 30)
  const page = Number(url.searchParams.get('page') ?? 1)
  const all = state.comments.filter(c => c.issue_number === issue)
  const slice = all.slice((page - 1) * perPage, page * perPage)
  const headers: Record<string, string> = {}
  if (page * perPage < all.length) {
    const next = new URL(url.pathname, base)
    next.searchParams.set('per_page', String(perPage))
    next.searchParams.set('page', String(page + 1))
    headers['link'] = `<${next.href}>; rel="next"`
  }
  return [200, slice.map(c => ({ ...c })), headers]
}

async function readBody(
  req: IncomingMessage
): Promise<RecordedRequest['body']> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? (JSON.parse(text) as Record<string, unknown>) : null
}

function send(res: ServerResponse, [status, body, headers]: Reply): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

/** Starts the fake on an ephemeral port of 127.0.0.1. */
export async function startFakeGitHub(): Promise<FakeGitHub> {
  const state: State = { comments: [], nextId: 1000 }
  const requests: RecordedRequest[] = []
  const denied: { pattern: RegExp | string; status: number }[] = []
  let base = ''
  const table = routes(state, () => base)
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base)
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '')
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: path + url.search,
      rawPath: url.pathname,
      headers: req.headers,
      body: await readBody(req)
    }
    requests.push(record)
    const line = `${record.method} ${path}`
    const deny = denied.find(d =>
      typeof d.pattern === 'string'
        ? path.includes(d.pattern)
        : d.pattern.test(line)
    )
    if (deny) {
      const message = 'Resource not accessible by integration'
      return send(res, [deny.status, { message, status: `${deny.status}` }])
    }
    for (const [pattern, route] of table) {
      const match = line.match(pattern)
      if (match) return send(res, route(match, record, url))
    }
    send(res, [404, { message: 'Not Found' }])
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    requests,
    comments: state.comments,
    deny: (pattern, status = 403) => void denied.push({ pattern, status }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close(error => (error ? reject(error) : resolve()))
      })
  }
}
