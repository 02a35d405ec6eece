import { inspect } from 'node:util'
import { ZadigClient } from '../../src/zadig/client.js'
import {
  isNotFound,
  isRouteMissing,
  isTransient,
  ZadigApiError
} from '../../src/zadig/errors.js'
import {
  BASE,
  empty,
  fixture,
  json,
  makeClient,
  rejection,
  text,
  TOKEN
} from '../helpers/zadig-stub.js'

const get = (client: ZadigClient, path = '/openapi/x') =>
  client.http.request('GET', path, { idempotent: true })

async function apiError(p: Promise<unknown>): Promise<ZadigApiError> {
  const err = await rejection(p)
  expect(err).toBeInstanceOf(ZadigApiError)
  return err as ZadigApiError
}

describe('request building', () => {
  it('keeps the base path prefix, drops its trailing slash, skips undefined query values', async () => {
    const { client, calls } = makeClient([json(200, { ok: 1 })], {
      baseUrl: `${BASE}/`
    })
    const res = await client.http.request('GET', '/openapi/workflows', {
      query: { projectKey: 'de mo&x', viewName: undefined, pageNum: 2 },
      idempotent: true
    })
    expect(res).toEqual({ ok: 1 })
    expect(client.http.baseUrl).toBe(BASE)
    expect(calls[0]?.url).toBe(
      `${BASE}/openapi/workflows?projectKey=de+mo%26x&pageNum=2`
    )
  })

  it('sends the token as a Bearer header, a User-Agent and Accept, and no body on GET', async () => {
    const { client, calls } = makeClient([json(200, {})])
    await get(client)
    const { headers, init } = calls[0]!
    expect(headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(headers['user-agent']).toBe('zadigx-action')
    expect(headers.accept).toBe('application/json')
    expect(headers['content-type']).toBeUndefined()
    expect(init.body).toBeUndefined()
    expect(init.redirect).toBe('manual')
    expect(init.signal).toBeInstanceOf(AbortSignal)
  })

  it('uses a custom User-Agent and trims the token', async () => {
    const { client, calls } = makeClient([json(200, {})], {
      userAgent: 'zadigx-action/1.2.3',
      token: `  ${TOKEN}\n`
    })
    await get(client)
    expect(calls[0]?.headers['user-agent']).toBe('zadigx-action/1.2.3')
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('sends JSON bodies as application/json, YAML as text/yaml', async () => {
    const { client, calls } = makeClient([json(200, {}), json(200, {})])
    await client.http.request('POST', '/a', {
      body: { task_id: 58 },
      idempotent: false
    })
    await client.http.request('PUT', '/b', {
      yaml: 'name: x\n',
      idempotent: false
    })
    expect(calls[0]?.headers['content-type']).toBe('application/json')
    expect(calls[0]?.init.body).toBe('{"task_id":58}')
    expect(calls[1]?.headers['content-type']).toBe('text/yaml')
    expect(calls[1]?.init.body).toBe('name: x\n')
  })

  it('returns undefined for empty successes', async () => {
    const { client } = makeClient([
      empty(200, { 'content-type': 'application/json' }),
      empty(204)
    ])
    await expect(get(client)).resolves.toBeUndefined()
    await expect(get(client)).resolves.toBeUndefined()
  })

  it('logs method, path, status and time, never the token or headers', async () => {
    let t = 1000
    const { client, debug } = makeClient([json(200, {})], {
      now: () => (t += 5)
    })
    await client.http.request('GET', '/openapi/x', {
      query: { token: TOKEN },
      idempotent: true
    })
    expect(debug).toEqual(['ZadigX GET /openapi/x -> 200 (5 ms)'])
  })
})

describe('constructor checks', () => {
  it.each([
    ['not a url', /not an absolute URL/],
    ['ftp://zadig.example.com', /must start with https/],
    ['https://user:pw@zadig.example.com', /user name or password/]
  ])('rejects the URL %s', (baseUrl, message) => {
    expect(() => new ZadigClient({ baseUrl, token: TOKEN })).toThrow(message)
  })

  it('rejects an empty token and one fetch would quote in its own error', () => {
    const make = (token: string) => () =>
      new ZadigClient({ baseUrl: BASE, token })
    expect(make(' ')).toThrow('The ZadigX token is empty')
    const err = rejectionSync(make(`${TOKEN}\nsecond-line`))
    expect(String(err)).toMatch(/cannot be sent in an HTTP header/)
    expect(String(err)).not.toContain(TOKEN)
  })
})

function rejectionSync(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a throw')
}

describe('error shapes (reference 2.1)', () => {
  it('(a) Zadig HTTP error: code, message and description', async () => {
    const { client } = makeClient([
      json(400, fixture('error-400-workflow-not-found.json'))
    ])
    const err = await apiError(
      client.http.request('GET', '/openapi/workflows/custom/task', {
        query: { taskId: 1, workflowKey: 'w' },
        idempotent: true
      })
    )
    expect(err.message).toBe(
      'ZadigX GET /openapi/workflows/custom/task failed: HTTP 400, code 6542 查询workflow失败: mongo: no documents in result (ZadigX could not find the workflow (check the workflow key, not the display name) or, on ZadigX v1.7/v1.8 and Zadig up to v3.3, could not prepare one of its jobs from its stored settings (e.g. a deploy job whose environment was deleted))'
    )
    expect(err).toMatchObject({
      name: 'ZadigApiError',
      status: 400,
      code: 6542,
      zadigMessage: '查询workflow失败',
      description: 'mongo: no documents in result',
      method: 'GET',
      path: '/openapi/workflows/custom/task'
    })
    expect(isNotFound(err)).toBe(true)
    expect(isTransient(err)).toBe(false)
  })

  it('(a) with code equal to the status shows it once', async () => {
    const { client } = makeClient([
      json(400, fixture('error-400-invalid-param.json'))
    ])
    const err = await apiError(get(client))
    expect(err.message).toBe(
      'ZadigX GET /openapi/x failed: HTTP 400, Bad Request: projectKey is required'
    )
  })

  it('(b) plain Go error: "Internal Error: " is not doubled, not found is recognised', async () => {
    const { client, calls } = makeClient([
      json(500, fixture('error-500-task-not-found.json'))
    ])
    const err = await apiError(get(client))
    expect(err.message).toBe(
      'ZadigX GET /openapi/x failed: HTTP 500, Internal Error: mongo: no documents in result (something the request names does not exist (its project, workflow, task, environment, service, test or scan))'
    )
    expect(err.code).toBe(500)
    expect(isNotFound(err)).toBe(true)
    expect(isTransient(err)).toBe(false)
    expect(calls).toHaveLength(1)
  })

  it('(b) Chinese server text is shown as is', async () => {
    const { client } = makeClient([
      json(500, fixture('error-500-retry-bad-status.json'))
    ])
    const err = await apiError(
      client.http.request('POST', '/r', { idempotent: false })
    )
    expect(err.message).toContain(
      'HTTP 500, Internal Error: 工作流任务状态无法重试'
    )
    expect(isTransient(err)).toBe(true)
  })

  it.each([
    [401, 'ZadigX refused the token (HTTP 401): check the `token` input'],
    [403, 'ZadigX denied permission (HTTP 403)'],
    [400, 'the server could not read the request'],
    [502, 'HTTP 502 with an empty body']
  ])('(c) empty %i body', async (status, message) => {
    const { client } = makeClient([empty(status)], {
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }
    })
    const err = await apiError(get(client))
    expect(err.status).toBe(status)
    expect(err.message).toContain(message)
    expect(err.code).toBeUndefined()
  })

  it('(c) the exact 401 message', async () => {
    const { client } = makeClient([empty(401)])
    const err = await apiError(get(client))
    expect(err.message).toBe(
      'ZadigX GET /openapi/x failed: ZadigX refused the token (HTTP 401): check the `token` input (ZadigX → Account settings → API token) and that it has not expired'
    )
  })

  it('(d) license gate: code, Chinese text and a hint', async () => {
    const { client } = makeClient([
      json(403, fixture('error-403-license.json'))
    ])
    const err = await apiError(get(client))
    expect(err).toMatchObject({ status: 403, code: 1001, description: '' })
    expect(err.message).toBe(
      'ZadigX GET /openapi/x failed: HTTP 403, code 1001 许可证已过期 (the ZadigX license check failed: ask your ZadigX administrator)'
    )
  })

  it('a JSON 401 body still gets the token hint; HEAD MFA reason is read', async () => {
    const { client } = makeClient([
      json(401, { code: 401, message: 'Unauthorized', description: '' }),
      json(403, { reason: 'mfa required' })
    ])
    expect((await apiError(get(client))).message).toContain(
      'Unauthorized (check the `token` input'
    )
    const mfa = await apiError(get(client))
    expect(mfa.zadigMessage).toBe('mfa required')
    expect(mfa.message).toContain('HTTP 403, mfa required')
  })

  it("gin's 404 text says the route is missing", async () => {
    const { client } = makeClient([
      text(404, fixture('error-404-route.txt'), 'text/plain')
    ])
    const err = await apiError(get(client, '/openapi/workflows/product/x'))
    expect(isRouteMissing(err)).toBe(true)
    expect(isTransient(err)).toBe(false)
    expect(err.bodySnippet).toBe('404 page not found')
    expect(err.message).toBe(
      'ZadigX GET /openapi/workflows/product/x failed: HTTP 404, no such API route (received text/plain: "404 page not found"): check the ZadigX URL, or this ZadigX version lacks this API'
    )
  })

  it('an HTML page with HTTP 200 means the URL is wrong', async () => {
    const page = `<!DOCTYPE html>\n<html><head><title>Zadig</title></head><body>${'x'.repeat(500)}</body></html>`
    const { client } = makeClient([text(200, page, 'text/html; charset=utf-8')])
    const err = await apiError(get(client))
    expect(err.status).toBe(200)
    expect(err.message).toContain(
      'HTTP 200, not an answer of the ZadigX API (received text/html page titled "Zadig"): the ZadigX URL is probably wrong'
    )
    expect(err.bodySnippet?.length).toBe(200)
    expect(err.bodySnippet).toMatch(/^<!DOCTYPE html> <html>/)
  })

  it('a proxy error page is transient and says so', async () => {
    const { client } = makeClient(
      [text(502, 'Bad Gateway from nginx', 'text/plain')],
      { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }
    )
    const err = await apiError(get(client))
    expect(err.message).toContain(
      '(received text/plain: "Bad Gateway from nginx"): a proxy or gateway in front of ZadigX failed'
    )
    expect(isTransient(err)).toBe(true)
  })

  it('a cut-off JSON answer is retried, and explained if it persists', async () => {
    const { client } = makeClient([json(200, '{"broken"'), json(200, '{"x":')])
    const err = await apiError(
      client.http.request('GET', '/openapi/x', { idempotent: false })
    )
    expect(err.garbled).toBe(true)
    expect(isTransient(err)).toBe(true)
    expect(err.message).toContain('does not parse (cut off?): {"broken"')
  })

  it('foreign JSON or pages are reported as not the API', async () => {
    const { client } = makeClient([
      json(400, ['unexpected']),
      new Response('{}', { status: 418 }),
      new Response(new TextEncoder().encode('oops'), { status: 409 })
    ])
    expect((await apiError(get(client))).message).toContain(
      'received application/json: "["unexpected"]"'
    )
    expect((await apiError(get(client))).message).toContain(
      'received text/plain'
    )
    expect((await apiError(get(client))).message).toContain(
      'received no content type: "oops"'
    )
  })

  it('the helpers ignore other errors', () => {
    const plain = new Error('x')
    expect(isNotFound(plain)).toBe(false)
    expect(isTransient(plain)).toBe(false)
    expect(isRouteMissing(plain)).toBe(false)
  })
})

describe('the token never leaks', () => {
  const expectClean = (err: unknown) => {
    expect(String(err)).not.toContain(TOKEN)
    expect(JSON.stringify(err)).not.toContain(TOKEN)
    expect(inspect(err)).not.toContain(TOKEN)
    expect((err as Error).stack ?? '').not.toContain(TOKEN)
  }

  it('is masked when a server echoes it in JSON, text or HTML', async () => {
    const { client } = makeClient([
      json(400, { code: 6160, message: `bad ${TOKEN}`, description: TOKEN }),
      text(500, `Authorization: Bearer ${TOKEN}`, 'text/plain'),
      text(200, `<p>token=${TOKEN}</p>`, 'text/html')
    ])
    const opts = { idempotent: false }
    for (let i = 0; i < 3; i++) {
      const err = await apiError(client.http.request('POST', '/p', opts))
      expectClean(err)
      expect(String(err)).toContain('***')
    }
  })

  it('never names a query string, even one passed inside the path', async () => {
    const { client, calls, debug } = makeClient([empty(401)])
    const err = await apiError(
      client.http.request('GET', `/openapi/x?token=${TOKEN}`, {
        idempotent: true
      })
    )
    expect(calls[0]?.url).toBe(`${BASE}/openapi/x?token=${TOKEN}`)
    expect(err.path).toBe('/openapi/x')
    expectClean(err)
    expect(debug.join('\n')).not.toContain(TOKEN)
  })

  it('masks a token that is not a JWT too', async () => {
    const secret = 'plain-secret-1234'
    const { client } = makeClient(
      [
        json(500, {
          code: 500,
          message: 'Internal Error: ',
          description: secret
        })
      ],
      { token: secret }
    )
    const err = await apiError(
      client.http.request('POST', '/p', { idempotent: false })
    )
    expect(err.description).toBe('***')
    expect(JSON.stringify(err)).not.toContain(secret)
  })

  it('masks other JWT-looking text as well', async () => {
    const other = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.abcdef'
    const { client } = makeClient([text(500, other, 'text/plain')])
    const err = await apiError(
      client.http.request('POST', '/p', { idempotent: false })
    )
    expect(err.bodySnippet).toBe('***')
  })

  it('is not in network errors, nor in the client itself', async () => {
    const failure = new TypeError('fetch failed', {
      cause: new Error(`echo ${TOKEN}`)
    })
    const { client } = makeClient([failure], {
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }
    })
    expectClean(await rejection(get(client)))
    expect(JSON.stringify(client)).not.toContain(TOKEN)
    expect(inspect(client, { depth: 5 })).not.toContain(TOKEN)
  })
})
