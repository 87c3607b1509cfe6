import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { loadPacks } from '../../src/packs/load.js';
import { githubActionsRules } from '../../rules/iac/github-actions/index.js';
import { tempTree } from '../support/cli.js';

const [iac] = await loadPacks(['iac'], process.cwd());
const gha = iac.rules.filter((r) => r.meta.id.startsWith('iac/gha-'));

async function findings(files: Record<string, string>): Promise<string[]> {
  const dir = tempTree(files);
  const result = await scan({ targets: [dir], cwd: dir, packs: [{ ...iac, rules: gha }], config: { config: {}, hash: 'test' }, gitignore: false, maxFileSize: 5 * 1024 * 1024, today: '2026-01-01' });
  return result.findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId} ${f.messageId}`).sort();
}

describe('GitHub Action metadata (action.yml)', () => {
  it('runs the step-level rules on action files, and the workflow-only rules (permissions, triggers, runners) on workflows alone', () => {
    const onActions = githubActionsRules.filter((r) => r.meta.kinds.includes('github-action')).map((r) => r.meta.id).sort();
    expect(onActions).toEqual([
      'iac/gha-always-true-condition',
      'iac/gha-archived-action',
      'iac/gha-checkout-persist-credentials',
      'iac/gha-curl-pipe-shell',
      'iac/gha-github-env-injection',
      'iac/gha-known-vulnerable-action',
      'iac/gha-obfuscation',
      'iac/gha-reverse-shell',
      'iac/gha-template-injection',
      'iac/gha-unpinned-action',
      'iac/gha-unsecure-commands',
      'iac/gha-unsound-contains',
      'iac/gha-use-trusted-publishing',
    ]);
    for (const r of githubActionsRules) expect(r.meta.kinds).toContain('github-workflow');
  });

  it('checks a composite action as a reusable workflow: any event may fill a context, its inputs are not judged', async () => {
    const action = [
      'name: notes',
      'description: x',
      'runs:',
      '  using: composite',
      '  steps:',
      '    - shell: bash',
      '      run: echo "${{ github.event.head_commit.message }} ${{ inputs.title }}"',
      '    - uses: some-org/tool@v1',
      '',
    ].join('\n');
    expect(await findings({ '.github/actions/notes/action.yml': action })).toEqual([
      '.github/actions/notes/action.yml:7 iac/gha-template-injection run',
      '.github/actions/notes/action.yml:8 iac/gha-unpinned-action tag',
    ]);
  });

  it('reads neither steps of a JavaScript or Dockerfile action nor a file named action.yml that is not action metadata', async () => {
    const notMetadata = 'name: x\njobs: {}\nsteps:\n  - uses: some-org/tool@v1\n    run: echo "${{ github.event.issue.title }}"\n';
    expect(
      await findings({
        'action.yml': 'name: js\ndescription: x\nruns:\n  using: node20\n  main: dist/index.js\n  steps:\n    - uses: some-org/tool@v1\n',
        'docker/action.yml': "name: d\ndescription: x\nruns:\n  using: docker\n  image: Dockerfile\n  args: ['${{ github.event.issue.title }}']\n",
        'other/action.yaml': notMetadata,
      }),
    ).toEqual([]);
  });

  it('leaves workflow findings as they were when an action sits beside the workflow', async () => {
    const wf = 'on: push\npermissions: {}\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some-org/tool@v1\n';
    const action = 'name: a\ndescription: x\nruns:\n  using: composite\n  steps:\n    - uses: ./.github/actions/other\n';
    expect(await findings({ '.github/workflows/ci.yml': wf, '.github/actions/a/action.yml': action })).toEqual(['.github/workflows/ci.yml:7 iac/gha-unpinned-action tag']);
  });
});
