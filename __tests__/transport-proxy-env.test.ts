// Which proxy the environment chooses for a URL (no network).
import { findProxy, proxyFor } from '../src/zadig/proxy-env.js'

const P = 'http://proxy.corp:3128'

describe('proxyFor: variables', () => {
  it.each<[string, string, NodeJS.ProcessEnv, string | undefined]>([
    ['https uses HTTPS_PROXY', 'https://z.corp', { HTTPS_PROXY: P }, P],
    ['http uses HTTP_PROXY', 'http://z.corp', { HTTP_PROXY: P }, P],
    [
      'https ignores HTTP_PROXY',
      'https://z.corp',
      { HTTP_PROXY: P },
      undefined
    ],
    [
      'http ignores HTTPS_PROXY',
      'http://z.corp',
      { HTTPS_PROXY: P },
      undefined
    ],
    ['lower case accepted', 'https://z.corp', { https_proxy: P }, P],
    [
      'lower case wins',
      'https://z.corp',
      { https_proxy: P, HTTPS_PROXY: 'http://other:1' },
      P
    ],
    [
      'empty lower case falls through',
      'https://z.corp',
      { https_proxy: ' ', HTTPS_PROXY: P },
      P
    ],
    ['value is trimmed', 'https://z.corp', { HTTPS_PROXY: ` ${P} ` }, P],
    ['nothing set', 'https://z.corp', {}, undefined],
    ['ALL_PROXY is not read', 'https://z.corp', { ALL_PROXY: P }, undefined]
  ])('%s', (_name, url, env, expected) => {
    expect(proxyFor(url, env)).toBe(expected)
  })

  it('names the variable it used', () => {
    expect(findProxy('https://z.corp', { HTTPS_PROXY: P })).toEqual({
      value: P,
      variable: 'HTTPS_PROXY'
    })
  })
})

describe('proxyFor: NO_PROXY', () => {
  const via = (url: string, noProxy: string, upper = false) =>
    proxyFor(url, {
      HTTPS_PROXY: P,
      HTTP_PROXY: P,
      [upper ? 'NO_PROXY' : 'no_proxy']: noProxy
    }) === undefined
      ? 'direct'
      : 'proxy'

  it.each<[string, string, 'direct' | 'proxy']>([
    ['https://zadig.corp', '*', 'direct'],
    ['https://zadig.corp', '', 'proxy'],
    ['https://zadig.corp', 'zadig.corp', 'direct'],
    ['https://ZADIG.Corp./x', 'zadig.corp', 'direct'],
    ['https://zadig.corp', 'ZADIG.CORP', 'direct'],
    ['https://ci.zadig.corp', 'zadig.corp', 'direct'],
    ['https://notzadig.corp', 'zadig.corp', 'proxy'],
    ['https://zadig.corp', '.zadig.corp', 'direct'],
    ['https://a.b.zadig.corp', '.zadig.corp', 'direct'],
    ['https://zadig.corp', '*.zadig.corp', 'direct'],
    ['https://x.zadig.corp', '*.zadig.corp', 'direct'],
    ['https://zadig.corp', 'other.corp, zadig.corp', 'direct'],
    ['https://zadig.corp', 'other.corp zadig.corp', 'direct'],
    ['https://zadig.corp', 'corp', 'direct'],
    ['https://zadig.corp', 'orp', 'proxy'],
    ['https://zadig.corp', 'zadig.corp:443', 'direct'],
    ['https://zadig.corp', 'zadig.corp:8443', 'proxy'],
    ['https://zadig.corp:8443', 'zadig.corp:8443', 'direct'],
    ['http://zadig.corp', 'zadig.corp:80', 'direct'],
    ['http://zadig.corp', 'zadig.corp:bad', 'proxy'],
    ['https://10.1.2.3', '10.1.2.3', 'direct'],
    ['https://10.1.2.3', '10.1.2.4', 'proxy'],
    ['https://10.1.2.3', '10.1.2', 'proxy'],
    ['https://10.1.2.3:8443', '10.1.2.3:8443', 'direct'],
    ['https://10.1.2.3', '10.0.0.0/8', 'direct'],
    ['https://11.1.2.3', '10.0.0.0/8', 'proxy'],
    ['https://10.1.2.3', '10.0.0.0/99', 'proxy'],
    ['https://zadig.corp', '10.0.0.0/8', 'proxy'],
    ['https://[fd00::1]', 'fd00::1', 'direct'],
    ['https://[fd00::1]', '[fd00::1]', 'direct'],
    ['https://[fd00::1]', 'fd00:0::1', 'direct'],
    ['https://[fd00::1]:8443', '[fd00::1]:8443', 'direct'],
    ['https://[fd00::1]', '[fd00::1]:8443', 'proxy'],
    ['https://[fd00::1]', 'fd00::/8', 'direct'],
    ['https://[fe80::1]', 'fd00::/8', 'proxy'],
    ['https://[fd00::1]', '10.0.0.0/8', 'proxy'],
    // Loopback is not implicit: tests and local tunnels go through the proxy.
    ['https://127.0.0.1:8443', '', 'proxy'],
    ['https://localhost:8443', 'zadig.corp', 'proxy'],
    ['https://127.0.0.1:8443', '127.0.0.1', 'direct'],
    ['https://localhost', 'localhost', 'direct'],
    ['https://127.0.0.1', '127.0.0.0/8', 'direct']
  ])('%s with NO_PROXY=%j goes %s', (url, noProxy, expected) => {
    expect(via(url, noProxy)).toBe(expected)
    expect(via(url, noProxy, true)).toBe(expected)
  })

  it('lets no_proxy win over NO_PROXY', () => {
    const env = { HTTPS_PROXY: P, no_proxy: 'other.corp', NO_PROXY: '*' }
    expect(proxyFor('https://zadig.corp', env)).toBe(P)
  })

  it('never proxies a non-http URL', () => {
    expect(proxyFor('ftp://zadig.corp', { HTTPS_PROXY: P })).toBeUndefined()
  })
})
