// The transport through a real forward proxy on 127.0.0.1.
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { createTransport } from '../../src/zadig/transport.js'
import type { TransportOptions } from '../../src/zadig/transport.js'
import { makeTestPki } from '../helpers/tls.js'
import type { TestPki } from '../helpers/tls.js'
import { startTarget, startTestProxy } from '../helpers/proxy.js'
import type { TestProxy } from '../helpers/proxy.js'

type Target = Awaited<ReturnType<typeof startTarget>>

const PASSWORD = 'p@ss:w0rd'
const CREDENTIALS = `alice:${PASSWORD}`
const SECRETS = [
  PASSWORD,
  encodeURIComponent(PASSWORD),
  Buffer.from(CREDENTIALS).toString('base64')
]

let pki: TestPki
let httpsTarget: Target
let httpTarget: Target
let proxy: TestProxy
let authProxy: TestProxy

beforeAll(async () => {
  pki = await makeTestPki()
  ;[httpsTarget, httpTarget, proxy, authProxy] = await Promise.all([
    startTarget(pki.server),
    startTarget(),
    startTestProxy(),
    startTestProxy(CREDENTIALS)
  ])
})

afterAll(async () => {
  await Promise.all(
    [httpsTarget, httpTarget, proxy, authProxy].map(s => s.close())
  )
  await pki.cleanup()
})

beforeEach(() => {
  proxy.requests.length = 0
  authProxy.requests.length = 0
})

function recorder() {
  const lines: string[] = []
  const log = {
    warning: (m: string) => lines.push(m),
    debug: (m: string) => lines.push(m)
  }
  return { log, lines }
}

function withCredentials(url: string, user = 'alice', password = PASSWORD) {
  const u = new URL(url)
  u.username = user
  u.password = encodeURIComponent(password)
  return u.href
}

async function failure(options: TransportOptions, path = '/'): Promise<string> {
  const t = createTransport(options)
  try {
    await t.fetch(options.url + path)
  } catch (err) {
    return (err as { cause?: Error }).cause?.message ?? String(err)
  }
  throw new Error('expected a rejection')
}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  await new Promise(ok => server.close(ok))
  return port
}

describe('createTransport through a proxy', () => {
  it('sends an http target through HTTP_PROXY in absolute form', async () => {
    const env = { HTTP_PROXY: proxy.url }
    const t = createTransport({ url: httpTarget.url, env })
    const res = await t.fetch(`${httpTarget.url}/post?x=1`, {
      method: 'POST',
      body: 'hello'
    })
    expect(await res.json()).toMatchObject({
      method: 'POST',
      path: '/post?x=1',
      body: 'hello'
    })
    expect(proxy.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        target: `127.0.0.1:${httpTarget.port}`
      })
    ])
    expect(t.describe()).toBe(
      `${httpTarget.url} via proxy ${proxy.url} (from HTTP_PROXY)`
    )
  })

  it('tunnels an https target through HTTPS_PROXY with CONNECT and ca-cert', async () => {
    const env = { HTTPS_PROXY: proxy.url }
    const t = createTransport({ url: httpsTarget.url, env, caCert: pki.ca })
    const res = await t.fetch(`${httpsTarget.url}/api`)
    expect(await res.json()).toMatchObject({ method: 'GET', path: '/api' })
    expect(proxy.requests).toEqual([
      expect.objectContaining({
        method: 'CONNECT',
        target: `127.0.0.1:${httpsTarget.port}`
      })
    ])
  })

  it('accepts a proxy written without a scheme', async () => {
    const env = { https_proxy: new URL(proxy.url).host }
    const t = createTransport({ url: httpsTarget.url, env, caCert: pki.ca })
    expect((await t.fetch(httpsTarget.url)).status).toBe(200)
    expect(proxy.requests).toHaveLength(1)
  })

  it('sends an https target through HTTP_PROXY when HTTPS_PROXY is not set', async () => {
    const env = { HTTP_PROXY: proxy.url }
    const t = createTransport({ url: httpsTarget.url, env, caCert: pki.ca })
    expect((await t.fetch(httpsTarget.url)).status).toBe(200)
    expect(proxy.requests).toEqual([
      expect.objectContaining({ method: 'CONNECT' })
    ])
  })

  it('prefers the lower-case variable', async () => {
    const env = { https_proxy: proxy.url, HTTPS_PROXY: authProxy.url }
    const t = createTransport({ url: httpsTarget.url, env, caCert: pki.ca })
    expect((await t.fetch(httpsTarget.url)).status).toBe(200)
    expect(proxy.requests).toHaveLength(1)
    expect(authProxy.requests).toHaveLength(0)
  })

  it.each([
    ['https', () => httpsTarget, 'HTTPS_PROXY'],
    ['http', () => httpTarget, 'HTTP_PROXY']
  ])(
    'bypasses the proxy for NO_PROXY=127.0.0.1 (%s)',
    async (_s, target, variable) => {
      const env = { [variable]: proxy.url, NO_PROXY: 'example.com,127.0.0.1' }
      const { url } = target()
      const t = createTransport({ url, env, caCert: pki.ca })
      expect((await t.fetch(url)).status).toBe(200)
      expect(proxy.requests).toEqual([])
      expect(t.describe()).toContain(
        `(from ${variable}) unless NO_PROXY (example.com,127.0.0.1) lists the host`
      )
    }
  )

  it.each([
    ['a host:port entry', `127.0.0.1:PORT`, 0],
    ['the same host on another port', '127.0.0.1:1', 1],
    ['*', '*', 0],
    ['another host', 'localhost,.example.com', 1]
  ])('reads NO_PROXY with %s', async (_what, noProxy, proxied) => {
    const port = new URL(httpTarget.url).port
    const env = {
      http_proxy: proxy.url,
      no_proxy: noProxy.replace('PORT', port)
    }
    const t = createTransport({ url: httpTarget.url, env })
    expect((await t.fetch(httpTarget.url)).status).toBe(200)
    expect(proxy.requests).toHaveLength(proxied)
  })
})

describe('proxy credentials', () => {
  it.each([
    ['https', () => httpsTarget, 'HTTPS_PROXY', 'CONNECT'],
    ['http', () => httpTarget, 'HTTP_PROXY', 'GET']
  ])(
    'go as Proxy-Authorization, never into logs (%s)',
    async (_s, target, variable, method) => {
      const { url } = target()
      const { log, lines } = recorder()
      const env = { [variable]: withCredentials(authProxy.url) }
      const t = createTransport({ url, env, caCert: pki.ca, log })
      const res = await t.fetch(`${url}/x`)
      expect(res.status).toBe(200)
      // The proxy gets them; ZadigX does not.
      const hit = (await res.json()) as { proxyAuthorization?: string }
      expect(hit.proxyAuthorization).toBeUndefined()
      expect(authProxy.requests).toEqual([
        {
          method,
          target: `127.0.0.1:${new URL(url).port}`,
          authorization: `Basic ${SECRETS[2]}`
        }
      ])
      const shown = [t.describe(), ...lines].join('\n')
      expect(shown).toContain('with credentials')
      for (const secret of [...SECRETS, 'alice'])
        expect(shown).not.toContain(secret)
    }
  )

  it.each([
    ['https', () => httpsTarget, 'HTTPS_PROXY'],
    ['http', () => httpTarget, 'HTTP_PROXY']
  ])('missing ones are explained (407, %s)', async (_s, target, variable) => {
    const { url } = target()
    const env = { [variable]: authProxy.url }
    const message = await failure({ url, env, caCert: pki.ca })
    expect(message).toContain(
      `the proxy ${authProxy.url} (from ${variable}) requires credentials (HTTP 407)`
    )
  })

  it('wrong ones are explained without quoting them', async () => {
    const env = {
      HTTPS_PROXY: withCredentials(authProxy.url, 'alice', 'nope-secret')
    }
    const message = await failure({ url: httpsTarget.url, env, caCert: pki.ca })
    expect(message).toContain(
      'rejected the credentials in HTTPS_PROXY (HTTP 407)'
    )
    expect(message).not.toContain('nope-secret')
  })
})

describe('proxy failures', () => {
  it('explains a proxy that refuses connections', async () => {
    const port = await closedPort()
    const env = { HTTPS_PROXY: `http://127.0.0.1:${port}` }
    const message = await failure({ url: httpsTarget.url, env, caCert: pki.ca })
    expect(message).toContain(
      `cannot connect to the proxy http://127.0.0.1:${port} (from HTTPS_PROXY) (ECONNREFUSED`
    )
    expect(message).toContain('NO_PROXY')
  })

  it('explains a proxy that refuses the tunnel (403)', async () => {
    // The test proxy refuses every host but 127.0.0.1, without connecting.
    const env = { HTTPS_PROXY: proxy.url }
    const message = await failure({ url: 'https://localhost:8443', env })
    expect(message).toContain(
      'does not allow connections to localhost (HTTP 403)'
    )
  })

  it('rejects an unsupported proxy scheme without quoting the URL', () => {
    const env = { HTTPS_PROXY: 'socks5://bob:hunter2@127.0.0.1:1080' }
    const create = () => createTransport({ url: httpsTarget.url, env })
    expect(create).toThrow('HTTPS_PROXY uses socks5:// which is not supported')
    expect(create).not.toThrow(/hunter2/)
  })

  it('rejects a broken %-escape in the credentials without quoting them', () => {
    const env = { HTTPS_PROXY: 'http://bob:hunter2%zz@127.0.0.1:3128' }
    const create = () => createTransport({ url: httpsTarget.url, env })
    expect(create).toThrow(
      'HTTPS_PROXY: the proxy user name or password has a broken %-escape'
    )
    expect(create).not.toThrow(/hunter2/)
  })

  it('blames ZadigX, not the proxy, when NO_PROXY skips the proxy', async () => {
    const port = await closedPort()
    const url = `http://127.0.0.1:${port}`
    const env = { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }
    const t = createTransport({ url, env })
    const err = (await t.fetch(url).catch((e: unknown) => e)) as Error
    const message = (err.cause as Error).message
    expect(message).toContain(`ECONNREFUSED 127.0.0.1:${port}`)
    expect(message).not.toContain('proxy')
  })

  it('rejects a proxy that is not a URL', () => {
    const env = { http_proxy: 'http://bob:hunter2@[bad' }
    const create = () => createTransport({ url: httpTarget.url, env })
    expect(create).toThrow('http_proxy is not a valid proxy URL')
    expect(create).not.toThrow(/hunter2/)
  })
})
