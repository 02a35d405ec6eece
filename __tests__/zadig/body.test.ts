import {
  BodyTooLargeError,
  MAX_BODY_BYTES,
  readLimitedText
} from '../../src/zadig/body.js'
import type { ZadigApiError } from '../../src/zadig/errors.js'
import { makeClient, rejection } from '../helpers/zadig-stub.js'

/** A body of `chunks` chunks of `size` bytes, counting how many were pulled. */
function endless(size: number, chunks = Infinity) {
  const seen = { pulled: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= chunks) return controller.close()
      seen.pulled++
      controller.enqueue(new Uint8Array(size).fill(0x20))
    },
    cancel() {
      seen.cancelled = true
    }
  })
  return { stream, seen }
}

describe('readLimitedText', () => {
  it('reads UTF-8 split across chunks, as res.text() does', async () => {
    const bytes = new TextEncoder().encode('\ufeff{"name":"构建-部署"}')
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(Uint8Array.of(byte))
        controller.close()
      }
    })
    const text = await readLimitedText(new Response(stream))
    expect(text).toBe('{"name":"构建-部署"}')
  })

  it('reads an empty body as empty text', async () => {
    expect(await readLimitedText(new Response(null, { status: 204 }))).toBe('')
  })

  it('reads a body of exactly the limit', async () => {
    const { stream } = endless(1024, 4)
    expect(await readLimitedText(new Response(stream), 4096)).toHaveLength(4096)
  })

  it('stops reading an endless body just past the limit', async () => {
    const { stream, seen } = endless(1024)
    const err = await rejection(readLimitedText(new Response(stream), 4096))
    expect(err).toBeInstanceOf(BodyTooLargeError)
    // 5 chunks read; the stream may have queued one more, never the rest.
    expect(seen.pulled).toBeLessThanOrEqual(6)
    expect(seen.cancelled).toBe(true)
  })

  it('refuses a declared length above the limit without reading the body', async () => {
    const { stream, seen } = endless(1024)
    const res = new Response(stream, {
      headers: { 'content-length': String(MAX_BODY_BYTES + 1) }
    })
    const err = (await rejection(readLimitedText(res))) as BodyTooLargeError
    expect(err.encoding).toBeUndefined()
    expect(seen.pulled).toBeLessThanOrEqual(1)
  })

  it('counts what a compressed body unpacks to, not its declared length', async () => {
    const { stream } = endless(1024)
    const res = new Response(stream, {
      headers: { 'content-encoding': 'gzip', 'content-length': '100' }
    })
    const err = (await rejection(
      readLimitedText(res, 8192)
    )) as BodyTooLargeError
    expect(err.encoding).toBe('gzip')
  })
})

describe('the client and a huge answer', () => {
  it('fails the call with a clear error that says the answer was too large', async () => {
    const { stream, seen } = endless(1 << 20)
    const huge = new Response(stream, {
      headers: { 'content-type': 'application/json' }
    })
    const { client, calls } = makeClient([huge])
    const err = (await rejection(
      client.tasks.get('build-deploy', 58)
    )) as ZadigApiError
    expect(err.message).toBe(
      'ZadigX GET /openapi/workflows/custom/task failed: HTTP 200, but ZadigX sent an answer larger than 16 MiB; the action stopped reading it there. No ZadigX answer it reads is that large: check that the ZadigX URL is the ZadigX server and not a proxy or file server in front of it'
    )
    expect(err.oversized).toBe(true)
    expect(err.status).toBe(200)
    // Not retried: the same answer would come again.
    expect(calls).toHaveLength(1)
    expect(seen.pulled).toBeLessThanOrEqual(18)
  })
})
