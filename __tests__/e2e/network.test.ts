// End-to-end: self-hosted networks — an HTTPS ZadigX with a private CA, and a proxy.
import { connect, type Server, type Socket } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import { runBundle, visibleLog } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { startTestProxy, type TestProxy } from '../helpers/proxy.js'
import { makeTestPki, type TestPki } from '../helpers/tls.js'

let sim: Simulator
let pki: TestPki
let tlsFront: Server
let httpsUrl: string
const sockets = new Set<Socket>()

// An HTTPS front (private-CA certificate for 127.0.0.1) that passes bytes to the simulator.
async function startTlsFront(port: number): Promise<void> {
  tlsFront = createTlsServer(
    { key: pki.server.key, cert: pki.server.cert },
    socket => {
      const upstream = connect(port, '127.0.0.1')
      for (const s of [socket, upstream]) {
        sockets.add(s)
        s.on('close', () => sockets.delete(s)).on('error', () => s.destroy())
      }
      socket.pipe(upstream).pipe(socket)
    }
  )
  await new Promise<void>(resolve => tlsFront.listen(0, '127.0.0.1', resolve))
  const address = tlsFront.address() as { port: number }
  httpsUrl = `https://127.0.0.1:${address.port}`
}

beforeAll(async () => {
  pki = await makeTestPki()
})

afterAll(async () => {
  await pki.cleanup()
})

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 60_000 })
  await startTlsFront(Number(new URL(sim.url).port))
})

afterEach(async () => {
  for (const s of sockets) s.destroy()
  await new Promise(resolve => tlsFront.close(resolve))
  await sim.close()
})

const inputs = (url: string, extra: Record<string, string> = {}) => ({
  url,
  token: sim.token,
  project: 'demo',
  workflow: 'build-deploy',
  'poll-interval': '10ms',
  ...extra
})

describe('HTTPS ZadigX with a private CA', () => {
  it('explains an untrusted certificate and points at ca-cert', async () => {
    const run = await runBundle(inputs(httpsUrl))
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toMatch(/ca-cert/)
    expect(run.outputs.result).toBe('failure')
    expect(sim.requests).toHaveLength(0)
  })

  it('trusts the CA given as PEM text in ca-cert', async () => {
    const run = await runBundle(inputs(httpsUrl, { 'ca-cert': pki.ca }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('success')
    expect(run.outputs['task-url']).toMatch(/^https:\/\/127\.0\.0\.1:/)
  })

  it('trusts the CA given as a file path in ca-cert', async () => {
    const run = await runBundle(
      inputs(httpsUrl, { 'ca-cert': `${pki.dir}/ca.pem` })
    )
    expect(run.exitCode).toBe(0)
  })

  it('refuses a ca-cert that is not a certificate, before any request', async () => {
    const run = await runBundle(inputs(httpsUrl, { 'ca-cert': 'not a pem' }))
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toMatch(/ca-cert/)
    expect(sim.requests).toHaveLength(0)
  })

  it('works with insecure-skip-tls-verify, loudly', async () => {
    const run = await runBundle(
      inputs(httpsUrl, { 'insecure-skip-tls-verify': 'true' })
    )
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/::warning::TLS certificate verification is OFF/)
  })
})

describe('through a proxy', () => {
  let proxy: TestProxy

  beforeEach(async () => {
    proxy = await startTestProxy()
  })

  afterEach(async () => {
    await proxy.close()
  })

  it('sends http requests through HTTP_PROXY', async () => {
    const run = await runBundle(inputs(sim.url), { HTTP_PROXY: proxy.url })
    expect(run.exitCode).toBe(0)
    expect(proxy.requests.length).toBeGreaterThanOrEqual(sim.requests.length)
    expect(proxy.requests.some(r => r.method === 'POST')).toBe(true)
  })

  it('tunnels https through HTTPS_PROXY with the private CA', async () => {
    const run = await runBundle(inputs(httpsUrl, { 'ca-cert': pki.ca }), {
      HTTPS_PROXY: proxy.url
    })
    expect(run.exitCode).toBe(0)
    expect(proxy.requests.some(r => r.method === 'CONNECT')).toBe(true)
    // undici's notice that its proxy agent is experimental stays out of the log.
    expect(run.stderr).not.toMatch(/warning/i)
  })

  it('keeps proxy credentials out of the log', async () => {
    const auth = await startTestProxy('alice:s3cret-pw')
    try {
      const withAuth = auth.url.replace('//', '//alice:s3cret-pw@')
      const run = await runBundle(inputs(sim.url), { HTTP_PROXY: withAuth })
      expect(run.exitCode).toBe(0)
      expect(auth.requests.length).toBeGreaterThan(0)
      expect(run.stdout).toContain(
        `via proxy ${auth.url} (from HTTP_PROXY, with credentials)`
      )
      expect(run.stdout + run.stderr).not.toMatch(/s3cret-pw|alice/)
    } finally {
      await auth.close()
    }
  })

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const run = await runBundle(inputs(sim.url), {
      HTTP_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1'
    })
    expect(run.exitCode).toBe(0)
    expect(proxy.requests).toHaveLength(0)
  })
})
