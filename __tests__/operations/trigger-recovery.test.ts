import { ZadigApiError } from '../../src/zadig/errors.js'
import { isLostAnswer } from '../../src/operations/trigger-recovery.js'

const TRIGGER = { method: 'POST', path: '/openapi/workflows/custom/task' }
const error = (
  fields: Partial<ConstructorParameters<typeof ZadigApiError>[0]>
) => new ZadigApiError({ status: 200, ...TRIGGER, ...fields }, 'detail')

describe('isLostAnswer: when a trigger may have started a task', () => {
  it.each([
    ['no answer', error({ status: 0 })],
    ['a 502 page', error({ status: 502 })],
    ['a refused 307', error({ status: 307, redirectRefused: true })],
    [
      'a refused 301 to another origin',
      error({ status: 301, redirectRefused: true })
    ],
    ['a 200 too large to read', error({ status: 200, oversized: true })],
    // ZadigX answers its coded errors with HTTP 400 (docs/zadigx-api.md#error-shapes):
    // a 5xx with a code is not ZadigX's own error.
    ['a 500 with a 6xxx code', error({ status: 500, code: 6160 })],
    ['a 503 with a JSON code', error({ status: 503, code: 503 })]
  ])('is lost on %s', (_what, err) => {
    expect(isLostAnswer(err)).toBe(true)
  })

  it.each([
    [
      'ZadigX’s own 500 (a plain Go error)',
      error({ status: 500, code: 500, zadigMessage: 'Internal Error: ' })
    ],
    ['a 400 with a 6xxx code', error({ status: 400, code: 6160 })],
    ['a 400 too large to read', error({ status: 400, oversized: true })],
    ['a TLS setup failure', error({ status: 0, permanent: true })],
    ['a plain Error', new Error('boom')]
  ])('is an answer on %s', (_what, err) => {
    expect(isLostAnswer(err)).toBe(false)
  })
})
