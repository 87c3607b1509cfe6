/**
 * yarn.lock records no dev flag: dev-only packages are worked out from the manifests through the
 * lockfile's dependency graph, and nothing is tagged when a production dependency cannot be followed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceFromText } from '../../src/engine/source-file.js';
import { parseDocument } from '../../src/parsers/index.js';
import { parseLockfile, type LockfileResult } from '../../src/lockfiles/index.js';
import { tagYarnDevOnly, type Manifest } from '../../src/lockfiles/dev-only.js';
import { scan } from '../../src/engine/scan.js';
import { loadPacks } from '../../src/packs/load.js';
import { fromRoot } from '../../src/paths.js';

async function parse(text: string): Promise<LockfileResult> {
  const file = sourceFromText('yarn.lock', 'yarn.lock', 'lockfile', text);
  return parseLockfile(file, (await parseDocument(file)).document);
}
const devOnes = (r: LockfileResult) => r.packages.filter((p) => p.dev).map((p) => `${p.name}@${p.version}`);

// express needs debug; jest (dev) needs debug too and chalk; chalk is only reached from jest
const CLASSIC = `# yarn lockfile v1


chalk@^4.0.0:
  version "4.1.2"
  resolved "https://registry.yarnpkg.com/chalk/-/chalk-4.1.2.tgz"
  dependencies:
    ansi-styles "^4.1.0"

ansi-styles@^4.1.0:
  version "4.3.0"

debug@^4.3.0, debug@^4.3.4:
  version "4.3.4"
  dependencies:
    ms "2.1.2"
  optionalDependencies:
    supports-color "^7.0.0"

express@^4.18.0:
  version "4.18.2"
  dependencies:
    debug "^4.3.4"

jest@^29.0.0:
  version "29.7.0"
  dependencies:
    chalk "^4.0.0"
    debug "^4.3.0"

ms@2.1.2:
  version "2.1.2"

supports-color@^7.0.0:
  version "7.2.0"
`;

const BERRY = `__metadata:
  version: 8
  cacheKey: 10c0

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  dependencies:
    lib: "workspace:packages/lib"
    typescript: "npm:^5.4.0"
  languageName: unknown
  linkType: soft

"lib@workspace:packages/lib":
  version: 0.0.0-use.local
  resolution: "lib@workspace:packages/lib"
  dependencies:
    lodash: "npm:^4.17.21"
    vitest: "npm:^2.0.0"
  languageName: unknown
  linkType: soft

"lodash@npm:^4.17.21":
  version: 4.17.21
  resolution: "lodash@npm:4.17.21"
  languageName: node
  linkType: hard

"typescript@npm:^5.4.0":
  version: 5.4.5
  resolution: "typescript@npm:5.4.5"
  languageName: node
  linkType: hard

"vitest@npm:^2.0.0":
  version: 2.1.0
  resolution: "vitest@npm:2.1.0"
  dependencies:
    lodash: "npm:^4.17.21"
  languageName: node
  linkType: hard
`;

describe('yarn.lock dev-only packages, from the manifests', () => {
  it('classic: reached only from devDependencies is dev; shared with production is not', async () => {
    const lock = await parse(CLASSIC);
    expect(lock.graph?.find((g) => g.specs.includes('debug@^4.3.4'))?.deps).toEqual([
      ['ms', '2.1.2'],
      ['supports-color', '^7.0.0'],
    ]);
    expect(tagYarnDevOnly(lock, [{ dependencies: { express: '^4.18.0' }, devDependencies: { jest: '^29.0.0' } }])).toBe(true);
    expect(devOnes(lock).sort()).toEqual(['ansi-styles@4.3.0', 'chalk@4.1.2', 'jest@29.7.0']);
  });

  it('classic: a production dependency missing from the lockfile tags nothing', async () => {
    const lock = await parse(CLASSIC);
    expect(tagYarnDevOnly(lock, [{ dependencies: { express: '^4.18.0', left: '^1.0.0' }, devDependencies: { jest: '^29.0.0' } }])).toBe(false);
    expect(devOnes(lock)).toEqual([]);
  });

  it('classic: a dependency both in dependencies and devDependencies is production', async () => {
    const lock = await parse(CLASSIC);
    tagYarnDevOnly(lock, [{ dependencies: { express: '^4.18.0', chalk: '^4.0.0' }, devDependencies: { jest: '^29.0.0', chalk: '^4.0.0' } }]);
    expect(devOnes(lock)).toEqual(['jest@29.7.0']);
  });

  it('berry: workspaces are followed through their manifests (the lockfile lists their dev dependencies as dependencies)', async () => {
    const lock = await parse(BERRY);
    const manifests: Manifest[] = [
      { name: 'app', dependencies: { lib: 'workspace:packages/lib' }, devDependencies: { typescript: '^5.4.0' } },
      { name: 'lib', dependencies: { lodash: '^4.17.21' }, devDependencies: { vitest: '^2.0.0' } },
    ];
    expect(tagYarnDevOnly(lock, manifests)).toBe(true);
    expect(devOnes(lock).sort()).toEqual(['typescript@5.4.5', 'vitest@2.1.0']);
  });

  it('without a manifest nothing is tagged', async () => {
    const lock = await parse(BERRY);
    expect(tagYarnDevOnly(lock, [])).toBe(false);
    expect(devOnes(lock)).toEqual([]);
  });
});

describe('a scan reads the package.json beside yarn.lock and its workspaces', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('a vulnerable dev-only package is one severity lower and says so; the production one is not', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'saltire-yarn-dev-'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, workspaces: ['packages/*'], dependencies: { lodash: '^4.17.15' } }));
    mkdirSync(path.join(dir, 'packages', 'tools'), { recursive: true });
    writeFileSync(path.join(dir, 'packages', 'tools', 'package.json'), JSON.stringify({ name: 'tools', devDependencies: { minimist: '^1.2.5' } }));
    writeFileSync(
      path.join(dir, 'yarn.lock'),
      '# yarn lockfile v1\n\n\nlodash@^4.17.15:\n  version "4.17.15"\n  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.15.tgz"\n\nminimist@^1.2.5:\n  version "1.2.5"\n  resolved "https://registry.yarnpkg.com/minimist/-/minimist-1.2.5.tgz"\n',
    );
    const [pack] = await loadPacks(['dependencies'], process.cwd());
    const rules = Object.fromEntries(pack.rules.map((r) => [r.meta.id, { options: { osvDb: fromRoot('fixtures/dependencies/osv-db') } }]));
    const result = await scan({ targets: [dir], cwd: dir, packs: [pack], config: { config: { rules } as never, hash: 't' }, gitignore: false, maxFileSize: 5 * 1024 * 1024, today: '2026-06-01' });
    const vulns = result.findings.filter((f) => f.ruleId === 'dependencies/vulnerable-package' && f.properties?.package !== undefined);
    expect(vulns.map((f) => `${f.range.start.line} ${f.severity} ${f.properties!.package} dev=${f.properties!.dev}`)).toEqual(
      expect.arrayContaining(['4 high lodash dev=false', '8 high minimist dev=true']),
    );
    expect(vulns.find((f) => f.properties!.package === 'minimist')!.message).toContain('minimist 1.2.5 (dev dependency) is affected by');
  });
});
