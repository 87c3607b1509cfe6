import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../src/engine/scan.js';
import pack from '../../rules/repository/index.js';
import { identifyLicence } from '../../rules/repository/licences.js';
import { isEnvFile } from '../../rules/repository/env-file-committed.js';
import { uncoveredSecrets } from '../../rules/repository/gitignore-secrets.js';

describe('licence identification', () => {
  const cases: [string, string, string][] = [
    ['Apache', 'Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/', 'Apache-2.0'],
    ['GPL-3', 'GNU GENERAL PUBLIC LICENSE\n   Version 3, 29 June 2007\n', 'GPL-3.0'],
    ['GPL-2', 'GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n', 'GPL-2.0'],
    ['LGPL-3', 'GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n', 'LGPL-3.0'],
    ['AGPL', 'GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007', 'AGPL-3.0'],
    ['BSD-3', 'Redistribution and use in source and binary forms, with or without\nmodification, are permitted provided that ... Neither the name of the copyright holder nor the names of its contributors may be used to endorse or promote products derived from this software', 'BSD-3-Clause'],
    ['BSD-2', 'Redistribution and use in source and binary forms, with or without modification, are permitted provided that the following conditions are met:\n1. Redistributions of source code must retain the above copyright notice', 'BSD-2-Clause'],
    ['MPL', 'Mozilla Public License Version 2.0\n==================================', 'MPL-2.0'],
    ['EUPL', 'EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union 2007, 2016', 'EUPL-1.2'],
    ['ISC', 'ISC License\n\nPermission to use, copy, modify, and/or distribute this software for any\npurpose with or without fee is hereby granted, provided that the above\ncopyright notice and this permission notice appear in all copies.', 'ISC'],
    ['Unlicense', 'This is free and unencumbered software released into the public domain.', 'Unlicense'],
    ['MIT markdown', '# MIT License\n\n**Permission is hereby granted, free of charge, to any person obtaining a copy**', 'MIT'],
    ['SPDX', '// SPDX-License-Identifier: (MIT OR Apache-2.0)\n', 'MIT'],
    ['MIT, one phrase in bold', 'MIT License\n\n**Permission is hereby granted**, free of charge, to any person obtaining a copy', 'MIT'],
    ['Artistic-2.0', '# The Artistic License 2.0\n\nCopyright (c) 2000-2006, The Perl Foundation.', 'Artistic-2.0'],
    ['BlueOak', '# Blue Oak Model License\n\nVersion 1.0.0\n\n## Purpose', 'BlueOak-1.0.0'],
    ['Python', 'PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2\n--------------------------------------------\nAll Rights Reserved', 'Python-2.0'],
    ['EPL-1.0', 'Eclipse Public License - v 1.0\n\nTHE ACCOMPANYING PROGRAM IS PROVIDED UNDER THE TERMS OF THIS ECLIPSE PUBLIC LICENSE', 'EPL-1.0'],
    ['OFL', 'This Font Software is licensed under the SIL Open Font License, Version 1.1.', 'OFL-1.1'],
  ];
  it.each(cases)('%s', (_n, text, id) => {
    const r = identifyLicence(text);
    expect(r.found.map((f) => f.id)).toContain(id);
    expect(r.found.find((f) => f.id === id)?.cls).toBe('osi');
  });
  it('classifies content, public-domain and non-open licences', () => {
    expect(identifyLicence('Open Government Licence v3.0').found[0]).toEqual({ id: 'OGL-UK-3.0', cls: 'content' });
    expect(identifyLicence('CC0 1.0 Universal').found[0].cls).toBe('public-domain');
    expect(identifyLicence('All advertising materials mentioning features or use of this software ... Redistribution and use in source and binary forms').found[0]).toEqual({ id: 'BSD-4-Clause', cls: 'not-open' });
    expect(identifyLicence('SPDX-License-Identifier: CC-BY-NC-SA-4.0').found[0].cls).toBe('not-open');
    expect(identifyLicence('Copyright 2020 Council. All rights reserved.').proprietary).toBe(true);
    expect(identifyLicence('Some words').found).toEqual([]);
  });
  it('classifies source-available licences as not open, even when they name an open one', () => {
    for (const [text, id] of [
      ['Business Source License 1.1\n\nChange License: Apache License, Version 2.0\nLicensed under the Apache License, Version 2.0 after the Change Date', 'BUSL-1.1'],
      ['Server Side Public License\nVERSION 1, OCTOBER 16, 2018', 'SSPL-1.0'],
      ['Elastic License 2.0\n\n## Acceptance', 'Elastic-2.0'],
      ['\u201cCommons Clause\u201d License Condition v1.0\n\nLicense: MIT\n\nPermission is hereby granted, free of charge, to any person obtaining a copy', 'Commons-Clause'],
    ]) {
      const r = identifyLicence(text);
      expect(r.found.map((f) => f.id), id).toContain(id);
      expect(r.found.some((f) => f.cls === 'osi'), id).toBe(false);
    }
  });
});

describe('helpers', () => {
  it('isEnvFile', () => {
    for (const p of ['.env', 'app/.env', '.env.local', '.env.production', 'config/prod.env']) expect(isEnvFile(p), p).toBe(true);
    for (const p of ['.env.example', '.env.sample', '.env.template', '.env.dist', '.envrc', '.env.vault', 'example.env', 'env.ts', 'environment.yml', '.env.local.example']) expect(isEnvFile(p), p).toBe(false);
  });
  it('uncoveredSecrets', () => {
    expect(uncoveredSecrets('.env\n*.key\n')).toEqual([]);
    expect(uncoveredSecrets('*.env\n*.pem\n')).toEqual([]);
    expect(uncoveredSecrets('.env*\n!.env.example\n')).toEqual(['*.pem / *.key']);
    expect(uncoveredSecrets('node_modules\n')).toEqual(['.env', '*.pem / *.key']);
  });
});

describe('repository rules on whole repositories', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'saltire-repo-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (files: Record<string, string | Uint8Array>, base = root) => {
    for (const [p, c] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(base, p)), { recursive: true });
      writeFileSync(path.join(base, p), c);
    }
  };
  const run = async (dir = root) => {
    const r = await scan({ targets: [dir], cwd: dir, packs: [pack], config: { config: {}, hash: 't' }, gitignore: false, maxFileSize: 5 * 1024 * 1024, today: '2026-01-01' });
    return r;
  };
  const ids = (r: Awaited<ReturnType<typeof run>>) => r.findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}`).sort();

  it('a content licence is right for a repository of data or documents only, and reported once it holds code', async () => {
    write({ 'README.md': '# Open data\n', LICENSE: 'Open Government Licence v3.0\n', 'data/schools.csv': 'name,pupils\nA,1\n', 'docs/guide.md': '# Guide\n', 'tests/check.py': 'print(1)\n' });
    expect((await run()).findings.filter((f) => f.ruleId === 'repository/licence-not-open-source')).toEqual([]);
    write({ 'scripts/build.py': 'print(1)\n' });
    expect((await run()).findings.filter((f) => f.ruleId === 'repository/licence-not-open-source').map((f) => f.messageId)).toEqual(['content']);
  });

  it('reads the licence texts of the REUSE layout (LICENSES/<SPDX id>.txt), by their text and by their name', async () => {
    const licence = async () => (await run()).findings.filter((f) => f.ruleId.startsWith('repository/licence')).map((f) => `${f.file} ${f.messageId}`);
    write({ 'README.md': '# Service\n', 'src/app.py': 'print(1)\n', 'LICENSES/CC-BY-4.0.txt': 'Attribution 4.0 International\n' });
    // code under a content licence alone: reported on that licence text
    expect(await licence()).toEqual(['LICENSES/CC-BY-4.0.txt content']);
    // an OSI licence among them (named by its SPDX id, whatever its text says) settles it
    write({ 'LICENSES/MIT.txt': 'The licence text.\n' });
    expect(await licence()).toEqual([]);
    rmSync(path.join(root, 'LICENSES'), { recursive: true });
    write({ 'LICENSES/LicenseRef-Proprietary.txt': 'Internal use.\n' });
    expect(await licence()).toEqual(['LICENSES/LicenseRef-Proprietary.txt notOpen']);
  });

  it('a complete repository is clean', async () => {
    write({
      'README.md': '# Service\n\n[Accessibility statement](/accessibility-statement)\n',
      LICENSE: 'Permission is hereby granted, free of charge, to any person obtaining a copy',
      'SECURITY.md': '# Security\n',
      '.github/CODEOWNERS': '* @org/team\n',
      'CONTRIBUTING.md': '# Contributing\n',
      '.github/dependabot.yml': 'version: 2\nupdates: []\n',
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
      '.gitignore': '.env\n*.pem\n',
      'publiccode.yml': 'publiccodeYmlVersion: "0.4"\n',
      'package.json': '{"name":"x"}\n',
      'app/views/index.njk': '<h1>Hi</h1>\n',
    });
    expect(ids(await run())).toEqual([]);
  });

  it('an empty-ish repository: missing files are reported on the README, once each', async () => {
    write({ 'README.md': '# x\n', 'src/app.py': 'print(1)\n', 'requirements.txt': 'flask==3.0.0\n' });
    const r = await run();
    expect(ids(r)).toEqual(
      [
        'codeowners-missing',
        'contributing-missing',
        'ci-missing',
        'dependency-update-tool-missing',
        'gitignore-secrets',
        'licence-missing',
        'publiccode-missing',
        'security-policy-missing',
      ].map((x) => `README.md:1 repository/${x}`).sort(),
    );
    expect(r.findings.find((f) => f.ruleId === 'repository/dependency-update-tool-missing')?.message).toContain('requirements.txt');
    expect(r.findings.find((f) => f.ruleId === 'repository/gitignore-secrets')?.messageId).toBe('noGitignore');
  });

  it('without a README, the first file scanned is the anchor; no code means no CI or update-tool finding', async () => {
    write({ 'LICENSE': 'Permission is hereby granted, free of charge, to any person obtaining a copy', 'notes.txt': 'hello\n' });
    const r = await run();
    expect(ids(r)).toContain('LICENSE:1 repository/readme-missing');
    expect(ids(r).some((x) => x.includes('ci-missing') || x.includes('dependency-update-tool-missing') || x.includes('accessibility'))).toBe(false);
  });

  it('the anchor skips binary files that the engine cannot read', async () => {
    write({ 'a.bin': '\0\0\0binary', 'b.txt': 'text\n' });
    const r = await run();
    expect(r.findings.filter((f) => f.ruleId === 'repository/readme-missing').map((f) => f.file)).toEqual(['b.txt']);
  });

  it('does not run on a sub-folder of a Git working tree', async () => {
    mkdirSync(path.join(root, '.git'));
    write({ 'service/src/app.js': 'x\n', 'service/src/util.js': 'y\n', 'service/src/.env': 'API_TOKEN=abcdef123456\n' });
    const r = await run(path.join(root, 'service/src'));
    expect(r.findings).toEqual([]);
    expect(r.notices.some((n) => n.message.includes('sub-folder of a Git repository'))).toBe(true);
    // the repository root itself is scanned
    const whole = await run();
    expect(whole.findings.some((f) => f.ruleId === 'repository/env-file-committed')).toBe(true);
  });

  it('redacts committed .env values from messages and evidence', async () => {
    write({ 'README.md': '#\n', '.env': 'DB_PASSWORD=Sup3r-Secret-Value\n' });
    const r = await run();
    const f = r.findings.find((x) => x.ruleId === 'repository/env-file-committed');
    expect(f?.messageId).toBe('secret');
    expect(JSON.stringify(f)).not.toContain('Sup3r-Secret-Value');
  });

  it('a web front end with a Welsh statement link or a statement page passes', async () => {
    write({ 'README.md': '#\n', 'app/views/layout.njk': '<a href="/datganiad-hygyrchedd">Datganiad hygyrchedd</a>\n' });
    expect(ids(await run()).some((x) => x.includes('accessibility'))).toBe(false);
    rmSync(path.join(root, 'app'), { recursive: true });
    write({ 'src/pages/Home.tsx': 'export const Home = () => <main />;\n' });
    expect(ids(await run())).toContain('README.md:1 repository/accessibility-statement-missing');
    write({ 'src/pages/AccessibilityStatement.tsx': 'export const A = () => <main />;\n' });
    expect(ids(await run()).some((x) => x.includes('accessibility'))).toBe(false);
  });

  // Where other tools and the platforms look (OpenSSF Scorecard, licensee, GitHub's documentation, Renovate,
  // Scala Steward, the CI services): [rule, files besides a README and some code, reported?]
  const ELF = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0]);
  const JAR = new Uint8Array([0x50, 0x4b, 3, 4, 0x14, 0, 8, 8, 8, 0, 0, 0, 0, 0, 0, 0]);
  const MIT = 'Permission is hereby granted, free of charge, to any person obtaining a copy of this software';
  const deps = { 'package.json': '{"name":"x","dependencies":{"express":"4.21.0"}}\n' };
  const workflow = (step: string) => `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ${step}\n`;
  const layouts: [string, string, Record<string, string | Uint8Array>, boolean][] = [
    ['licence-missing', 'a licence named after its licence (MIT-LICENSE)', { 'MIT-LICENSE': MIT }, false],
    ['licence-missing', 'GPL-2.0-LICENSE.txt', { 'GPL-2.0-LICENSE.txt': 'GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n' }, false],
    ['licence-missing', 'a COPYRIGHT file holding the licence', { COPYRIGHT: `Copyright (c) 2024 Example Council\n\n${MIT}\n` }, false],
    ['licence-missing', 'the SIL Open Font License as OFL.txt', { 'OFL.txt': 'SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n' }, false],
    ['licence-missing', 'a COPYRIGHT file with only a notice', { COPYRIGHT: 'Copyright (c) 2024 Example Council\n' }, true],
    ['licence-missing', 'a PATENTS grant only', { PATENTS: 'Additional Grant of Patent Rights Version 2\n' }, true],
    ['licence-missing', 'license.go (code)', { 'license.go': 'package license\n' }, true],
    ['security-policy-missing', 'doc/SECURITY.rst (Sphinx)', { 'doc/SECURITY.rst': 'Security\n========\n' }, false],
    ['security-policy-missing', 'a policy in src/', { 'src/SECURITY.md': '# Security\n' }, true],
    ['readme-missing', 'docs/README.md only', { 'docs/README.md': '# Service\n' }, false],
    ['readme-missing', 'src/README.md only', { 'src/README.md': '# Source\n' }, true],
    ['dependency-update-tool-missing', 'Renovate on Gitea', { ...deps, '.gitea/renovate.json': '{}\n' }, false],
    ['dependency-update-tool-missing', 'Scala Steward', { ...deps, '.github/.scala-steward.conf': 'updates.limit = 5\n' }, false],
    ['dependency-update-tool-missing', 'package.json "renovate" key', { 'package.json': '{"name":"x","dependencies":{"express":"4.21.0"},"renovate":{"extends":["config:recommended"]}}\n' }, false],
    ['dependency-update-tool-missing', 'a renovate dependency is no configuration', { 'package.json': '{"name":"x","devDependencies":{"renovate":"39.0.0"}}\n' }, true],
    ['ci-missing', 'Cirrus CI', { '.cirrus.yml': 'task:\n  script: make test\n' }, false],
    ['ci-missing', 'Forgejo Actions', { '.forgejo/workflows/ci.yaml': 'on: push\n' }, false],
    ['ci-missing', 'sourcehut builds', { '.builds/debian.yml': 'image: debian/stable\n' }, false],
    ['ci-missing', '.appveyor.yml', { '.appveyor.yml': 'build_script: make\n' }, false],
    ['ci-missing', 'a workflow in a sub-folder GitHub does not run', { '.github/workflows/old/ci.yml': 'on: push\n' }, true],
    ['binary-artifact', 'an executable without an extension (ELF)', { 'bin/server': ELF }, true],
    ['binary-artifact', 'a text linker script named .so', { 'lib/libc.so': '/* GNU ld script */\nGROUP ( libc.so.6 )\n' }, false],
    ['binary-artifact', 'a Git LFS pointer to a jar', { 'lib/tool.jar': 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 12345\n' }, true],
    ['binary-artifact', 'a Gradle wrapper validated by gradle/actions/wrapper-validation', { 'gradle/wrapper/gradle-wrapper.jar': JAR, '.github/workflows/gradle.yml': workflow('gradle/actions/wrapper-validation@v4') }, false],
    ['binary-artifact', 'a Gradle wrapper validated by setup-gradle v4', { 'gradle/wrapper/gradle-wrapper.jar': JAR, '.github/workflows/gradle.yml': workflow('gradle/actions/setup-gradle@v4') }, false],
    ['binary-artifact', 'a Gradle wrapper with setup-gradle v3 (no validation)', { 'gradle/wrapper/gradle-wrapper.jar': JAR, '.github/workflows/gradle.yml': workflow('gradle/actions/setup-gradle@v3') }, true],
    ['binary-artifact', 'a Gradle wrapper with validation turned off', { 'gradle/wrapper/gradle-wrapper.jar': JAR, '.github/workflows/gradle.yml': `${workflow('gradle/actions/setup-gradle@v4')}        with:\n          validate-wrappers: false\n` }, true],
  ];
  it.each(layouts)('%s: %s', async (rule, _what, files, reported) => {
    write({ ...(rule === 'readme-missing' ? { LICENSE: MIT } : { 'README.md': '# Service\n' }), 'src/app.py': 'print(1)\n', ...files });
    expect((await run()).findings.some((f) => f.ruleId === `repository/${rule}`)).toBe(reported);
  });
});
