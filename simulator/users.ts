// Users of the simulated ZadigX and their API tokens (docs/zadigx-api.md#gateway-auth).
import { createHmac } from 'node:crypto'

/** A ZadigX account that can call the API. */
export interface SimUser {
  name: string
  uid: string
  email: string
  token: string
  /** A system admin passes every permission check. */
  systemAdmin: boolean
  /** Projects the user is a member of (with the project's workflow rights). */
  projects: string[]
}

// Far-future expiry: API tokens are long-lived (docs/zadigx-api.md#gateway-auth, HEAD login/token.go).
const EXPIRES = 4102444800
const SIGNING_KEY = 'zadigx-simulator-not-a-secret'

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url')
}

/** Builds a JWT-shaped token whose payload carries the user like Zadig's claims. */
function makeToken(name: string, uid: string, email: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const payload = base64url(
    JSON.stringify({
      name,
      email,
      phone: '',
      uid,
      preferred_username: name,
      federated_claims: { connector_id: '', user_id: '' },
      aud: 'zadig',
      exp: EXPIRES
    })
  )
  const signature = createHmac('sha256', SIGNING_KEY)
    .update(`${header}.${payload}`)
    .digest('base64url')
  return `${header}.${payload}.${signature}`
}

function user(name: string, projects: string[], systemAdmin = false): SimUser {
  const uid = `uid-${name}`
  const email = `${name}@example.com`
  const token = makeToken(name, uid, email)
  return { name, uid, email, token, systemAdmin, projects }
}

/**
 * admin (system admin), alice (member of demo, an approver in the default catalog),
 * bob (member of demo, not an approver), carol (no project).
 */
export function defaultUsers(): SimUser[] {
  return [
    user('admin', [], true),
    user('alice', ['demo']),
    user('bob', ['demo']),
    user('carol', [])
  ]
}

/** The caller aslan sees without a readable JWT: "system", or "" for a bad payload. */
export function anonymous(name: string): SimUser {
  return {
    name,
    uid: '',
    email: '',
    token: '',
    systemAdmin: false,
    projects: []
  }
}

/**
 * The handlers' check: a system admin, or `ProjectAuthInfo[project]` present
 * (e.g. …/handler/openapi.go, v3.0.0:40-55). Members are modelled with every
 * workflow right of their projects; collaboration mode is not modelled.
 */
export function mayUse(user: SimUser | undefined, project: string): boolean {
  return !!user && (user.systemAdmin || user.projects.includes(project))
}
