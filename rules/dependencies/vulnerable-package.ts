import type { Rule } from '../../src/model/rule.js';
import type { Severity } from '../../src/model/severity.js';
import { SUPPLY_CHAIN, advisoriesOf, advisoryFields, lineRange, oneLower } from './lib.js';

/** A locked package version that an OSV advisory (GHSA, PYSEC, GO, RUSTSEC, …) says is vulnerable. */
const rule: Rule = {
  meta: {
    id: 'dependencies/vulnerable-package',
    title: 'Dependency with a known vulnerability',
    description:
      'A package version pinned in a lockfile is affected by a published vulnerability advisory. Lockfiles read: package-lock.json (v1–v3) and npm-shrinkwrap.json, yarn.lock (classic and berry), pnpm-lock.yaml, bun.lock, requirements*.txt (pinned), poetry.lock, Pipfile.lock, uv.lock, pdm.lock, pylock.toml (PEP 751), go.mod, Cargo.lock, Gemfile.lock, composer.lock, gradle.lockfile (and Gradle 4.8–5\'s gradle/dependency-locks/*.lockfile), NuGet\'s packages.lock.json, pom.xml (a manifest, not a lockfile: only the versions it writes itself, directly or through its own properties, are read; versions from a parent POM or BOM, and transitive dependencies, need Maven and are not seen; the build\'s own modules, at the project\'s version, are not registry packages) and, likewise as manifests, .NET\'s packages.config and the PackageReferences of *.csproj, *.fsproj and *.vbproj project files (exact versions only, written in the project, through its own properties or by the nearest Directory.Packages.props under Central Package Management, VersionOverride first; floating versions such as 1.2.* and ranges are not guessed, transitive packages need dotnet restore, and a project with a packages.lock.json beside it is read from the lock file instead). Known vulnerabilities in dependencies are among the most exploited weaknesses in web services, because the advisory itself tells attackers what to look for. Saltire checks every locked version offline against the OSV database (GitHub Advisory Database, PyPA, Go, RustSec, RubyGems, Maven, NuGet and others), evaluating the advisory ranges in each ecosystem\'s own version ordering. Advisories that describe the same vulnerability are reported together; the severity is the advisory\'s (from its CVSS v3 base score, else the database\'s rating). Development-only dependencies are reported one severity lower and say "(dev dependency)" (a yarn.lock does not record which they are: they are worked out from the package.json of the project and of its workspaces; in a bun.lock, from the workspaces\' devDependencies; in a uv.lock, from the packages the project\'s members reach only through their dev-dependency groups or their extras named for development tools (dev, test, docs, lint…); in a pdm.lock, from the packages in none of the default and optional-dependency groups (extras named for development tools aside), which are told apart with the pyproject.toml beside it; in a gradle.lockfile, from the modules that only test configurations, Android\'s debug and lint configurations and build tools\' configurations (annotation processors, the Kotlin compiler, code quality and coverage plugins) resolve, and every module of a buildscript-gradle.lockfile (the build\'s own plugin classpath); in a NuGet packages.lock.json, every package of a test project\'s lock file, one that references a test runner such as Microsoft.NET.Test.Sdk directly; in a packages.config, the packages marked developmentDependency; in a project file, PrivateAssets="all" references such as analyzers, and every package of a test project, one that references a test SDK or framework such as Microsoft.NET.Test.Sdk, xunit, NUnit or MSTest). Linked, workspace, local-path and git packages are not matched against registry advisories.',
    severity: 'high',
    kinds: ['lockfile'],
    messages: {
      vulnerable: '{{name}} {{version}}{{dev}} is affected by {{ids}}: {{summary}} (severity {{advisorySeverity}}{{cvss}}). Upgrade to {{fixed}} or later and regenerate the lockfile.',
      noFix: '{{name}} {{version}}{{dev}} is affected by {{ids}}: {{summary}} (severity {{advisorySeverity}}{{cvss}}); no fixed version is recorded. Replace or remove the package, or record why the risk is accepted.',
    },
    remediation:
      'Upgrade the package to the fixed version named in the finding (for a transitive dependency, upgrade the package that requires it, or use npm `overrides`, yarn `resolutions`, pnpm `overrides` or a constraint), regenerate the lockfile and commit it. Keep the advisory database current with `saltire db update`.',
    references: [
      'https://osv.dev/',
      'https://ossf.github.io/osv-schema/',
      'https://github.com/advisories',
      'https://owasp.org/Top10/A06_2021-Vulnerable_and_Outdated_Components/',
      'https://www.ncsc.gov.uk/collection/supply-chain-security',
    ],
    standards: { ...SUPPLY_CHAIN, cwe: ['CWE-1104', 'CWE-937'] },
    equivalents: { scorecard: ['Vulnerabilities'] },
    security: true,
    since: '0.1.0',
    defaultOptions: {},
  },
  async check(ctx) {
    const found = await advisoriesOf(ctx);
    if (!found) return;
    for (const { pkg, match } of found) {
      if (match.malicious) continue; // dependencies/malicious-package
      const advisory: Severity = match.severity ?? 'medium';
      const severity = pkg.dev ? oneLower(advisory) : advisory;
      const a = advisoryFields(match);
      ctx.report({
        messageId: a.messageId,
        range: lineRange(ctx, pkg.line),
        severity,
        data: { name: pkg.name, version: pkg.version, dev: pkg.dev ? ' (dev dependency)' : '', ...a.data },
        properties: { ecosystem: pkg.ecosystem, package: pkg.name, version: pkg.version, ...a.properties, dev: !!pkg.dev },
      });
    }
  },
};

export default rule;
