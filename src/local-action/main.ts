// The main step for GitHub's `@github/local-action`, which imports a module and calls
// its run() with @actions/core replaced by its own (README "Try it locally"):
//   npx @github/local-action . src/local-action/main.ts .env --post src/local-action/post.ts
// The runner itself runs dist/index.js; this entry only adds what the tool lacks.
import { runUntilTerminated } from '../cancel.js'
import { run as runStep, type RunDeps } from '../main.js'

/**
 * Runs the main step as dist/index.js does: Ctrl-C cancels the task it follows. A step
 * that fails sets the exit code, which the tool's `core.setFailed` does not.
 */
export async function run(deps: RunDeps = {}): Promise<void> {
  const { passed } = await runUntilTerminated(signal =>
    runStep({ ...deps, signal })
  )
  if (!passed) process.exitCode = 1
}
