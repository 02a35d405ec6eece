// The per-call signal: a timeout or the caller's abort, and nothing left behind.
import { getEventListeners } from 'node:events'
import { callSignal } from '../../src/zadig/transport-signal.js'
import { ZadigClient } from '../../src/zadig/client.js'
import { json, stubFetch, TOKEN } from '../helpers/zadig-stub.js'

const aborted = (signal: AbortSignal) =>
  new Promise<unknown>(resolve =>
    signal.addEventListener('abort', () => resolve(signal.reason))
  )

describe('callSignal', () => {
  it('aborts with a TimeoutError after the timeout', async () => {
    const call = callSignal(5)
    const reason = (await aborted(call.signal)) as Error
    expect(reason.name).toBe('TimeoutError')
    expect(reason.message).toContain('timeout')
    call.clear()
  })

  it("aborts with the caller's reason when the caller aborts first", async () => {
    const outer = new AbortController()
    const call = callSignal(60_000, outer.signal)
    const reason = new Error('cancelled')
    outer.abort(reason)
    expect(call.signal.aborted).toBe(true)
    expect(call.signal.reason).toBe(reason)
    call.clear()
  })

  it('starts aborted when the caller already is', () => {
    const call = callSignal(60_000, AbortSignal.abort('gone'))
    expect(call.signal.reason).toBe('gone')
    call.clear()
  })

  it('lets go of the caller and the timer once cleared', async () => {
    const outer = new AbortController()
    const call = callSignal(5, outer.signal)
    expect(getEventListeners(outer.signal, 'abort')).toHaveLength(1)
    call.clear()
    expect(getEventListeners(outer.signal, 'abort')).toHaveLength(0)
    await new Promise(resolve => setTimeout(resolve, 20))
    outer.abort()
    expect(call.signal.aborted).toBe(false)
  })
})

describe('the client over many calls with one long-lived signal', () => {
  it('leaves no listener on it, whether a call succeeds or fails', async () => {
    const replies = Array.from({ length: 50 }, (_, i) =>
      i % 2 ? json(200, {}) : new TypeError('fetch failed')
    )
    const { fetch } = stubFetch(...replies)
    const client = new ZadigClient({
      baseUrl: 'http://127.0.0.1:1234',
      token: TOKEN,
      fetch,
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }
    })
    const outer = new AbortController()
    for (let i = 0; i < 50; i++) {
      await client.http
        .request('GET', '/x', { idempotent: true, signal: outer.signal })
        .catch(() => undefined)
    }
    expect(getEventListeners(outer.signal, 'abort')).toHaveLength(0)
  })
})
