// The recorded ZadigX API samples in __tests__/fixtures/zadigx-api, and the key-set
// comparisons the tests make against them.
import { readFileSync } from 'node:fs'
import type { TaskDetail } from '../../src/zadig/types.js'

/** Parses __tests__/fixtures/zadigx-api/`name` (an object unless `T` says otherwise). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  const file = new URL(`../fixtures/zadigx-api/${name}`, import.meta.url)
  return JSON.parse(readFileSync(file, 'utf8')) as T
}

/** Parses the task detail sample task-detail-`name`.json. */
export function taskFixture(name: string): TaskDetail {
  return fixture<TaskDetail>(`task-detail-${name}.json`)
}

/** The sorted keys of an object, to compare shapes rather than values. */
export const keys = (value: unknown): string[] =>
  Object.keys(value as Record<string, unknown>).sort()

/** Compares task, stage and first job key sets with the fixture `name`. */
export function expectShape(task: TaskDetail, name: string): void {
  const sample = fixture<TaskDetail>(name)
  expect(keys(task)).toEqual(keys(sample))
  task.stages?.forEach((stage, i) => {
    expect(keys(stage)).toEqual(keys(sample.stages?.[i]))
    expect(keys(stage.jobs?.[0])).toEqual(keys(sample.stages?.[i]?.jobs?.[0]))
  })
}
