// Advice for TLS and proxy failures, from the error shapes fetch produces.
import {
  causeChain,
  explainProxyError,
  explainTlsError
} from '../../src/zadig/transport-errors.js'

// What undici's fetch rejects with: a TypeError hiding the reason in `cause`.
function fetchFailed(message: string, code?: string): TypeError {
  const cause = Object.assign(new Error(message), code ? { code } : {})
  return new TypeError('fetch failed', { cause })
}

const proxy = {
  url: 'http://proxy.corp:3128',
  variable: 'HTTPS_PROXY',
  hasCredentials: false,
  host: 'zadig.corp'
}

describe('explainTlsError', () => {
  it.each<[string, string, RegExp]>([
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'unable to verify the first certificate',
      /set `ca-cert` to your company CA/
    ],
    [
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'unable to get local issuer certificate',
      /set `ca-cert` to your company CA/
    ],
    [
      'SELF_SIGNED_CERT_IN_CHAIN',
      'self-signed certificate in certificate chain',
      /set `ca-cert` to your company CA/
    ],
    [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'self-signed certificate',
      /self-signed certificate: set `ca-cert` to that certificate/
    ],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      "Hostname/IP does not match certificate's altnames",
      /not issued for this host name/
    ],
    ['CERT_HAS_EXPIRED', 'certificate has expired', /has expired: renew it/],
    [
      'CERT_NOT_YET_VALID',
      'certificate is not yet valid',
      /check the runner's clock/
    ],
    ['EE_KEY_TOO_SMALL', 'ee key too small', /too weak/],
    [
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'wrong version number',
      /does not speak TLS/
    ]
  ])('%s', (code, message, advice) => {
    const text = explainTlsError(fetchFailed(message, code), {
      host: 'zadig.corp'
    })
    expect(text).toMatch(advice)
    expect(text).toContain(
      `TLS connection for zadig.corp failed (${code}: ${message})`
    )
  })

  it('talks about the given ca-cert when there is one', () => {
    const err = fetchFailed(
      'unable to get local issuer certificate',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
    )
    expect(explainTlsError(err, { caCertGiven: true })).toContain(
      'the `ca-cert` you gave does not cover'
    )
  })

  it('finds the code inside an AggregateError', () => {
    const inner = Object.assign(new Error('self-signed certificate'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT'
    })
    const err = new TypeError('fetch failed', {
      cause: new AggregateError([new Error('other'), inner])
    })
    expect(explainTlsError(err)).toMatch(/^TLS connection failed \(DEPTH_ZERO/)
  })

  it('recognises plain HTTP by message alone', () => {
    const err = fetchFailed(
      '1C3:error:0A00010B:SSL routines::wrong version number'
    )
    expect(explainTlsError(err)).toContain('does not speak TLS')
  })

  it.each<[string, unknown]>([
    [
      'a refused connection',
      fetchFailed('connect ECONNREFUSED', 'ECONNREFUSED')
    ],
    ['a timeout', new DOMException('timed out', 'TimeoutError')],
    ['a string', 'boom'],
    ['null', null]
  ])('is undefined for %s', (_name, err) => {
    expect(explainTlsError(err)).toBeUndefined()
  })
})

describe('explainProxyError', () => {
  const tunnel = (status: number) =>
    fetchFailed(
      `Proxy response (${status}) !== 200 when HTTP Tunneling`,
      'UND_ERR_ABORTED'
    )

  it.each<[string, unknown, typeof proxy | undefined, string]>([
    [
      '407 on CONNECT',
      tunnel(407),
      proxy,
      'the proxy http://proxy.corp:3128 (from HTTPS_PROXY) requires credentials (HTTP 407): put them in HTTPS_PROXY'
    ],
    [
      '407 in absolute form',
      fetchFailed('Proxy Authentication Required (407)', 'UND_ERR_INVALID_ARG'),
      proxy,
      'requires credentials (HTTP 407)'
    ],
    [
      '407 with credentials',
      tunnel(407),
      { ...proxy, hasCredentials: true },
      'rejected the credentials in HTTPS_PROXY'
    ],
    [
      '407 without context',
      tunnel(407),
      undefined,
      'the proxy requires credentials (HTTP 407): put them in HTTPS_PROXY'
    ],
    [
      '403',
      tunnel(403),
      proxy,
      'does not allow connections to zadig.corp (HTTP 403)'
    ],
    ['502', tunnel(502), proxy, 'could not connect to zadig.corp (HTTP 502)'],
    [
      'a refused proxy',
      fetchFailed('connect ECONNREFUSED 10.0.0.1:3128', 'ECONNREFUSED'),
      proxy,
      'cannot connect to the proxy http://proxy.corp:3128 (from HTTPS_PROXY) (ECONNREFUSED'
    ],
    [
      'an unknown proxy host',
      fetchFailed('getaddrinfo ENOTFOUND proxy.corp', 'ENOTFOUND'),
      proxy,
      'fix HTTPS_PROXY'
    ],
    [
      'TLS to the proxy',
      fetchFailed('bad proxy cert', 'UND_ERR_PRX_TLS'),
      proxy,
      'TLS to the proxy http://proxy.corp:3128 (from HTTPS_PROXY) failed'
    ]
  ])('explains %s', (_name, err, context, expected) => {
    expect(explainProxyError(err, context)).toContain(expected)
  })

  it('leaves a refused connection alone when no proxy is in use', () => {
    const err = fetchFailed('connect ECONNREFUSED', 'ECONNREFUSED')
    expect(explainProxyError(err)).toBeUndefined()
  })

  it('leaves TLS errors to explainTlsError', () => {
    const err = fetchFailed(
      'self-signed certificate',
      'DEPTH_ZERO_SELF_SIGNED_CERT'
    )
    expect(explainProxyError(err, proxy)).toBeUndefined()
  })
})

describe('causeChain', () => {
  it('stops at cycles', () => {
    const a = new Error('a') as Error & { cause?: unknown }
    const b = new Error('b', { cause: a })
    a.cause = b
    expect(causeChain(a).map(f => f.message)).toEqual(['a', 'b'])
  })
})
