import { ZadigClient } from '../src/zadig/client.js'
import { ZadigApiError } from '../src/zadig/errors.js'

class TransportError extends Error {
  override name = 'TransportError'
}

describe('setup errors from the transport', () => {
  it('are not retried: TLS trust and proxy problems do not fix themselves', async () => {
    let calls = 0
    const sleeps: number[] = []
    const client = new ZadigClient({
      baseUrl: 'https://zadigx.example.com',
      token: 'tok',
      fetch: async () => {
        calls++
        throw new TypeError('fetch failed', {
          cause: new TransportError('set `ca-cert` to your company CA')
        })
      },
      sleep: async ms => {
        sleeps.push(ms)
      }
    })
    const err = await client.getTask('wf', 1).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ZadigApiError)
    expect((err as ZadigApiError).permanent).toBe(true)
    expect((err as Error).message).toContain('ca-cert')
    expect(calls).toBe(1)
    expect(sleeps).toEqual([])
  })

  it('while a plain connection failure is retried', async () => {
    let calls = 0
    const client = new ZadigClient({
      baseUrl: 'https://zadigx.example.com',
      token: 'tok',
      fetch: async () => {
        calls++
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED'), {
            code: 'ECONNREFUSED'
          })
        })
      },
      sleep: async () => undefined
    })
    await expect(client.getTask('wf', 1)).rejects.toThrow(/ECONNREFUSED/)
    expect(calls).toBeGreaterThan(1)
  })
})
