// The `ca-cert` input: PEM text or a file, validated before any request.
import { X509Certificate } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tls from 'node:tls'
import { rootCertificates } from 'node:tls'
import {
  countCertificates,
  readCaCert,
  trustedRoots
} from '../../src/zadig/ca-cert.js'
import { makeTestPki } from '../helpers/tls.js'
import type { TestPki } from '../helpers/tls.js'

let pki: TestPki

beforeAll(async () => {
  pki = await makeTestPki()
})

afterAll(() => pki.cleanup())

const subjects = (pem: string) =>
  (
    pem.match(
      /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g
    ) ?? []
  ).map(block => new X509Certificate(block).subject)

describe('readCaCert', () => {
  it('accepts PEM text', () => {
    expect(subjects(readCaCert(`\n  ${pki.ca}\n`))).toEqual([
      'CN=zadigx-action test CA'
    ])
  })

  it('accepts Windows line endings and several certificates', () => {
    const text = (pki.ca + pki.server.cert).replace(/\n/g, '\r\n')
    expect(subjects(readCaCert(text))).toEqual([
      'CN=zadigx-action test CA',
      'CN=server'
    ])
  })

  it('keeps only the certificates of a PEM bundle', () => {
    const pem = readCaCert(pki.server.key + pki.ca)
    expect(pem).not.toContain('PRIVATE KEY')
    expect(countCertificates(pem)).toBe(1)
  })

  it('reads an absolute path', () => {
    expect(readCaCert(join(pki.dir, 'ca.pem'))).toBe(readCaCert(pki.ca))
  })

  it('reads a path relative to the workspace argument', () => {
    expect(readCaCert('ca.pem', pki.dir)).toBe(readCaCert(pki.ca))
  })

  it('reads a path relative to GITHUB_WORKSPACE', () => {
    const saved = process.env.GITHUB_WORKSPACE
    process.env.GITHUB_WORKSPACE = pki.dir
    try {
      expect(readCaCert('./ca.pem')).toBe(readCaCert(pki.ca))
    } finally {
      if (saved === undefined) delete process.env.GITHUB_WORKSPACE
      else process.env.GITHUB_WORKSPACE = saved
    }
  })

  it('converts a DER file to PEM', async () => {
    const der = new X509Certificate(pki.ca).raw
    await writeFile(join(pki.dir, 'ca.cer'), der)
    expect(readCaCert('ca.cer', pki.dir)).toBe(readCaCert(pki.ca))
  })

  it.each<[string, () => string, RegExp]>([
    ['empty', () => '  ', /^`ca-cert` is empty/],
    [
      'a missing file',
      () => 'nope/ca.pem',
      /^`ca-cert`: cannot read the file .*nope\/ca\.pem \(ENOENT\)/
    ],
    ['a folder', () => '.', /^`ca-cert`: cannot read the file .* \(EISDIR\)/],
    [
      'text without a certificate',
      () => pki.server.key,
      /^`ca-cert`: the `ca-cert` text has no CERTIFICATE block/
    ],
    [
      'a broken certificate',
      () =>
        '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----',
      /^`ca-cert`: the `ca-cert` text is not a valid certificate/
    ],
    [
      'a broken second certificate',
      () =>
        pki.ca + '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      /^`ca-cert`: certificate 2 in the `ca-cert` text is not a valid/
    ],
    [
      'a file that is no certificate',
      () => 'server.ext',
      /^`ca-cert`: the file .*server\.ext is neither PEM nor a DER certificate/
    ]
  ])('rejects %s, naming ca-cert', (_name, input, expected) => {
    expect(() => readCaCert(input(), pki.dir)).toThrow(expected)
  })

  it('rejects a PEM file without a certificate, naming the file', async () => {
    await mkdir(join(pki.dir, 'keys'), { recursive: true })
    await writeFile(join(pki.dir, 'keys', 'k.pem'), pki.server.key)
    expect(() => readCaCert('keys/k.pem', pki.dir)).toThrow(
      /^`ca-cert`: the `ca-cert` file .*keys\/k\.pem has no CERTIFICATE block/
    )
  })
})

describe('trustedRoots', () => {
  it("adds the CA to Node's default roots instead of replacing them", () => {
    const roots = trustedRoots(pki.ca, tls)
    expect(roots.length).toBeGreaterThanOrEqual(rootCertificates.length + 1)
    expect(roots).toEqual(expect.arrayContaining([...rootCertificates, pki.ca]))
  })

  // Node 22.15+ reports its real store (extra certificates included) through
  // getCACertificates; older Node needs NODE_EXTRA_CA_CERTS read again.
  const getCa = (tls as { getCACertificates?: (t: string) => string[] })
    .getCACertificates
  const onNode20 = getCa ? it.skip : it
  const onNode22 = getCa ? it : it.skip

  onNode22('starts from the store Node really uses', () => {
    expect(trustedRoots(pki.ca, tls)).toEqual([
      ...(getCa?.('default') ?? []),
      pki.ca
    ])
  })

  onNode20(
    'keeps NODE_EXTRA_CA_CERTS, which a `ca` option would drop',
    async () => {
      const saved = process.env.NODE_EXTRA_CA_CERTS
      const file = join(pki.dir, 'extra.pem')
      await writeFile(file, pki.server.cert)
      process.env.NODE_EXTRA_CA_CERTS = file
      try {
        expect(trustedRoots(pki.ca, tls)).toContain(pki.server.cert.trim())
        process.env.NODE_EXTRA_CA_CERTS = join(pki.dir, 'missing.pem')
        expect(trustedRoots(pki.ca, tls)).toHaveLength(
          rootCertificates.length + 1
        )
      } finally {
        if (saved === undefined) delete process.env.NODE_EXTRA_CA_CERTS
        else process.env.NODE_EXTRA_CA_CERTS = saved
      }
    }
  )
})
