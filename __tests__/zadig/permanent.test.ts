import { ZadigApiError } from '../../src/zadig/errors.js'
import { TransportError } from '../../src/zadig/transport.js'
import { makeClient, rejection } from '../helpers/zadig-stub.js'

// A plain connection failure is retried: zadig-retry.test.ts.
describe('setup errors from the transport', () => {
  it('are not retried: TLS trust and proxy problems do not fix themselves', async () => {
    const failure = () =>
      new TypeError('fetch failed', {
        cause: new TransportError('set `ca-cert` to your company CA')
      })
    const { client, calls, sleeps } = makeClient([failure(), failure()])
    const err = await rejection(client.tasks.get('wf', 1))
    expect(err).toBeInstanceOf(ZadigApiError)
    expect((err as ZadigApiError).permanent).toBe(true)
    expect((err as Error).message).toContain('ca-cert')
    expect(calls).toHaveLength(1)
    expect(sleeps).toEqual([])
  })
})
