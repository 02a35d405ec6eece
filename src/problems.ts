// The one error that lists every problem found before anything is sent.

/** A heading and one line per problem; `problems` keeps the lines. */
export class ProblemList extends Error {
  readonly problems: string[]

  constructor(heading: string, problems: string[]) {
    super([heading, ...problems.map(p => `- ${p}`)].join('\n'))
    this.problems = problems
  }
}
