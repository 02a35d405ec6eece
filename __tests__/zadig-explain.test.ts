import { explainZadigError } from '../src/zadig/explain.js'
import { fixture } from './zadig-stub.js'

describe('English beside ZadigX error texts', () => {
  it.each([
    ['error-400-workflow-not-found.json', /could not find the workflow/],
    ['error-500-retry-bad-status.json', /cannot be retried/],
    ['error-500-registry-not-found.json', /address>\/<namespace>/],
    [
      'error-400-approve-not-approver.json',
      /not one of the configured approvers/
    ],
    ['error-400-cancel-passed.json', /passed cannot be cancelled/],
    ['error-500-task-not-found.json', /does not exist/]
  ])('%s', (file, expected) => {
    const { code, description } = JSON.parse(fixture(file)) as {
      code?: number
      description?: string
    }
    expect(explainZadigError(code, description)).toMatch(expected)
  })

  it('says nothing about errors it does not know', () => {
    expect(explainZadigError(400, 'something else')).toBeUndefined()
    expect(explainZadigError(undefined, undefined)).toBeUndefined()
  })
})
