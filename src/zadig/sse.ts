// Server-sent events (text/event-stream) read from a response body: lines of
// `field:value`, an event ending at a blank line, `data` lines joined with "\n".
// The body is server text of any size: an event larger than the cap ends the read.

/** One event as sent. */
export interface ServerEvent {
  /** The `event:` field; `message` when absent. */
  event: string
  data: string
}

/** Default largest event, in characters. */
export const MAX_EVENT_CHARS = 4_000_000

/** Thrown when an event passes the cap (a hostile or broken stream). */
export class EventTooLargeError extends Error {
  constructor(limit: number) {
    super(`a server-sent event passed ${limit} characters`)
    this.name = 'EventTooLargeError'
  }
}

interface Pending {
  event: string
  data: string[]
  size: number
}

const fresh = (): Pending => ({ event: '', data: [], size: 0 })

/** Applies one field line (not blank) to the event being read. */
function takeLine(line: string, p: Pending): void {
  if (line.startsWith(':')) return
  const colon = line.indexOf(':')
  const field = colon < 0 ? line : line.slice(0, colon)
  let value = colon < 0 ? '' : line.slice(colon + 1)
  if (value.startsWith(' ')) value = value.slice(1)
  if (field === 'data') p.data.push(value)
  else if (field === 'event') p.event = value
}

/** The event a blank line ends; undefined when it had no data. */
function dispatch(p: Pending): ServerEvent | undefined {
  if (p.data.length === 0) return undefined
  return { event: p.event || 'message', data: p.data.join('\n') }
}

/**
 * The events of `body`, in order, until it ends (a last event without its blank line
 * is dropped, as browsers do). Throws EventTooLargeError past `maxChars`.
 */
export async function* readEvents(
  body: AsyncIterable<Uint8Array>,
  maxChars = MAX_EVENT_CHARS
): AsyncGenerator<ServerEvent> {
  const decoder = new TextDecoder()
  let buffer = ''
  let pending = fresh()
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true })
    let end: RegExpExecArray | null
    const lineEnd = /\r\n|\n|\r/g
    let from = 0
    while ((end = lineEnd.exec(buffer)) !== null) {
      // A lone \r at the end may be the first half of \r\n: wait for more.
      if (end[0] === '\r' && end.index === buffer.length - 1) break
      const line = buffer.slice(from, end.index)
      from = end.index + end[0].length
      if (line !== '') {
        pending.size += line.length
        takeLine(line, pending)
        continue
      }
      const event = dispatch(pending)
      pending = fresh()
      if (event) yield event
    }
    buffer = buffer.slice(from)
    if (pending.size + buffer.length > maxChars)
      throw new EventTooLargeError(maxChars)
  }
}
