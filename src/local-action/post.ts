// The post step for `@github/local-action` (`--post src/local-action/post.ts`). The tool
// runs it after every main step, in the same process, not only when a job is cancelled:
// the post step acts only on a task the main step left running, so that is harmless.
import { runPost } from '../post.js'
import type { Logger } from '../log.js'

/** Cancels the task the main step was stopped before it could cancel, if any. */
export async function run(
  deps: { fetch?: typeof fetch; log?: Logger } = {}
): Promise<void> {
  await runPost(deps)
}
