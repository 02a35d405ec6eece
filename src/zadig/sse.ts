// Server-sent events as ZadigX frames them (docs/zadigx-api.md#job-log-stream): one log
// line per `data:` event. Chunks can split anywhere, so text is kept until a line ends.

/** What a parser gives back for a chunk: the data of each event that completed. */
export interface SseParser {
  /** Feeds decoded text; returns the data of the events it completed. */
  push(text: string): string[]
  /** The stream ended: an event without its closing blank line is dropped (cut off). */
  end(): void
}

/** Longest line kept while waiting for its end; beyond it the stream is refused. */
export const MAX_PENDING_CHARS = 1 << 20

/** Thrown when one line grows past MAX_PENDING_CHARS without ending. */
export class SseLineTooLong extends Error {
  constructor() {
    super(
      `a server-sent event line is longer than ${MAX_PENDING_CHARS} characters`
    )
    this.name = 'SseLineTooLong'
  }
}

/** An incremental parser of the event-stream format (any of CRLF, LF, CR ends a line). */
export function createSseParser(): SseParser {
  let pending = ''
  // A CR at the very end of a chunk may be the first half of a CRLF.
  let afterCr = false
  let data: string[] | null = null
  const field = (line: string, done: string[]): void => {
    if (line === '') {
      if (data) done.push(data.join('\n'))
      data = null
      return
    }
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const name = colon < 0 ? line : line.slice(0, colon)
    let value = colon < 0 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (name === 'data') (data ??= []).push(value)
  }
  return {
    push(text) {
      const done: string[] = []
      let s = pending + text
      if (afterCr && s.startsWith('\n')) s = s.slice(1)
      afterCr = false
      let from = 0
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i)
        if (c !== 10 && c !== 13) continue
        field(s.slice(from, i), done)
        if (c === 13) {
          if (i + 1 === s.length) afterCr = true
          else if (s.charCodeAt(i + 1) === 10) i++
        }
        from = i + 1
      }
      pending = s.slice(from)
      if (pending.length > MAX_PENDING_CHARS) throw new SseLineTooLong()
      return done
    },
    end() {
      pending = ''
      data = null
    }
  }
}

/**
 * The data of each event of an event-stream body, until it ends, `signal` aborts, or
 * `maxBytes` have been read (then it stops as if the stream had ended).
 */
export async function* readEvents(
  body: ReadableStream<Uint8Array>,
  options: { signal?: AbortSignal; maxBytes: number }
): AsyncGenerator<string, void, undefined> {
  const reader = body.getReader()
  const stop = () => void reader.cancel().catch(() => undefined)
  options.signal?.addEventListener('abort', stop, { once: true })
  const decoder = new TextDecoder()
  const parser = createSseParser()
  let bytes = 0
  try {
    while (bytes < options.maxBytes) {
      const { done, value } = await reader.read()
      options.signal?.throwIfAborted()
      if (done) break
      bytes += value.byteLength
      yield* parser.push(decoder.decode(value, { stream: true }))
    }
  } finally {
    parser.end()
    options.signal?.removeEventListener('abort', stop)
    stop()
  }
}
