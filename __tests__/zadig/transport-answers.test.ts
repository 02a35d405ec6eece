// What the ZadigX client relies on from the transport's fetch (undici), against
// a real server on 127.0.0.1: packed answers and cut-off answers.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { createTransport } from '../../src/zadig/transport.js'
import { ZadigClient } from '../../src/zadig/client.js'
import type { ZadigApiError } from '../../src/zadig/errors.js'
import { serve } from '../helpers/recording-server.js'

const PACKERS: Record<string, (b: Buffer) => Buffer> = {
  gzip: b => gzipSync(b),
  deflate: b => deflateSync(b),
  br: b => brotliCompressSync(b)
}

let server: Awaited<ReturnType<typeof serve>>

beforeAll(async () => {
  server = await serve((req, res) => {
    const path = req.url ?? ''
    if (path.startsWith('/cut')) {
      // Promises 100 bytes, sends 10, then hangs up.
      res.writeHead(200, { 'content-length': '100' })
      res.write('{"cut":tru')
      setImmediate(() => res.socket?.destroy())
      return
    }
    const coding = path.slice(1)
    const pack = PACKERS[coding]
    const headers = { 'content-type': 'application/json' }
    if (!pack) return res.writeHead(200, headers).end('{"plain":true}')
    res.writeHead(200, { ...headers, 'content-encoding': coding })
    res.end(pack(Buffer.from('{"packed":true}')))
  })
})

afterAll(() => server.close())

const transport = () => createTransport({ url: server.url, env: {} })

describe('the transport fetch', () => {
  it.each(Object.keys(PACKERS))('unpacks a %s answer', async coding => {
    const res = await transport().fetch(`${server.url}/${coding}`)
    expect(await res.json()).toEqual({ packed: true })
  })

  it('reports an answer cut off mid-way as a network failure', async () => {
    const client = new ZadigClient({
      baseUrl: `${server.url}/cut`,
      token: 'test-token',
      fetch: transport().fetch,
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }
    })
    const err = (await client.system
      .registries()
      .catch((e: unknown) => e)) as ZadigApiError
    expect(err.status).toBe(0)
    expect(err.message).toContain('could not reach ZadigX')
  })
})
