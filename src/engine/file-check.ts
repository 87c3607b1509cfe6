import type { Finding, SuppressedFinding } from '../model/finding.js';
import type { ParsedDocument, ParseProblem, SourceFile } from '../model/document.js';
import type { Range } from '../model/location.js';
import type { ReportDescriptor, Rule, RuleContext, RuleMeta } from '../model/rule.js';
import type { Severity } from '../model/severity.js';
import type { ProjectContext } from './project.js';
import { PARSE_ERROR, RULE_ERROR, RULE_TIMEOUT, SUPPRESSION_EXPIRED, SUPPRESSION_INVALID } from './core-rules.js';
import { fingerprintOf } from './fingerprint.js';
import { formatMessage, redact } from './redact.js';
import { covers, findMarkers, type EnclosingBlock, type Marker } from './suppressions.js';
import { structuredSkips } from './structured-skips.js';
import { get, isMap, type DataEntry, type DataNode } from '../parsers/data/tree.js';
import { walkDocument, type Listener } from './walkers.js';
import type { Timing } from './timing.js';
import { documentFeatures, triggered } from './triggers.js';

export interface RuleRun {
  rule: Rule;
  pack: string;
  severity: Severity;
  options: Record<string, unknown>;
}

interface RawFinding {
  meta: RuleMeta;
  pack: string;
  severity: Severity;
  descriptor: ReportDescriptor;
}

export interface CheckOptions {
  /** Called with the rule's id just before any of its code runs on this file (for a watchdog). */
  onRule?: (ruleId: string) => void;
  /** Milliseconds an asynchronous rule may take on one file before it is abandoned as `saltire/rule-timeout`. */
  ruleTimeoutMs?: number;
  /** Rules a watchdog already stopped on this file: reported as `saltire/rule-timeout`, not run again. */
  timedOut?: readonly string[];
  /** `--timing`: each rule's time on this file is added here. */
  timing?: Timing;
}

export interface FileCheckResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  notices: { message: string; level: 'info' | 'warning'; scan?: boolean }[];
}

const MAX_PARSE_FINDINGS = 5;
const EVIDENCE_MAX = 160;

export function helpFor(ruleId: string): string {
  return `saltire explain ${ruleId}`;
}

/**
 * The blocks a comment marker written inside applies to: Terraform blocks, and a CloudFormation
 * template's resources (from the logical id's line to the resource's last line), since Checkov reads
 * a skip comment anywhere in a resource as the whole resource's.
 */
function enclosingBlocksOf(doc: ParsedDocument, file: SourceFile): EnclosingBlock | undefined {
  let blocks: { start: number; end: number }[];
  if (doc.format === 'hcl') blocks = doc.hcl.blocks.map((b) => ({ start: b.range.start.line, end: b.range.end.line }));
  else if (doc.format === 'data' && file.kind === 'cloudformation') {
    blocks = doc.roots.flatMap((root) =>
      entries(get(root, 'Resources')).map(({ key, value }) => ({
        start: file.lines.position(key.start).line,
        // offsets are [start, end): the last character decides the last line
        end: file.lines.position(Math.max(key.start, value.end - 1)).line,
      })),
    );
  } else return undefined;
  return (line) => blocks.find((b) => line >= b.start && line <= b.end);
}

function entries(node: DataNode | undefined): DataEntry[] {
  return isMap(node) ? node.entries : [];
}

const TIMED_OUT = Symbol('timed out');

/**
 * Abandons asynchronous rules that run past their time. One interval timer serves every rule in
 * flight (a scan starts tens of thousands of them: a timer each cost more than most rules); it stops
 * once nothing is in flight.
 */
class RuleClock {
  private readonly inFlight = new Set<{ deadline: number; expire: () => void }>();
  private timer: NodeJS.Timeout | undefined;
  private tickMs = Infinity;

  race(pending: Promise<unknown>, ms: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const flight = { deadline: performance.now() + ms, expire: () => resolve(TIMED_OUT) };
      this.inFlight.add(flight);
      this.arm(Math.max(5, Math.min(1000, ms / 4)));
      pending.then(
        () => (this.land(flight), resolve(undefined)),
        (e: unknown) => (this.land(flight), reject(e)),
      );
    });
  }

  private land(flight: { deadline: number; expire: () => void }): void {
    this.inFlight.delete(flight);
  }

  /** Stop the timer when nothing is in flight (at the end of a scan, so the process exits at once). */
  release(): void {
    if (this.inFlight.size > 0) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.tickMs = Infinity;
  }

  private arm(tickMs: number): void {
    if (this.timer && tickMs >= this.tickMs) return;
    clearInterval(this.timer);
    this.tickMs = tickMs;
    this.timer = setInterval(() => this.tick(), tickMs);
  }

  private tick(): void {
    const now = performance.now();
    for (const f of this.inFlight) {
      if (f.deadline > now) continue;
      this.inFlight.delete(f);
      f.expire();
    }
    this.release();
  }
}

const ruleClock = new RuleClock();

/** Called when a batch of checks is over: the rule clock's timer stops instead of ticking once more. */
export function releaseRuleClock(): void {
  ruleClock.release();
}

/** Run every rule on one parsed file (one merged walk), then finish, redact and suppress its findings. */
export async function checkFile(
  file: SourceFile,
  document: ParsedDocument,
  problems: ParseProblem[],
  runs: RuleRun[],
  project: ProjectContext,
  today: string,
  opts: CheckOptions = {},
): Promise<FileCheckResult> {
  const raw: RawFinding[] = [];
  const notices: FileCheckResult['notices'] = [];
  for (const p of problems.slice(0, MAX_PARSE_FINDINGS)) {
    raw.push({
      meta: PARSE_ERROR,
      pack: 'saltire',
      severity: PARSE_ERROR.severity,
      // a parser that recovers (HCL, YAML, JSON) still gave the rules a tree, so they ran on what it read
      descriptor: { messageId: document.format === 'text' ? 'default' : 'partial', range: p.range, data: { kind: file.kind, detail: (document.format === 'text' ? p.message : p.message.replace(/^Syntax error:\s*/i, '')).replace(/\.$/, '') }, properties: { kind: file.kind } },
    });
  }

  const ruleError = (run: RuleRun, e: unknown) => {
    const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    raw.push({ meta: RULE_ERROR, pack: 'saltire', severity: RULE_ERROR.severity, descriptor: { messageId: 'default', range: file.lines.lineRange(1), data: { rule: run.rule.meta.id, detail: detail.split('\n')[0].slice(0, 200) }, properties: { kind: file.kind, rule: run.rule.meta.id } } });
  };

  const timedOut = (run: RuleRun, ms: number) => {
    raw.push({ meta: RULE_TIMEOUT, pack: 'saltire', severity: RULE_TIMEOUT.severity, descriptor: { messageId: 'default', range: file.lines.lineRange(1), data: { rule: run.rule.meta.id, seconds: String(Math.round(ms / 100) / 10) }, properties: { kind: file.kind, rule: run.rule.meta.id } } });
  };
  const onRule = opts.onRule;
  const timing = opts.timing;
  const listeners = new Map<string, Listener[]>();
  const owner = new Map<Listener, RuleRun>();
  const shared = sharedValues(timing);
  const features = documentFeatures(document);
  for (const run of runs) {
    if (!triggered(run.rule, features)) continue;
    if (opts.timedOut?.includes(run.rule.meta.id)) {
      timedOut(run, opts.ruleTimeoutMs ?? 0);
      continue;
    }
    const ctx: RuleContext = {
      file,
      document,
      options: run.options,
      project,
      today,
      report: (descriptor) => raw.push({ meta: run.rule.meta, pack: run.pack, severity: descriptor.severity ?? run.severity, descriptor }),
      notice: (message, level = 'info', scope = 'file') => notices.push(scope === 'scan' ? { message, level, scan: true } : { message, level }),
      shared: shared.get,
    };
    const started = timing ? performance.now() - shared.ms : 0;
    try {
      onRule?.(run.rule.meta.id);
      if (run.rule.check) {
        const pending = run.rule.check(ctx);
        if (pending && opts.ruleTimeoutMs) {
          if ((await ruleClock.race(pending, opts.ruleTimeoutMs)) === TIMED_OUT) {
            timedOut(run, opts.ruleTimeoutMs);
            continue;
          }
        } else if (pending) await pending;
      }
      if (run.rule.visitors) {
        for (const [key, fn] of Object.entries(run.rule.visitors(ctx))) {
          const rule = fn as Listener;
          const id = run.rule.meta.id;
          const timed: Listener = timing ? (node) => timeListener(timing, shared, id, rule, node) : rule;
          const l: Listener = onRule ? (node) => (onRule(id), timed(node)) : timed;
          owner.set(l, run);
          const list = listeners.get(key);
          if (list) list.push(l);
          else listeners.set(key, [l]);
        }
      }
    } catch (e) {
      ruleError(run, e);
    }
    if (timing) timing.add(`rule:${run.rule.meta.id}`, performance.now() - shared.ms - started);
  }
  if (listeners.size) {
    const failed = new Set<RuleRun>();
    walkDocument(document, listeners, (l, e) => {
      const run = owner.get(l);
      if (run && !failed.has(run)) {
        failed.add(run);
        ruleError(run, e);
      }
    });
  }
  return timing ? timing.time('engine:findings', () => finish(file, document, raw, today, notices)) : finish(file, document, raw, today, notices);
}

/** A listener's time counts for its rule (the walk itself is the engine's, shared values their own). */
function timeListener(timing: Timing, shared: SharedValues, id: string, rule: Listener, node: Parameters<Listener>[0]): void {
  const start = performance.now() - shared.ms;
  try {
    rule(node);
  } finally {
    timing.add(`rule:${id}`, performance.now() - shared.ms - start, 0);
  }
}

interface SharedValues {
  get: RuleContext['shared'];
  /** Milliseconds spent computing shared values so far (subtracted from the rules that asked). */
  readonly ms: number;
}

/** `ctx.shared` for one file: each key computed once; with `--timing`, timed under `shared:<key>`. */
function sharedValues(timing: Timing | undefined): SharedValues {
  const values = new Map<string, unknown>();
  let ms = 0;
  const get = <T>(key: string, compute: () => T): T => {
    if (values.has(key)) return values.get(key) as T;
    let value: T;
    if (timing) {
      const before = ms;
      const start = performance.now();
      try {
        value = compute();
      } finally {
        const took = performance.now() - start;
        // a shared value computed inside this one has already counted its own time
        timing.add(`shared:${key}`, took - (ms - before));
        ms = before + took;
      }
    } else value = compute();
    values.set(key, value);
    return value;
  };
  return {
    get,
    get ms() {
      return ms;
    },
  };
}

function rangeOf(file: SourceFile, d: ReportDescriptor): Range {
  let r: Range;
  if (d.range) r = d.range;
  else if (d.offsets) r = file.lines.range(d.offsets[0], d.offsets[1]);
  else r = file.lines.lineRange(1);
  const maxLine = file.lines.lineCount;
  const clampLine = (l: number) => Math.min(Math.max(1, Math.floor(l) || 1), maxLine);
  const start = { line: clampLine(r.start.line), column: Math.max(1, Math.floor(r.start.column) || 1) };
  let end = { line: clampLine(r.end.line), column: Math.max(1, Math.floor(r.end.column) || 1) };
  if (end.line < start.line || (end.line === start.line && end.column < start.column)) end = { ...start };
  return { start, end };
}

/** Secrets this long are removed from every finding of the file; shorter ones only from their own. */
const FILE_WIDE_SECRET = 8;

function finish(file: SourceFile, document: ParsedDocument, raw: RawFinding[], today: string, notices: FileCheckResult['notices']): FileCheckResult {
  const fileWide = [...new Set(raw.flatMap((r) => r.descriptor.secrets ?? []).filter((s) => s.length >= FILE_WIDE_SECRET))];
  const occurrences = new Map<string, number>();
  // a rule that meets one node twice (a YAML alias reuses its anchor's node) reports it once
  const seen = new Set<string>();
  const built: BuiltFinding[] = [];
  for (const r of raw) {
    const secrets = [...fileWide, ...(r.descriptor.secrets ?? []).filter((s) => s.length < FILE_WIDE_SECRET)];
    const range = rangeOf(file, r.descriptor);
    const template = r.meta.messages[r.descriptor.messageId] ?? r.descriptor.messageId;
    const message = redactMessage(template, r.descriptor.data, secrets);
    const same = `${r.meta.id}\u0000${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}\u0000${r.severity}\u0000${message}`;
    if (seen.has(same)) continue;
    seen.add(same);
    const lineText = file.lines.lineText(range.start.line);
    const key = `${r.meta.id}\u0000${lineText.trim()}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const finding: Finding = {
      ruleId: r.meta.id,
      pack: r.pack,
      severity: r.severity,
      message,
      messageId: r.descriptor.messageId,
      file: file.path,
      range,
      fingerprint: fingerprintOf(r.meta.id, file.path, lineText, occurrence),
      standards: r.meta.standards,
      evidence: excerpt(lineText, range.start.column, secrets),
      help: helpFor(r.meta.id),
    };
    if (r.descriptor.properties) finding.properties = JSON.parse(redact(JSON.stringify(r.descriptor.properties), secrets)) as Record<string, unknown>;
    built.push({ finding, meta: r.meta, literalSecret: (r.descriptor.secrets?.length ?? 0) > 0 });
  }
  return applyMarkers(file, document, built, today, notices);
}

/**
 * A finding's message with its secrets removed. The template is our own text: a secret that is also
 * a word of it (a password `password`) is removed from the data filled in, not from the template, so
 * the message still reads "puts a password in the URL" rather than "puts a [REDACTED] in the URL".
 * Other secrets are removed from the whole message, which also covers one split across placeholders.
 */
export function redactMessage(template: string, data: Record<string, string | number | boolean> | undefined, secrets: readonly string[]): string {
  if (secrets.length === 0) return formatMessage(template, data);
  const filled = data ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? redact(v, secrets) : v])) : data;
  return redact(formatMessage(template, filled), secrets.filter((s) => !template.includes(s)));
}

/** The finding's line, redacted first and only then cut to EVIDENCE_MAX around the finding's column. */
export function excerpt(lineText: string, column: number, secrets: readonly string[]): string {
  const indent = lineText.length - lineText.trimStart().length;
  const redacted = redact(lineText, secrets);
  const trimmed = redacted.trim();
  if (trimmed.length <= EVIDENCE_MAX) return trimmed;
  // the column shifts when a redaction before it changed the length; approximate from the start
  const col = Math.max(0, Math.min(column - 1 - indent, trimmed.length));
  const from = Math.max(0, Math.min(col - 40, trimmed.length - EVIDENCE_MAX));
  return `${from > 0 ? '…' : ''}${trimmed.slice(from, from + EVIDENCE_MAX)}…`;
}

/** A finding before suppressions; `literalSecret` when it reports a secret value written in the file (one it redacts). */
interface BuiltFinding {
  finding: Finding;
  meta: RuleMeta;
  literalSecret: boolean;
}

function applyMarkers(file: SourceFile, document: ParsedDocument, built: BuiltFinding[], today: string, notices: FileCheckResult['notices']): FileCheckResult {
  const markers: Marker[] = [...findMarkers(file.text, file.lines, today, enclosingBlocksOf(document, file)), ...structuredSkips(file.kind, document, file.lines)];
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const m of markers) {
    if (!m.problem) continue;
    const meta = m.problem.messageId === 'expired' ? SUPPRESSION_EXPIRED : SUPPRESSION_INVALID;
    const lineText = file.lines.lineText(m.line);
    findings.push({
      ruleId: meta.id,
      pack: 'saltire',
      severity: meta.severity,
      message: formatMessage(meta.messages[m.problem.messageId], { until: m.until ?? '' }),
      messageId: m.problem.messageId,
      file: file.path,
      range: m.problem.range,
      fingerprint: fingerprintOf(meta.id, file.path, lineText, 0),
      standards: meta.standards,
      evidence: lineText.trim().slice(0, EVIDENCE_MAX),
      help: helpFor(meta.id),
    });
  }
  for (const { finding, meta, literalSecret } of built) {
    const marker = meta.id.startsWith('saltire/')
      ? undefined
      : markers.find((m) => !m.problem && covers(m, { id: meta.id, pack: finding.pack, equivalents: meta.equivalents, literalSecret }, finding.range.start.line));
    if (!marker) {
      findings.push(finding);
      continue;
    }
    suppressed.push({
      ...finding,
      suppression: { kind: marker.tool === 'saltire' ? 'inline' : 'external', marker: marker.marker, reason: marker.reason, until: marker.until, line: marker.line },
    });
  }
  return { findings, suppressed, notices };
}
