// get-artifact end to end: run() against the simulator over HTTP, per server version.
import { visibleLog } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import type { ServerVersion } from '../../simulator/profiles.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator

const IMAGE = 'harbor.example.com/library/api:20260101-1'

const act = (inputs: Record<string, string>) =>
  runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    operation: 'get-artifact',
    ...inputs
  })

afterEach(async () => {
  await sim.close()
})

describe.each<ServerVersion>(['v1.18', 'current'])('on %s', version => {
  beforeEach(async () => {
    sim = await startSimulator({ version })
  })

  it('traces an image to its build, commit and deployment', async () => {
    const got = await act({ image: IMAGE })
    expect(got.exitCode).toBe(0)
    expect(got.outputs.result).toBe('success')
    expect(JSON.parse(got.outputs.data ?? '{}')).toMatchObject({
      image: IMAGE,
      name: 'api',
      tag: '20260101-1',
      digest: 'sha256:2f1c',
      activities: [
        {
          type: 'build',
          by: 'alice',
          link: `${sim.url}/v1/projects/detail/demo/pipelines/custom/build/7?display_name=build`,
          commits: [
            {
              repo: 'demo-group/api',
              branch: 'main',
              commit: '3b18e512dba79e4c8300dd08aeb37f8e728b8dad'
            }
          ]
        },
        { type: 'deploy', env: 'dev', namespace: 'demo-env-dev', by: 'bob' }
      ]
    })
    const log = visibleLog(got.stdout)
    expect(log).toContain(
      'build by alice from demo-group/api@main 3b18e512dba7'
    )
    expect(log).toContain('deploy in environment dev by bob')
    expect(got.stdout).not.toContain('::warning::spoofed')
    const asked = sim.requests.filter(r => r.path.includes('/artifacts'))
    expect(asked.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /api/aslan/delivery/artifacts/image',
      'GET /api/aslan/delivery/artifacts/65a1b2c3d4e5f60718293a4b'
    ])
    expect(asked[0]?.query).toEqual({ image: IMAGE })
  })

  it('says plainly when the image was never recorded', async () => {
    const got = await act({ image: 'harbor.example.com/library/api:nope' })
    expect(got.exitCode).not.toBe(0)
    expect(visibleLog(got.stdout)).toContain(
      'the delivery centre has no artifact for image harbor.example.com/library/api:nope'
    )
    expect(
      sim.requests.filter(r => r.path.includes('/artifacts'))
    ).toHaveLength(1)
  })
})

describe('inputs', () => {
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
  })

  it('needs an image before any request', async () => {
    const got = await act({})
    expect(got.exitCode).not.toBe(0)
    expect(visibleLog(got.stdout)).toContain('image')
    expect(sim.requests.filter(r => r.path.includes('/artifacts'))).toEqual([])
  })
})
