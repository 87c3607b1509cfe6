/** MongoDB query injection: request values that can be objects used as filter values, and `$where` code built from input. */
import { containsRequestInput, memberChain, moduleOf, objectLiteral, propertyKey, unwrap, type Analysis, type N } from './lib/analysis.js';
import { codeRule, snippet } from './lib/kit.js';

/** Collection and Mongoose model methods whose first argument is a query filter. */
const FILTER_METHODS = new Set([
  'find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndRemove', 'findOneAndReplace', 'updateOne', 'updateMany',
  'deleteOne', 'deleteMany', 'remove', 'replaceOne', 'countDocuments', 'count', 'exists', 'where',
]);
const MONGO_MODULES = ['mongoose', 'mongodb', 'monk', 'mongojs'];
/** Other data layers whose `find`/`findOne` take their own option objects (their operators are not taken from plain JSON). */
const OTHER_ORMS = ['sequelize', 'typeorm', '@prisma/client', 'knex', 'objection', '@mikro-orm/core', 'waterline', 'bookshelf', 'lowdb', 'nedb'];
/** Sanitisers that strip `$` keys from request objects, and validation libraries that check input types, used anywhere in the file. */
const SANITISERS = ['express-mongo-sanitize', 'mongo-sanitize', 'mongo-express-sanitize', '@exortek/express-mongo-sanitize', 'express-validator', 'joi', '@hapi/joi', 'celebrate', 'zod', 'yup', 'ajv', 'class-validator', 'express-joi-validation', 'superstruct', 'valibot'];

/**
 * The part of the request a value is, unchanged (no call or template around it): `body` (JSON and
 * extended URL-encoded bodies parse `x[$ne]=` into objects) or `query` (Express 4's default query
 * parser, qs, does the same); undefined for anything else.
 */
function objectInput(a: Analysis, node: N): 'body' | 'query' | undefined {
  const n = unwrap(node);
  if (n?.type !== 'Identifier' && n?.type !== 'MemberExpression') return undefined;
  const chain = memberChain(a, n);
  if (!chain) return undefined;
  const [root, p1, p2] = chain;
  if ((root === 'req' || root === 'request') && (p1 === 'body' || p1 === 'query')) return p1;
  if ((root === 'ctx' || root === 'context') && p1 === 'request' && (p2 === 'body' || p2 === 'query')) return p2;
  if ((root === 'ctx' || root === 'context') && p1 === 'query') return 'query';
  return undefined;
}

/** The receiver is a MongoDB collection or Mongoose model, as far as the file shows. */
function mongoReceiver(a: Analysis, callee: N): boolean {
  if (MONGO_MODULES.some((m) => a.modules.has(m))) return true;
  if (OTHER_ORMS.some((m) => a.modules.has(m))) return false;
  // a model required from the project's models (`require('../models/user')`, `import User from './user.model'`)
  let base = unwrap(callee.object);
  while (base?.type === 'MemberExpression') base = unwrap(base.object);
  const ref = base ? moduleOf(a, base) : undefined;
  return !!ref && ref.module.startsWith('.') && /(^|[/.])models?([/.]|$)/i.test(ref.module);
}

export const nosqlInjection = codeRule(
  {
    id: 'code/nosql-injection',
    title: 'MongoDB query built from request objects',
    description:
      'OWASP A03:2021 Injection. Express parses `{"password": {"$ne": null}}` in a JSON body, and `password[$ne]=` in an extended URL-encoded body or (Express 4\'s default parser) a query string, into objects. Put unchanged into a MongoDB filter (`User.findOne({ email: req.body.email, password: req.body.password })`), such an object becomes a query operator: `$ne`, `$gt` or `$regex` match any stored value, so a login check passes without the password, or a lookup returns other users\' records. A `$where` clause built from request input runs it as JavaScript in the database. Reported on collection and Mongoose model methods (`find`, `findOne`, `updateOne`, `deleteMany`, …) in files that use mongoose or the MongoDB driver, or whose receiver is imported from the project\'s models; only values taken straight from `req.body`/`req.query` (Koa `ctx.request.body`/`ctx.query`), not converted with `String()`, a template or a validator, count. Files that set up express-mongo-sanitize or Mongoose\'s `sanitizeFilter` or use a validation library (express-validator, Joi, celebrate, zod, yup, ajv, class-validator), other ORMs (Sequelize, TypeORM, Prisma, knex) and NestJS controllers (whose DTOs are validated) are not judged.',
    severity: 'high',
    messages: {
      operator: '`{{call}}` filters on `{{field}}` with `{{value}}` from req.{{part}}, which the body or query parser can turn into an object such as `{"$ne": null}` (a query operator, matching any value); convert it first (`String(…)`), validate its type, or sanitise the request (express-mongo-sanitize, Mongoose `sanitizeFilter`).',
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
    /** Whether the file is one this rule judges (no sanitiser, no NestJS validation); decided once. */
    const inScope = () => {
      judged ??= !SANITISERS.some((m) => r.a.modules.has(m)) && !r.a.modules.has('@nestjs/common') && !/\bsanitizeFilter\b/.test(r.ctx.file.text);
      return judged;
    };
    return {
      CallExpression(node: N) {
        const callee = unwrap(node.callee);
        if (callee?.type !== 'MemberExpression') return;
        const method = propertyKey(callee);
        if (!method || !FILTER_METHODS.has(method) || node.arguments.length === 0) return;
        if (!inScope() || !mongoReceiver(r.a, callee)) return;
        const filter = node.arguments[0];
        const call = `${snippet(r.ctx, callee, 40)}()`;
        const whole = objectInput(r.a, filter);
        if (whole) {
          r.at(filter, 'whole', { call, input: `req.${whole}` }, whole === 'query' ? 'medium' : undefined);
          return;
        }
        const lit = objectLiteral(r.a, filter);
        if (!lit) return;
        for (const [field, prop] of lit.props) {
          const value = prop.value;
          if (!value) continue;
          if (field === '$where') {
            if (containsRequestInput(r.a, value, { serverOnly: true })) r.at(prop, 'where', { call }, 'critical');
            continue;
          }
          const part = objectInput(r.a, value);
          if (part) r.at(prop, 'operator', { call, field, value: snippet(r.ctx, value, 40), part }, part === 'query' ? 'medium' : undefined);
        }
      },
    };
  },
);
