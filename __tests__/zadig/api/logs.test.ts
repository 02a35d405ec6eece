// client.logs over real HTTP on 127.0.0.1: the stream and the stored log of a job
// (docs/zadigx-api.md#job-log-stream, #job-log), as a user of the lines would notice.
import type { ServerResponse } from 'node:http'
import { ZadigClient } from '../../../src/zadig/client.js'
import { isRouteMissing } from '../../../src/zadig/errors.js'
import { TOKEN } from '../../helpers/zadig-stub.js'
import { serve } from '../../helpers/recording-server.js'

const JOB = {
  workflowKey: 'build-deploy',
  taskId: 7,
  jobName: 'svc-a-svc-a-build'
}
const STREAM =
  '/api/aslan/logs/sse/v4/workflow/build-deploy/7/svc-a-svc-a-build/100000'
const STORED =
  '/api/aslan/logs/log/v4/workflow/build-deploy/tasks/7/jobs/svc-a-svc-a-build'

let answer: (res: ServerResponse) => void
let zadig: Awaited<ReturnType<typeof serve>>

beforeAll(async () => {
  zadig = await serve((_req, res) => answer(res))
})
afterAll(async () => {
  await zadig.close()
})

const client = () =>
  new ZadigClient({
    baseUrl: zadig.url,
    token: TOKEN,
    timeoutMs: 2000,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }
  })

async function lines(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = []
  for await (const line of iterable) out.push(line)
  return out
}

const events = (...data: string[]) =>
  data.map(d => `event:message\ndata:${d}\n\n`).join('')

describe('logs.follow', () => {
  it('yields each line of the stream, scrubbed of the token, progress `\\r` dropped', async () => {
    answer = res => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(events('Step 1', '50%\\r'))
      res.end(events(`token=${TOKEN}`))
    }
    expect(await lines(client().logs.follow(JOB))).toEqual([
      'Step 1',
      '50%',
      'token=***'
    ])
    const seen = zadig.seen.at(-1)
    expect(seen?.url).toBe(STREAM)
    expect(seen?.headers.accept).toBe('text/event-stream')
    expect(seen?.headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('ends without a line on an empty 200 (a job that has ended)', async () => {
    answer = res => res.end()
    expect(await lines(client().logs.follow(JOB))).toEqual([])
  })

  it('throws a route-missing error where the server has no such route', async () => {
    answer = res => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('Invalid path: /api/logs/sse/v4/workflow/x')
    }
    const err = await lines(client().logs.follow(JOB)).catch((e: unknown) => e)
    expect(isRouteMissing(err)).toBe(true)
  })

  it('refuses a login page instead of an event stream', async () => {
    answer = res => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(`<html>sign in ${TOKEN}</html>`)
    }
    const err = (await lines(client().logs.follow(JOB)).catch(
      (e: unknown) => e
    )) as Error
    expect(err.message).toMatch(
      /not (an event stream|an answer of the ZadigX API)/i
    )
    expect(err.message).not.toContain(TOKEN)
  })

  it('stops when aborted, while the server keeps the stream open', async () => {
    answer = res => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(events('first'))
    }
    const abort = new AbortController()
    const got: string[] = []
    const done = (async () => {
      for await (const line of client().logs.follow(JOB, {
        signal: abort.signal
      })) {
        got.push(line)
        abort.abort()
      }
    })()
    await expect(done).rejects.toThrow()
    expect(got).toEqual(['first'])
  })

  it('reports a cut stream as an error, after the lines it got', async () => {
    answer = res => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(events('one'))
      setTimeout(() => res.socket?.destroy(), 20)
    }
    const got: string[] = []
    const run = (async () => {
      for await (const line of client().logs.follow(JOB)) got.push(line)
    })()
    await expect(run).rejects.toThrow(/ZadigX/)
    expect(got).toEqual(['one'])
  })
})

describe('logs.read', () => {
  it('gives the stored log as lines, scrubbed of the token', async () => {
    answer = res => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(`a\r\nb ${TOKEN}\nc\n`)
    }
    expect(await client().logs.read(JOB)).toEqual(['a', 'b ***', 'c'])
    expect(zadig.seen.at(-1)?.url).toBe(STORED)
  })

  it('gives no lines when no log is kept (an empty 200)', async () => {
    answer = res => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('')
    }
    expect(await client().logs.read(JOB)).toEqual([])
  })
})
