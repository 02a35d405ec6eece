import { EventTooLargeError, readEvents } from '../../src/zadig/sse.js'

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder()
  for (const part of parts) yield encoder.encode(part)
}

async function all(body: AsyncIterable<Uint8Array>, max?: number) {
  const events = []
  for await (const e of readEvents(body, max)) events.push(e)
  return events
}

describe('readEvents', () => {
  it('reads gin’s framing, whatever the chunks', async () => {
    const text =
      'event:message\ndata:[{"task_id":1}]\n\nevent:message\ndata:[]\n\n'
    const split = [...text].map(c => c) // one character a chunk
    expect(await all(chunks(...split))).toEqual([
      { event: 'message', data: '[{"task_id":1}]' },
      { event: 'message', data: '[]' }
    ])
  })

  it('takes CRLF and CR line ends, comments, a space after the colon, joined data lines', async () => {
    const events = await all(
      chunks(
        ': keep-alive\r\n',
        'event: message\r',
        '\ndata: a\r\ndata:b\r\n\r\n',
        'data:c\r\r\n'
      )
    )
    expect(events).toEqual([
      { event: 'message', data: 'a\nb' },
      { event: 'message', data: 'c' }
    ])
  })

  it('drops a last event without its blank line and blank lines without data', async () => {
    expect(await all(chunks('\n\nevent:x\n\ndata:cut'))).toEqual([])
  })

  it('keeps multi-byte characters split over chunks', async () => {
    const bytes = new TextEncoder().encode('data:部署\n\n')
    async function* halves() {
      yield bytes.slice(0, 7)
      yield bytes.slice(7)
    }
    expect(await all(halves())).toEqual([{ event: 'message', data: '部署' }])
  })

  it('stops at an event larger than the cap', async () => {
    const huge = chunks('data:', 'x'.repeat(600), 'x'.repeat(600), '\n\n')
    await expect(all(huge, 1000)).rejects.toBeInstanceOf(EventTooLargeError)
  })
})
