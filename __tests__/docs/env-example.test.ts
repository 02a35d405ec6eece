// .env.example is what a newcomer copies to run the action under @github/local-action:
// every input of action.yml, under the name the runner gives it, and nothing else.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

const root = new URL('../../', import.meta.url)
const text = readFileSync(new URL('.env.example', root), 'utf8')
const inputs = Object.keys(
  (
    parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
      inputs: Record<string, unknown>
    }
  ).inputs
)
// Set or commented out (`# INPUT_X=`): both are offered to the reader.
const names = [...text.matchAll(/^(?:# )?(INPUT_[^=\s]+)=/gm)].map(m => m[1])

it('names every input of action.yml once, as the runner does', () => {
  const runnerName = (input: string) => `INPUT_${input.toUpperCase()}`
  expect([...names].sort()).toEqual(inputs.map(runnerName).sort())
})

it('sets what a trigger against the simulator needs', () => {
  const set = [...text.matchAll(/^(INPUT_[^=\s]+)=(.*)$/gm)]
  expect(Object.fromEntries(set.map(m => [m[1], m[2] !== '']))).toMatchObject({
    INPUT_URL: true,
    INPUT_TOKEN: true,
    INPUT_PROJECT: true,
    INPUT_WORKFLOW: true
  })
})
