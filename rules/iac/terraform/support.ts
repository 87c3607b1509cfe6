import type { ReportDescriptor, RuleContext } from '../../../src/model/rule.js';
import type { Range } from '../../../src/model/location.js';
import { hclFeature } from '../../../src/engine/triggers.js';
import { loadModule, rootModulesReaching, type AttrResult, type ResourceInstance, type TerraformModule } from '../../../src/terraform/index.js';

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** Every resource (or data) instance of one root module, by the file its block is written in. Built once per scan. */
function instancesByFile(ctx: RuleContext, root: string, mode: 'managed' | 'data'): Promise<Map<string, ResourceInstance[]>> {
  return ctx.project.memo(`terraform:instances-by-file:${mode}:${root}`, async () => {
    const byFile = new Map<string, ResourceInstance[]>();
    const m = await loadModule(ctx.project, root);
    for (const inst of mode === 'data' ? m.data(undefined, { recursive: true }) : m.resources(undefined, { recursive: true })) {
      const list = byFile.get(inst.file);
      if (list) list.push(inst);
      else byFile.set(inst.file, [inst]);
    }
    return byFile;
  }, { recent: true });
}

/**
 * Resource instances written in this file, each evaluated where it gets its inputs: through the root
 * modules that (transitively) call the file's folder, else as the folder's own module.
 */
export async function instancesInFile(ctx: RuleContext, types: string | string[], mode: 'managed' | 'data' = 'managed'): Promise<ResourceInstance[]> {
  const wanted = new Set(Array.isArray(types) ? types : [types]);
  const found: ResourceInstance[] = [];
  for (const root of await rootModulesReaching(ctx.project, dirOf(ctx.file.path))) {
    for (const i of (await instancesByFile(ctx, root, mode)).get(ctx.file.path) ?? []) if (wanted.has(i.resourceType)) found.push(i);
  }
  if (found.length) return found;
  const m = await loadModule(ctx.project, dirOf(ctx.file.path));
  return (mode === 'data' ? m.data(undefined, { recursive: true }) : m.resources(undefined, { recursive: true })).filter((i) => i.file === ctx.file.path && wanted.has(i.resourceType));
}

/** The module a file's folder forms (for rules about providers, variables or the whole module). */
export function moduleOfFile(ctx: RuleContext): Promise<TerraformModule> {
  return loadModule(ctx.project, dirOf(ctx.file.path));
}

export interface TerraformReporter {
  /** Report on the resource itself (its header line), e.g. when a needed attribute is missing. */
  resource(inst: ResourceInstance, messageId: string, data?: ReportDescriptor['data']): void;
  /** Report at an attribute; when its value came from a variable, tfvars or local, say where. */
  attribute(inst: ResourceInstance, attr: AttrResult, messageId: string, data?: ReportDescriptor['data']): void;
  /** Report at an explicit range in this file. */
  at(range: Range, messageId: string, data?: ReportDescriptor['data']): void;
}

/** A reporter that reports each place once, even when a module is instantiated many times. */
export function terraformReporter(ctx: RuleContext): TerraformReporter {
  const seen = new Set<string>();
  const once = (d: ReportDescriptor) => {
    const k = JSON.stringify([d.messageId, d.range]);
    if (seen.has(k)) return;
    seen.add(k);
    ctx.report(d);
  };
  return {
    resource(inst, messageId, data = {}) {
      once({ messageId, range: inst.headerRange, data: { address: inst.address, ...data } });
    },
    attribute(inst, attr, messageId, data = {}) {
      const here = attr.attributeFile === ctx.file.path;
      const from = attr.file !== ctx.file.path || (attr.range.start.line !== attr.attributeRange.start.line && here) ? `${attr.file}:${attr.range.start.line}` : undefined;
      once({
        messageId,
        range: here ? attr.attributeRange : inst.headerRange,
        data: { address: inst.address, ...data },
        properties: from ? { valueFrom: from } : undefined,
      });
    },
    at(range, messageId, data = {}) {
      once({ messageId, range, data });
    },
  };
}

/** A Terraform configuration file (`.tf`, `.tf.json`) rather than a variable definitions file (`.tfvars`), whatever the case of its name. */
export function isConfigFile(ctx: RuleContext): ctx is RuleContext & { document: Extract<RuleContext['document'], { format: 'hcl' }> } {
  return ctx.document.format === 'hcl' && !/\.tfvars(\.json)?$/i.test(ctx.file.path);
}

/** A rule's `triggers` for Terraform resources (and data sources, and module calls) of some types. */
export function blockTriggers(resources: readonly string[], data: readonly string[] = [], modules = false): string[] {
  return [...resources.map((t) => hclFeature('resource', t)), ...data.map((t) => hclFeature('data', t)), ...(modules ? [hclFeature('module')] : [])];
}

