import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { PACKAGE_VERSION } from '../paths.js';
import { FORMAT_NAMES } from '../reporters/index.js';
import { STANDARD_IDS } from '../standards/catalogue.js';

// each command's module (and what it needs: packs, parsers, octokit) is loaded when it runs
const scanModule = () => import('./scan-command.js');
const infoModule = () => import('./info-commands.js');
const resultModule = () => import('./result-commands.js');
const dbModule = () => import('./db-command.js');

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function addScanOptions(cmd: Command): Command {
  return cmd
    .option('--packs <names>', 'comma-separated packs to run (built-in names, ./folders or npm packages)')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: critical|high|medium|low|info|none (default: high)')
    .option('--config <file>', 'configuration file (default: saltire.config.yaml found upward from the target)')
    .option('--changed-since <git-ref>', 'only check files changed since this git ref')
    .option('--no-gitignore', 'scan files that .gitignore excludes')
    .option('--max-file-size <bytes>', 'skip files larger than this (default 5mb)')
    .option('--quiet', 'no progress indicator and no notices')
    .option('--shard <i/n>', 'check only a deterministic share of the files (for CI matrices; merge the results with saltire merge)')
    .option('--osv-db <dir|zip>', 'OSV advisory database (default: the `saltire db update` cache)')
    .option('--jobs <n>', 'worker threads (default: one per core, at most 8, on machines with 4 or more cores and 400 or more files to check; 0 checks in one thread)')
    .option('--no-cache', 'do not read or write the result cache')
    .option('--cache-dir <dir>', 'result cache folder (default $SALTIRE_CACHE_DIR, else $XDG_CACHE_HOME/saltire/results, else ~/.cache/saltire/results)')
    .option('--rule-timeout <seconds>', 'stop a rule that runs longer than this on one file and report saltire/rule-timeout (default 30)')
    .option('--timing', 'print to stderr where the time went: the slowest rules, each parser and each phase of the scan');
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('saltire')
    .description('Secure-by-design compliance scanner for digital public services')
    .version(PACKAGE_VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride();

  addScanOptions(
    program
      .command('scan')
      .description('scan folders and files')
      .argument('[targets...]', 'folders or files to scan, or github:<owner>/<repo>[@ref], or github-org:<org>', [])
      .addOption(new Option('--format <name[=file]>', `output format, repeatable (${FORMAT_NAMES.join(', ')}); =file writes to a file`).argParser(collect))
      .option('--include <globs>', 'github-org: only repositories matching these comma-separated globs')
      .option('--exclude <globs>', 'github-org: leave out repositories matching these globs')
      .option('--archived', 'github-org: include archived repositories')
      .option('--output-dir <dir>', 'github-org: also write one JSON result per repository here')
      .option('--concurrency <n>', 'github-org: repositories scanned at once (default 3)')
      .option('--baseline <file>', 'findings recorded in this baseline do not count for the exit code')
      .option('--standard <id>', `standard the criteria roll-up is framed in: ${STANDARD_IDS.join(', ')} (default dsss-2021)`)
      .option('--render [dir|url]', 'also load pages in headless Chromium and run axe-core (needs chromium): the scanned HTML files, or a folder of built pages, or a loopback/file: URL and the same-origin pages it links to')
      .option('--render-max-pages <n>', `--render <url>: pages to render at most, breadth-first (default 20)`)
      .option('--allow-remote', '--render <url>: also load pages and resources from hosts other than loopback')
      .option('--git-history [range]', `also scan lines added by past commits for secrets (a revision range; default the whole history, at most 1000 commits)`)
      .option('--color', 'force colour')
      .option('--no-color', 'no colour'),
  ).action(async (targets: string[], opts) => setExit(await (await scanModule()).scanCommand(targets, opts)));

  program
    .command('rules')
    .description('list every rule with its id, severity, title and standards')
    .option('--pack <pack>', 'only this pack')
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts) => setExit(await (await infoModule()).rulesCommand(opts)));

  program
    .command('explain')
    .description("a rule's rationale, how to fix, its standards and references")
    .argument('<rule-id>')
    .action(async (id: string) => setExit(await (await infoModule()).explainCommand(id)));

  program
    .command('init')
    .description('write a commented saltire.config.yaml')
    .option('--force', 'overwrite an existing file')
    .action(async (opts) => setExit((await infoModule()).initCommand(opts)));

  addScanOptions(
    program
      .command('baseline')
      .description("record current findings' fingerprints, so only new findings fail the build")
      .argument('[targets...]', 'folders or files to scan', [])
      .option('--output <file>', 'baseline file to write'),
  ).action(async (targets: string[], opts) => setExit(await (await infoModule()).baselineCommand(targets, opts)));

  const db = program.command('db').description('the offline OSV advisory database');
  db.command('update')
    .description('download OSV advisories (<base>/<Ecosystem>/all.zip) into the cache')
    .option('--from <url|zip|dir>', 'base URL, local all.zip, or folder of <Ecosystem>/all.zip (default https://osv-vulnerabilities.storage.googleapis.com)')
    .option('--ecosystems <list>', 'comma-separated: npm,PyPI,Go,crates.io,RubyGems,Packagist,Maven,NuGet (default all)')
    .option('--cache-dir <dir>', 'cache folder (default $XDG_CACHE_HOME/saltire/osv or ~/.cache/saltire/osv)')
    .action(async (opts) => setExit(await (await dbModule()).dbUpdateCommand(opts)));
  db.command('status')
    .description('where the OSV database is and how old it is')
    .option('--cache-dir <dir>', 'cache folder')
    .action(async (opts) => setExit(await (await dbModule()).dbStatusCommand(opts)));

  program
    .command('report')
    .description('re-render a saved JSON result in other formats, without rescanning')
    .argument('<result.json>')
    .addOption(new Option('--format <name[=file]>', 'output format, repeatable').argParser(collect))
    .option('--standard <id>', `frame the criteria in: ${STANDARD_IDS.join(', ')}`)
    .action(async (file: string, opts) => setExit(await (await resultModule()).reportCommand(file, opts)));

  program
    .command('diff')
    .description('new, fixed and unchanged findings between two JSON results (by fingerprint)')
    .argument('<old.json>')
    .argument('<new.json>')
    .option('--format <format>', 'text or json', 'text')
    .option('--fail-on <severity>', 'exit 1 when a new finding is at or above this severity (default high)')
    .action(async (a: string, b: string, opts) => setExit((await resultModule()).diffCommand(a, b, opts)));

  program
    .command('merge')
    .description('one result from many (shards, or the repositories of an organisation)')
    .argument('<results...>')
    .addOption(new Option('--format <name[=file]>', 'output format, repeatable (default json)').argParser(collect))
    .option('--standard <id>', `frame the criteria in: ${STANDARD_IDS.join(', ')}`)
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default high)')
    .action(async (files: string[], opts) => setExit(await (await resultModule()).mergeCommand(files, opts)));

  return program;
}

/** Run the CLI; resolves to the process exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage; // commander already printed the one-line reason
    }
    if (e instanceof UsageError) {
      process.stderr.write(`saltire: error: ${e.message}\n`);
      return EXIT.usage;
    }
    const err = e as Error;
    process.stderr.write(`saltire: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.SALTIRE_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    return EXIT.internal;
  }
}
