import * as core from '@actions/core'

/** Entry point of the action's main step. */
export async function run(): Promise<void> {
  core.info('zadigx-action')
}
