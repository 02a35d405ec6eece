// The direct transport (node:http, no undici) against real servers on 127.0.0.1:
// the part of fetch the ZadigX client relies on.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { directFetch } from '../src/zadig/transport-direct.js'
import { serve } from './helpers/recording-server.js'

// Content codings as a server may apply them; zstd is one the client does not undo.
const PACKERS: Record<string, (b: Buffer) => Buffer> = {
  gzip: b => gzipSync(b),
  deflate: b => deflateSync(b),
  br: b => brotliCompressSync(b),
  zstd: b => b
}

let server: Awaited<ReturnType<typeof serve>>

beforeAll(async () => {
  server = await serve((req, res) => {
    const path = req.url ?? ''
    if (path === '/hang') return // never answers
    if (path === '/cut') {
      // Promises 100 bytes, sends 10, then hangs up.
      res.writeHead(200, { 'content-length': '100' })
      res.write('{"cut":tru')
      setImmediate(() => res.socket?.destroy())
      return
    }
    const coding = path.slice(1)
    const pack = PACKERS[coding]
    if (pack) {
      res.writeHead(200, { 'content-encoding': coding })
      res.end(pack(Buffer.from('{"packed":true}')))
      return
    }
    res.writeHead(path === '/missing' ? 404 : 200, 'Custom Reason', {
      'content-type': 'application/json',
      'set-cookie': ['a=1', 'b=2']
    })
    res.end(path === '/bom' ? '\ufeff{"bom":true}' : '{"ok":true}')
  })
})

afterAll(() => server.close())

describe('directFetch', () => {
  it('sends the method, headers and body as fetch would', async () => {
    const res = await directFetch(`${server.url}/post?x=1`, {
      method: 'post',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'text/yaml' },
      body: 'a: ü'
    })
    expect(res.status).toBe(200)
    const req = server.seen.at(-1)!
    expect(req.method).toBe('POST')
    expect(req.url).toBe('/post?x=1')
    expect(req.body).toBe('a: ü')
    expect(req.headers).toMatchObject({
      authorization: 'Bearer t',
      'content-type': 'text/yaml',
      'content-length': String(Buffer.byteLength('a: ü')),
      'accept-encoding': 'gzip, deflate, br'
    })
  })

  it('takes headers as a Headers object or pairs, and bytes as a body', async () => {
    await directFetch(new URL(`${server.url}/a`), {
      method: 'PUT',
      headers: new Headers({ 'X-One': '1' }),
      body: new TextEncoder().encode('bytes')
    })
    expect(server.seen.at(-1)).toMatchObject({
      method: 'PUT',
      body: 'bytes',
      headers: { 'x-one': '1' }
    })
    await directFetch(`${server.url}/b`, { headers: [['X-Two', '2']] })
    expect(server.seen.at(-1)?.headers['x-two']).toBe('2')
  })

  it('answers with status, ok, headers, text and json', async () => {
    const res = await directFetch(`${server.url}/missing`)
    expect(res.status).toBe(404)
    expect(res.ok).toBe(false)
    expect(res.statusText).toBe('Custom Reason')
    expect(res.url).toBe(`${server.url}/missing`)
    expect(res.headers.get('Content-Type')).toBe('application/json')
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2')
    expect(res.headers.has('location')).toBe(false)
    expect(res.headers.get('location')).toBeNull()
    expect(res.body).toBeNull()
    expect(await res.json()).toEqual({ ok: true })
    expect((await directFetch(server.url)).ok).toBe(true)
  })

  it('drops a byte-order mark, as text() does', async () => {
    const res = await directFetch(`${server.url}/bom`)
    expect(await res.text()).toBe('{"bom":true}')
  })

  it.each(['gzip', 'deflate', 'br'])('undoes %s', async coding => {
    const res = await directFetch(`${server.url}/${coding}`)
    expect(await res.json()).toEqual({ packed: true })
  })

  it('fails on a content coding it cannot undo', async () => {
    await expect(directFetch(`${server.url}/zstd`)).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { message: 'unsupported content-encoding zstd' }
    })
  })

  it('keeps the connection for the next call', async () => {
    const fresh = await serve((_req, res) => res.end('{}'))
    try {
      for (let i = 0; i < 3; i++) await directFetch(fresh.url)
      expect(fresh.seen).toHaveLength(3)
      expect(fresh.connections()).toBe(1)
    } finally {
      await fresh.close()
    }
  })

  it('rejects with the reason of a signal aborted before the call', async () => {
    const count = server.seen.length
    const reason = new Error('stop')
    await expect(
      directFetch(server.url, { signal: AbortSignal.abort(reason) })
    ).rejects.toBe(reason)
    expect(server.seen).toHaveLength(count)
  })

  it('rejects with the reason of a signal aborted while waiting', async () => {
    const promise = directFetch(`${server.url}/hang`, {
      signal: AbortSignal.timeout(20)
    })
    await expect(promise).rejects.toMatchObject({ name: 'TimeoutError' })
  })

  it('says fetch failed, with the reason as the cause, when nobody listens', async () => {
    const closed = await serve(() => undefined)
    await closed.close()
    await expect(directFetch(closed.url)).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { code: 'ECONNREFUSED' }
    })
  })

  it('says fetch failed when the answer is cut off', async () => {
    await expect(directFetch(`${server.url}/cut`)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'ECONNRESET' }
    })
  })

  it('refuses what it cannot send', async () => {
    await expect(directFetch('ftp://127.0.0.1/')).rejects.toThrow(
      'ftp: is not http: or https:'
    )
    const stream = new ReadableStream()
    await expect(
      directFetch(server.url, { method: 'POST', body: stream })
    ).rejects.toThrow('the body must be a string or bytes')
  })
})
