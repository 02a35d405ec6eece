import { jest } from '@jest/globals'

const setSecret = jest.fn<(secret: string) => void>()
jest.unstable_mockModule('@actions/core', () => ({ setSecret }))
const { forgetSecrets, registerSecret, scrub, scrubDeep } =
  await import('../src/secrets.js')

// JWT-shaped, like a ZadigX API token: header, payload, signature.
const SIGNATURE = 'Qx7_yZ-3kLmN0pQrStUvWxYz012345'
const TOKEN = `eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOiJ1aWQtYWRtaW4ifQ.${SIGNATURE}`
const b64 = (text: string): string => Buffer.from(text).toString('base64')
const b64url = (text: string): string => Buffer.from(text).toString('base64url')

beforeEach(() => registerSecret(TOKEN))
afterEach(() => {
  forgetSecrets()
  setSecret.mockClear()
})

describe('scrub', () => {
  it.each([
    ['raw', TOKEN],
    ['the header value', `Bearer ${TOKEN}`],
    ['base64', b64(TOKEN)],
    ['base64 without padding', b64(TOKEN).replace(/=+$/, '')],
    ['base64url', b64url(TOKEN)],
    ['base64 of the header value', b64(`Bearer ${TOKEN}`)],
    ['base64url of the header value', b64url(`Bearer ${TOKEN}`)],
    ['URL-encoded header value', encodeURIComponent(`Bearer ${TOKEN}`)],
    ['URL-encoded base64', encodeURIComponent(b64(`Bearer ${TOKEN}`))],
    ['the signature alone', `sig=${SIGNATURE};`]
  ])('removes the token as %s', (_form, echoed) => {
    const text = scrub(`error: got ${echoed} from you`)
    expect(text).toContain('***')
    expect(text).not.toContain(SIGNATURE.slice(0, 12))
    expect(text).not.toContain(b64(SIGNATURE).slice(4, 16))
  })

  it('removes the token base64-encoded inside a larger encoded text, at any offset', () => {
    for (const lead of ['', 'a', 'ab', 'abc']) {
      const blob = b64(`${lead}{"Authorization":"Bearer ${TOKEN}"}`)
      const text = scrub(`echo: ${blob}`)
      expect(text).toContain('***')
      // At most the two characters at each edge of the token survive.
      expect(text.length).toBeLessThan(blob.length - 40)
    }
  })

  it('removes the start of a token cut short by a clip', () => {
    expect(scrub(`stage "${TOKEN.slice(0, 30)}…"`)).toBe('stage "***…"')
  })

  it('removes any JWT, not only the registered token', () => {
    expect(scrub('eyJhbGci.eyJzdWIi.c2lnbmF0dXJl')).toBe('***')
  })

  it('masks every form in the runner log', () => {
    expect(setSecret).toHaveBeenCalledWith(TOKEN)
    expect(setSecret).toHaveBeenCalledWith(b64(TOKEN))
    expect(setSecret).toHaveBeenCalledWith(SIGNATURE)
  })

  it('leaves other text alone, and forgets on request', () => {
    expect(scrub('Bearer of good news')).toBe('Bearer of good news')
    forgetSecrets()
    expect(scrub(`x ${SIGNATURE}`)).toBe(`x ${SIGNATURE}`)
  })

  it('masks a short secret raw only, as the runner does', () => {
    registerSecret('abcd')
    expect(setSecret).toHaveBeenCalledWith('abcd')
    expect(scrub('xabcdx')).toBe('x***x')
  })
})

describe('scrubDeep', () => {
  it('scrubs every string of a value, keys included, and copies it', () => {
    const value = {
      [TOKEN]: [SIGNATURE, 1, null, { deep: `Bearer ${TOKEN}` }],
      when: new Date(0)
    }
    const clean = scrubDeep(value)
    expect(clean).toEqual({
      '***': ['***', 1, null, { deep: '***' }],
      when: new Date(0)
    })
    expect(value[TOKEN]?.[0]).toBe(SIGNATURE)
  })

  it('drops a cycle instead of recursing forever', () => {
    const loop: Record<string, unknown> = { name: TOKEN }
    loop['self'] = loop
    expect(scrubDeep(loop)).toEqual({ name: '***', self: undefined })
  })
})
