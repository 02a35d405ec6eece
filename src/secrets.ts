// The one home of secret scrubbing. A server (or a proxy in front of it) can echo the
// Authorization header it received into a job error, a stage name or an error page; runner
// masking covers the log only, not outputs read by later steps nor bodies sent to the
// GitHub API. Every text the action writes passes through scrub().
import * as core from '@actions/core'

const MASK = '***'
// Shorter pieces would mask ordinary words; a token is much longer than this.
const MIN_FORM = 8
const MIN_RAW = 4
// A ZadigX API token is a JWT (docs/zadigx-api.md#gateway-auth); any JWT-looking text is
// masked too, in case a server echoes a token other than ours.
const JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g

// The raw secrets (prefix checks for clipped copies) and every form of them, longest first.
const raws = new Set<string>()
let forms: string[] = []

const base64 = (bytes: Buffer): string => bytes.toString('base64')
const toUrl = (b64: string): string =>
  b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/**
 * The parts of base64 text that are the same wherever `text` sits inside a larger encoded
 * text: for each of the three byte alignments, the characters encoding `text` alone.
 */
function embeddedBase64(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8')
  const parts: string[] = []
  for (let lead = 0; lead < 3; lead++) {
    const encoded = base64(Buffer.concat([Buffer.alloc(lead), bytes]))
    const whole = Math.floor((lead + bytes.length) / 3) * 4
    parts.push(encoded.slice(lead === 0 ? 0 : 4, whole))
  }
  return parts
}

/** Every form of `secret` a server might echo: raw, base64(url), URL-encoded, JWT signature. */
function formsOf(secret: string): string[] {
  const header = `Bearer ${secret}`
  const found = new Set<string>([secret, header])
  for (const text of [secret, header]) {
    const b64 = base64(Buffer.from(text, 'utf8'))
    for (const form of [b64, b64.replace(/=+$/, ''), toUrl(b64)])
      found.add(form)
    for (const part of embeddedBase64(text)) found.add(part).add(toUrl(part))
  }
  for (const text of [...found]) {
    found.add(encodeURIComponent(text))
    found.add(encodeURIComponent(text).replace(/%20/g, '+'))
  }
  const parts = secret.split('.')
  // The signature is what makes a JWT a credential; header and payload are not secret.
  if (parts.length === 3 && parts[2]) found.add(parts[2])
  return [...found].filter(form => form.length >= MIN_FORM)
}

/**
 * Registers a secret: every form of it is masked in the runner's log (core.setSecret) and
 * replaced by `***` in everything scrub() sees from now on.
 */
export function registerSecret(secret: string): void {
  const value = secret.trim()
  if (!value || raws.has(value)) return
  core.setSecret(value)
  // As before this module: a short secret is masked raw only.
  if (value.length < MIN_RAW) return
  raws.add(value)
  const added = [value, ...formsOf(value)]
  for (const form of added) core.setSecret(form)
  forms = [...new Set([...forms, ...added])].sort((a, b) => b.length - a.length)
}

/** Forgets every registered secret (tests that run the action more than once). */
export function forgetSecrets(): void {
  raws.clear()
  forms = []
}

// A copy cut short by a clip (`…` after it) still shows the start of the secret.
function scrubClipped(text: string): string {
  if (!text.includes('…')) return text
  return text.replace(/[^\s…]{4,}…/g, piece => {
    const before = piece.slice(0, -1)
    for (const raw of raws)
      for (
        let length = Math.min(before.length, raw.length);
        length >= MIN_RAW;
        length--
      )
        if (before.endsWith(raw.slice(0, length)))
          return `${before.slice(0, before.length - length)}${MASK}…`
    return piece
  })
}

/** `text` with every registered secret (in every form) and any JWT replaced by `***`. */
export function scrub(text: string): string {
  let result = text
  for (const form of forms)
    if (result.includes(form)) result = result.split(form).join(MASK)
  return scrubClipped(result).replace(JWT, MASK)
}

/** A copy of `value` with scrub() applied to every string in it, keys included. */
export function scrubDeep<T>(value: T): T {
  return scrubValue(value, new WeakSet()) as T
}

function scrubValue(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrub(value)
  if (typeof value !== 'object' || value === null) return value
  // A cycle cannot be written out anyway; a shared (not cyclic) object is copied twice.
  if (seen.has(value)) return undefined
  const proto = Object.getPrototypeOf(value) as unknown
  const plain = proto === Object.prototype || proto === null
  if (!plain && !Array.isArray(value)) return value
  seen.add(value)
  const copy = Array.isArray(value)
    ? value.map(item => scrubValue(item, seen))
    : Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          scrub(key),
          scrubValue(item, seen)
        ])
      )
  seen.delete(value)
  return copy
}
