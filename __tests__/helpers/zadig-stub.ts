// Test doubles for the ZadigX client: a recording fetch, fixtures, a fake sleep.
import { readFileSync } from 'node:fs'
import { ZadigClient } from '../../src/zadig/client.js'
import type { ClientOptions } from '../../src/zadig/client.js'

export const TOKEN =
  'eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiYWRtaW4ifQ.c2VjcmV0LXNpZ25hdHVyZQ'
export const BASE = 'http://127.0.0.1:1234/sub/path'

/** A reply: a Response, an Error to throw, or a function of the request. */
export type Reply =
  | Response
  | Error
  | ((url: string, init: RequestInit) => Response | Promise<Response>)

export interface Call {
  url: string
  init: RequestInit
  headers: Record<string, string>
}

/** A fetch that replays `replies` in order and records every call. */
export function stubFetch(...replies: Reply[]) {
  const calls: Call[] = []
  const fn = async (input: unknown, init: RequestInit = {}) => {
    const url = String(input)
    const headers = Object.fromEntries(new Headers(init.headers).entries())
    calls.push({ url, init, headers })
    const reply = replies.shift()
    if (!reply) throw new Error(`unexpected call ${url}`)
    if (reply instanceof Error) throw reply
    return typeof reply === 'function' ? reply(url, init) : reply
  }
  return { fetch: fn as typeof fetch, calls }
}

/** A JSON response. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return new Response(text, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers }
  })
}

/** A response with no body. */
export function empty(
  status: number,
  headers: Record<string, string> = {}
): Response {
  return new Response(null, { status, headers })
}

/** A text response of any content type. */
export function text(status: number, body: string, type: string): Response {
  return new Response(body, { status, headers: { 'content-type': type } })
}

/** The text of a fixture file. */
export function fixture(name: string): string {
  return readFileSync(
    new URL(`../fixtures/zadigx-api/${name}`, import.meta.url),
    'utf8'
  )
}

/** A client over `replies`, with recorded sleeps and debug lines. */
export function makeClient(
  replies: Reply[],
  options: Partial<ClientOptions> = {}
) {
  const stub = stubFetch(...replies)
  const sleeps: number[] = []
  const debug: string[] = []
  const client = new ZadigClient({
    baseUrl: BASE,
    token: TOKEN,
    fetch: stub.fetch,
    sleep: async ms => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    log: { debug: m => debug.push(m) },
    ...options
  })
  return { client, calls: stub.calls, sleeps, debug }
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (err) {
    return err
  }
  throw new Error('expected a rejection')
}
