// Reads who a ZadigX API token belongs to, without verifying it: only to
// recognise tasks this user created (`task_creator` is the user's `name`,
// docs/zadigx-api.md#gateway-auth). Nothing is trusted or authorised on this basis.

/** The user claims of a ZadigX token. */
export interface TokenUser {
  name?: string
  uid?: string
  email?: string
}

/** The JWT payload's `name`, `uid` and `email`, or null when it is not a JWT. */
export function tokenUser(token: string): TokenUser | null {
  const payload = String(token ?? '')
    .trim()
    .split('.')[1]
  if (!payload || !/^[\w-]+=*$/.test(payload)) return null
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    return null
  }
  const user: TokenUser = {}
  for (const key of ['name', 'uid', 'email'] as const) {
    const value = (claims as Record<string, unknown>)[key]
    if (typeof value === 'string' && value !== '') user[key] = value
  }
  return user
}
