// The READMEs document the interface. Both must list every input and output of
// action.yml, show only examples that would run, render correctly on GitHub,
// and say the same thing in English and Chinese. The last block shows that
// each check fails when a README is broken the way it guards against.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import {
  fenceProblems,
  headingProblems,
  linkProblems,
  readMarkdown,
  tableProblems
} from '../helpers/markdown.js'
import {
  action,
  coverageProblems,
  exampleProblems,
  inputTableProblems,
  outputTableProblems,
  shape
} from '../helpers/readme-checks.js'

const root = new URL('../../', import.meta.url)
const read = (file: string): string => readFileSync(new URL(file, root), 'utf8')
const TRANSLATIONS = [
  ['README.md', 'README.zh-CN.md'],
  ['README.zh-CN.md', 'README.md']
]

function structureProblems(text: string, file: string): string[] {
  const md = readMarkdown(text)
  return [
    ...fenceProblems(md),
    ...tableProblems(md, text),
    ...headingProblems(md),
    ...linkProblems(md, fileURLToPath(new URL(file, root)))
  ]
}

describe.each(TRANSLATIONS)('%s', (file, other) => {
  const text = read(file)

  it(`links to ${other} at the top`, () => {
    const top = text.split('\n').slice(0, 5).join('\n')
    expect(top).toContain(`](${other})`)
  })

  it('lists every input of action.yml with its default', () => {
    expect(inputTableProblems(text)).toEqual([])
  })

  it('lists every output of action.yml', () => {
    expect(outputTableProblems(text)).toEqual([])
  })

  it('has yaml examples that parse and use only inputs and operations that exist', () => {
    expect(exampleProblems(text)).toEqual([])
  })

  it('shows an example of every operation', () => {
    expect(coverageProblems(text)).toEqual([])
  })

  it('renders: fences closed, tables even, headings in order, links resolve', () => {
    expect(structureProblems(text, file)).toEqual([])
  })
})

describe('README.md and README.zh-CN.md', () => {
  const en = shape(readMarkdown(read('README.md')))
  const zh = shape(readMarkdown(read('README.zh-CN.md')))

  it('have the same ## sections and heading levels', () => {
    expect(zh.sections).toBe(en.sections)
    expect(zh.levels).toBe(en.levels)
  })

  it('have tables of the same shape', () => {
    expect(zh.tables).toBe(en.tables)
  })

  it('have the same code blocks, with identical YAML', () => {
    expect(zh.fences).toBe(en.fences)
    expect(zh.yaml).toEqual(en.yaml)
  })
})

describe('examples/ and .github/workflows/', () => {
  const files = [
    ...readdirSync(new URL('examples/', root)).map(f => `examples/${f}`),
    ...readdirSync(new URL('.github/workflows/', root)).map(
      f => `.github/workflows/${f}`
    )
  ]

  it.each(files)(
    '%s is a workflow whose action steps use existing inputs',
    file => {
      const doc = parse(read(file)) as {
        on?: unknown
        jobs?: Record<string, { steps?: Record<string, unknown>[] }>
      }
      expect(doc.on).toBeDefined()
      expect(Object.keys(doc.jobs ?? {}).length).toBeGreaterThan(0)
      for (const job of Object.values(doc.jobs ?? {}))
        for (const step of job.steps ?? []) {
          const uses = String(step.uses ?? '')
          if (uses !== './' && !uses.includes('zadigx-action')) continue
          for (const name of Object.keys((step.with ?? {}) as object))
            expect(Object.keys(action.inputs)).toContain(name)
        }
    }
  )
})

describe('the checks fail on a broken README', () => {
  const en = read('README.md')
  const zh = read('README.zh-CN.md')
  const broken = (text: string, from: string | RegExp, to: string): string => {
    const out = text.replace(from, to)
    expect(out).not.toBe(text)
    return out
  }
  const PRODUCT_STEP = '    workflow: legacy-deploy\n    inputs: |\n'

  it.each<
    [string, (t: string) => string[], string, string | RegExp, string, RegExp]
  >([
    [
      'an input row missing',
      inputTableProblems,
      en,
      /^\| `timeout` \|.*\n/m,
      '',
      /input timeout of action.yml is not in the table/
    ],
    [
      'a wrong default',
      inputTableProblems,
      zh,
      /(\| `poll-interval` \| )`5s`/,
      '$1`10s`',
      /poll-interval: default cell/
    ],
    [
      'an input table under another heading',
      inputTableProblems,
      zh,
      /^## 输入$/m,
      '## 参数',
      /no table under ## Inputs \/ 输入/
    ],
    [
      'an output row missing',
      outputTableProblems,
      zh,
      /^\| `data` \|.*\n/m,
      '',
      /output data of action.yml is not in the table/
    ],
    [
      'an input that does not exist',
      exampleProblems,
      en,
      '    view: release\n',
      '    view-name: release\n',
      /input view-name does not exist/
    ],
    [
      'an operation that does not exist',
      exampleProblems,
      en,
      'operation: delete-view',
      'operation: remove-view',
      /no operation remove-view for custom/
    ],
    [
      'an operation the workflow type lacks',
      exampleProblems,
      en,
      PRODUCT_STEP,
      `    operation: approve\n${PRODUCT_STEP}`,
      /no operation approve for product/
    ],
    [
      'a required input missing',
      exampleProblems,
      en,
      /^ {4}task-id: .*\n(?= {4}approval:)/m,
      '',
      /approve needs task-id/
    ],
    [
      'an example that is not a step',
      exampleProblems,
      en,
      'run: npm test',
      'name: npm test',
      /a step without uses: or run:/
    ],
    [
      'YAML that does not parse',
      exampleProblems,
      en,
      'comment: the release window is closed',
      'comment: closed: the window',
      /Nested mappings/
    ],
    [
      'an output read from a step not in the example',
      exampleProblems,
      en,
      'steps.views.outputs',
      'steps.view.outputs',
      /steps.view is not a step of the example/
    ],
    [
      'an output that does not exist',
      exampleProblems,
      en,
      'steps.tasks.outputs.data).tasks[0].task_id',
      'steps.tasks.outputs.tasks',
      /output tasks does not exist/
    ],
    [
      'an operation without an example',
      coverageProblems,
      zh,
      'operation: list-views',
      'operation: list-workflows',
      /no example of list-views/
    ]
  ])('%s', (_name, check, text, from, to, expected) => {
    expect(check(broken(text, from, to)).join('\n')).toMatch(expected)
  })

  const page = (body: string): string => `# T\n\n## Quick start\n\n${body}\n`

  it.each([
    ['an unclosed fence', '```yaml\na: 1\n', /code fence never closed/],
    [
      'a row with an extra cell',
      '| a | b |\n| --- | --- |\n| 1 | 2 | 3 |',
      /3 cells, the header has 2/
    ],
    [
      'a pipe in a code span',
      '| a | b |\n| --- | --- |\n| `x|y` | 2 |',
      /3 cells, the header has 2/
    ],
    [
      'a table without delimiter row',
      '| a | b |\n| 1 | 2 |',
      /without a delimiter row/
    ],
    [
      'text run into a table',
      '| a |\n| --- |\n| 1 |\nmore text',
      /no blank line around the table/
    ],
    ['a heading skipping a level', '#### Deep', /jumps from level 2 to 4/],
    ['a heading without a space', '##Bad', /no space after #/],
    [
      'a link to a missing file',
      '[x](examples/no-such.yml)',
      /no-such.yml does not exist/
    ],
    [
      'a link to a missing heading',
      '[x](#no-such-heading)',
      /anchor #no-such-heading/
    ],
    [
      'a link to a missing heading elsewhere',
      '[x](README.zh-CN.md#nowhere)',
      /anchor #nowhere/
    ]
  ])('%s', (_name, body, expected) => {
    expect(structureProblems(page(body), 'README.md').join('\n')).toMatch(
      expected
    )
  })

  it('accepts what renders well (escaped pipes, anchors, files)', () => {
    const body = [
      '[a](#quick-start) [b](examples/merge-gate.yml) [c](README.zh-CN.md#快速开始)',
      '',
      '| a | b |',
      '| --- | :-: |',
      '| `x\\|y` | 2 |'
    ].join('\n')
    expect(structureProblems(page(body), 'README.md')).toEqual([])
  })

  it('tells translations apart when a section or a YAML line differs', () => {
    const base = shape(readMarkdown(en))
    const fewer = shape(
      readMarkdown(broken(en, /^## Recipes$/m, '### Recipes'))
    )
    const yaml = shape(readMarkdown(broken(en, 'page-size: 5', 'page-size: 6')))
    expect(fewer.sections).not.toBe(base.sections)
    expect(yaml.yaml).not.toEqual(base.yaml)
  })
})
