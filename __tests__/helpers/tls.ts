// Test certificates made at test time with the openssl CLI: a private CA, a
// server certificate it signs for 127.0.0.1/localhost, and one for another
// name (host name mismatch). EC P-256 keys keep it at a few tens of ms.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const OPENSSL = '/usr/bin/openssl'
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']

/** A server key and the CA-signed certificate for it (PEM). */
export interface ServerCert {
  key: string
  cert: string
}

/** Everything a TLS test needs; `dir` holds the files (ca.pem among them). */
export interface TestPki {
  dir: string
  /** The private CA (PEM). */
  ca: string
  /** SAN IP:127.0.0.1, DNS:localhost. */
  server: ServerCert
  /** SAN DNS:zadig.invalid only: a host name mismatch for 127.0.0.1. */
  wrongName: ServerCert
  /** Removes `dir`. */
  cleanup(): Promise<void>
}

/** Makes a private CA and two server certificates in a new temp dir. */
export async function makeTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(join(tmpdir(), 'zadigx-tls-'))
  const at = (name: string) => join(dir, name)
  await run(OPENSSL, [
    'req',
    '-x509',
    ...EC,
    ...['-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2'],
    ...['-subj', '/CN=zadigx-action test CA'],
    ...['-addext', 'basicConstraints=critical,CA:TRUE'],
    ...['-addext', 'keyUsage=critical,keyCertSign,cRLSign']
  ])
  const [server, wrongName] = await Promise.all([
    issue(at, 'server', 'IP:127.0.0.1,DNS:localhost'),
    issue(at, 'wrong', 'DNS:zadig.invalid')
  ])
  const ca = await readFile(at('ca.pem'), 'utf8')
  const cleanup = () => rm(dir, { recursive: true, force: true })
  return { dir, ca, server, wrongName, cleanup }
}

async function issue(
  at: (name: string) => string,
  name: string,
  san: string
): Promise<ServerCert> {
  const ext = at(`${name}.ext`)
  await writeFile(
    ext,
    `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`
  )
  await run(OPENSSL, [
    'req',
    ...EC,
    ...['-keyout', at(`${name}.key`), '-out', at(`${name}.csr`)],
    ...['-subj', `/CN=${name}`]
  ])
  await run(OPENSSL, [
    'x509',
    '-req',
    ...['-in', at(`${name}.csr`), '-CA', at('ca.pem'), '-CAkey', at('ca.key')],
    ...['-set_serial', String(Date.now()), '-days', '2'],
    ...['-extfile', ext, '-out', at(`${name}.pem`)]
  ])
  return {
    key: await readFile(at(`${name}.key`), 'utf8'),
    cert: await readFile(at(`${name}.pem`), 'utf8')
  }
}
