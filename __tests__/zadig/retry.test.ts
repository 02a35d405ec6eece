import type { ZadigApiError } from '../../src/zadig/errors.js'
import {
  backoffDelay,
  DEFAULT_RETRY,
  parseRetryAfter,
  retryDelay
} from '../../src/zadig/retry.js'
import {
  BASE,
  empty,
  fixture,
  json,
  makeClient,
  rejection,
  TOKEN
} from '../helpers/zadig-stub.js'

const refused = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1234'), {
      code: 'ECONNREFUSED'
    })
  })

const trigger = {
  project_key: 'demo',
  workflow_key: 'build-deploy',
  inputs: []
}

describe('retries', () => {
  it('retries a GET on 503 with exponential backoff and full jitter', async () => {
    const { client, calls, sleeps, debug } = makeClient([
      empty(503),
      empty(503),
      json(200, { task_id: 58 })
    ])
    await expect(client.tasks.get('build-deploy', 58)).resolves.toEqual({
      task_id: 58
    })
    expect(calls).toHaveLength(3)
    // random() = 0.5 of 1000 ms, then of 2000 ms
    expect(sleeps).toEqual([500, 1000])
    expect(debug).toContain(
      'ZadigX GET /openapi/workflows/custom/task: 503, try 2/4 in 500 ms'
    )
  })

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const now = Date.parse('2024-01-01T00:00:00Z')
    const { client, sleeps } = makeClient(
      [
        empty(429, { 'retry-after': '7' }),
        empty(503, { 'retry-after': 'Mon, 01 Jan 2024 00:00:12 GMT' }),
        json(200, [])
      ],
      { now: () => now }
    )
    await client.system.registries()
    expect(sleeps).toEqual([7000, 12000])
  })

  it('gives up at once when Retry-After is too long, keeping it on the error', async () => {
    const { client, calls } = makeClient([
      empty(429, { 'retry-after': '3600' })
    ])
    const err = (await rejection(client.system.registries())) as ZadigApiError
    expect(err.retryAfterMs).toBe(3_600_000)
    expect(calls).toHaveLength(1)
    expect(err.message).toBe(
      'ZadigX GET /openapi/system/registry failed: HTTP 429 with an empty body; ZadigX asked to wait 1h before trying again (Retry-After), and the action waits at most 1m'
    )
  })

  it('stops after the configured attempts and throws the last error', async () => {
    const { client, calls, sleeps } = makeClient(
      [empty(500), empty(502), empty(504), empty(503)],
      { random: () => 0.999 }
    )
    const err = (await rejection(client.system.registries())) as ZadigApiError
    expect(err.status).toBe(503)
    expect(calls).toHaveLength(4)
    expect(sleeps).toEqual([999, 1998, 3996])
  })

  it('retries network failures and 408', async () => {
    const { client, calls } = makeClient([refused(), empty(408), json(200, [])])
    await expect(client.system.codeHosts()).resolves.toEqual([])
    expect(calls).toHaveLength(3)
  })

  it.each([400, 401, 403, 404])('never retries HTTP %i', async status => {
    const { client, calls } = makeClient([empty(status), json(200, {})])
    await rejection(client.tasks.get('w', 1))
    expect(calls).toHaveLength(1)
  })

  it('never retries the 500 "not found" of task detail', async () => {
    const { client, calls } = makeClient([
      json(500, fixture('error-500-task-not-found.json')),
      json(200, {})
    ])
    await rejection(client.tasks.get('w', 999))
    expect(calls).toHaveLength(1)
  })

  it('never resends a trigger, whatever happened', async () => {
    for (const failure of [empty(503), empty(429), refused()]) {
      const { client, calls, sleeps } = makeClient([failure, json(200, {})])
      await rejection(client.tasks.trigger(trigger))
      expect(calls).toHaveLength(1)
      expect(sleeps).toEqual([])
    }
  })

  it('says a trigger that got no answer may have arrived', async () => {
    const { client } = makeClient([refused()])
    const err = (await rejection(
      client.tasks.trigger(trigger)
    )) as ZadigApiError
    expect(err.status).toBe(0)
    expect(err.message).toBe(
      'ZadigX POST /openapi/workflows/custom/task failed: could not reach ZadigX (connect ECONNREFUSED 127.0.0.1:1234); it may still have reached ZadigX: check there before sending it again'
    )
  })

  it('retries cancel, which is idempotent', async () => {
    const { client, calls } = makeClient([empty(503), json(200, {})])
    await client.tasks.cancel('w', 3)
    expect(calls).toHaveLength(2)
    expect(calls[1]?.init.body).toBe('{"task_id":3,"workflow_key":"w"}')
  })

  it('stops retrying when the caller aborts during the wait', async () => {
    const controller = new AbortController()
    const { client, calls } = makeClient([empty(503), json(200, {})], {
      sleep: async () => controller.abort(new Error('step cancelled'))
    })
    const err = await rejection(client.tasks.get('w', 1, controller.signal))
    expect(String(err)).toBe('Error: step cancelled')
    expect(calls).toHaveLength(1)
  })
})

describe('timeouts and aborts', () => {
  // A fetch that never answers on its own: only the signal ends it.
  const hang = (_url: string, init: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      const signal = init.signal as AbortSignal
      if (signal.aborted) reject(signal.reason)
      signal.addEventListener('abort', () => reject(signal.reason))
    })

  it('a timeout is status 0 and retried for idempotent calls', async () => {
    const { client, calls } = makeClient([hang, json(200, [])], {
      timeoutMs: 5
    })
    await expect(client.views.list('demo')).resolves.toEqual([])
    expect(calls).toHaveLength(2)
  })

  it('reports the timeout', async () => {
    const { client } = makeClient([hang], {
      timeoutMs: 5,
      retry: { ...DEFAULT_RETRY, attempts: 1 }
    })
    const err = (await rejection(client.views.list('demo'))) as ZadigApiError
    expect(err.status).toBe(0)
    expect(err.message).toBe(
      'ZadigX GET /openapi/workflows/view failed: no answer within 5 ms (timeout)'
    )
  })

  it('says seconds for longer timeouts', async () => {
    const timeout = Object.assign(new Error('aborted'), {
      name: 'TimeoutError'
    })
    const { client } = makeClient([timeout], {
      retry: { ...DEFAULT_RETRY, attempts: 1 }
    })
    const err = (await rejection(client.views.list('demo'))) as ZadigApiError
    expect(err.message).toContain('no answer within 30 s (timeout)')
  })

  it("a caller's abort is passed through unchanged and not retried", async () => {
    const controller = new AbortController()
    const reason = new Error('cancelled by the runner')
    const { client, calls } = makeClient([
      (url, init) => {
        controller.abort(reason)
        return hang(url, init)
      },
      json(200, {})
    ])
    await expect(client.tasks.get('w', 1, controller.signal)).rejects.toBe(
      reason
    )
    expect(calls).toHaveLength(1)
  })

  it('describes odd network failures too', async () => {
    const { client } = makeClient(
      [
        () => Promise.reject('socket hang up'),
        () => Promise.reject(Object.assign(new Error('x'), { code: 'EPIPE' }))
      ],
      { retry: { ...DEFAULT_RETRY, attempts: 1 } }
    )
    const opts = { idempotent: true }
    expect(
      String(await rejection(client.http.request('GET', '/a', opts)))
    ).toBe(
      'ZadigApiError: ZadigX GET /a failed: could not reach ZadigX (socket hang up)'
    )
    expect(
      String(await rejection(client.http.request('GET', '/b', opts)))
    ).toBe(
      'ZadigApiError: ZadigX GET /b failed: could not reach ZadigX (EPIPE: x)'
    )
  })
})

describe('redirects', () => {
  it('follows same-origin redirects of idempotent calls keeping method, body and token', async () => {
    const { client, calls } = makeClient([
      empty(307, { location: '/sub/path/openapi/v2/task' }),
      empty(308, { location: `${BASE}/openapi/v3/task` }),
      json(200, { ok: true })
    ])
    await client.http.request('DELETE', '/openapi/v1/task', {
      body: { a: 1 },
      idempotent: true
    })
    expect(calls.map(c => c.url)).toEqual([
      `${BASE}/openapi/v1/task`,
      `${BASE}/openapi/v2/task`,
      `${BASE}/openapi/v3/task`
    ])
    expect(calls[2]?.init.method).toBe('DELETE')
    expect(calls[2]?.init.body).toBe('{"a":1}')
    expect(calls[2]?.headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  it.each([301, 302, 303, 307, 308])(
    'follows no %d of a call that is not idempotent, and says it may have been acted on',
    async status => {
      const { client, calls } = makeClient([
        empty(status, { location: '/sub/path/openapi/v2/task' }),
        json(200, { task_id: 1 })
      ])
      const err = (await rejection(
        client.tasks.trigger(trigger)
      )) as ZadigApiError
      expect(calls).toHaveLength(1)
      expect(err.status).toBe(status)
      expect(err.redirectRefused).toBe(true)
      expect(err.message).toBe(
        `ZadigX POST /openapi/workflows/custom/task failed: HTTP ${status}, redirected to ${BASE}/openapi/v2/task; not followed: a POST is sent only once, since whoever redirected it may already have acted on it; if ZadigX is at that address, use it as the ZadigX URL`
      )
    }
  )

  it('refuses a redirect without a Location of a call that is not idempotent', async () => {
    const { client } = makeClient([empty(307)])
    const err = (await rejection(
      client.tasks.trigger(trigger)
    )) as ZadigApiError
    expect(err.redirectRefused).toBe(true)
    expect(err.message).toMatch(
      /redirected; not followed: .*check the ZadigX URL$/
    )
  })

  it('follows a 302 for GET', async () => {
    const { client, calls } = makeClient([
      empty(302, { location: '/elsewhere' }),
      json(200, [])
    ])
    await client.system.registries()
    expect(calls[1]?.url).toBe('http://127.0.0.1:1234/elsewhere')
  })

  it('does not follow a redirect to another origin', async () => {
    const { client, calls } = makeClient([
      empty(302, { location: 'https://sso.example.com/login?next=/x' }),
      json(200, [])
    ])
    const err = (await rejection(client.system.registries())) as ZadigApiError
    expect(calls).toHaveLength(1)
    expect(err.status).toBe(302)
    expect(err.message).toBe(
      'ZadigX GET /openapi/system/registry failed: HTTP 302, redirected to another origin (https://sso.example.com/login); not followed, so that the token is not sent there. If that is the ZadigX server, use its address as the ZadigX URL'
    )
    expect(String(err)).not.toContain(TOKEN)
  })

  it('treats http -> https as another origin', async () => {
    const { client, calls } = makeClient([
      empty(301, { location: 'https://127.0.0.1:1234/sub/path/x' })
    ])
    await rejection(client.system.registries())
    expect(calls).toHaveLength(1)
  })

  it('does not turn a DELETE into a GET', async () => {
    const { client, calls } = makeClient([empty(303, { location: '/done' })])
    const err = (await rejection(
      client.tasks.cancel('build-deploy', 58)
    )) as ZadigApiError
    expect(calls).toHaveLength(1)
    expect(err.message).toContain('not followed (DELETE would become GET)')
  })

  it('stops after 5 redirects', async () => {
    const loop = Array.from({ length: 7 }, () =>
      empty(307, { location: '/loop' })
    )
    const { client, calls } = makeClient(loop)
    const err = (await rejection(client.system.registries())) as ZadigApiError
    expect(calls).toHaveLength(6)
    expect(err.message).toContain('not followed (too many redirects)')
  })

  it('a 3xx without a usable Location is an ordinary error', async () => {
    const { client } = makeClient([
      empty(302),
      empty(302, { location: 'http://[bad' })
    ])
    expect(String(await rejection(client.system.registries()))).toContain(
      'HTTP 302 with an empty body'
    )
    expect(String(await rejection(client.system.registries()))).toContain(
      'HTTP 302 with an empty body'
    )
  })
})

describe('retry timing helpers', () => {
  const policy = { attempts: 9, baseDelayMs: 1000, maxDelayMs: 5000 }

  it('caps the backoff ceiling at maxDelayMs', () => {
    const one = () => 0.9999
    expect([1, 2, 3, 4, 8].map(n => backoffDelay(n, policy, one))).toEqual([
      999, 1999, 3999, 4999, 4999
    ])
  })

  it('parses Retry-After forms', () => {
    expect(parseRetryAfter(undefined, 0)).toBeUndefined()
    expect(parseRetryAfter(' ', 0)).toBeUndefined()
    expect(parseRetryAfter('soon', 0)).toBeUndefined()
    expect(parseRetryAfter('0', 0)).toBe(0)
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:01 GMT', 5000)).toBe(0)
  })

  it('does not retry what is not a ZadigApiError', () => {
    expect(retryDelay(new Error('x'), 1, true, policy, Math.random)).toBe(
      undefined
    )
  })
})
