import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { loadPacks } from '../../src/packs/load.js';
import { tempTree } from '../support/cli.js';

const [iac] = await loadPacks(['iac'], process.cwd());
const rules = iac.rules.filter((r) => r.meta.id === 'iac/gha-cache-poisoning');

async function findings(files: Record<string, string>): Promise<string[]> {
  const dir = tempTree(files);
  const result = await scan({ targets: [dir], cwd: dir, packs: [{ ...iac, rules }], config: { config: {}, hash: 'test' }, gitignore: false, maxFileSize: 5 * 1024 * 1024, today: '2026-01-01' });
  return result.findings.map((f) => `${f.range.start.line} ${f.messageId}`).sort();
}

/** A push-to-main workflow whose one job restores the cache with actions/cache, then runs `script`. */
function mainJob(script: string, extra = ''): Record<string, string> {
  const wf = ['on:', '  push:', '    branches: [main]', 'jobs:', '  ship:', '    runs-on: ubuntu-latest', extra, '    steps:', '      - uses: actions/cache@v4', '        with: { path: ~/.npm, key: npm }', '      - run: |', ...script.split('\n').map((l) => `          ${l}`), ''];
  return { '.github/workflows/ship.yml': wf.filter((l) => l !== '').join('\n') + '\n' };
}

describe('iac/gha-cache-poisoning', () => {
  it('recognises publishing commands at a command position, with environment assignments before them', async () => {
    for (const cmd of ['npm publish', 'NODE_AUTH_TOKEN="$T" npm publish --access public', 'make dist && twine upload dist/*', 'python -m twine upload dist/*', 'uv publish', 'cargo publish', 'gem push pkg/x.gem', 'docker push ghcr.io/o/x', 'docker buildx build --push -t ghcr.io/o/x .', 'gh release create v1 dist/*', 'dotnet nuget push x.nupkg', './gradlew publish', 'mvn -B deploy']) {
      expect(await findings(mainJob(cmd)), cmd).toEqual(['8 publish']);
    }
  });

  it('does not take dry runs, local publishing or prose for publishing', async () => {
    for (const cmd of ['npm publish --dry-run', 'cargo publish --dry-run', './gradlew publishToMavenLocal', 'echo "then run npm publish"', 'npm run publish-docs-preview']) {
      expect(await findings(mainJob(cmd)), cmd).toEqual([]);
    }
  });

  it('lets a job cache-mode override the workflow one', async () => {
    const none = mainJob('npm publish', '    cache-mode: none');
    expect(await findings(none)).toEqual([]);
    const writeOnly = mainJob('npm publish', '    cache-mode: write-only');
    expect(await findings(writeOnly)).toEqual([]);
    const read = mainJob('npm publish', '    cache-mode: read');
    expect(await findings(read)).toEqual(['9 publish']);
  });

  it('reads setup-node v5+ automatic caching from the repository package.json', async () => {
    const wf = ['on: release', 'jobs:', '  npm:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/setup-node@v6', '      - run: npm publish', ''].join('\n');
    expect(await findings({ '.github/workflows/r.yml': wf, 'package.json': '{"packageManager": "npm@10.9.0"}' })).toEqual(['6 publish']);
    expect(await findings({ '.github/workflows/r.yml': wf, 'package.json': '{"devEngines": {"packageManager": {"name": "npm"}}}' })).toEqual(['6 publish']);
    expect(await findings({ '.github/workflows/r.yml': wf, 'package.json': '{"packageManager": "pnpm@9.0.0"}' })).toEqual([]);
    expect(await findings({ '.github/workflows/r.yml': wf })).toEqual([]);
  });
});
