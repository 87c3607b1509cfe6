import type { Rule, RuleContext } from '../../../src/model/rule.js';
import { get, isMap, isScalar, isSeq, str, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { actionRepo, alwaysTrueCondition, GHA_SUPPLY_CHAIN_STANDARDS, HARDENING, jobs, onlyOtherEvents, runnerLabels, sourceLines, stepEvents, steps, usesOf, workflows, WORKFLOW_SYNTAX, type Job, type Workflow } from './workflow.js';

/**
 * Events someone without write access can start whose runs execute in the default branch's context
 * (and so share its cache scope). Since June 2026 GitHub gives them a read-only cache token; an
 * explicit `cache-mode: write` or `write-only` gives the write access back. (`workflow_run` is
 * read-only only when a fork's pull request started the run before it, which the file does not say.)
 */
const LOW_TRUST_DEFAULT_BRANCH_EVENTS = new Set(['pull_request_target', 'issue_comment', 'issues', 'discussion', 'discussion_comment']);

/** Whether a step restores a cache: `on` (and the node that turns it on), or undefined when it does not or we cannot tell. */
type CacheUse = { node: DataNode; how: string } | undefined;

/** An action input's literal value, lower-cased and trimmed; undefined when absent; `expr` for a `${{ }}` we do not evaluate. */
function input(withs: DataNode | undefined, name: string): string | undefined {
  const n = get(withs, name);
  if (n === undefined) return undefined;
  const v = str(n);
  if (v === undefined) return '';
  return v.includes('${{') ? 'expr' : v.trim().toLowerCase();
}

const TRUE = new Set(['true']);

/**
 * The major version of an action reference: from the ref (`@v4`, `@v4.1.0`, `@4`) or, for a commit
 * SHA, from the version comment on the same line (`@0a1b… # v5.0.0`). Undefined when unknown.
 */
function majorVersion(text: string, step: DataMap): number | undefined {
  const node = get(step, 'uses');
  const uses = usesOf(step);
  if (!node || !uses) return undefined;
  const ref = uses.split('@')[1] ?? '';
  const fromRef = /^v?(\d+)(?:\.\d+){0,2}$/.exec(ref);
  if (fromRef) return Number(fromRef[1]);
  const lineEnd = text.indexOf('\n', node.end);
  const comment = /^\s*#\s*(?:tag[=:]\s*)?v?(\d+)(?:\.\d+){0,2}\b/.exec(text.slice(node.end, lineEnd < 0 ? undefined : lineEnd));
  return comment ? Number(comment[1]) : undefined;
}

/** True when root `package.json` of the repository declares npm as its package manager (`packageManager` or `devEngines.packageManager`). */
async function declaresNpm(ctx: RuleContext): Promise<boolean> {
  const i = ctx.file.path.indexOf('.github/');
  if (i < 0) return false;
  const target = `${ctx.file.path.slice(0, i)}package.json`;
  if (!ctx.project.files.some((f) => f.path === target)) return false;
  const loaded = await ctx.project.load(target);
  const root = loaded?.document.format === 'data' ? loaded.document.roots[0] : undefined;
  if (!isMap(root)) return false;
  const pm = str(get(root, 'packageManager'))?.trim().toLowerCase();
  const dev = get(get(root, 'devEngines'), 'packageManager');
  const devNames = (isSeq(dev) ? dev.items : [dev]).map((d) => str(get(d, 'name'))?.trim().toLowerCase());
  return !!pm?.startsWith('npm@') || pm === 'npm' || devNames.includes('npm');
}

/** A true-ish `SCCACHE_GHA_ENABLED` in the step's, job's or workflow's `env:` (sccache then uses the Actions cache). */
function sccacheGha(wf: Workflow, job: Job, step: DataMap): boolean {
  for (const m of [get(step, 'env'), get(job.node, 'env'), get(wf.root, 'env')]) {
    const v = get(m, 'SCCACHE_GHA_ENABLED');
    if (v !== undefined) return ['true', 'on', '1'].includes((str(v) ?? '').trim().toLowerCase());
  }
  return false;
}

/**
 * Whether a step restores from the Actions cache, from each action's documented inputs and defaults
 * (action.yml): inputs that opt in, inputs that opt out, and actions that always restore. Inputs
 * given as expressions, and defaults that changed across versions when the version is unknown, are
 * not judged.
 */
async function cacheUse(ctx: RuleContext, wf: Workflow, job: Job, step: DataMap, tagRuns: readonly string[]): Promise<CacheUse> {
  const uses = usesOf(step);
  const usesNode = get(step, 'uses');
  if (!uses || !usesNode) return undefined;
  const repo = actionRepo(uses);
  if (!repo) return undefined;
  const path = uses.split('@')[0].toLowerCase();
  const withs = get(step, 'with');
  const at = (name: string) => get(withs, name) ?? usesNode;
  const short = uses.split('@')[0];
  /** Opt-in input: on when set to one of `on`, off otherwise (absent: `byDefault`). */
  /** The value of an input given as an expression on the job's tag runs, when that is known. */
  const onTagRuns = (name: string) => valueOnTagRuns(str(get(withs, name)) ?? '', tagRuns);
  const optIn = (name: string, on: (v: string) => boolean, byDefault: boolean | undefined): CacheUse => {
    const v = input(withs, name);
    if (v === undefined) return byDefault ? { node: usesNode, how: `${short} (caching on by default)` } : undefined;
    if (v === 'expr') return onTagRuns(name) === true ? { node: at(name), how: `${short} with \`${name}\` true on tag runs` } : undefined;
    return v !== 'expr' && on(v) ? { node: at(name), how: `${short} with \`${name}: ${str(get(withs, name))?.trim()}\`` } : undefined;
  };
  /** Opt-out input: on unless set to one of `off` (an expression is not judged). */
  const optOut = (name: string, off: Set<string>): CacheUse => {
    const v = input(withs, name);
    if (v === undefined) return { node: usesNode, how: short };
    if (v === 'expr') return onTagRuns(name) === false ? { node: at(name), how: `${short} with \`${name}\` false on tag runs` } : undefined;
    return off.has(v) ? undefined : { node: usesNode, how: short };
  };
  const nonEmpty = (v: string) => v !== '' && v !== 'false';
  switch (path) {
    case 'actions/cache':
    case 'actions/cache/restore':
      return optOut('lookup-only', TRUE);
    case 'swatinem/rust-cache':
      return optOut('lookup-only', TRUE);
    case 'actions/setup-java':
    case 'actions/setup-python':
    case 'graalvm/setup-graalvm':
      return optIn('cache', nonEmpty, false);
    case 'actions/setup-dotnet':
      return optIn('cache', (v) => TRUE.has(v), false);
    case 'actions/setup-go': {
      // `cache` defaults to true since v4
      const major = majorVersion(ctx.file.text, step);
      return optIn('cache', (v) => TRUE.has(v), major !== undefined && major >= 4);
    }
    case 'actions/setup-node': {
      const explicit = optIn('cache', (v) => ['npm', 'yarn', 'pnpm'].includes(v), false);
      if (explicit || input(withs, 'cache') !== undefined) return explicit;
      const pmc = input(withs, 'package-manager-cache');
      if (pmc === 'false' || pmc === 'expr') return undefined;
      // v5+: automatic caching when package.json names npm as the package manager
      const major = majorVersion(ctx.file.text, step);
      if (major === undefined || major < 5 || !(await declaresNpm(ctx))) return undefined;
      return { node: pmc === undefined ? usesNode : at('package-manager-cache'), how: `${short} (automatic npm caching: package.json declares npm)` };
    }
    case 'astral-sh/setup-uv': {
      // before v10 the default `enable-cache: auto` caches on GitHub-hosted runners
      const major = majorVersion(ctx.file.text, step);
      const hosted = !(runnerLabels(job)?.labels ?? []).some((l) => l === 'self-hosted' || l.includes('${{'));
      const autoOn = major !== undefined && major < 10 && hosted;
      return optIn('enable-cache', (v) => TRUE.has(v) || (v === 'auto' && autoOn), autoOn);
    }
    case 'ruby/setup-ruby':
      return optIn('bundler-cache', (v) => TRUE.has(v), false);
    case 'pyo3/maturin-action':
      return optIn('sccache', (v) => TRUE.has(v), false);
    case 'actions-rust-lang/setup-rust-toolchain':
    case 'jdx/mise-action':
      return optIn('cache', (v) => TRUE.has(v), true);
    case 'mlugg/setup-zig':
      return optIn('use-cache', (v) => TRUE.has(v), true);
    case 'determinatesystems/magic-nix-cache-action':
      return optIn('use-gha-cache', (v) => TRUE.has(v), true);
    case 'oven-sh/setup-bun':
      return optOut('no-cache', TRUE);
    case 'gradle/actions/setup-gradle':
    case 'gradle/gradle-build-action':
      return optOut('cache-disabled', TRUE);
    case 'ramsey/composer-install':
      return optOut('ignore-cache', new Set(['yes', 'true', '1']));
    case 'awalsh128/cache-apt-pkgs-action':
    case 'nix-community/cache-nix-action':
      return { node: usesNode, how: short };
    case 'docker/build-push-action': {
      // BuildKit's GitHub Actions cache backend: layers restored from the Actions cache
      const from = get(withs, 'cache-from');
      const v = str(from) ?? '';
      return from && /\btype=gha\b/.test(v) ? { node: from, how: `${short} with \`cache-from: type=gha\`` } : undefined;
    }
    case 'mozilla-actions/sccache-action':
      return sccacheGha(wf, job, step) ? { node: usesNode, how: `${short} with SCCACHE_GHA_ENABLED` } : undefined;
    default:
      return undefined;
  }
}

/** Actions whose purpose is to publish a release, a package, an image or a deployment. */
const PUBLISHER_ACTIONS = new Set([
  'pypa/gh-action-pypi-publish',
  'rubygems/release-gem',
  'jreleaser/release-action',
  'goreleaser/goreleaser-action',
  'softprops/action-gh-release',
  'ncipollo/release-action',
  'actions/upload-release-asset',
  'actions/create-release',
  'svenstaro/upload-release-action',
  'js-devtools/npm-publish',
  'jsr-io/jsr-publish',
  'redhat-actions/push-to-registry',
  'aws-actions/amazon-ecs-deploy-task-definition',
  'aws-actions/aws-cloudformation-github-deploy',
  'azure/functions-action',
  'azure/webapps-deploy',
  'azure/container-apps-deploy-action',
  'cloudflare/wrangler-action',
  'google-github-actions/deploy-appengine',
  'google-github-actions/deploy-cloudrun',
  'google-github-actions/deploy-cloud-functions',
  'peaceiris/actions-gh-pages',
  'jamesives/github-pages-deploy-action',
  'actions/deploy-pages',
  'crazy-max/ghaction-github-pages',
  'hashicorp/ghaction-terraform-provider-release',
]);

/** Shell commands that publish (a package, an image, a release); not their dry runs. */
const PUBLISH_COMMAND =
  /(?:^|[;&|(]\s*|\b(?:then|do|sudo)\s+)(?:[A-Za-z_]\w*=\S*\s+)*((?:npm|pnpm|yarn(?:\s+npm)?|bun)\s+publish\b|npx\s+(?:-y\s+)?(?:semantic-release|lerna\s+publish|changeset\s+publish)\b|(?:python3?\s+-m\s+)?twine\s+upload\b|(?:uv|poetry|flit|hatch|pdm)\s+publish\b|cargo\s+publish\b|gem\s+push\b|docker\s+(?:image\s+)?push\b|docker\s+buildx\s+build\b[^\n]*\s--push\b|gh\s+release\s+(?:create|upload)\b|goreleaser\s+release\b|(?:dotnet\s+)?nuget\s+push\b|vsce\s+publish\b|ovsx\s+publish\b|(?:mvn|\.\/mvnw)\b[^\n]*\sdeploy\b|(?:\.\/gradlew|gradle)\b[^\n]*\spublish(?!ToMavenLocal\b)\w*\b)/;

/** The publishing steps of a job: their index and what they do. */
function publisherSteps(text: string, all: DataMap[]): { index: number; what: string }[] {
  const out: { index: number; what: string }[] = [];
  all.forEach((step, index) => {
    const cond = get(step, 'if');
    if (isScalar(cond) && (cond.value === false || /^\s*(\$\{\{\s*)?false(\s*\}\})?\s*$/.test(String(cond.value)))) return;
    const uses = usesOf(step);
    if (uses) {
      const path = uses.split('@')[0].toLowerCase();
      const repo = actionRepo(uses);
      if (PUBLISHER_ACTIONS.has(path) || (repo && PUBLISHER_ACTIONS.has(repo))) out.push({ index, what: `\`${uses.split('@')[0]}\`` });
      else if (repo === 'docker/build-push-action') {
        // `push` defaults to false; an expression pushes on some runs
        const push = str(get(get(step, 'with'), 'push'))?.trim().toLowerCase();
        if (push === 'true' || push?.includes('${{')) out.push({ index, what: '`docker/build-push-action` with `push`' });
      }
      return;
    }
    const run = get(step, 'run');
    if (!run) return;
    for (const l of sourceLines(text, run)) {
      const line = l.line.replace(/(^|\s)#.*$/, '').trim();
      const m = PUBLISH_COMMAND.exec(line);
      if (m && !/--dry-run\b|\bpublish\s+--dry\b/.test(line)) {
        out.push({ index, what: `\`${m[1].replace(/\s+/g, ' ').slice(0, 60)}\`` });
        return;
      }
    }
  });
  return out;
}

/** The release triggers of a workflow: `release`, a `push` of tags, or a `push` to release branches. */
function releaseTriggers(wf: Workflow): string[] {
  const on = wf.on?.value;
  const out: string[] = [];
  if (wf.triggers.has('release')) out.push('release');
  const push = get(on, 'push');
  if (isMap(push)) {
    if (get(push, 'tags') !== undefined) out.push('push of tags');
    const branches = get(push, 'branches');
    const names = isSeq(branches) ? branches.items : branches ? [branches] : [];
    if (names.some((n) => isScalar(n) && typeof n.value === 'string' && /release/i.test(n.value) && !n.value.startsWith('!'))) out.push('push to release branches');
  }
  return out;
}

const STARTS_WITH_TAGS = /^startswith\(\s*github\.ref\s*,\s*'refs\/tags\/'\s*\)$/;
const REF_TYPE_TAG = /^github\.ref_type\s*==\s*'tag'$|^'tag'\s*==\s*github\.ref_type$/;
const EVENT_PUSH = /^github\.event_name\s*==\s*'push'$|^'push'\s*==\s*github\.event_name$/;

/**
 * The value of `${{ <condition> }}` on the given tag runs (`release`, `push of tags`): true when it is
 * true on at least one of them, false when false on all, undefined when any is unknown. Knows
 * `startsWith(github.ref, 'refs/tags/')`, `github.ref_type == 'tag'`, `github.event_name == 'push'`,
 * their `&&` and a leading `!`.
 */
function valueOnTagRuns(raw: string, tagRuns: readonly string[]): boolean | undefined {
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(raw);
  if (!m || !tagRuns.length) return undefined;
  const evalOn = (expr: string, run: string): boolean | undefined => {
    let e = expr.trim().toLowerCase();
    while (/^\((.*)\)$/.test(e) && !/\)\s*&&|&&\s*\(/.test(e.slice(1, -1))) e = e.slice(1, -1).trim();
    if (e.startsWith('!')) {
      const v = evalOn(e.slice(1), run);
      return v === undefined ? undefined : !v;
    }
    if (e.includes('||')) return undefined;
    if (e.includes('&&')) {
      const parts = e.split('&&').map((x) => evalOn(x, run));
      return parts.includes(false) ? false : parts.includes(undefined) ? undefined : true;
    }
    if (STARTS_WITH_TAGS.test(e) || REF_TYPE_TAG.test(e)) return true;
    if (EVENT_PUSH.test(e)) return run === 'push of tags';
    return undefined;
  };
  const values = tagRuns.map((r) => evalOn(m[1], r));
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}

/**
 * A workflow that only releases: every trigger is `release`, a `push` of tags alone (no branch
 * filter), or a manual `workflow_dispatch`. Every job of it is part of the release.
 */
function releaseOnly(wf: Workflow): boolean {
  const push = get(wf.on?.value, 'push');
  return [...wf.triggers].every(
    (t) => t === 'release' || t === 'workflow_dispatch' || (t === 'push' && isMap(push) && get(push, 'tags') !== undefined && get(push, 'branches') === undefined && get(push, 'branches-ignore') === undefined),
  );
}

/** Scopes whose write access lets a job publish: code and releases, packages, OIDC identity (trusted publishing), attestations, deployments. */
const PUBLISHING_SCOPES = ['contents', 'packages', 'id-token', 'attestations', 'deployments'];

/**
 * A job in a mixed workflow (a release trigger beside branch pushes or pull requests) whose tag runs
 * produce something: it uploads an artifact after the cache step, deploys to an `environment:`,
 * or its token may write code, packages, attestations or an OIDC identity. A test job run on a tag
 * as on every push restores the same cache as on any push, and gains nothing.
 */
function producesOutput(wf: Workflow, job: Job, all: DataMap[], cacheStep: number): boolean {
  if (get(job.node, 'environment') !== undefined) return true;
  if (all.slice(cacheStep + 1).some((st) => actionRepo(usesOf(st) ?? '') === 'actions/upload-artifact')) return true;
  const perms = get(job.node, 'permissions') ?? get(wf.root, 'permissions');
  if (str(perms)?.trim() === 'write-all') return true;
  return isMap(perms) && perms.entries.some((e) => PUBLISHING_SCOPES.includes(String(e.key.value)) && str(e.value)?.trim() === 'write');
}

/** A condition that requires a branch ref (`github.ref == 'refs/heads/main'`, `github.ref_type == 'branch'`, `!startsWith(github.ref, 'refs/tags/')`), with `&&` only: the job never runs on a tag. */
function onBranchesOnly(cond: DataNode | undefined): boolean {
  const c = str(cond);
  if (!c || c.includes('||') || alwaysTrueCondition(c)) return false;
  const body = c.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1');
  return /\bgithub\.ref\s*==\s*'refs\/heads\/[^']*'|'refs\/heads\/[^']*'\s*==\s*github\.ref\b|\bgithub\.ref_type\s*==\s*'branch'|!\s*startsWith\(\s*github\.ref\s*,\s*'refs\/tags\/'\s*\)/i.test(body);
}

/** The `cache-mode` in force for a job: its own, else the workflow's (lower case); undefined when neither sets one. */
function cacheMode(wf: Workflow, job: Job): { value: string; node: DataNode } | undefined {
  for (const n of [get(job.node, 'cache-mode'), get(wf.root, 'cache-mode')]) {
    const v = str(n);
    if (n && v !== undefined) return { value: v.includes('${{') ? 'expr' : v.trim().toLowerCase(), node: n };
  }
  return undefined;
}

/** Release and publishing jobs that restore caches other workflows can write; low-trust workflows given cache write access. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-cache-poisoning',
    title: 'Publishing workflow restores a cache that less trusted workflows can write',
    description:
      'Every workflow running on the default branch shares its GitHub Actions cache, and a release or tag run restores entries saved there. A workflow that builds and publishes (a release asset, a package, an image, a deployment) while restoring dependencies or build outputs from that cache ships whatever was saved into it: one code injection or compromised dependency in any lower-privileged workflow (a test job, a comment bot) can plant a backdoor that the release then signs and publishes. This rule reports cache-restoring steps (actions/cache and actions/cache/restore without `lookup-only`, setup-java/setup-python/graalvm with `cache:`, setup-go v4+ unless `cache: false`, setup-node with `cache:` or v5+ automatic caching when package.json declares npm, setup-dotnet, setup-uv `enable-cache: true`, setup-ruby `bundler-cache: true`, rust-cache, setup-gradle, docker/build-push-action with `cache-from: type=gha`, and other caching actions by their documented defaults) in jobs that either contain a publishing step before which the cache is restored (a known release or publish action, `docker/build-push-action` with `push`, or a command such as `npm publish`, `twine upload`, `docker push`, `gh release create`) or run on a release trigger (`release`, a `push` of tags, a `push` to release branches): any job of a workflow that only releases (`release`, tag pushes, manual runs), and, in a workflow that also runs on branch pushes or pull requests, a job that uploads an artifact after the cache step, deploys to an `environment:` or may write contents, packages, attestations or an OIDC token (a test job run on a tag as on every push gains nothing from the cache it always restores). Expressions on cache inputs are judged on tag runs when they only test `startsWith(github.ref, \'refs/tags/\')`, `github.ref_type == \'tag\'` or `github.event_name == \'push\'`. Jobs that only run on `pull_request`, jobs whose `if:` admits only other events, and jobs whose `cache-mode` is `none`, `write-only` or an expression are not reported. Inputs given as expressions and defaults that depend on an unknown action version are not judged. Separately, since GitHub gives low-trust events on the default branch (`pull_request_target`, `issue_comment`, `issues`, `discussion`, `discussion_comment`) read-only cache access, a `cache-mode: write` or `write-only` declared for such a workflow is reported: it hands an outsider-triggered run the ability to poison the cache every trusted workflow restores.',
    severity: 'high',
    kinds: ['github-workflow'],
    messages: {
      publish:
        'Job "{{job}}" restores the Actions cache ({{how}}) and then publishes with {{publisher}}: anything a less trusted workflow saved in the cache ends up in the published artifact. Disable caching in publishing jobs ({{fix}}), or set `cache-mode: none` on the job.',
      release:
        'Job "{{job}}" runs on a release trigger ({{trigger}}) and restores the Actions cache ({{how}}): anything a less trusted workflow saved in the cache can end up in the release. Disable caching in release jobs ({{fix}}), or set `cache-mode: none` on the job.',
      lowTrustWrite:
        '`cache-mode: {{mode}}` gives this `{{trigger}}` workflow write access to the default branch\'s cache, which GitHub otherwise makes read-only for events outsiders can start: code injected into it can poison entries that trusted push, schedule and release workflows restore. Remove the setting (or use `read` / `none`), and warm caches from a `push` workflow.',
    },
    remediation:
      'Build release and publishing artifacts without the Actions cache: set `cache-mode: none` on the job (or the workflow), or turn caching off in each action (`lookup-only: true` for actions/cache, `cache: false` for setup-go, no `cache:` and `package-manager-cache: false` for setup-node, `enable-cache: false` for setup-uv, `cache-disabled: true` for setup-gradle). Never declare `cache-mode: write` for workflows that outsiders can trigger.',
    references: [
      'https://docs.zizmor.sh/audits/#cache-poisoning',
      'https://adnanthekhan.com/2024/05/06/the-monsters-in-your-build-cache-github-actions-cache-poisoning/',
      'https://github.blog/changelog/2026-09-10-control-github-actions-cache-access-with-cache-mode',
      'https://github.blog/changelog/2026-06-26-read-only-actions-cache-for-untrusted-triggers',
      'https://docs.github.com/en/actions/reference/workflows-and-actions/dependency-caching#restrictions-for-accessing-a-cache',
      `${HARDENING}#understanding-the-risk-of-script-injections`,
      WORKFLOW_SYNTAX,
    ],
    standards: { ...GHA_SUPPLY_CHAIN_STANDARDS, cwe: ['CWE-349', 'CWE-829'] },
    equivalents: { zizmor: ['cache-poisoning'] },
    security: true,
    since: '0.1.0',
  },
  async check(ctx) {
    if (ctx.document.format !== 'data' || ctx.file.kind === 'github-action') return;
    const text = ctx.file.text;
    for (const wf of workflows(ctx)) {
      const lowTrust = [...LOW_TRUST_DEFAULT_BRANCH_EVENTS].filter((t) => wf.triggers.has(t));
      const reportedModes = new Set<DataNode>();
      const release = releaseTriggers(wf);
      const dedicated = release.length > 0 && releaseOnly(wf);
      for (const job of jobs(wf)) {
        const mode = cacheMode(wf, job);
        // a low-trust workflow given write access to the cache
        if (mode && (mode.value === 'write' || mode.value === 'write-only') && lowTrust.length && !reportedModes.has(mode.node)) {
          const events = stepEvents(wf, job);
          const trigger = lowTrust.find((t) => !events || events.has(t));
          if (trigger && !onlyOtherEvents(get(job.node, 'if'), LOW_TRUST_DEFAULT_BRANCH_EVENTS)) {
            reportedModes.add(mode.node);
            ctx.report({ messageId: 'lowTrustWrite', severity: 'medium', offsets: [mode.node.start, mode.node.end], data: { mode: mode.value, trigger } });
          }
        }
        if (mode && ['none', 'write-only', 'expr'].includes(mode.value)) continue;
        const events = stepEvents(wf, job);
        if (events && [...events].every((e) => e === 'pull_request' || e === 'merge_group')) continue;
        const all = steps(job);
        const publishers = publisherSteps(text, all);
        const lastPublisher = publishers.length ? publishers[publishers.length - 1] : undefined;
        const branchOnly = onBranchesOnly(get(job.node, 'if'));
        const jobRelease = release.filter((r) => (!events || events.has(r === 'release' ? 'release' : 'push')) && (!branchOnly || r === 'push to release branches'));
        if (!lastPublisher && !jobRelease.length) continue;
        // the release triggers tied to a tag, when every release trigger of the job is (expressions are judged on them)
        const tagRuns = jobRelease.length && jobRelease.every((r) => r !== 'push to release branches') ? jobRelease : [];
        for (let i = 0; i < all.length; i++) {
          const step = all[i];
          const use = await cacheUse(ctx, wf, job, step, tagRuns);
          if (!use) continue;
          const fix = fixFor(usesOf(step) ?? '');
          // restored after the last publishing step: it cannot reach what was published
          if (lastPublisher && lastPublisher.index < i) continue;
          if (lastPublisher) {
            // the first publishing step from this one on (docker/build-push-action restores and pushes in one step)
            const publisher = publishers.find((p) => p.index >= i)!;
            ctx.report({ messageId: 'publish', offsets: [use.node.start, use.node.end], data: { job: job.id, how: use.how, publisher: publisher.what, fix } });
          } else if (jobRelease.length && (dedicated || producesOutput(wf, job, all, i))) {
            ctx.report({ messageId: 'release', severity: 'medium', offsets: [use.node.start, use.node.end], data: { job: job.id, how: use.how, trigger: jobRelease.join(', '), fix } });
          }
        }
      }
    }
  },
};

/** How to turn caching off in the action a step uses. */
function fixFor(uses: string): string {
  const path = uses.split('@')[0].toLowerCase();
  const fixes: Record<string, string> = {
    'actions/cache': 'drop the step, or `lookup-only: true`',
    'actions/cache/restore': 'drop the step, or `lookup-only: true`',
    'swatinem/rust-cache': 'drop the step, or `lookup-only: true`',
    'actions/setup-go': '`cache: false`',
    'actions/setup-node': 'remove `cache:` and set `package-manager-cache: false`',
    'actions/setup-java': 'remove `cache:`',
    'actions/setup-python': 'remove `cache:`',
    'graalvm/setup-graalvm': 'remove `cache:`',
    'actions/setup-dotnet': '`cache: false`',
    'astral-sh/setup-uv': '`enable-cache: false`',
    'ruby/setup-ruby': '`bundler-cache: false`',
    'pyo3/maturin-action': '`sccache: false`',
    'actions-rust-lang/setup-rust-toolchain': '`cache: false`',
    'jdx/mise-action': '`cache: false`',
    'mlugg/setup-zig': '`use-cache: false`',
    'determinatesystems/magic-nix-cache-action': '`use-gha-cache: false`',
    'oven-sh/setup-bun': '`no-cache: true`',
    'gradle/actions/setup-gradle': '`cache-disabled: true`',
    'gradle/gradle-build-action': '`cache-disabled: true`',
    'ramsey/composer-install': '`ignore-cache: true`',
    'docker/build-push-action': 'drop `cache-from: type=gha`',
  };
  return fixes[path] ?? 'remove the caching step';
}

export default rule;
