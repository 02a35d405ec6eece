// The listening socket: 127.0.0.1 only, closable even with stalled or keep-alive
// connections open, and restartable on the same port (a ZadigX restart).
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

type Listener = (req: IncomingMessage, res: ServerResponse) => void

/** A node:http server that can go down and come back on the same port. */
export class SimServer {
  private server?: Server
  private boundPort = 0
  private closed = false

  constructor(private readonly listener: Listener) {}

  /** Listens on 127.0.0.1 (`port` 0 picks a free one) and returns the port. */
  listen(port: number): Promise<number> {
    const server = createServer(this.listener)
    this.server = server
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        this.boundPort = (server.address() as AddressInfo).port
        resolve(this.boundPort)
      })
    })
  }

  /** Stops listening and destroys every connection, idle, busy or stalled. */
  stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (!server) return Promise.resolve()
    return new Promise((resolve, reject) => {
      server.close(err => (err ? reject(err) : resolve()))
      server.closeAllConnections()
    })
  }

  /** Stops for good: a restart still in its gap does not come back. */
  close(): Promise<void> {
    this.closed = true
    return this.stop()
  }

  /** Goes down, stays down `downMs` real milliseconds, comes back on the same port. */
  async restart(downMs = 0): Promise<void> {
    await this.stop()
    if (downMs > 0) await new Promise(r => setTimeout(r, downMs))
    if (!this.closed) await this.listen(this.boundPort)
  }
}
