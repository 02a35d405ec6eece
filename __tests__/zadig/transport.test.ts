// The transport against a real HTTPS server on 127.0.0.1 with a private CA.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createTransport } from '../../src/zadig/transport.js'
import type { TransportOptions } from '../../src/zadig/transport.js'
import { ZadigClient } from '../../src/zadig/client.js'
import { makeTestPki } from '../helpers/tls.js'
import type { TestPki } from '../helpers/tls.js'
import { startTarget } from '../helpers/proxy.js'

type Target = Awaited<ReturnType<typeof startTarget>>

let pki: TestPki
let server: Target
let wrongName: Target

beforeAll(async () => {
  pki = await makeTestPki()
  server = await startTarget(pki.server)
  wrongName = await startTarget(pki.wrongName)
})

afterAll(async () => {
  await Promise.all([server.close(), wrongName.close(), pki.cleanup()])
})

function recorder() {
  const warnings: string[] = []
  const debugs: string[] = []
  const log = {
    warning: (m: string) => warnings.push(m),
    debug: (m: string) => debugs.push(m)
  }
  return { log, warnings, debugs }
}

function transport(options: Partial<TransportOptions> & { url: string }) {
  return createTransport({ env: {}, ...options })
}

// The message the ZadigX client shows: the cause's message.
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause
    return cause?.message ?? String(err)
  }
  throw new Error('expected a rejection')
}

describe('createTransport over TLS', () => {
  it('without ca-cert rejects the private CA and says to set ca-cert', async () => {
    const t = transport({ url: server.url })
    const message = await failure(t.fetch(`${server.url}/x`))
    expect(message).toContain('UNABLE_TO_VERIFY_LEAF_SIGNATURE')
    expect(message).toContain('set `ca-cert` to your company CA')
    expect(t.describe()).toBe(`${server.url} direct`)
  })

  it('with ca-cert succeeds, twice', async () => {
    const { log, warnings } = recorder()
    const t = transport({ url: server.url, caCert: pki.ca, log })
    for (const path of ['/a', '/b']) {
      const res = await t.fetch(`${server.url}${path}`)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ method: 'GET', path })
    }
    expect(warnings).toEqual([])
    expect(t.describe()).toBe(
      `${server.url} direct, trusting 1 extra CA certificate from ca-cert`
    )
  })

  it('sends method, headers and body unchanged', async () => {
    const t = transport({ url: server.url, caCert: pki.ca })
    const res = await t.fetch(`${server.url}/post`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
      redirect: 'manual'
    })
    expect(await res.json()).toMatchObject({ method: 'POST', body: '{"a":1}' })
  })

  it('insecure succeeds and warns once, naming the host', async () => {
    const { log, warnings } = recorder()
    const t = transport({ url: server.url, insecureSkipTlsVerify: true, log })
    expect((await t.fetch(`${server.url}/1`)).status).toBe(200)
    expect((await t.fetch(`${server.url}/2`)).status).toBe(200)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(
      `TLS certificate verification is OFF for ${new URL(server.url).host}`
    )
    expect(t.describe()).toContain('TLS verification OFF')
  })

  it('explains a certificate issued for another host name', async () => {
    const t = transport({ url: wrongName.url, caCert: pki.ca })
    const message = await failure(t.fetch(wrongName.url))
    expect(message).toContain('ERR_TLS_CERT_ALTNAME_INVALID')
    expect(message).toContain('not issued for this host name')
  })

  it('explains a ca-cert that does not sign the server certificate', async () => {
    // The leaf itself is not an issuer: Node does not accept partial chains.
    const t = transport({ url: server.url, caCert: pki.server.cert })
    const message = await failure(t.fetch(server.url))
    expect(message).toContain('the `ca-cert` you gave does not cover')
  })

  it('explains an https URL that points at plain HTTP', async () => {
    const plain = createServer((_req, res) => res.end('hi'))
    await new Promise<void>(ok => plain.listen(0, '127.0.0.1', ok))
    const { port } = plain.address() as AddressInfo
    const url = `https://127.0.0.1:${port}`
    try {
      const message = await failure(
        transport({ url, caCert: pki.ca }).fetch(url)
      )
      expect(message).toContain('does not speak TLS at this address')
    } finally {
      plain.closeAllConnections()
      await new Promise(ok => plain.close(ok))
    }
  })

  it('passes an abort through unchanged', async () => {
    const t = transport({ url: server.url, caCert: pki.ca })
    const signal = AbortSignal.abort()
    await expect(t.fetch(server.url, { signal })).rejects.toMatchObject({
      name: 'AbortError'
    })
  })

  it('warns when NODE_TLS_REJECT_UNAUTHORIZED=0 switches verification off', () => {
    const { log, warnings } = recorder()
    const env = { NODE_TLS_REJECT_UNAUTHORIZED: '0' }
    createTransport({ url: server.url, env, log })
    expect(warnings).toEqual([
      expect.stringContaining('NODE_TLS_REJECT_UNAUTHORIZED=0')
    ])
  })
})

describe('createTransport under ZadigClient', () => {
  const retry = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }
  const client = (options: Partial<TransportOptions>) =>
    new ZadigClient({
      baseUrl: server.url,
      token: 'test-token',
      fetch: transport({ url: server.url, ...options }).fetch,
      retry
    })

  it('reads JSON through a ca-cert transport', async () => {
    // The test server echoes the path (not a registry list): read it through the funnel.
    const answer = await client({ caCert: pki.ca }).http.request(
      'GET',
      '/openapi/system/registry',
      { idempotent: true }
    )
    expect(answer).toMatchObject({ path: '/openapi/system/registry' })
  })

  it('shows the TLS advice in the client error', async () => {
    const err = await client({})
      .system.registries()
      .then(
        () => undefined,
        (e: unknown) => e as Error
      )
    expect(err?.message).toContain('could not reach ZadigX')
    expect(err?.message).toContain('set `ca-cert` to your company CA')
  })
})
