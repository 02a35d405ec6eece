import {
  LOG_MESSAGE_MAX,
  scrubbingLogger,
  untrusted,
  type Logger
} from '../src/log.js'
import { forgetSecrets, registerSecret } from '../src/secrets.js'

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOiJ4In0.c2lnbmF0dXJlLXBhcnQtb2YtaXQ'

function recorder(): { log: Logger; lines: string[] } {
  const lines: string[] = []
  const log: Logger = {
    info: m => lines.push(`info ${m}`),
    warning: m => lines.push(`warning ${m}`),
    error: m => lines.push(`error ${m}`),
    debug: m => lines.push(`debug ${m}`)
  }
  return { log, lines }
}

afterEach(forgetSecrets)

describe('scrubbingLogger', () => {
  it('scrubs every registered secret from every level', () => {
    registerSecret(TOKEN)
    const { log, lines } = recorder()
    const scrubbed = scrubbingLogger(log)
    const echoed = `echo ${Buffer.from(`Bearer ${TOKEN}`).toString('base64')}`
    scrubbed.info(echoed)
    scrubbed.warning(`a ${TOKEN}`)
    scrubbed.error(encodeURIComponent(`Bearer ${TOKEN}`))
    scrubbed.debug(`sig ${TOKEN.split('.')[2]}`)
    expect(lines).toEqual([
      'info echo ***',
      'warning a ***',
      'error ***',
      'debug sig ***'
    ])
  })

  it('cuts a huge message', () => {
    const { log, lines } = recorder()
    scrubbingLogger(log).info('x'.repeat(5_000_000))
    expect(lines[0]).toHaveLength('info '.length + LOG_MESSAGE_MAX)
  })
})

describe('untrusted', () => {
  it('breaks workflow commands and clips to 2000 characters', () => {
    expect(untrusted('a\n::warning::x ##[error]')).toBe(
      'a\n:\u200b:warning:\u200b:x #\u200b#[error]'
    )
    expect(untrusted('n'.repeat(10_000))).toHaveLength(2000)
    expect(['a', 'b'].map(untrusted)).toEqual(['a', 'b'])
  })
})
