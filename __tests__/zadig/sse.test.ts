// The event-stream parser: what ZadigX sends (docs/zadigx-api.md#job-log-stream) and
// what proxies do to it (chunks split anywhere, other line endings).
import {
  createSseParser,
  MAX_PENDING_CHARS,
  readEvents,
  SseLineTooLong
} from '../../src/zadig/sse.js'

const ZADIG = 'event:message\ndata:first line\n\nevent:message\ndata:second\n\n'

function parseAll(chunks: string[]): string[] {
  const parser = createSseParser()
  const out = chunks.flatMap(c => parser.push(c))
  parser.end()
  return out
}

describe('createSseParser', () => {
  it("reads gin's framing: one event per line", () => {
    expect(parseAll([ZADIG])).toEqual(['first line', 'second'])
  })

  it('gives the same events however the text is split', () => {
    expect(parseAll([...ZADIG])).toEqual(['first line', 'second'])
    expect(
      parseAll([ZADIG.slice(0, 17), ZADIG.slice(17, 30), ZADIG.slice(30)])
    ).toEqual(['first line', 'second'])
  })

  it('takes CRLF and CR line ends, also a CRLF split between chunks', () => {
    expect(parseAll(['data: a\r', '\n\r\ndata: b\r\r'])).toEqual(['a', 'b'])
  })

  it('drops one space after the colon only, and ignores comments and other fields', () => {
    const text = ': keep-alive\nid: 7\nretry: 10\ndata:  two spaces\n\n'
    expect(parseAll([text])).toEqual([' two spaces'])
  })

  it('joins the data lines of one event with a line feed', () => {
    expect(parseAll(['data: a\ndata: b\n\n'])).toEqual(['a\nb'])
  })

  it('drops an event cut off before its blank line', () => {
    expect(parseAll(['data: whole\n\ndata: cut'])).toEqual(['whole'])
  })

  it('refuses a line that never ends', () => {
    const parser = createSseParser()
    expect(() => parser.push('data: ' + 'x'.repeat(MAX_PENDING_CHARS))).toThrow(
      SseLineTooLong
    )
  })
})

function body(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c))
      controller.close()
    }
  })
}

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = []
  for await (const item of iterable) out.push(item)
  return out
}

describe('readEvents', () => {
  it('decodes UTF-8 split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: 构建成功\n\n')
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 9))
        controller.enqueue(bytes.slice(9))
        controller.close()
      }
    })
    expect(await collect(readEvents(stream, { maxBytes: 1000 }))).toEqual([
      '构建成功'
    ])
  })

  it('stops once maxBytes have been read', async () => {
    const chunks = Array.from({ length: 10 }, (_, i) => `data: ${i}\n\n`)
    const events = await collect(readEvents(body(chunks), { maxBytes: 20 }))
    expect(events).toEqual(['0', '1', '2'])
  })

  it('stops when aborted', async () => {
    const abort = new AbortController()
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: one\n\n'))
      }
    })
    const events: string[] = []
    await expect(
      (async () => {
        for await (const e of readEvents(stream, {
          maxBytes: 1000,
          signal: abort.signal
        })) {
          events.push(e)
          abort.abort()
        }
      })()
    ).rejects.toThrow()
    expect(events).toEqual(['one'])
  })
})
