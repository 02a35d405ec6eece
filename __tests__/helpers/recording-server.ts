// A plain HTTP server on 127.0.0.1 that records every request it answers.
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the server received it. */
export interface Seen {
  method?: string
  url?: string
  headers: IncomingMessage['headers']
  body: string
}

/** Answers a request (after its body has been read and recorded). */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** A running recording server. */
export interface RecordingServer {
  url: string
  seen: Seen[]
  /** TCP connections accepted so far (keep-alive reuse shows as fewer). */
  connections(): number
  close(): Promise<void>
}

/** Starts a recording server on an ephemeral port of 127.0.0.1. */
export async function serve(handler: Handler): Promise<RecordingServer> {
  const seen: Seen[] = []
  let connections = 0
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', chunk => (body += String(chunk)))
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body
      })
      handler(req, res)
    })
  })
  server.on('connection', () => connections++)
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    connections: () => connections,
    close: () =>
      new Promise<void>(ok => {
        server.closeAllConnections()
        server.close(() => ok())
      })
  }
}
