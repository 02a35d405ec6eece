import { explainZadigError } from '../../src/zadig/explain.js'
import { fixture } from '../helpers/zadig-stub.js'

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

  it('says a 6542 may also be a job that could not be prepared (v1.18 .. v3.3)', () => {
    const hint = explainZadigError(6542, 'env dev not found')
    expect(hint).toMatch(/could not find the workflow \(check the workflow key/)
    expect(hint).toMatch(
      /Zadig up to v3\.3, could not prepare one of its jobs.*environment was deleted/
    )
  })

  it('says why no stage was left, naming the v3.4.0 build fault', () => {
    const hint = explainZadigError(
      6160,
      'no stage found in workflow task: build-deploy,taskID: 11'
    )
    expect(hint).toMatch(/^ZadigX could not create the task; no job was left/)
    expect(hint).toMatch(
      /Zadig v3\.4\.0 build jobs started through the OpenAPI build nothing/
    )
  })

  it('says a 6545 is a job that could not be prepared (Zadig v3.4+)', () => {
    expect(explainZadigError(6545, 'failed to get env')).toMatch(
      /could not prepare the workflow's jobs from their stored settings/
    )
  })

  it.each(['alice have approve already', 'alice have reject already'])(
    'explains a repeated decision: %s',
    description => {
      expect(explainZadigError(6169, description)).toBe(
        "ZadigX refused the approval; the token's user has already decided this approval"
      )
    }
  )

  it.each([
    'workflow release-gate ID 3 stage build do not need approve',
    'not found approval'
  ])(
    'explains that nothing waits, Lark/DingTalk/WorkWX included: %s',
    description => {
      expect(explainZadigError(6169, description)).toMatch(
        /ZadigX refused the approval; nothing waits for a decision under that name: .*Lark, DingTalk or WorkWX approval, which is decided in that app/
      )
    }
  )

  it('names the code host alias and says it must be integrated at system level', () => {
    const hint = explainZadigError(
      500,
      'failed to update jobspec for job: build, err: failed to find code host with name:gh-project'
    )
    expect(hint).toMatch(
      /^ZadigX has no code host "gh-project" at system level/
    )
    expect(hint).toMatch(/integrated at system level/)
    expect(hint).toMatch(/integrated in a project cannot be named/)
  })

  it('says nothing about errors it does not know', () => {
    expect(explainZadigError(400, 'something else')).toBeUndefined()
    expect(explainZadigError(undefined, undefined)).toBeUndefined()
  })
})
