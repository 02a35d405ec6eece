// Fault injection and restarts, as a plain fetch client sees them.
import type { Simulator } from '../../simulator/index.js'
import { BAD_GATEWAY_PAGE, startSimulator } from '../../simulator/index.js'
import { BUILD, DEPLOY } from '../helpers/sim-http.js'

const LIST = '/openapi/workflows'
const TRIGGER = '/openapi/workflows/custom/task'

function get(sim: Simulator, path = `${LIST}?projectKey=demo`, init = {}) {
  return fetch(sim.url + path, {
    headers: { Authorization: `Bearer ${sim.token}` },
    ...init
  })
}

function trigger(sim: Simulator, init: RequestInit = {}) {
  return fetch(sim.url + TRIGGER, {
    ...init,
    method: 'POST',
    headers: {
      Authorization: `Bearer ${sim.token}`,
      'Content-Type': 'application/json'
    },
    body: JSON.stringify({
      project_key: 'demo',
      workflow_key: 'build-deploy',
      inputs: [BUILD, DEPLOY]
    })
  })
}

/** The error code under undici's "fetch failed". */
async function failure(request: Promise<Response>): Promise<string> {
  const err = (await request.then(
    () => undefined,
    (e: unknown) => e
  )) as { message?: string; cause?: { code?: string } } | undefined
  expect(err?.message).toBe('fetch failed')
  return err?.cause?.code ?? ''
}

/** Resolves once the simulator has logged `n` requests (real I/O only, no sleeps). */
async function logged(sim: Simulator, n: number): Promise<void> {
  while (sim.requests.length < n) await new Promise(r => setImmediate(r))
}

describe('simulator faults', () => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator()
  })
  afterEach(async () => {
    await sim.close()
  })

  it('answers a status burst, then recovers', async () => {
    sim.faults.add({ path: LIST, kind: 'status', status: 503, times: 2 })
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      const res = await get(sim)
      statuses.push(res.status)
      await res.text()
    }
    expect(statuses).toEqual([503, 503, 200])
    expect(sim.faults.counts.status).toBe(2)
    expect(sim.requests.map(r => [r.status, r.fault])).toEqual([
      [503, 'status'],
      [503, 'status'],
      [200, undefined]
    ])
  })

  it('serves a proxy 502 HTML page, even before auth', async () => {
    sim.faults.add({
      kind: 'status',
      status: 502,
      body: BAD_GATEWAY_PAGE,
      contentType: 'text/html'
    })
    const res = await fetch(`${sim.url}${LIST}?projectKey=demo`)
    expect(res.status).toBe(502)
    expect(res.headers.get('content-type')).toBe('text/html')
    expect(await res.text()).toContain('<title>502 Bad Gateway</title>')
  })

  it('resets the connection without a response', async () => {
    sim.faults.add({ path: LIST, kind: 'reset' })
    expect(await failure(get(sim))).toMatch(/ECONNRESET|UND_ERR_SOCKET/)
    expect((await get(sim)).status).toBe(200)
    expect(sim.requests[0]).toMatchObject({ status: 0, fault: 'reset' })
    expect(sim.faults.counts.reset).toBe(1)
  })

  it('stalls until the client gives up, and close() still finishes', async () => {
    sim.faults.add({ path: LIST, kind: 'stall', times: 2 })
    const timedOut = get(sim, undefined, { signal: AbortSignal.timeout(100) })
    await expect(timedOut).rejects.toMatchObject({ name: 'TimeoutError' })
    // A second stalled request with no client timeout: close() must not wait for it.
    const hanging = get(sim).then(
      () => 'answered',
      () => 'dropped'
    )
    await logged(sim, 2)
    const started = Date.now()
    await sim.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await hanging).toBe('dropped')
    sim = await startSimulator()
  })

  it('answers for real after a timed stall', async () => {
    sim.faults.add({ path: LIST, kind: 'stall', ms: 30 })
    const started = Date.now()
    const res = await get(sim)
    expect(res.status).toBe(200)
    expect(
      ((await res.json()) as { workflows: unknown[] }).workflows
    ).toHaveLength(4)
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
    expect(sim.requests[0]).toMatchObject({ status: 200, fault: 'stall' })
  })

  it('cuts or breaks the JSON of the real response', async () => {
    const real = await (await get(sim)).text()
    sim.faults.add({ path: LIST, kind: 'truncated-json' })
    sim.faults.add({ path: LIST, kind: 'invalid-json' })
    const cut = await get(sim)
    expect([cut.status, cut.headers.get('content-type')]).toEqual([
      200,
      'application/json; charset=utf-8'
    ])
    const cutText = await cut.text()
    expect(real.startsWith(cutText) && cutText.length < real.length).toBe(true)
    expect(() => JSON.parse(cutText)).toThrow()
    const broken = await get(sim)
    expect(broken.status).toBe(200)
    // SyntaxError comes from undici's realm, so match it by name.
    await expect(broken.json()).rejects.toMatchObject({ name: 'SyntaxError' })
  })

  it('rate-limits with Retry-After, and serves an HTML login page', async () => {
    sim.faults.add({ kind: 'rate-limit', retryAfterSec: 7 })
    sim.faults.add({ kind: 'html-login' })
    const limited = await get(sim)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect(await limited.text()).toContain('429 Too Many Requests')
    const login = await get(sim)
    expect([login.status, login.headers.get('content-type')]).toEqual([
      200,
      'text/html; charset=utf-8'
    ])
    expect(await login.text()).toContain('<form')
    expect(sim.faults.counts).toMatchObject({
      'rate-limit': 1,
      'html-login': 1
    })
  })

  it('sends a huge body, with or without a Content-Length', async () => {
    sim.faults.add({ kind: 'huge-body', bytes: 3 << 20 })
    sim.faults.add({ kind: 'huge-body', bytes: 1 << 20, chunked: true })
    const declared = await get(sim)
    expect(declared.headers.get('content-length')).toBe(String(3 << 20))
    expect((await declared.arrayBuffer()).byteLength).toBe(3 << 20)
    const chunked = await get(sim)
    expect(chunked.headers.get('content-length')).toBeNull()
    expect((await chunked.text()).trim()).toBe('')
    expect(sim.faults.counts['huge-body']).toBe(2)
  })

  it('sends a gzip body that unpacks to far more than it weighs', async () => {
    sim.faults.add({ kind: 'gzip-bomb', unpackedMiB: 64 })
    const bomb = await get(sim)
    expect(bomb.headers.get('content-encoding')).toBe('gzip')
    expect(Number(bomb.headers.get('content-length'))).toBeLessThan(1 << 20)
    expect((await bomb.arrayBuffer()).byteLength).toBe(64 << 20)
  })

  it('redirects, before or after the route ran', async () => {
    sim.faults.add({ method: 'POST', path: TRIGGER, kind: 'redirect' })
    sim.faults.add({
      method: 'POST',
      path: TRIGGER,
      kind: 'redirect',
      status: 308,
      location: '/elsewhere',
      acted: true
    })
    const manual = { redirect: 'manual' } as const
    const plain = await trigger(sim, manual)
    expect(plain.status).toBe(307)
    expect(plain.headers.get('location')).toBe(TRIGGER)
    expect(sim.tasks('build-deploy')).toHaveLength(10)
    const acted = await trigger(sim, manual)
    expect([acted.status, acted.headers.get('location')]).toEqual([
      308,
      '/elsewhere'
    ])
    expect(sim.tasks('build-deploy')).toHaveLength(11)
  })

  it('loses the response of a trigger that created its task exactly once', async () => {
    sim.faults.add({ method: 'POST', path: TRIGGER, kind: 'lost-response' })
    expect(await failure(trigger(sim))).toMatch(/ECONNRESET|UND_ERR_SOCKET/)
    const tasks = sim.tasks('build-deploy')
    expect(tasks).toHaveLength(11)
    expect(tasks.at(-1)).toMatchObject({
      task_id: 11,
      status: 'waiting',
      task_creator: 'admin'
    })
    expect(sim.requests[0]).toMatchObject({
      method: 'POST',
      status: 0,
      fault: 'lost-response'
    })
    const retried = await trigger(sim)
    expect(await retried.json()).toMatchObject({ task_id: 12 })
    expect(sim.faults.counts['lost-response']).toBe(1)
  })

  it('rewrites fields of a JSON answer, deep ones too, after the route ran', async () => {
    sim.faults.add({
      method: 'POST',
      path: TRIGGER,
      kind: 'rewrite-json',
      set: { task_id: '1\n::warning::x', 'extra.deep': [1] }
    })
    const res = await trigger(sim)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      task_id: '1\n::warning::x',
      workflow_name: 'build-deploy',
      extra: { deep: [1] }
    })
    expect(sim.tasks('build-deploy')).toHaveLength(11)
    sim.faults.add({
      path: TRIGGER,
      method: 'GET',
      kind: 'rewrite-json',
      set: { 'stages.0.jobs': 'abc' }
    })
    const detail = await get(
      sim,
      `${TRIGGER}?taskId=11&workflowKey=build-deploy`
    )
    const body = (await detail.json()) as { stages: { jobs: unknown }[] }
    expect(body.stages[0]?.jobs).toBe('abc')
    expect(sim.faults.counts['rewrite-json']).toBe(2)
  })

  it('echoes the Authorization header it received into names and errors', async () => {
    const text =
      ' [{authorization}|{authorization-base64}|{authorization-url}|{signature}]'
    sim.faults.add({ method: 'GET', path: TRIGGER, kind: 'hostile-text', text })
    const res = await get(sim, `${TRIGGER}?taskId=1&workflowKey=build-deploy`)
    const header = `Bearer ${sim.token}`
    const echo = ` [${header}|${Buffer.from(header).toString('base64')}|${encodeURIComponent(header)}|${sim.token.split('.')[2]}]`
    const task = (await res.json()) as {
      status: string
      stages: { name: string; jobs: { name: string }[] }[]
    }
    expect(res.status).toBe(200)
    expect(task.status).toBe('passed')
    expect(task.stages[0]?.name).toBe(`build${echo}`)
    expect(task.stages[0]?.jobs[0]?.name.endsWith(echo)).toBe(true)
    expect(sim.faults.counts['hostile-text']).toBe(1)
  })

  it('matches on method, path RegExp, query, after and times; clear() resets', async () => {
    sim.faults.add({ method: 'post', path: LIST, kind: 'status', status: 500 })
    sim.faults.add({
      path: /\/custom\/[^/]+\/detail$/,
      query: { projectKey: 'demo' },
      after: 1,
      times: Infinity,
      kind: 'status',
      status: 504
    })
    expect((await get(sim)).status).toBe(200)
    const detail = '/openapi/workflows/custom/build-deploy/detail'
    const statuses = []
    for (const q of [
      '?projectKey=demo',
      '?projectKey=demo',
      '?projectKey=x',
      '?projectKey=demo'
    ])
      statuses.push((await get(sim, detail + q)).status)
    expect(statuses).toEqual([200, 504, 200, 504])
    expect(sim.faults.counts.status).toBe(2)
    sim.faults.clear()
    expect(sim.faults.counts.status).toBe(0)
    expect((await get(sim, `${detail}?projectKey=demo`)).status).toBe(200)
  })
})

describe('simulator restart', () => {
  it('comes back on the same port with every task, refusing requests meanwhile', async () => {
    const sim = await startSimulator()
    try {
      const created = (await (await trigger(sim)).json()) as { task_id: number }
      sim.faults.add({ path: LIST, kind: 'stall' })
      const inFlight = get(sim).then(
        () => 'answered',
        () => 'dropped'
      )
      await logged(sim, 2)
      const restarting = sim.restart({ downMs: 200 })
      // The first tries may land on pooled keep-alive sockets the restart just
      // closed (UND_ERR_SOCKET); a fresh connection is refused.
      let code = ''
      for (let i = 0; i < 5 && code !== 'ECONNREFUSED'; i++)
        code = await failure(get(sim))
      expect(code).toBe('ECONNREFUSED')
      await restarting
      expect(await inFlight).toBe('dropped')
      sim.clock.advance(600_000)
      const q = `taskId=${created.task_id}&workflowKey=build-deploy`
      const res = await get(sim, `${TRIGGER}?${q}`)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ task_id: 11, status: 'passed' })
      expect(sim.tasks('build-deploy')).toHaveLength(11)
    } finally {
      await sim.close()
    }
  })

  it('restarts with no gap by default', async () => {
    const sim = await startSimulator()
    try {
      const url = sim.url
      await sim.restart()
      expect(sim.url).toBe(url)
      expect((await get(sim)).status).toBe(200)
    } finally {
      await sim.close()
    }
  })
})
