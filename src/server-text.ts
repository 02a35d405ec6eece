// Server text made fit for where it is written: clipped to a size GitHub accepts, on one
// line for statuses and descriptions, inert in markdown and HTML for the job summary and
// the PR comment. Secrets are scrubbed before any of these (src/secrets.ts): a clipped or
// escaped copy of a token would no longer match it.

/** The longest server-supplied name (stage, job, workflow, approver) that is written. */
export const NAME_MAX = 200
/** The longest server-supplied error or message that is written. */
export const ERROR_MAX = 2000

const ELLIPSIS = '…'

/** `text` cut to at most `max` characters (UTF-16 units) with `…`, never inside a pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  // Never leave half of a surrogate pair (an emoji) at the cut.
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}${ELLIPSIS}`
}

/** How a document is measured against its limit. */
export type SizeUnit = 'bytes' | 'chars'

const sizeOf = (text: string, unit: SizeUnit): number =>
  unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : text.length

/**
 * A whole markdown document within `max` (UTF-8 bytes or characters), `note` included:
 * cut at the last line break that fits, so no table row or entity is left half written.
 */
export function clipDocument(
  text: string,
  max: number,
  note: string,
  unit: SizeUnit = 'chars'
): string {
  if (sizeOf(text, unit) <= max) return text
  const room = max - sizeOf(note, unit)
  // Characters first (cheap), then trim to bytes: a character is at most 4 bytes.
  let cut = clip(text, room + 1).slice(0, -1)
  while (cut && sizeOf(cut, unit) > room)
    cut = cut.slice(0, cut.length - Math.ceil((sizeOf(cut, unit) - room) / 4))
  const lineEnd = cut.lastIndexOf('\n')
  return `${lineEnd > 0 ? cut.slice(0, lineEnd) : ''}${note}`
}

// C0 controls (tab, CR, LF …), DEL, C1 controls and the Unicode line separators: what
// can end a log line or hide in one. Inputs are checked against the same set.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
const CONTROL = new RegExp(`${CONTROL_CHARACTER.source}+`, 'g')

/** True when `text` holds a line break or another control character. */
export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTER.test(text)
}

/**
 * Server text on one clipped line: line breaks and control characters become one
 * space, `::` is broken up (a runner reads `::command::` at the start of a line).
 */
export function forOneLine(text: unknown, max = NAME_MAX): string {
  const line = asText(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(CONTROL, ' ')
    .replace(/::/g, ':\u200b:')
  return clip(line, max)
}

// Entities are literal text in CommonMark: they can neither open markup nor split a
// table cell. `::` is broken up in case the text is ever echoed to the log.
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '|': '&#124;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '*': '&#42;',
  _: '&#95;',
  '\\': '&#92;',
  '~': '&#126;',
  '::': ':&#58;'
}

/**
 * Makes untrusted text inert in markdown and HTML, on one line. A zero-width space keeps
 * GitHub from turning it into something live: after `@` (a mention that notifies), before
 * the digits of `#123` or `GH-123` (a cross-reference shown on that issue), inside
 * `://` and `www.` (a bare link).
 */
export function forMarkdown(text: unknown): string {
  // The zero-width spaces go in first: the entities below hold `#` and digits.
  return asText(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(CONTROL, ' ')
    .replace(/@/g, '@\u200b')
    .replace(/(#|\bGH-)(?=\d)/gi, '$1\u200b')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\bwww\./gi, m => `${m.slice(0, 3)}\u200b.`)
    .replace(/::|[&<>|`[\]*_\\~]/g, c => ESCAPES[c] ?? c)
}

function asText(text: unknown): string {
  return typeof text === 'string' ? text : String(text ?? '')
}
