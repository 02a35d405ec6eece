// The `hostile-text` fault (faults.ts): a server that fills the names and errors it sends
// with whatever it likes, the Authorization header it received included. Clients must
// neither leak the token nor act on the text.
import type { SimRequest } from './http.js'
import type { SimResponse } from './response.js'

/** What the fault writes. */
export interface HostileAnswer {
  status: number
  body: string
  headers: Record<string, string>
}

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' }
const TEXT_TYPE = 'text/plain; charset=utf-8'

// The keys whose strings a hostile server fills: what a client shows as names and errors.
const TEXT_KEYS = new Set([
  'name',
  'display_name',
  'error',
  'workflow_display_name'
])

/** `text` with the placeholders of the `hostile-text` fault filled from the request. */
function echoed(text: string, request: SimRequest): string {
  const header = request.headers['authorization']
  const authorization = (Array.isArray(header) ? header[0] : header) ?? ''
  const signature = authorization.split('.').at(-1) ?? ''
  return text
    .split('{authorization}')
    .join(authorization)
    .split('{authorization-base64}')
    .join(Buffer.from(authorization).toString('base64'))
    .split('{authorization-url}')
    .join(encodeURIComponent(authorization))
    .split('{signature}')
    .join(signature)
}

function withText(value: unknown, text: string, key = ''): unknown {
  if (typeof value === 'string')
    return TEXT_KEYS.has(key) ? `${value}${text}` : value
  if (Array.isArray(value)) return value.map(item => withText(item, text, key))
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([k, item]) => [k, withText(item, text, k)])
  )
}

/**
 * The `hostile-text` fault's answer: `response` with `template` (its placeholders filled
 * from `request`) appended to every name and error string, or to its text.
 */
export function hostileAnswer(
  response: SimResponse,
  template: string,
  request: SimRequest
): HostileAnswer {
  const text = echoed(template, request)
  if (response.body === undefined) {
    const body = `${response.text ?? ''}${text}`
    const headers = { 'Content-Type': response.contentType ?? TEXT_TYPE }
    return { status: response.status, body, headers }
  }
  const body = JSON.stringify(withText(response.body, text))
  return { status: response.status, body, headers: JSON_TYPE }
}
