import { readFileSync } from 'node:fs'
import { explainZadigError } from '../src/zadig/explain.js'

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(
      new URL(`fixtures/zadigx-api/${name}`, import.meta.url),
      'utf8'
    )
  ) as { code?: number; description?: string }

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
    const { code, description } = fixture(file)
    expect(explainZadigError(code, description)).toMatch(expected)
  })

  it('says nothing about errors it does not know', () => {
    expect(explainZadigError(400, 'something else')).toBeUndefined()
    expect(explainZadigError(undefined, undefined)).toBeUndefined()
  })
})
