// A minimal forward proxy on 127.0.0.1 for transport tests: absolute-form
// requests for http targets, CONNECT tunnels for https targets, optional
// Basic credentials (407 without them). It only forwards to 127.0.0.1.
// Also the echo server behind it, standing for ZadigX.
import { createServer, request } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { connect } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'

/** One request that reached the proxy. */
export interface ProxiedRequest {
  /** `CONNECT`, or the forwarded method (`GET`, `POST` ...). */
  method: string
  /** `127.0.0.1:port`. */
  target: string
  /** The Proxy-Authorization header as received. */
  authorization?: string
  /** The status the proxy answered itself (407, 403), if it did. */
  refused?: number
}

/** A running test proxy. */
export interface TestProxy {
  /** `http://127.0.0.1:port`. */
  url: string
  requests: ProxiedRequest[]
  close(): Promise<void>
}

/** Starts the proxy; with `credentials` ("user:pass") it demands Basic auth. */
export async function startTestProxy(credentials?: string): Promise<TestProxy> {
  const requests: ProxiedRequest[] = []
  const sockets = new Set<Socket>()
  const expected = credentials
    ? `Basic ${Buffer.from(credentials).toString('base64')}`
    : undefined
  // Records the request and says which status refuses it, if any.
  const admit = (method: string, target: string, auth?: string) => {
    const entry: ProxiedRequest = { method, target, authorization: auth }
    requests.push(entry)
    if (expected && auth !== expected) entry.refused = 407
    else if (!/^127\.0\.0\.1:\d+$/.test(target)) entry.refused = 403
    return entry.refused
  }
  const server = createServer((req, res) => forward(req, res, admit))
  server.on('connection', s => track(sockets, s))
  server.on('connect', (req: IncomingMessage, client: Socket, head) => {
    track(sockets, client)
    const target = req.url ?? ''
    const refused = admit('CONNECT', target, req.headers['proxy-authorization'])
    if (refused) {
      client.end(`HTTP/1.1 ${refused} Refused\r\n${challenge(refused)}\r\n`)
      return
    }
    const upstream = connect(Number(target.split(':')[1]), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client).pipe(upstream)
    })
    track(sockets, upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  const close = async () => {
    for (const s of sockets) s.destroy()
    await new Promise(ok => server.close(ok))
  }
  return { url: `http://127.0.0.1:${port}`, requests, close }
}

type Admit = (
  method: string,
  target: string,
  auth?: string
) => number | undefined

function forward(req: IncomingMessage, res: ServerResponse, admit: Admit) {
  const url = URL.canParse(req.url ?? '') ? new URL(req.url ?? '') : undefined
  const target = url ? url.host : `not absolute-form: ${req.url}`
  const auth = req.headers['proxy-authorization']
  const refused = admit(req.method ?? '', target, auth)
  if (refused || !url) {
    const status = refused ?? 400
    const headers = status === 407 ? { 'Proxy-Authenticate': 'Basic' } : {}
    res.writeHead(status, headers).end()
    return
  }
  const headers = { ...req.headers }
  delete headers['proxy-authorization']
  delete headers['proxy-connection']
  const upstream = request(
    {
      host: '127.0.0.1',
      port: Number(url.port),
      method: req.method,
      path: url.pathname + url.search,
      headers
    },
    answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    }
  )
  upstream.on('error', () => res.writeHead(502).end())
  req.pipe(upstream)
}

function challenge(status: number): string {
  return status === 407 ? 'Proxy-Authenticate: Basic realm="test"\r\n' : ''
}

function track(sockets: Set<Socket>, socket: Socket): void {
  sockets.add(socket)
  socket.on('close', () => sockets.delete(socket))
}

/** What the target server saw of one request. */
export interface TargetHit {
  method: string
  path: string
  host?: string
  proxyAuthorization?: string
  body: string
}

/** A JSON echo server on 127.0.0.1 (https with `tls`), standing for ZadigX. */
export async function startTarget(tls?: { key: string; cert: string }) {
  const hits: TargetHit[] = []
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let body = ''
    req.on('data', chunk => (body += String(chunk)))
    req.on('end', () => {
      const hit: TargetHit = {
        method: req.method ?? '',
        path: req.url ?? '',
        host: req.headers.host,
        proxyAuthorization: req.headers['proxy-authorization'],
        body
      }
      hits.push(hit)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(hit))
    })
  }
  const server = tls ? createHttpsServer(tls, handle) : createServer(handle)
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  const scheme = tls ? 'https' : 'http'
  const close = async () => {
    server.closeAllConnections()
    await new Promise(ok => server.close(ok))
  }
  return { url: `${scheme}://127.0.0.1:${port}`, port, hits, close }
}
