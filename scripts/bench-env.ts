// The environment `npm run bench` runs the bundle in: the runner's INPUT_* variables
// (action.yml defaults filled in) and the GITHUB_* files, in a temporary folder.
import { inputVariables, stepFiles } from './local-runner.js'

/** An environment for `node dist/index.js` with these inputs; `cleanup` removes its files. */
export function benchEnv(inputs: Record<string, string>): {
  env: NodeJS.ProcessEnv
  cleanup: () => void
} {
  const files = stepFiles('zadigx-bench-')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...files.env,
    ...inputVariables({ project: 'demo', ...inputs })
  }
  return { env, cleanup: files.cleanup }
}
