/** MongoDB query injection: request values that can be objects used as filter values, and `$where` code built from input. */
import { containsRequestInput, memberChain, memberName, moduleOf, objectLiteral, propertyKey, resolveValue, runsOnlyWhere, sameValue, unwrap, type Analysis, type N } from './lib/analysis.js';
import { codeRule, snippet } from './lib/kit.js';

/** Collection and Mongoose model/query methods whose first argument is a query filter. */
const FILTER_METHODS = new Set([
  'find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndRemove', 'findOneAndReplace', 'update', 'updateOne', 'updateMany',
  'deleteOne', 'deleteMany', 'remove', 'replaceOne', 'countDocuments', 'count', 'exists', 'where',
]);
/** Mongoose methods whose first argument is an `_id` value: `findById(id)` runs `findOne({ _id: id })`, so an object id is an operator. */
const ID_METHODS = new Set(['findById', 'findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove']);
/** Mongoose query methods taking an array of filters. */
const ARRAY_METHODS = new Set(['or', 'and', 'nor']);
/** Filter keys whose value is an array of filters. */
const LOGICAL_KEYS = new Set(['$or', '$and', '$nor']);
const MONGO_MODULES = ['mongoose', 'mongodb', 'monk', 'mongojs'];
/** Other data layers whose `find`/`findOne` take their own option objects (their operators are not taken from plain JSON). */
const OTHER_ORMS = ['sequelize', 'typeorm', '@prisma/client', 'knex', 'objection', '@mikro-orm/core', 'waterline', 'bookshelf', 'lowdb', 'nedb'];
/** Sanitisers that strip `$` keys from request objects, and validation libraries that check input types, used anywhere in the file. */
const SANITISERS = ['express-mongo-sanitize', 'mongo-sanitize', 'mongo-express-sanitize', '@exortek/express-mongo-sanitize', 'express-validator', 'joi', '@hapi/joi', 'celebrate', 'zod', 'yup', 'ajv', 'class-validator', 'express-joi-validation', 'superstruct', 'valibot'];

type Source = 'body' | 'query' | 'json';
const SOURCE_TEXT: Record<Source, string> = { body: 'the request body', query: 'the query string', json: 'JSON.parse of request input' };

/** `JSON.parse(<request input>)`, a part of it, or a variable holding either: any JSON value, objects included. */
function parsedJson(a: Analysis, node: N, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > 10) return false;
  if (n.type === 'Identifier') {
    const b = a.binding(n);
    return !!b && !b.reassigned && !!b.init && (b.kind === 'const' || b.kind === 'let' || b.kind === 'var') && parsedJson(a, b.init, depth + 1);
  }
  if (n.type === 'MemberExpression') return parsedJson(a, n.object, depth + 1);
  if (n.type === 'AwaitExpression') return parsedJson(a, n.argument, depth + 1);
  if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression') return false;
  return propertyKey(n.callee) === 'parse' && memberName(n.callee.object) === 'JSON' && n.arguments.length > 0 && containsRequestInput(a, n.arguments[0], { serverOnly: true });
}

/**
 * Where a value that can be an object comes from, unchanged (no call or template around it): `body` (JSON and
 * extended URL-encoded bodies parse `x[$ne]=` into objects), `query` (Express 4's default query parser, qs, does
 * the same) or `json` (`JSON.parse` of any request input); undefined for anything else.
 */
function objectInput(a: Analysis, node: N): Source | undefined {
  const n = unwrap(node);
  if (parsedJson(a, n)) return 'json';
  if (n?.type !== 'Identifier' && n?.type !== 'MemberExpression') return undefined;
  const chain = memberChain(a, n);
  if (!chain) return undefined;
  const [root, p1, p2] = chain;
  if ((root === 'req' || root === 'request') && (p1 === 'body' || p1 === 'query')) return p1;
  if ((root === 'ctx' || root === 'context') && p1 === 'request' && (p2 === 'body' || p2 === 'query')) return p2;
  if ((root === 'ctx' || root === 'context') && p1 === 'query') return 'query';
  return undefined;
}

/** `typeof x === 'string'` (or `!==` when it fails), also as one side of `&&`, for the same value. */
function stringGuard(a: Analysis, value: N, test: N, outcome: boolean): boolean {
  const t = unwrap(test);
  if (t?.type === 'LogicalExpression' && t.operator === '&&' && outcome) return stringGuard(a, value, t.left, true) || stringGuard(a, value, t.right, true);
  if (t?.type === 'LogicalExpression' && t.operator === '||' && !outcome) return stringGuard(a, value, t.left, false) || stringGuard(a, value, t.right, false);
  if (t?.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(t.operator)) return false;
  const [op, lit] = t.left.type === 'UnaryExpression' ? [t.left, t.right] : [t.right, t.left];
  if (op?.type !== 'UnaryExpression' || op.operator !== 'typeof' || lit?.type !== 'Literal' || lit.value !== 'string') return false;
  // the same variable or member, or a `const` copy of it (`const q = req.query.q` checked as `req.query.q`)
  const chain = (x: N) => memberChain(a, x)?.join('\0');
  if (!sameValue(a, op.argument, value) && (chain(op.argument) === undefined || chain(op.argument) !== chain(value))) return false;
  return t.operator.startsWith('=') ? outcome : !outcome;
}

/** The file mounts only non-extended URL-encoded body parsing (`urlencoded({ extended: false })`), whose values are strings. */
function stringBodiesOnly(a: Analysis): boolean {
  let urlencodedFalse = false;
  for (const c of a.calls) {
    const ref = moduleOf(a, c.callee);
    if (!ref || !['body-parser', 'express'].includes(ref.module)) continue;
    const fn = ref.path[ref.path.length - 1];
    // `bodyParser()` (all parsers) or `json()`: objects again
    if ((ref.module === 'body-parser' && ref.path.length === 0) || fn === 'json') return false;
    if (fn !== 'urlencoded') continue;
    const ext = objectLiteral(a, c.arguments[0])?.props.get('extended')?.value;
    if (ext?.type !== 'Literal' || ext.value !== false) return false;
    urlencodedFalse = true;
  }
  return urlencodedFalse;
}

/** The receiver is a MongoDB collection or Mongoose model/query, as far as the file shows. */
function mongoReceiver(a: Analysis, callee: N): boolean {
  if (MONGO_MODULES.some((m) => a.modules.has(m))) return true;
  if (OTHER_ORMS.some((m) => a.modules.has(m))) return false;
  // a model required from the project's models (`require('../models/user')`, `import User from './user.model'`, `./userModel`), also through a query chain
  let base = unwrap(callee.object);
  while (base?.type === 'MemberExpression' || base?.type === 'CallExpression') base = unwrap(base.type === 'MemberExpression' ? base.object : base.callee);
  const ref = base ? moduleOf(a, base) : undefined;
  return !!ref && ref.module.startsWith('.') && (/(^|[/._-])models?([/._-]|$)/i.test(ref.module) || /[a-z0-9]Models?(\.[cm]?[jt]s)?$/.test(ref.module));
}

/** `o.key = value` / `o['key'] = value` written to the filter variable `id` before `before` (a `{}` built up field by field). */
function assignedFields(a: Analysis, id: N, before: number): Array<[string, N]> {
  const n = unwrap(id);
  if (n?.type !== 'Identifier') return [];
  const b = a.binding(n);
  if (!b || b.reassigned || !b.init || b.path?.length || unwrap(b.init)?.type !== 'ObjectExpression') return [];
  const out: Array<[string, N]> = [];
  for (const x of a.assignments) {
    if (x.range[0] >= before || x.operator !== '=') continue;
    const left = unwrap(x.left);
    if (left.type !== 'MemberExpression' || unwrap(left.object)?.type !== 'Identifier' || a.binding(unwrap(left.object)) !== b) continue;
    const key = propertyKey(left);
    if (key !== undefined) out.push([key, x.right]);
  }
  return out;
}

export const nosqlInjection = codeRule(
  {
    id: 'code/nosql-injection',
    title: 'MongoDB query built from request objects',
    description:
      'OWASP A03:2021 Injection. Express parses `{"password": {"$ne": null}}` in a JSON body, and `password[$ne]=` in an extended URL-encoded body or (Express 4\'s default parser) a query string, into objects. Put unchanged into a MongoDB filter (`User.findOne({ email: req.body.email, password: req.body.password })`), such an object becomes a query operator: `$ne`, `$gt` or `$regex` match any stored value, so a login check passes without the password, or a lookup returns other users\' records. A `$where` clause built from request input runs it as JavaScript in the database. Reported on collection and Mongoose model and query methods (`find`, `findOne`, `update`, `updateOne`, `deleteMany`, `distinct`, `findById` (which runs `findOne({ _id: id })`), `where(path, value)`, `where(path).equals(value)`, `or([…])`, `$where(…)`, `$match` stages of `aggregate`, and `$or`/`$and`/`$nor` branches) in files that use mongoose or the MongoDB driver, or whose receiver is imported from the project\'s models (`../models/user`, `./userModel`); a filter may be a literal or a `{}` whose fields are assigned before the call. Only values taken straight from `req.body`/`req.query` (Koa `ctx.request.body`/`ctx.query`) or from `JSON.parse` of request input count, not values converted with `String()` or a template, checked with `typeof x === \'string\'`, or (for `req.body`) parsed only by `urlencoded({ extended: false })` in the same file. Files that set up express-mongo-sanitize or Mongoose\'s `sanitizeFilter` or use a validation library (express-validator, Joi, celebrate, zod, yup, ajv, class-validator), other ORMs (Sequelize, TypeORM, Prisma, knex) and NestJS controllers (whose DTOs are validated) are not judged.',
    severity: 'high',
    messages: {
      operator: '`{{call}}` filters on `{{field}}` with `{{value}}` from {{source}}, which can be an object such as `{"$ne": null}` (a query operator, matching any value); convert it first (`String(…)`), validate its type, or sanitise the request (express-mongo-sanitize, Mongoose `sanitizeFilter`).',
      whole: '`{{call}}` uses {{input}} as the whole filter, so the caller chooses every field and operator; build the filter from the fields you expect, each converted to its type.',
      where: '`{{call}}` builds a `$where` JavaScript expression from request input, which the database runs as code (NoSQL injection); use ordinary query operators with the value as data.',
    },
    remediation: 'Convert each request value to the type the query expects before using it (`String(req.body.email)`), validate input with a schema (express-validator, zod, Joi, class-validator), strip `$`-prefixed keys with express-mongo-sanitize or Mongoose\'s `sanitizeFilter: true`, and never build `$where` from input.',
    references: ['https://cwe.mitre.org/data/definitions/943.html', 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection', 'https://mongoosejs.com/docs/api/mongoose.html#Mongoose.prototype.set()', 'https://cheatsheetseries.owasp.org/cheatsheets/Nodejs_Security_Cheat_Sheet.html'],
    cwe: ['CWE-943'],
    equivalents: { semgrep: ['javascript.express.security.express-mongo-nosqli.express-mongo-nosqli'], bearer: ['javascript_express_nosql_injection'] },
  },
  (r) => {
    let judged: boolean | undefined;
    let stringBodies: boolean | undefined;
    /** Whether the file is one this rule judges (no sanitiser, no NestJS validation); decided once. */
    const inScope = () => {
      judged ??= !SANITISERS.some((m) => r.a.modules.has(m)) && !r.a.modules.has('@nestjs/common') && !/\bsanitizeFilter\b/.test(r.ctx.file.text);
      return judged;
    };
    /** Where a filter value that can be an object comes from; undefined when it is a string (string-only bodies, a `typeof x === 'string'` check around it). */
    const source = (value: N): Source | undefined => {
      const s = objectInput(r.a, value);
      if (!s) return undefined;
      if (s === 'body' && (stringBodies ??= stringBodiesOnly(r.a))) return undefined;
      if (s !== 'json' && runsOnlyWhere(r.a, value, (test, outcome) => stringGuard(r.a, value, test, outcome))) return undefined;
      return s;
    };
    const severity = (s: Source) => (s === 'query' ? 'medium' : undefined);
    /** One field of a filter: `$where` code, `$or`/`$and`/`$nor` sub-filters, or a value compared with the field. */
    const field = (call: string, name: string, value: N, at: N, start: number, depth: number): void => {
      if (name === '$where') {
        if (containsRequestInput(r.a, value, { serverOnly: true })) r.at(at, 'where', { call }, 'critical');
        return;
      }
      if (LOGICAL_KEYS.has(name)) {
        const list = resolveValue(r.a, value);
        if (list?.type === 'ArrayExpression') for (const e of list.elements) if (e && e.type !== 'SpreadElement') filter(call, e, start, depth + 1);
        return;
      }
      const s = source(value);
      if (s) r.at(at, 'operator', { call, field: name, value: snippet(r.ctx, value, 40), source: SOURCE_TEXT[s] }, severity(s));
    };
    /** A whole filter: request input as the filter, an object literal's fields, or fields assigned to a `{}` before the call. */
    const filter = (call: string, node: N, start: number, depth = 0): void => {
      if (depth > 5) return;
      const whole = objectInput(r.a, node);
      if (whole) {
        const text = snippet(r.ctx, node, 40);
        r.at(node, 'whole', { call, input: /^(req|request)\.(body|query)$/.test(text) ? `\`${text}\`` : `\`${text}\` (${SOURCE_TEXT[whole]})` }, severity(whole));
        return;
      }
      const lit = objectLiteral(r.a, node);
      if (lit) for (const [name, prop] of lit.props) if (prop.value) field(call, name, prop.value, prop, start, depth);
      for (const [name, value] of assignedFields(r.a, node, start)) field(call, name, value, node, start, depth);
    };
    /** `User.findOne()`, or `….where()` for a long chain (comments and line breaks left out). */
    const callText = (callee: N, method: string): string => {
      const object = r.ctx.file.text.slice(callee.object.range[0], callee.object.range[1]).replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, '');
      return object.length > 30 ? `….${method}()` : `${object}.${method}()`;
    };
    const stringArg = (x: N): string | undefined => (x?.type === 'Literal' && typeof x.value === 'string' ? x.value : undefined);
    return {
      CallExpression(node: N) {
        const callee = unwrap(node.callee);
        if (callee?.type !== 'MemberExpression') return;
        const method = propertyKey(callee);
        if (!method || node.arguments.length === 0) return;
        if (!FILTER_METHODS.has(method) && !ID_METHODS.has(method) && !ARRAY_METHODS.has(method) && !['distinct', 'aggregate', '$where', 'equals'].includes(method)) return;
        if (!inScope() || !mongoReceiver(r.a, callee)) return;
        const call = callText(callee, method);
        const [first, second] = node.arguments;
        const start = node.range[0];
        if (method === '$where') {
          // Mongoose `Model.$where(js)` / `query.$where(js)`
          if (containsRequestInput(r.a, first, { serverOnly: true })) r.at(first, 'where', { call }, 'critical');
        } else if (ID_METHODS.has(method)) {
          field(call, '_id', first, first, start, 0);
        } else if (method === 'equals') {
          // `Model.find().where('email').equals(value)`
          const where = unwrap(callee.object);
          const path = where?.type === 'CallExpression' && propertyKey(unwrap(where.callee)) === 'where' && where.arguments.length === 1 ? stringArg(where.arguments[0]) : undefined;
          if (path !== undefined) field(call, path, first, first, start, 0);
        } else if (method === 'where' && stringArg(first) !== undefined) {
          // `query.where('email', value)`
          if (second) field(call, stringArg(first)!, second, second, start, 0);
        } else if (method === 'distinct') {
          if (second) filter(call, second, start);
        } else if (ARRAY_METHODS.has(method) || method === 'aggregate') {
          const list = resolveValue(r.a, first);
          if (list?.type !== 'ArrayExpression') return;
          for (const e of list.elements) {
            if (!e || e.type === 'SpreadElement') continue;
            if (method !== 'aggregate') filter(call, e, start);
            else {
              const match = objectLiteral(r.a, e)?.props.get('$match')?.value;
              if (match) filter(call, match, start);
            }
          }
        } else filter(call, first, start);
      },
    };
  },
);
