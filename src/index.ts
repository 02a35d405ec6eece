import { runUntilTerminated } from './cancel.js'
import { run } from './main.js'
import { runPost } from './post.js'
import { isPostStep } from './post-state.js'

// One bundle for both steps: action.yml `runs.post` is dist/post.js, which flags the
// post step and loads this bundle.
if (isPostStep()) {
  await runPost()
} else {
  // A cancelled job gets SIGINT (then SIGTERM, then a kill): stop waiting at once so the
  // task can be cancelled in ZadigX within the few seconds the runner allows.
  const { stopped } = await runUntilTerminated(signal => run({ signal }))
  if (stopped) process.exit()
}
