export const id = 719;
export const ids = [719];
export const modules = {

/***/ 4719:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubReporter: () => (/* binding */ createGitHubReporter)
});

// EXTERNAL MODULE: ./node_modules/@octokit/rest/dist-src/index.js + 21 modules
var dist_src = __webpack_require__(5051);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
;// CONCATENATED MODULE: ./src/github/octokit.ts
// The GitHub REST client and the one place its errors become warnings.
// Reporting to GitHub is a side channel: nothing here may fail the step.



/**
 * An Octokit for `apiUrl` (GitHub Enterprise Server included), using `fetch`
 * when given. Its own log goes to debug; its request log is dropped because
 * it prints the request options, authorization header included. Every route
 * parameter is scrubbed of secrets before it is sent.
 */
function createOctokit(options) {
    const toDebug = (message) => options.log.debug((0,log/* untrusted */.bp)(`GitHub API: ${message}`));
    const octokit = new dist_src/* Octokit */.E({
        auth: options.token,
        baseUrl: options.apiUrl.replace(/\/+$/, ''),
        userAgent: 'zadigx-action',
        log: { debug: () => { }, info: () => { }, warn: toDebug, error: toDebug },
        ...(options.fetch ? { request: { fetch: options.fetch } } : {})
    });
    octokit.hook.before('request', scrubParameters);
    return octokit;
}
// What Octokit itself puts in a request's options; everything else is a parameter of
// the route (path, query or body) and may hold server text.
const TRANSPORT = new Set([
    'method',
    'url',
    'baseUrl',
    'headers',
    'request',
    'mediaType'
]);
/**
 * Scrubs every route parameter (src/secrets.ts) just before it is sent: runner masking
 * covers the log only, not the bodies of GitHub API requests, and a server may echo the
 * ZadigX token into any text a report carries.
 */
function scrubParameters(options) {
    for (const key of Object.keys(options))
        if (!TRANSPORT.has(key))
            options[key] = (0,secrets/* scrubDeep */.wE)(options[key]);
}
const asHttpError = (error) => typeof error === 'object' && error !== null ? error : {};
/** True for GitHub's 403 "rate limit exceeded", which is not a permission problem. */
function isRateLimit(error) {
    const remaining = error.response?.headers?.['x-ratelimit-remaining'];
    return ((error.status === 403 || error.status === 429) &&
        (String(remaining) === '0' || /rate limit/i.test(error.message ?? '')));
}
/** Whether the job token lacks the channel's permission (403/404). */
function isPermissionError(error) {
    const e = asHttpError(error);
    return (e.status === 403 || e.status === 404) && !isRateLimit(e);
}
/**
 * The warning for a failed write: 403/404 name the permission to add to the
 * job; anything else gives the HTTP status and GitHub's message. The token is
 * never part of it (Octokit errors redact it; only status and message are used).
 */
function describeGitHubError(channel, error, fromFork = false) {
    const e = asHttpError(error);
    const what = `Could not ${channel.action}`;
    if (isPermissionError(error)) {
        const also = channel.alternative ? ` or ${channel.alternative}` : '';
        const fork = fromFork
            ? '; on pull requests from forks the token is read-only whatever the permissions'
            : '';
        return `${what}: the job token lacks "${channel.permission}" permission (add permissions: ${channel.permission}${also} to the job; GitHub answered HTTP ${e.status})${fork}`;
    }
    const detail = (0,log/* untrusted */.bp)(e.message ?? String(error)).replace(/\s+/g, ' ');
    if (!e.response)
        return `${what}: GitHub could not be reached (${detail})`;
    if (isRateLimit(e))
        return `${what}: GitHub rate limit exceeded (HTTP ${e.status})`;
    return `${what}: GitHub answered HTTP ${e.status} (${detail.slice(0, 300)})`;
}

// EXTERNAL MODULE: ./src/server-text.ts
var server_text = __webpack_require__(2086);
// EXTERNAL MODULE: ./src/summary.ts + 2 modules
var summary = __webpack_require__(5348);
;// CONCATENATED MODULE: ./src/github/pr-comment.ts


/** Lines of a failed job's log in the comment (the job summary has more). */
const COMMENT_TAIL_LINES = 20;
// Logs take at most half of the comment, so the limit below never cuts a fence.
const COMMENT_LOG_CHARS = 32_000;
/** The hidden first line that identifies the comment of one workflow. */
function commentMarker(projectKey, workflowKey) {
    // Encoded so a key can never close the HTML comment (`-->`).
    const key = `${encodeURIComponent(projectKey)}/${encodeURIComponent(workflowKey)}`;
    return `<!-- zadigx-action:${key} -->`;
}
/** An environment operation's comment is the environment's, as its commit status is. */
const markerOf = (report) => commentMarker(report.projectKey, report.env ? `env/${report.env.envKey}` : report.workflowKey);
// GitHub refuses a comment of 65,536 characters or more.
const COMMENT_MAX = 65_535;
const CLIPPED = '\n\n… (clipped: the job summary of the run has the rest)';
// The environment name is the step's own input, but it goes into markdown:
// only plain characters are kept as they are.
const plainName = (name) => name.replace(/[^\w ./-]/g, '_').slice(0, 255);
function deploymentLine(deployment) {
    const name = plainName(deployment.environment);
    return `GitHub deployment: [${name}](${deployment.url}) (${deployment.state})`;
}
/** The comment's body: the marker, then the job-summary markdown, within GitHub's limit. */
function commentBody(report, deployment) {
    const marker = markerOf(report);
    const markdown = (0,summary/* renderSummaryMarkdown */.i$)(report, {
        logTail: COMMENT_TAIL_LINES,
        logChars: COMMENT_LOG_CHARS
    });
    const head = deployment ? `${deploymentLine(deployment)}\n\n` : '';
    // Cut at a line break, so no table row or entity is left half written.
    return (0,server_text/* clipDocument */.kq)(`${marker}\n${head}${markdown}`, COMMENT_MAX, CLIPPED);
}
// The login the token writes as. A job's GITHUB_TOKEN may not read /user; its
// comments are written by github-actions[bot].
const JOB_TOKEN_LOGIN = 'github-actions[bot]';
async function ownLogin(target) {
    try {
        const { data } = await target.octokit.rest.users.getAuthenticated({
            request: requestOf(target)
        });
        return data.login;
    }
    catch (error) {
        const status = error.status;
        if (status === 401 || status === 403 || status === 404)
            return JOB_TOKEN_LOGIN;
        throw error;
    }
}
const requestOf = (target) => target.signal ? { signal: target.signal() } : {};
/**
 * Id of the first comment that starts with `marker` and that the token's own identity
 * wrote, or undefined: anyone can post a comment that starts with the marker.
 */
async function findComment(target, marker) {
    const { octokit, owner, repo, issueNumber } = target;
    const login = await ownLogin(target);
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issueNumber,
        per_page: 100,
        request: requestOf(target)
    });
    for await (const page of pages) {
        // A quote of our comment starts with "> ", so it is not taken for ours.
        const found = page.data.find(c => c.body?.startsWith(marker) && c.user?.login === login);
        if (found)
            return found.id;
    }
    return undefined;
}
/**
 * Creates or updates the workflow's comment on the pull request; `knownId` is
 * the comment written earlier in this run. Returns the comment's id.
 */
async function upsertComment(target, report, knownId, deployment) {
    const { octokit, owner, repo } = target;
    const body = commentBody(report, deployment);
    const request = requestOf(target);
    const marker = markerOf(report);
    const id = knownId ?? (await findComment(target, marker));
    if (id !== undefined) {
        try {
            await octokit.rest.issues.updateComment({
                owner,
                repo,
                comment_id: id,
                body,
                request
            });
            return id;
        }
        catch (error) {
            // Deleted since we found it: write a new one below.
            if (error.status !== 404)
                throw error;
        }
    }
    const created = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: target.issueNumber,
        body,
        request: requestOf(target)
    });
    return created.data.id;
}

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
;// CONCATENATED MODULE: ./src/github/status-text.ts
// How a task report reads on GitHub: commit status and deployment states and
// the one-line description (GitHub refuses more than 140 characters in a commit
// status's and a deployment status's description).



/** GitHub's limit on a commit status and a deployment (status) description. */
const DESCRIPTION_MAX = 140;
const COMMIT_STATE = {
    success: 'success',
    failure: 'failure',
    timeout: 'failure',
    rejected: 'failure',
    cancelled: 'error',
    'waiting-approval': 'pending',
    running: 'pending',
    skipped: 'success'
};
/** The commit status state for a result (still going → pending). */
function commitState(result) {
    return COMMIT_STATE[result] ?? 'error';
}
/** The deployment status state for a result (still going → in_progress). */
function deploymentState(result) {
    const state = commitState(result);
    return state === 'pending' ? 'in_progress' : state;
}
const OUTCOME = {
    success: 'passed',
    failure: 'failed',
    timeout: 'timed out',
    rejected: 'was rejected',
    cancelled: 'was cancelled',
    'waiting-approval': 'is waiting for approval',
    running: 'is running',
    skipped: 'was skipped (no job ran)'
};
const ENDED = new Set([
    'success',
    'failure',
    'timeout',
    'rejected',
    'cancelled',
    'skipped'
]);
/** A description GitHub accepts: no secret, one line, at most 140 characters. */
function describeLine(text) {
    // Scrubbed first: a clipped copy of a token would no longer match it.
    return (0,server_text/* forOneLine */.en)((0,secrets/* scrub */._I)(text).replace(/\s+/g, ' ').trim(), DESCRIPTION_MAX);
}
/** `ZadigX task #12`, before a task exists `ZadigX workflow <key>`, or `ZadigX environment <key>`. */
function taskName(report) {
    if (report.env)
        return `ZadigX environment ${report.env.envKey}`;
    return report.taskId === undefined
        ? `ZadigX workflow ${report.workflowKey}`
        : `ZadigX task #${report.taskId}`;
}
/**
 * The status line, at most 140 characters, e.g.
 * `ZadigX task #12 passed in 4m00s` or `ZadigX task #12 failed after 1m05s: …`.
 */
function describeResult(report) {
    const name = taskName(report);
    const time = report.durationSeconds;
    let line = `${name} ${OUTCOME[report.result] ?? report.result}`;
    if (ENDED.has(report.result) && time !== undefined)
        line += `${report.result === 'success' ? ' in' : ' after'} ${(0,duration/* formatDuration */.a3)(time * 1000, 'clock')}`;
    if (report.message && report.result !== 'success')
        line += `: ${report.message}`;
    return describeLine(line);
}
/** The status line when the task has just been started. */
function describeStart(report) {
    return describeLine(`${taskName(report)} started`);
}

;// CONCATENATED MODULE: ./src/github/reporter.ts



const STATUS = {
    action: 'create a commit status',
    permission: 'statuses: write'
};
const DEPLOYMENT = {
    action: 'report the deployment',
    permission: 'deployments: write'
};
const COMMENT = {
    action: 'comment on the pull request',
    permission: 'pull-requests: write',
    alternative: 'issues: write'
};
const httpUrl = (url) => url && /^https?:\/\//i.test(url) ? url : undefined;
class Reporter {
    opts;
    octokit;
    state = { warned: new Set(), disabled: new Set() };
    constructor(opts) {
        this.opts = opts;
        this.octokit =
            opts.octokit ??
                createOctokit({
                    token: opts.token,
                    apiUrl: opts.run.apiUrl,
                    log: opts.log,
                    fetch: opts.fetch
                });
    }
    get repo() {
        return { owner: this.opts.run.owner, repo: this.opts.run.repo };
    }
    request() {
        return { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000) };
    }
    /** Runs one write; a failure is one warning, a 403/404 stops the channel. */
    async attempt(channel, write) {
        const { log, run } = this.opts;
        if (this.state.disabled.has(channel))
            return;
        try {
            log.info(await write());
        }
        catch (error) {
            if (isPermissionError(error))
                this.state.disabled.add(channel);
            const message = describeGitHubError(channel, error, run.pr?.fromFork);
            if (this.state.warned.has(channel))
                return log.debug(message);
            this.state.warned.add(channel);
            log.warning(message);
        }
    }
    async postStatus(report, state, description) {
        const { commitStatus, run } = this.opts;
        if (!commitStatus || !run.sha)
            return;
        const context = commitStatus.context ||
            `zadigx/${report.env ? `env/${report.env.envKey}` : report.workflowKey || 'workflow'}`;
        await this.attempt(STATUS, async () => {
            await this.octokit.rest.repos.createCommitStatus({
                ...this.repo,
                sha: run.sha,
                state,
                context,
                description,
                target_url: httpUrl(report.taskUrl),
                request: this.request()
            });
            return `GitHub commit status ${context} on ${run.sha.slice(0, 7)}: ${state}`;
        });
    }
    async deployment(report) {
        if (this.state.deploymentId !== undefined)
            return this.state.deploymentId;
        const { run } = this.opts;
        const created = await this.octokit.rest.repos.createDeployment({
            ...this.repo,
            ref: run.sha || run.ref,
            environment: this.opts.environment ?? '',
            auto_merge: false,
            required_contexts: [],
            transient_environment: false,
            description: describeLine(`ZadigX ${report.projectKey}/${report.env?.envKey ?? report.workflowKey}`),
            payload: {
                zadigx: {
                    project_key: report.projectKey,
                    workflow_key: report.workflowKey,
                    task_id: report.taskId ?? null,
                    env_key: report.env?.envKey ?? null
                }
            },
            request: this.request()
        });
        // 202 means GitHub wants to merge first (not with auto_merge off): then
        // there is no deployment to update.
        if (!('id' in created.data))
            throw Object.assign(new Error(NO_DEPLOYMENT), {
                status: created.status,
                response: {}
            });
        this.state.deploymentId = created.data.id;
        return created.data.id;
    }
    async postDeployment(report, state, description) {
        const { environment, environmentUrl } = this.opts;
        if (!environment)
            return;
        await this.attempt(DEPLOYMENT, async () => {
            const id = await this.deployment(report);
            await this.octokit.rest.repos.createDeploymentStatus({
                ...this.repo,
                deployment_id: id,
                state,
                description,
                log_url: httpUrl(report.taskUrl),
                // An environment operation's own page wins over the job's environment-url.
                environment_url: httpUrl(report.env?.address ?? report.env?.url ?? environmentUrl),
                request: this.request()
            });
            this.state.deploymentState = state;
            return `GitHub deployment ${id} to ${environment}: ${state}`;
        });
    }
    async postComment(report) {
        const pr = this.opts.run.pr;
        if (!this.opts.prComment || !pr)
            return;
        await this.attempt(COMMENT, async () => {
            const target = {
                octokit: this.octokit,
                ...this.repo,
                issueNumber: pr.number,
                signal: () => this.request().signal
            };
            const id = await upsertComment(target, report, this.state.commentId, this.commentDeployment());
            this.state.commentId = id;
            return `GitHub comment ${id} on pull request #${pr.number} updated`;
        });
    }
    /** The deployment as the comment shows it, once GitHub has one. */
    commentDeployment() {
        const { environment, run } = this.opts;
        const state = this.state.deploymentState;
        if (!environment || !state)
            return undefined;
        return {
            environment,
            url: `${run.serverUrl}/${run.owner}/${run.repo}/deployments/${encodeURIComponent(environment)}`,
            state
        };
    }
    async started(report) {
        const line = describeStart(report);
        await this.postStatus(report, 'pending', line);
        await this.postDeployment(report, 'in_progress', line);
        await this.postComment(report);
    }
    async finished(report) {
        const line = describeResult(report);
        await this.postStatus(report, commitState(report.result), line);
        // An environment that is gone leaves its deployment inactive.
        const gone = report.env?.status === 'deleted' && report.result === 'success';
        await this.postDeployment(report, gone ? 'inactive' : deploymentState(report.result), line);
        await this.postComment(report);
    }
}
const NO_DEPLOYMENT = 'GitHub accepted the deployment without creating it';
/**
 * Builds the reporter for one run. It keeps the deployment and comment it
 * created, so `finished` updates what `started` wrote. Its methods never throw.
 */
function createGitHubReporter(opts) {
    return new Reporter(opts);
}


/***/ })

};
