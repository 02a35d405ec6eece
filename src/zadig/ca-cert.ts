// The `ca-cert` input: PEM text or a file, checked before the first request,
// and the trust store it is added to.
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import type * as Tls from 'node:tls'

const PEM_BLOCK =
  /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g
const HINT =
  'give the PEM text of your company CA (-----BEGIN CERTIFICATE----- ...) or the path of a PEM file'

/**
 * Reads the `ca-cert` input: PEM text, or the path (absolute, or relative to
 * `workspace`, default GITHUB_WORKSPACE) of a PEM or DER file. Returns only the
 * certificate blocks as PEM, so a private key pasted along is never used, and
 * throws an Error naming `ca-cert` when no certificate can be parsed.
 */
export function readCaCert(input: string, workspace?: string): string {
  const text = input.trim()
  if (text === '') throw new Error(`\`ca-cert\` is empty: ${HINT}`)
  if (text.includes('-----BEGIN')) return parsePem(text, 'the `ca-cert` text')
  const base = workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd()
  const path = isAbsolute(text) ? text : resolve(base, text)
  let data: Buffer
  try {
    data = readFileSync(path)
  } catch (err) {
    const code = (err as { code?: unknown }).code
    throw new Error(
      `\`ca-cert\`: cannot read the file ${path} (${String(code ?? err)}): ${HINT}`,
      { cause: err }
    )
  }
  const content = data.toString('utf8')
  if (content.includes('-----BEGIN')) {
    return parsePem(content, `the \`ca-cert\` file ${path}`)
  }
  return parseDer(data, path)
}

function parsePem(text: string, where: string): string {
  const blocks = text.replace(/\r\n?/g, '\n').match(PEM_BLOCK) ?? []
  if (blocks.length === 0) {
    throw new Error(`\`ca-cert\`: ${where} has no CERTIFICATE block: ${HINT}`)
  }
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block)
    } catch (err) {
      const which = blocks.length > 1 ? `certificate ${i + 1} in ` : ''
      throw new Error(
        `\`ca-cert\`: ${which}${where} is not a valid certificate (${(err as Error).message}): ${HINT}`,
        { cause: err }
      )
    }
  })
  return blocks.join('\n') + '\n'
}

// Windows exports `.cer` files in binary DER more often than not.
function parseDer(data: Buffer, path: string): string {
  try {
    return new X509Certificate(data).toString()
  } catch (err) {
    throw new Error(
      `\`ca-cert\`: the file ${path} is neither PEM nor a DER certificate: ${HINT}`,
      { cause: err }
    )
  }
}

/** How many certificates a PEM text holds (for describe()). */
export function countCertificates(pem: string): number {
  return pem.match(PEM_BLOCK)?.length ?? 0
}

type GetCa = (type?: string) => string[]

/**
 * Node's default trust store plus `extra`. A `ca` option replaces the default
 * store (NODE_EXTRA_CA_CERTS included), so the defaults are added back: the
 * company CA must not make public servers untrusted.
 */
export function trustedRoots(
  extra: string,
  tls: Pick<typeof Tls, 'rootCertificates'>
): string[] {
  // Node 22.15+/23.5+: the store Node really uses (bundled, extra, system).
  const getCa = (tls as unknown as { getCACertificates?: GetCa })
    .getCACertificates
  const defaults = getCa
    ? getCa('default')
    : [...tls.rootCertificates, ...extraCaFile()]
  return [...defaults, extra]
}

// Node 20 has no getCACertificates: read NODE_EXTRA_CA_CERTS ourselves, as
// Node did at start-up (a missing file only made Node warn, so it is skipped).
function extraCaFile(): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS
  if (!file) return []
  try {
    return readFileSync(file, 'utf8').match(PEM_BLOCK) ?? []
  } catch {
    return []
  }
}
