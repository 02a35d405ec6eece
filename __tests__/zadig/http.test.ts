// The client over real HTTP on 127.0.0.1 with the default fetch: what the
// stubs cannot show (DELETE bodies on the wire, manual redirects, timeouts).
import { ZadigClient } from '../../src/zadig/client.js'
import { isRouteMissing, ZadigApiError } from '../../src/zadig/errors.js'
import { rejection, TOKEN } from '../helpers/zadig-stub.js'
import { serve } from '../helpers/recording-server.js'

describe('over real HTTP', () => {
  let zadig: Awaited<ReturnType<typeof serve>>
  let other: Awaited<ReturnType<typeof serve>>

  beforeAll(async () => {
    other = await serve((_req, res) => res.end('{}'))
    zadig = await serve((req, res) => {
      const send = (status: number, body: string, headers = {}) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          ...headers
        })
        res.end(body)
      }
      if (req.url === '/zadig/away') {
        send(302, '', { location: `${other.url}/steal` })
      } else if (req.url === '/zadig/moved') {
        send(307, '', { location: '/zadig/openapi/system/registry' })
      } else if (req.url === '/zadig/openapi/system/registry') {
        send(200, '[{"registry_id":"r1"}]')
      } else if (req.url === '/zadig/hang') {
        // never answers
      } else if (req.method === 'DELETE') {
        send(200, '{"message":"success"}')
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' })
        res.end('404 page not found')
      }
    })
  })

  afterAll(async () => {
    await zadig.close()
    await other.close()
  })

  const client = (timeoutMs = 5000) =>
    new ZadigClient({
      baseUrl: `${zadig.url}/zadig/`,
      token: TOKEN,
      timeoutMs,
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }
    })

  it('puts the cancel arguments in both the query and the DELETE body', async () => {
    await client().tasks.cancel('build-deploy', 58)
    const req = zadig.seen.at(-1)!
    expect(req.method).toBe('DELETE')
    expect(req.url).toBe(
      '/zadig/openapi/workflows/custom/task?taskId=58&workflowKey=build-deploy'
    )
    expect(req.headers['content-type']).toBe('application/json')
    expect(JSON.parse(req.body)).toEqual({
      task_id: 58,
      workflow_key: 'build-deploy'
    })
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('follows a same-origin redirect', async () => {
    const res = await client().http.request('GET', '/moved', {
      idempotent: true
    })
    expect(res).toEqual([{ registry_id: 'r1' }])
  })

  it('does not take the token to another origin', async () => {
    const err = await rejection(
      client().http.request('GET', '/away', { idempotent: true })
    )
    expect(err).toBeInstanceOf(ZadigApiError)
    expect(String(err)).toContain(`another origin (${other.url}/steal)`)
    expect(other.seen).toHaveLength(0)
  })

  it("recognises gin's 404 text", async () => {
    const err = await rejection(
      client().productWorkflows.listTasks('demo', 'w', 1, 10)
    )
    expect(isRouteMissing(err)).toBe(true)
  })

  it('times out a silent server with status 0', async () => {
    const err = (await rejection(
      client(50).http.request('GET', '/hang', { idempotent: true })
    )) as ZadigApiError
    expect(err.status).toBe(0)
    expect(err.message).toContain('no answer within 50 ms (timeout)')
  })

  it('reports a refused connection with status 0', async () => {
    const closed = await serve(() => undefined)
    await closed.close()
    const c = new ZadigClient({
      baseUrl: closed.url,
      token: TOKEN,
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }
    })
    const err = (await rejection(c.system.registries())) as ZadigApiError
    expect(err.status).toBe(0)
    expect(err.message).toContain('could not reach ZadigX (')
    expect(err.message).toContain('ECONNREFUSED')
  })
})
