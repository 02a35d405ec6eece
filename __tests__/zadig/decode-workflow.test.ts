import {
  decodeCodeHostList,
  decodeRegistryList,
  decodeViewList,
  decodeWorkflowDetail,
  decodeWorkflowList
} from '../../src/zadig/decode-workflow.js'
import { fixture } from '../helpers/fixtures.js'

const refusal = (read: () => unknown): string => {
  try {
    read()
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('not refused')
}

describe('recorded answers are read as they came', () => {
  it.each([
    ['list-workflows.json', decodeWorkflowList],
    ['workflow-detail.json', decodeWorkflowDetail],
    ['list-views.json', decodeViewList],
    ['registry-list.json', decodeRegistryList]
  ] as const)('%s', (name, decode) => {
    const sample = fixture<unknown>(name)
    expect((decode as (b: unknown) => unknown)(sample)).toEqual(sample)
  })

  it('empty answers and null lists are none', () => {
    expect(decodeWorkflowList(undefined)).toEqual({ workflows: [] })
    expect(decodeWorkflowList({ workflows: null })).toEqual({ workflows: [] })
    expect(decodeViewList(null)).toEqual([])
    expect(decodeRegistryList(null)).toEqual([])
    expect(decodeCodeHostList(null)).toEqual([])
  })
})

describe('wrong types are refused with the field', () => {
  it('in the workflow list', () => {
    expect(refusal(() => decodeWorkflowList({ workflows: {} }))).toBe(
      'with `workflows` as an object, expected a list'
    )
    expect(
      refusal(() => decodeWorkflowList({ workflows: [{ workflow_key: 3 }] }))
    ).toBe('with `workflows[0].workflow_key` as the number 3, expected a text')
  })

  it('in the workflow detail', () => {
    const detail = fixture('workflow-detail.json')
    expect(refusal(() => decodeWorkflowDetail({ ...detail, stages: {} }))).toBe(
      'with `stages` as an object, expected a list'
    )
    const stages = [
      { name: 'build', jobs: [{ name: 'b', type: 'x', spec: 'y' }] }
    ]
    expect(refusal(() => decodeWorkflowDetail({ ...detail, stages }))).toBe(
      'with `stages[0].jobs[0].spec` as the text "y", expected an object'
    )
  })

  it('in views, registries and code hosts', () => {
    expect(
      refusal(() => decodeViewList([{ name: 'v', workflows: 'all' }]))
    ).toBe('with `[0].workflows` as the text "all", expected a list')
    expect(refusal(() => decodeRegistryList([{ address: ['x'] }]))).toBe(
      'with `[0].address` as a list, expected a text'
    )
    expect(refusal(() => decodeCodeHostList({}))).toBe(
      'with an object, expected a list'
    )
  })
})
