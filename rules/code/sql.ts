/** SQL built by concatenation or interpolation and passed to a query API. */
import { calledModuleFunction, calleeName, containsRequestInput, defKey, isRequestInput, isStatic, memberName, moduleOf, objectLiteral, reachingDefs, resolveValue, staticParts, unwrap, walk, type Analysis, type N } from './lib/analysis.js';
import { codeRule, snippet } from './lib/kit.js';

/** Methods that take raw SQL text as their first argument (mysql, pg, sequelize, knex, prisma, sqlite, postgres.js). */
const RAW_METHODS = new Set(['raw', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'unsafe']);
const QUERY_METHODS = new Set(['query', 'execute', 'exec', 'prepare', 'all', 'get', 'run', 'each', 'none', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any', 'result', 'multi', 'multiResult', 'map']);
/** A statement shape, so a URL or message that happens to contain "select" is not taken for SQL. */
const SQL_SHAPE = /\b(select\b[\s\S]*?\bfrom\b|insert\s+into\b|update\s+[\w."`\[\]$]+\s+set\b|delete\s+from\b|merge\s+into\b|(create|alter|drop|truncate)\s+(temp(orary)?\s+)?(table|view|index|database|schema)\b|\bwhere\b[\s\S]*?(=|<|>|\blike\b|\bin\b)|\border\s+by\b|\bvalues\s*\()/i;
/** Calls whose result is safe to interpolate into SQL: escapers, numeric coercion. */
const SAFE_CALLS = /^(escape|escapeId|escapeIdentifier|escapeLiteral|quoteIdentifier|quote|format|Number|parseInt|parseFloat|toFixed|literal|identifier|ident|col|placeholders?)$/;

/** SQL drivers and query builders whose clients take SQL text in `.query()`/`.execute()`…. */
const SQL_MODULES = new Set(['mysql', 'mysql2', 'mysql2/promise', 'pg', 'pg-promise', 'sqlite3', 'better-sqlite3', 'sqlite', 'mssql', 'oracledb', 'tedious', 'mariadb', 'postgres', 'sequelize', 'knex', '@databases/pg', '@databases/mysql', 'sql.js', 'pg-pool']);

/**
 * The receiver of a query call is a client made by an SQL module: the module itself (`require('mysql2/promise')`),
 * or a variable holding a connection, pool or database it created (`mysql.createConnection(…)`, `new pg.Pool()`,
 * `await mysql.createPool(…).getConnection()` is not followed).
 */
function sqlClient(a: Analysis, node: N): boolean {
  const n = unwrap(node);
  const ref = moduleOf(a, n);
  if (ref) return SQL_MODULES.has(ref.module);
  const v = unwrap(resolveValue(a, n));
  const made = v?.type === 'AwaitExpression' ? unwrap(v.argument) : v;
  const maker = (made?.type === 'CallExpression' || made?.type === 'NewExpression') ? calledModuleFunction(a, made) : undefined;
  return !!maker && SQL_MODULES.has(maker.module);
}

/** `util.format(fmt, ...)`: printf-style formatting that does not escape anything. */
function isUtilFormat(a: Analysis, n: N): boolean {
  if (n?.type !== 'CallExpression') return false;
  const ref = moduleOf(a, n.callee);
  return !!ref && ref.module === 'util' && ref.path.length === 1 && ref.path[0] === 'format';
}

/** A string as SQL sees it: its constant text, the dynamic pieces, and whether it is assembled from parts. */
interface SqlText {
  parts: string[];
  leaves: N[];
  building: boolean;
}

const NONE: SqlText = { parts: [], leaves: [], building: false };

function join(xs: SqlText[], building: boolean): SqlText {
  return { parts: xs.flatMap((x) => x.parts), leaves: xs.flatMap((x) => x.leaves), building: building || xs.some((x) => x.building) };
}

function mentions(node: N, name: string): boolean {
  let found = false;
  walk(node, (x) => {
    if (x.type === 'Identifier' && x.name === name) found = true;
    return found || undefined;
  });
  return found;
}

/**
 * The text of a string expression: templates, `+`, `.concat()`, `util.format()`, const bindings and
 * `let`/`var` variables built up by assignments (`q = 'SELECT …'; q += id`) before the use.
 * `self` is the variable being followed, whose own mentions stand for its earlier value.
 */
function sqlText(a: Analysis, node: N, self: unknown, depth = 0): SqlText {
  const n = unwrap(node);
  if (!n || depth > 20) return NONE;
  if (self !== undefined && n.type === 'Identifier' && defKey(a, n) === self) return NONE;
  if (isStatic(a, n)) return { parts: staticParts(a, n), leaves: [], building: false };
  if (isSafe(a, n)) return NONE;
  switch (n.type) {
    case 'TemplateLiteral':
      return join([{ parts: n.quasis.map((q: N) => q.value.cooked ?? ''), leaves: [], building: false }, ...n.expressions.map((e: N) => sqlText(a, e, self, depth + 1))], n.expressions.length > 0);
    case 'BinaryExpression':
      if (n.operator === '+') return join([sqlText(a, n.left, self, depth + 1), sqlText(a, n.right, self, depth + 1)], true);
      break;
    case 'CallExpression':
      if (unwrap(n.callee).type === 'MemberExpression' && calleeName(n) === 'concat') {
        return join([sqlText(a, unwrap(n.callee).object, self, depth + 1), ...n.arguments.map((x: N) => sqlText(a, x.type === 'SpreadElement' ? x.argument : x, self, depth + 1))], true);
      }
      if (isUtilFormat(a, n)) return join(n.arguments.map((x: N) => sqlText(a, x.type === 'SpreadElement' ? x.argument : x, self, depth + 1)), true);
      break;
    case 'Identifier': {
      const defs = reachingDefs(a, n);
      if (defs) {
        const key = defKey(a, n);
        let acc = NONE;
        for (const d of defs) {
          const t = sqlText(a, d.value, key, depth + 1);
          acc = d.op === '=' && d.definite && !mentions(d.value, n.name) ? t : join([acc, t], d.op === '+=');
        }
        return acc;
      }
      const v = resolveValue(a, n);
      if (v !== n) return sqlText(a, v, self, depth + 1);
      break;
    }
    default:
      break;
  }
  return { parts: [], leaves: [n], building: false };
}

function isSafe(a: Analysis, node: N): boolean {
  const n = resolveValue(a, node);
  if (!n || isUtilFormat(a, n)) return false;
  if (n.type === 'BinaryExpression' && ['-', '*', '/', '%', '|', '&', '<<', '>>'].includes(n.operator)) return true;
  if (n.type === 'BinaryExpression' && n.operator === '+' && ((n.right.type === 'Literal' && typeof n.right.value === 'number') || (n.left.type === 'Literal' && typeof n.left.value === 'number'))) return true;
  if (n.type === 'UpdateExpression') return true;
  if (n.type === 'MemberExpression' && memberName(n) === 'length') return true;
  if (n.type === 'CallExpression') {
    const name = calleeName(n) ?? '';
    if (SAFE_CALLS.test(name)) return true;
    // `ids.map(() => '?').join(', ')`: a list of placeholders
    if (name === 'join' && n.callee.type === 'MemberExpression') {
      const inner = unwrap(n.callee.object);
      if (inner.type === 'CallExpression' && calleeName(inner) === 'map') {
        const fn = inner.arguments[0];
        if (fn && (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression')) {
          if (fn.expression) return isStatic(a, fn.body) || isSafe(a, fn.body) || (fn.body.type === 'TemplateLiteral' && fn.body.expressions.every((e: N) => isSafe(a, e) || isStatic(a, e)));
        }
      }
      return isSafe(a, n.callee.object);
    }
  }
  return false;
}

export const sqlInjection = codeRule(
  {
    id: 'code/sql-injection',
    title: 'SQL query built by string concatenation or interpolation',
    description:
      'OWASP A03:2021 Injection. A query string assembled with `+` or `${}` from values that are not constants is parsed by the database together with those values, so a quote in the data ends the literal and the rest runs as SQL: reading or changing any table, bypassing login checks. Parameterised queries (`?`/`$1` placeholders with a values array, `sql` tagged templates, query builders) keep data out of the SQL text. A whole statement taken from the request (`conn.query(req.body.sql)`) is reported when the receiver is a client of an SQL driver (mysql, mysql2, pg, sqlite3, better-sqlite3, mssql, oracledb, mariadb, postgres, sequelize, knex).',
    severity: 'high',
    messages: {
      request: '`.{{method}}()` receives SQL built from request input ({{part}}); use placeholders (`?`, `$1`) with a values array, or a `sql` tagged template, instead of concatenation.',
      dynamic: '`.{{method}}()` receives SQL built from a non-constant value ({{part}}); pass values as query parameters (`?`, `$1`, named replacements) instead of interpolating them.',
    },
    remediation: 'Use parameterised queries: `db.query(\'SELECT * FROM users WHERE id = $1\', [id])`, Sequelize `replacements`/`bind`, knex `whereRaw(\'id = ?\', [id])`, or a `sql`/`Prisma.sql` tagged template. Allow-list identifiers (table/column names) you cannot parameterise.',
    references: ['https://cwe.mitre.org/data/definitions/89.html', 'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html', 'https://owasp.org/Top10/A03_2021-Injection/'],
    cwe: ['CWE-89'],
    equivalents: { semgrep: ['javascript.lang.security.audit.sqli.node-postgres-sqli.node-postgres-sqli', 'javascript.lang.security.audit.sqli.node-mysql-sqli.node-mysql-sqli'], bearer: ['javascript_lang_sql_injection'] },
  },
  (r) => ({
    CallExpression(node: N) {
      if (unwrap(node.callee).type !== 'MemberExpression') return;
      const method = calleeName(node);
      if (!method || (!RAW_METHODS.has(method) && !QUERY_METHODS.has(method))) return;
      let arg = node.arguments[0];
      if (!arg || arg.type === 'SpreadElement') return;
      // pg's `{ text, values }` query config
      const cfg = objectLiteral(r.a, arg);
      if (cfg) {
        const text = cfg.props.get('text') ?? cfg.props.get('sql');
        if (!text) return;
        arg = text.value;
      }
      const v = resolveValue(r.a, arg);
      if (v.type === 'TaggedTemplateExpression') return;
      const text = sqlText(r.a, arg, undefined);
      const leaves = text.leaves;
      // the whole statement taken from the request, on a client of an SQL driver: `conn.query(req.body.sql)`
      if (!text.building && QUERY_METHODS.has(method) && isRequestInput(r.a, arg) && sqlClient(r.a, unwrap(node.callee).object)) {
        r.at(node, 'request', { method, part: snippet(r.ctx, arg) }, 'critical');
        return;
      }
      if (!text.building || !leaves.length) return;
      if (!RAW_METHODS.has(method) && !SQL_SHAPE.test(text.parts.join(' '))) return;
      const part = snippet(r.ctx, leaves[0]);
      if (leaves.some((l) => containsRequestInput(r.a, l))) r.at(node, 'request', { method, part }, 'critical');
      else r.at(node, 'dynamic', { method, part });
    },
  }),
);
