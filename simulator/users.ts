// Users of the simulated ZadigX and their API tokens (reference 1.2).
import { createHmac } from 'node:crypto'

/** A ZadigX account that can call the API. */
export interface SimUser {
  name: string
  uid: string
  email: string
  token: string
}

// Far-future expiry: API tokens are long-lived (reference 1.2, HEAD login/token.go).
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

function user(name: string): SimUser {
  const uid = `uid-${name}`
  const email = `${name}@example.com`
  return { name, uid, email, token: makeToken(name, uid, email) }
}

/** admin (triggers), alice (an approver in the default catalog), bob (not one). */
export function defaultUsers(): SimUser[] {
  return [user('admin'), user('alice'), user('bob')]
}
