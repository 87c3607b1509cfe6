/** SQL built by concatenation or interpolation and passed to a query API. */
import { calleeName, containsRequestInput, isStatic, memberName, objectLiteral, resolveValue, staticParts, unwrap, type Analysis, type N } from './lib/analysis.js';
import { codeRule } from './lib/kit.js';

/** Methods that take raw SQL text as their first argument (mysql, pg, sequelize, knex, prisma, sqlite, postgres.js). */
const RAW_METHODS = new Set(['raw', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'unsafe']);
const QUERY_METHODS = new Set(['query', 'execute', 'exec', 'prepare', 'all', 'get', 'run', 'each', 'none', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any', 'result']);
/** A statement shape, so a URL or message that happens to contain "select" is not taken for SQL. */
const SQL_SHAPE = /\b(select\b[\s\S]*?\bfrom\b|insert\s+into\b|update\s+[\w."`\[\]$]+\s+set\b|delete\s+from\b|merge\s+into\b|(create|alter|drop|truncate)\s+(table|view|index|database|schema)\b|\bwhere\b[\s\S]*?(=|<|>|\blike\b|\bin\b)|\border\s+by\b|\bvalues\s*\()/i;
/** Calls whose result is safe to interpolate into SQL: escapers, numeric coercion. */
const SAFE_CALLS = /^(escape|escapeId|escapeIdentifier|escapeLiteral|quoteIdentifier|quote|format|Number|parseInt|parseFloat|toFixed|literal|identifier|ident|col|placeholders?)$/;

/** The dynamic pieces of a string expression: template expressions and `+` operands that are not constant. */
function dynamicLeaves(a: Analysis, node: N, depth = 0): N[] {
  const n = unwrap(node);
  if (!n || depth > 20) return [];
  if (isStatic(a, n) || isSafe(a, n)) return [];
  if (n.type === 'TemplateLiteral') return n.expressions.flatMap((e: N) => dynamicLeaves(a, e, depth + 1));
  if (n.type === 'BinaryExpression' && n.operator === '+') return [...dynamicLeaves(a, n.left, depth + 1), ...dynamicLeaves(a, n.right, depth + 1)];
  if (n.type === 'Identifier') {
    const v = resolveValue(a, n);
    if (v !== n && (v.type === 'TemplateLiteral' || (v.type === 'BinaryExpression' && v.operator === '+'))) return dynamicLeaves(a, v, depth + 1);
  }
  return [n];
}

function isSafe(a: Analysis, node: N): boolean {
  const n = resolveValue(a, node);
  if (!n) return false;
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
      'OWASP A03:2021 Injection. A query string assembled with `+` or `${}` from values that are not constants is parsed by the database together with those values, so a quote in the data ends the literal and the rest runs as SQL: reading or changing any table, bypassing login checks. Parameterised queries (`?`/`$1` placeholders with a values array, `sql` tagged templates, query builders) keep data out of the SQL text.',
    severity: 'high',
    messages: {
      request: '`.{{method}}()` receives SQL built from request input ({{part}}); use placeholders (`?`, `$1`) with a values array, or a `sql` tagged template, instead of concatenation.',
      dynamic: '`.{{method}}()` receives SQL built from a non-constant value ({{part}}); pass values as query parameters (`?`, `$1`, named replacements) instead of interpolating them.',
    },
    remediation: 'Use parameterised queries: `db.query(\'SELECT * FROM users WHERE id = $1\', [id])`, Sequelize `replacements`/`bind`, knex `whereRaw(\'id = ?\', [id])`, or a `sql`/`Prisma.sql` tagged template. Allow-list identifiers (table/column names) you cannot parameterise.',
    references: ['https://cwe.mitre.org/data/definitions/89.html', 'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html', 'https://owasp.org/Top10/A03_2021-Injection/'],
    cwe: ['CWE-89'],
    equivalents: { semgrep: ['javascript.lang.security.audit.sqli.node-postgres-sqli.node-postgres-sqli', 'javascript.lang.security.audit.sqli.node-mysql-sqli.node-mysql-sqli'] },
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
      if (!(v.type === 'TemplateLiteral' && v.expressions.length) && !(v.type === 'BinaryExpression' && v.operator === '+') && !(v.type === 'CallExpression' && calleeName(v) === 'concat')) return;
      const leaves = v.type === 'CallExpression' ? [v] : dynamicLeaves(r.a, v);
      if (!leaves.length) return;
      if (!RAW_METHODS.has(method) && !SQL_SHAPE.test(staticParts(r.a, v).join(' '))) return;
      const part = r.ctx.file.text.slice(leaves[0].range[0], leaves[0].range[1]).replace(/\s+/g, ' ').slice(0, 50);
      if (leaves.some((l) => containsRequestInput(r.a, l))) r.at(node, 'request', { method, part }, 'critical');
      else r.at(node, 'dynamic', { method, part });
    },
  }),
);
