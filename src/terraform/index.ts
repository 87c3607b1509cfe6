/**
 * Saltire's Terraform model: the module that IaC rules import.
 *
 * ## Loading
 * - `loadModule(project, dir): Promise<TerraformModule>` — every `.tf` / `.tf.json` file of `dir`
 *   (relative to the scan root, '' for the root), with `terraform.tfvars`, `terraform.tfvars.json`
 *   and `*.auto.tfvars[.json]` applied (later ones win), and local child modules
 *   (`source = "./modules/x"`) evaluated with their inputs. Memoised per run.
 * - `loadRootModules(project)` — modules for directories not called by another directory: iterate
 *   these (with `recursive` resource lists) to report every resource once.
 * - `rootModulesReaching(project, dir)` — the root modules whose tree includes `dir`, found without
 *   evaluating the rest of the estate (for rules about one file's resources).
 * - `terraformDirs(project)` — directories holding Terraform files.
 *
 * ## Querying
 * - `module.resources(type?, { recursive? })`, `module.data(type?)` → `ResourceInstance[]`
 *   (count / for_each expanded; `count = 0` or an empty `for_each` gives no instance; an unknown
 *   count gives one instance with `expansionKnown === false`).
 * - `instance.address`, `.resourceType`, `.name`, `.key`, `.file`, `.block`, `.range`, `.headerRange`
 * - `instance.get('versioning.enabled')` (alias `attr`) → `AttrResult | undefined` (undefined = not
 *   set): `{ value, known, file, range }` where `file`/`range` say where the value was written (the
 *   literal here, a variable default, a tfvars entry, a local), and `attributeFile` /
 *   `attributeRange` give the attribute in this block, for reporting.
 * - `instance.blocks('ingress')` → nested `BlockView`s (`dynamic` blocks expanded).
 * - `module.findReferencing('aws_s3_bucket_public_access_block', 'bucket', bucket)` → companions.
 * - `module.variables`, `module.outputs`, `module.providers`, `module.moduleCalls`, `module.localInfo(name)`.
 *
 * ## Values
 * `Value` is string | number | bool | null | list | map | reference (another resource's
 * attribute, e.g. `aws_s3_bucket.b.id` → `{ kind: 'reference', resource: 'aws_s3_bucket.b',
 * attribute: 'id' }`) | unknown (`{ reason, inputs }`, e.g. "var.acl has no default and no tfvars
 * value"). Never guess: when a rule cannot tell, skip or report "cannot tell". Helpers return
 * undefined for unknowns: `isTrue`, `isFalse`, `asString`, `asNumber`, `asList`, `asMap`.
 *
 * ## Example: S3 bucket without a public access block
 * ```ts
 * import { loadRootModules } from '../../src/terraform/index.js';
 *
 * for (const module of await loadRootModules(project)) {
 *   for (const bucket of module.resources('aws_s3_bucket')) {
 *     const blocks = module.findReferencing('aws_s3_bucket_public_access_block', 'bucket', bucket);
 *     if (blocks.length === 0) {
 *       report({ file: bucket.file, range: bucket.headerRange, message: `${bucket.address} has no public access block` });
 *       continue;
 *     }
 *     for (const pab of blocks) {
 *       const r = pab.get('block_public_acls');
 *       if (!r) report({ file: pab.file, range: pab.headerRange, message: 'block_public_acls is not set' });
 *       else if (isFalse(r.value)) report({ file: r.attributeFile, range: r.attributeRange, message: 'block_public_acls = false' });
 *       else if (!r.known) note(`cannot tell: ${(r.value as UnknownValue).reason}`);
 *     }
 *   }
 * }
 * ```
 */
export {
  loadModule,
  loadRootModules,
  rootModulesReaching,
  loadModuleConfig,
  terraformDirs,
  localSourceDir,
  normaliseDir,
  TerraformModule,
  ResourceInstance,
  BlockView,
  type AttrResult,
  type Variable,
  type Output,
  type ModuleCall,
  type ModuleConfig,
  type TerraformFile,
  type Declaration,
} from './module.js';
export {
  isTrue,
  isFalse,
  isKnown,
  isWhollyKnown,
  asBool,
  asString,
  asNumber,
  asList,
  asMap,
  describe,
  toJs,
  refText,
  type Value,
  type StringValue,
  type NumberValue,
  type BoolValue,
  type NullValue,
  type ListValue,
  type MapValue,
  type ReferenceValue,
  type UnknownValue,
  type Origin,
} from './values.js';
export { evaluate, type EvalContext } from './evaluate.js';
export { callFunction, isEvaluatedFunction } from './functions.js';
