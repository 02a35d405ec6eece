import { productTaskUrl, taskUrl, workflowUrl } from '../../src/zadig/links.js'
import { tokenUser } from '../../src/zadig/token.js'

describe('UI links (reference 8)', () => {
  const base = 'https://zadig.example.com/'

  it('builds the custom-workflow task link with an encoded display name', () => {
    expect(taskUrl(base, 'demo', 'build-deploy', 58, 'Build & Deploy')).toBe(
      'https://zadig.example.com/v1/projects/detail/demo/pipelines/custom/build-deploy/58?display_name=Build%20%26%20Deploy'
    )
  })

  it('omits display_name when unknown and encodes keys', () => {
    expect(taskUrl('https://z.example.com/zadig//', 'd/x', 'a b', 1)).toBe(
      'https://z.example.com/zadig/v1/projects/detail/d%2Fx/pipelines/custom/a%20b/1'
    )
  })

  it('builds product-task and workflow links', () => {
    expect(productTaskUrl(base, 'demo', 'demo-workflow-dev', 49, '开发')).toBe(
      'https://zadig.example.com/v1/projects/detail/demo/pipelines/multi/demo-workflow-dev/49?display_name=%E5%BC%80%E5%8F%91'
    )
    expect(workflowUrl(base, 'demo', 'build-deploy', 'Build')).toBe(
      'https://zadig.example.com/v1/projects/detail/demo/pipelines/custom/build-deploy?display_name=Build'
    )
  })
})

describe('tokenUser', () => {
  const jwt = (payload: unknown, raw = false) =>
    [
      Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
      raw
        ? String(payload)
        : Buffer.from(JSON.stringify(payload)).toString('base64url'),
      'signature'
    ].join('.')

  it('reads name, uid and email from the unverified payload', () => {
    const token = jwt({
      name: 'alice',
      uid: 'uid-1',
      email: 'alice@example.com',
      preferred_username: 'alice',
      exp: 4102444800
    })
    expect(tokenUser(token)).toEqual({
      name: 'alice',
      uid: 'uid-1',
      email: 'alice@example.com'
    })
  })

  it('decodes non-ASCII names and padded base64url', () => {
    const payload = Buffer.from(JSON.stringify({ name: '张三' }))
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
    expect(tokenUser(`h.${payload}.s`)).toEqual({ name: '张三' })
  })

  it('ignores claims of the wrong type and empty ones', () => {
    expect(tokenUser(jwt({ name: 1, uid: '', email: null }))).toEqual({})
  })

  it.each([
    ['', 'empty'],
    ['not-a-jwt', 'no dots'],
    ['a..c', 'empty payload'],
    ['a.%%%.c', 'not base64url'],
    [jwt('not json{', true), 'not JSON'],
    [jwt([1, 2]), 'an array'],
    [jwt('text'), 'a string'],
    [jwt(null), 'null']
  ])('returns null for %s (%s)', token => {
    expect(tokenUser(token)).toBeNull()
  })

  it('never throws on odd input', () => {
    expect(tokenUser(undefined as unknown as string)).toBeNull()
  })
})
