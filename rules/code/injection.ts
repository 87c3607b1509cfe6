/** Code and command injection: eval, Function, string timers, child_process, vm, deserialisation. */
import {
  calledModuleFunction,
  calleeName,
  concatParts,
  containsRequestInput,
  isModuleFn,
  isRequestInput,
  isStatic,
  isStringBuilding,
  memberChain,
  moduleOf,
  objectLiteral,
  propertyKey,
  reachingDefs,
  resolveValue,
  staticString,
  unwrap,
  type Analysis,
  type N,
} from './lib/analysis.js';
import { onlyConstantPath, PATH_SANITISERS, validatedInFunction } from './lib/guards.js';
import { codeRule, snippet } from './lib/kit.js';

const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'execScript']);
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'global', 'self']);

/** `eval`, `window.eval`, `globalThis.setTimeout`… when not shadowed by a local binding. */
function globalCallee(r: { a: { binding(n: N): unknown } }, callee: N): string | undefined {
  const c = unwrap(callee);
  if (c.type === 'Identifier') return r.a.binding(c) ? undefined : c.name;
  if (c.type === 'MemberExpression' && !c.computed && c.object.type === 'Identifier' && GLOBAL_OBJECTS.has(c.object.name) && !r.a.binding(c.object)) return c.property.name;
  return undefined;
}

export const evalInjection = codeRule(
  {
    id: 'code/eval-injection',
    title: 'Code built from strings is evaluated (eval, Function, string timers, require/import of a request path)',
    description:
      'OWASP A03:2021 Injection. `eval()`, `new Function()` and `setTimeout`/`setInterval` with a string argument compile and run text as JavaScript. When any part of that text comes from outside the program (request parameters, the page URL, stored data), an attacker can run arbitrary code in the server process or the user\'s browser. Constant strings run only the program\'s own code and are not reported (they still need `unsafe-eval` under a Content Security Policy). Loading a module whose path comes from request input (`require(req.query.plugin)`, `import(\'./locales/\' + req.params.lang)`) runs whichever file the caller names and is reported as critical (in browser code, the page URL only when it starts the specifier, so it can name another origin), unless the input passes through `path.basename` or is checked against constants or an allow-list first; other dynamic `require`/`import()` calls are not reported.',
    severity: 'high',
    messages: {
      dynamic: '`{{callee}}` evaluates a string built at run time ({{source}}); never evaluate dynamic text: use a lookup table, `JSON.parse`, or pass a function instead.',
      request: '`{{callee}}` evaluates request or URL input directly; this is remote code execution. Remove the evaluation and parse the input as data (`JSON.parse`, a lookup table).',
      module: '`{{callee}}` loads a module whose path comes from request input ({{source}}), so the caller chooses which file runs as code; map the input to a fixed list of modules instead.',
    },
    remediation: 'Replace `eval`/`new Function` with real code, `JSON.parse` for data, or a map of allowed operations; pass functions, not strings, to `setTimeout`/`setInterval`.',
    references: [
      'https://cwe.mitre.org/data/definitions/95.html',
      'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/eval#never_use_direct_eval!',
      'https://owasp.org/Top10/A03_2021-Injection/',
    ],
    cwe: ['CWE-95'],
    equivalents: { eslint: ['no-eval', 'no-implied-eval', 'no-new-func', 'security/detect-eval-with-expression', 'security/detect-non-literal-require'], bearer: ['javascript_lang_eval_user_input', 'javascript_lang_import_using_user_input'] },
  },
  (r) => {
    const check = (node: N, callee: string, arg: N | undefined, timer: boolean) => {
      if (!arg || arg.type === 'SpreadElement') return;
      const v = resolveValue(r.a, arg);
      if (timer) {
        // Only strings are evaluated: a function, arrow or unknown identifier is not.
        const stringy = v.type === 'TemplateLiteral' || (v.type === 'Literal' && typeof v.value === 'string') || isStringBuilding(r.a, arg) || isRequestInput(r.a, arg);
        if (!stringy) return;
      }
      // a constant runs only the program's own code: no injection to report
      if (isStatic(r.a, arg)) return;
      if (isRequestInput(r.a, arg) || containsRequestInput(r.a, arg)) r.at(node, 'request', { callee }, 'critical');
      else r.at(node, 'dynamic', { callee, source: 'not a constant' });
    };
    const onCall = (node: N) => {
      const name = globalCallee(r, node.callee);
      if (!name) return;
      if (name === 'eval' && node.type === 'CallExpression') check(node, 'eval', node.arguments[0], false);
      else if (name === 'Function') {
        if (node.arguments.length === 0) return;
        const body = node.arguments[node.arguments.length - 1];
        // `new Function('a', 'b', body)`: every parameter and the body are code.
        const dynamic = node.arguments.find((x: N) => x.type === 'SpreadElement' || !isStatic(r.a, x));
        check(node, node.type === 'NewExpression' ? 'new Function' : 'Function', dynamic ?? body, false);
      } else if (TIMERS.has(name) && node.type === 'CallExpression') check(node, name, node.arguments[0], true);
    };
    /** `require(x)`/`import(x)`: a module path from the request runs the file it names, unless only a file name or a constant gets through. */
    const loads = (node: N, callee: string, arg: N | undefined) => {
      if (!arg || arg.type === 'SpreadElement' || isStatic(r.a, arg)) return;
      const flow = { throughPath: true, stop: (c: N) => PATH_SANITISERS.test(calleeName(c) ?? '') };
      // the page's own URL only matters when it picks the start of the specifier (another origin);
      // after a fixed start such as `./pages/` it names a script of the same site
      if (!containsRequestInput(r.a, arg, { ...flow, serverOnly: true })) {
        if (!containsRequestInput(r.a, arg, flow) || typeof concatParts(arg)[0] === 'string') return;
      }
      const guarded = (v: N) => onlyConstantPath(r.a, node, v) || validatedInFunction(r.a, node, v);
      // every request-derived part of `'./x/' + name` or `\`./x/${name}.js\`` checked first
      const parts = concatParts(arg).filter((x): x is N => typeof x !== 'string' && !isStatic(r.a, x));
      if (guarded(arg) || (parts.length > 0 && parts.every(guarded))) return;
      r.at(node, 'module', { callee, source: snippet(r.ctx, arg) }, 'critical');
    };
    return {
      CallExpression(node: N) {
        onCall(node);
        const callee = unwrap(node.callee);
        if (callee.type === 'Identifier' && callee.name === 'require' && !r.a.binding(callee)) loads(node, 'require', node.arguments[0]);
      },
      NewExpression: onCall,
      ImportExpression(node: N) {
        loads(node, 'import()', node.source);
      },
    };
  },
);

const SHELL_FNS = ['exec', 'execSync'];
const SPAWN_FNS = ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork'];
/** Programs that run their argument as a command line (`sh -c`, `cmd /c`, `powershell -Command`). */
const SHELL_PROGRAMS = /^(?:.*[/\\])?(sh|bash|zsh|dash|ksh|ash|fish|cmd|cmd\.exe|powershell|powershell\.exe|pwsh|pwsh\.exe)$/i;
const SHELL_COMMAND_FLAGS = /^(-c|-lc|-ic|-ec|--command|\/c|\/k|\/s\/c|-command|-c(ommand)?)$/i;

/** Interpreters that run code given on their command line, and the flags that take it. */
const INTERPRETERS = /^(?:.*[/\\])?(node|nodejs|deno|bun|python[0-9.]*|perl|ruby|php)$/i;
function codeFlag(program: string): RegExp {
  const name = program.replace(/^.*[/\\]/, '').toLowerCase();
  if (name.startsWith('python')) return /^-c$/;
  if (name === 'php') return /^-r$/;
  if (name === 'perl' || name === 'ruby') return /^-[eE]$/;
  return /^(-e|-p|--eval|--print)$/;
}

export const commandInjection = codeRule(
  {
    id: 'code/command-injection',
    title: 'Shell command built from dynamic input',
    description:
      'OWASP A03:2021 Injection. `child_process.exec`/`execSync` (and `spawn`/`execFile` with `shell: true`, or started as `sh -c`/`cmd /c`) hand their command line to `/bin/sh` or `cmd.exe`. When the command is built from variables, shell metacharacters in those values (`;`, `|`, `$()`, backticks) run extra commands with the service\'s privileges. Commands built directly from request input are critical, as are interpreters started with request input as their code (`node -e`, `python -c`, `perl -e`, `php -r`).',
    severity: 'high',
    messages: {
      request: '`{{fn}}` runs a shell command built from request input; an attacker can append their own commands. Use `execFile`/`spawn` with an argument array (no `shell`) and validate the input against an allow-list.',
      dynamic: '`{{fn}}` runs a shell command built from a non-constant value; if any part can be influenced externally it allows command injection. Use `execFile`/`spawn` with an argument array and no `shell` option.',
      program: '`{{fn}}` starts a program whose name comes from request input, so the caller chooses what runs; map the input to a fixed list of programs instead.',
      interpreter: '`{{fn}}` starts `{{program}} {{flag}}` with code taken from request input, so the caller chooses the script that runs; pass the input as data (an argument after a fixed script, or stdin) instead.',
    },
    remediation: 'Call `execFile`/`spawn` with the program and an array of arguments and without `shell: true`; validate arguments against an allow-list; never interpolate input into a command string.',
    references: [
      'https://cwe.mitre.org/data/definitions/78.html',
      'https://nodejs.org/api/child_process.html#spawning-bat-and-cmd-files-on-windows',
      'https://owasp.org/Top10/A03_2021-Injection/',
    ],
    cwe: ['CWE-78'],
    equivalents: { eslint: ['security/detect-child-process'], semgrep: ['javascript.lang.security.detect-child-process.detect-child-process'], bearer: ['javascript_lang_os_command_injection', 'javascript_lang_dynamic_os_command'] },
  },
  (r) => {
  /** The elements of an argument array: a literal, or literals joined with `.concat(…)` (`['/c', 'x'].concat(more)`). */
  const argumentList = (node: N, depth = 0): N[] => {
    const v = unwrap(resolveValue(r.a, node));
    if (v?.type === 'ArrayExpression') return v.elements.filter(Boolean);
    if (depth < 5 && v?.type === 'CallExpression' && calleeName(v) === 'concat' && v.callee.type === 'MemberExpression') {
      const head = argumentList(v.callee.object, depth + 1);
      if (!head.length && unwrap(resolveValue(r.a, v.callee.object))?.type !== 'ArrayExpression') return [];
      return [...head, ...v.arguments.flatMap((x: N) => (x.type === 'SpreadElement' ? [x] : unwrap(resolveValue(r.a, x))?.type === 'ArrayExpression' ? argumentList(x, depth + 1) : [x]))];
    }
    return [];
  };
  return {
    CallExpression(node: N) {
      const ref = calledModuleFunction(r.a, node);
      if (!ref || ref.module !== 'child_process' || ref.path.length !== 1) return;
      const fn = ref.path[0];
      const cmd = node.arguments[0];
      if (!cmd || cmd.type === 'SpreadElement') return;
      let parts: N[] = [cmd];
      if (SPAWN_FNS.includes(fn)) {
        const opts = node.arguments.find((x: N, i: number) => i > 0 && unwrap(x).type !== 'ArrayExpression' && objectLiteral(r.a, x));
        const shell = opts ? objectLiteral(r.a, opts)?.props.get('shell') : undefined;
        const sv = shell ? unwrap(shell.value) : undefined;
        const list: N[] = node.arguments[1] ? argumentList(node.arguments[1]) : [];
        // `shell: true` or a shell path: the command and its arguments are joined and parsed by the shell.
        if (!sv || (sv.type === 'Literal' && (sv.value === false || sv.value === null)) || (sv.type !== 'Literal' && sv.type !== 'TemplateLiteral')) {
          // Without a shell option: a shell started explicitly (`spawn('sh', ['-c', cmd])`) parses its command
          // string; otherwise only a program chosen by the request is reported.
          const program = staticString(r.a, cmd);
          if (program !== undefined && SHELL_PROGRAMS.test(program)) {
            const flag = list.findIndex((x: N) => x.type !== 'SpreadElement' && SHELL_COMMAND_FLAGS.test(staticString(r.a, x) ?? ''));
            // `sh -c script a b` parses only the script (the rest are $0, $1…); cmd /c and powershell -Command join every later argument
            const joins = /^(?:.*[/\\])?(cmd|cmd\.exe|powershell|powershell\.exe|pwsh|pwsh\.exe)$/i.test(program);
            parts = flag >= 0 ? list.slice(flag + 1, joins ? undefined : flag + 2) : list.filter((x: N) => x.type === 'SpreadElement' || containsRequestInput(r.a, x));
          } else {
            if (containsRequestInput(r.a, cmd)) r.at(node, 'program', { fn: `${ref.module}.${fn}` }, 'critical');
            else if (program !== undefined && INTERPRETERS.test(program)) {
              // `node -e code`, `python -c code`: the argument after the flag is a program
              const flag = list.findIndex((x: N) => x.type !== 'SpreadElement' && codeFlag(program).test(staticString(r.a, x) ?? ''));
              const code = flag >= 0 ? list[flag + 1] : undefined;
              if (code && code.type !== 'SpreadElement' && isRequestInput(r.a, code)) r.at(node, 'interpreter', { fn: `${ref.module}.${fn}`, program, flag: staticString(r.a, list[flag]) ?? '' }, 'critical');
            }
            return;
          }
        } else parts = [cmd, ...list];
      } else if (!SHELL_FNS.includes(fn)) return;
      const dynamic = parts.filter((p) => p.type === 'SpreadElement' || !isStatic(r.a, p));
      if (!dynamic.length) return;
      const name = `${ref.module}.${fn}`;
      if (dynamic.some((p) => containsRequestInput(r.a, p.type === 'SpreadElement' ? p.argument : p))) r.at(node, 'request', { fn: name }, 'critical');
      else r.at(node, 'dynamic', { fn: name });
    },
  };
  },
);

const VM_FNS = ['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction', 'Script', 'SourceTextModule'];
/** Sandboxes that run a code string: vm2's `VM`/`NodeVM` (`.run(code)`) and the `sandbox` package (`new Sandbox().run(code)`). */
const SANDBOX_CLASSES = new Map<string, string[]>([['vm2', ['VM', 'NodeVM']], ['sandbox', []]]);

export const vmInjection = codeRule(
  {
    id: 'code/vm-code-injection',
    title: 'Node `vm` (or vm2, sandbox) runs code built at run time',
    description:
      'OWASP A03:2021 Injection. The Node.js `vm` module is not a security sandbox: code run with `vm.runInNewContext`, `vm.Script` or `vm.compileFunction` can escape to the host process (e.g. through `this.constructor.constructor`). The vm2 library, discontinued in 2023 after sandbox escapes it could not fix (CVE-2023-37466, CVE-2023-37903), and the `sandbox` package are no safer: their `run(code)` and vm2\'s `new VMScript(code)` are reported the same way. Running text that is not a constant lets whoever controls it execute arbitrary code on the server.',
    severity: 'high',
    messages: {
      request: '`{{fn}}` runs code taken from request input: remote code execution. Do not evaluate user-supplied code; if you must, use an isolated process or a real sandbox (isolated-vm) with no host access.',
      dynamic: '`{{fn}}` runs code that is not a constant, and it is not a sandbox. Evaluate only fixed code, or move untrusted code into an isolated process.',
    },
    remediation: 'Do not run dynamic code with `vm`, vm2 or `sandbox`; parse data instead, or use a separately isolated process/`isolated-vm` with strict limits when user code must run.',
    references: [
      'https://nodejs.org/api/vm.html#vm-executing-javascript',
      'https://github.com/patriksimek/vm2/security/advisories/GHSA-cchq-frgv-rjh5',
      'https://cwe.mitre.org/data/definitions/94.html',
      'https://owasp.org/Top10/A03_2021-Injection/',
    ],
    cwe: ['CWE-94'],
    equivalents: { eslint: ['security/detect-eval-with-expression'] },
  },
  (r) => {
    /** `new VM(…)`, a binding of it, or `new Sandbox()`: the sandbox class it instantiates (`vm2 VM`). */
    const sandboxOf = (obj: N): string | undefined => {
      const v = unwrap(resolveValue(r.a, obj));
      if (v?.type !== 'NewExpression') return undefined;
      const ref = calledModuleFunction(r.a, v);
      const classes = ref && SANDBOX_CLASSES.get(ref.module);
      if (!classes || !(ref.path.length === 0 ? classes.length === 0 : ref.path.length === 1 && classes.includes(ref.path[0]))) return undefined;
      return ref.path.length ? `${ref.module} ${ref.path[0]}` : ref.module;
    };
    /** Constant code, also a reassigned or undeclared variable whose every assignment before this use is constant (`code = \`…\`; vm.run(code)`). */
    const constant = (code: N): boolean => {
      if (isStatic(r.a, code)) return true;
      const defs = unwrap(code).type === 'Identifier' ? reachingDefs(r.a, unwrap(code)) : undefined;
      return !!defs?.length && defs.every((d) => d.op === '=' && isStatic(r.a, d.value));
    };
    const report = (node: N, code: N | undefined, fn: string) => {
      if (!code || (code.type !== 'SpreadElement' && constant(code))) return;
      if (code.type !== 'SpreadElement' && containsRequestInput(r.a, code)) r.at(node, 'request', { fn }, 'critical');
      else r.at(node, 'dynamic', { fn });
    };
    const on = (node: N) => {
      const ref = calledModuleFunction(r.a, node);
      if (isModuleFn(ref, ['vm'], VM_FNS)) {
        report(node, node.arguments[0], `vm.${ref!.path[0]}`);
        return;
      }
      if (isModuleFn(ref, ['vm2'], ['VMScript']) && node.type === 'NewExpression') {
        report(node, node.arguments[0], 'new VMScript');
        return;
      }
      // vm2 `new VM(opts).run(code)`, `nodeVM.run(code)`; `new Sandbox().run(code, cb)`
      const callee = unwrap(node.callee);
      if (node.type !== 'CallExpression' || callee.type !== 'MemberExpression' || propertyKey(callee) !== 'run') return;
      const box = sandboxOf(callee.object);
      if (!box) return;
      const code = node.arguments[0];
      // `vm.run(new VMScript(code))`: reported where the script is compiled
      if (code && code.type !== 'SpreadElement' && isModuleFn(calledModuleFunction(r.a, unwrap(resolveValue(r.a, code))), ['vm2'], ['VMScript'])) return;
      report(node, code, `${box}.run`);
    };
    return { CallExpression: on, NewExpression: on };
  },
);

/** Template engines that compile template text into code, and the functions that take that text first. */
const TEMPLATE_ENGINES = new Map<string, string[]>(Object.entries({
  handlebars: ['compile', 'precompile'],
  ejs: ['compile', 'render'],
  pug: ['compile', 'render', 'compileClient'],
  jade: ['compile', 'render', 'compileClient'],
  nunjucks: ['renderString', 'compile'],
  lodash: ['template'],
  underscore: ['template'],
  dot: ['template', 'compile'],
  squirrelly: ['Compile', 'compile', 'render'],
  'art-template': ['compile', 'render'],
  eta: ['render', 'renderString', 'compile'],
  velocityjs: ['render'],
}));
/** Modules whose default export is the template function (`require('lodash.template')(src)`). */
const TEMPLATE_FUNCTIONS = new Set(['lodash.template']);
/** Browser globals of the same engines. */
const TEMPLATE_GLOBALS = new Map(Object.entries({ Handlebars: 'handlebars', Sqrl: 'squirrelly', _: 'lodash', ejs: 'ejs', pug: 'pug', nunjucks: 'nunjucks', doT: 'dot' }));

export const templateInjection = codeRule(
  {
    id: 'code/template-injection',
    title: 'Template text, view name or render options taken from the request (server-side template injection)',
    description:
      'OWASP A03:2021 Injection. Template engines compile template text into JavaScript: EJS, Pug, lodash/underscore `template`, doT and Squirrelly run expressions written in the template, and Handlebars templates have reached `process` through prototype tricks. Compiling or rendering a template whose text includes request input (`ejs.render(req.body.tpl)`, `handlebars.compile(source + req.query.x)`, `new nunjucks.Template(req.body.t)`) lets the caller run code on the server. A view name taken from the request (`res.render(req.params.page)`, `res.render(\'pages/\' + req.query.p)`) is reported at medium: with `../` the caller has any template file on disk compiled and run, unless the input passes through `path.basename`, is checked against constants or an allow-list first, or the route pattern restricts it (`/:page(about|help)`). Passing request input as the whole options object of `res.render(view, req.query)` is reported too: the caller then sets engine options, such as the `layout` file hbs and express-handlebars read (any file on disk) or EJS\'s `settings[view options]` (remote code execution, CVE-2022-29078). Data passed as named values (`res.render(view, { name: req.query.name })`, `template(data)`) is the safe use and is not reported.',
    severity: 'high',
    messages: {
      template: '`{{call}}` compiles template text that includes request input ({{source}}); the caller can write template code that runs on the server. Keep templates fixed and pass user values as data (`template({ name })`).',
      view: '`{{call}}` renders a view whose name comes from the request ({{source}}); with `../` the caller picks any template file on disk to be compiled and run. Map the input to a fixed list of view names.',
      renderOptions: '`{{call}}` passes request input ({{source}}) as the whole render options, so the caller sets engine options (the hbs `layout` file, EJS `settings`); pass the values you need by name: `res.render(view, { name: req.body.name })`.',
    },
    remediation: 'Never build template text from user input: load templates from fixed files, and pass user values as named data to the compiled template or to `res.render(view, { … })`.',
    references: ['https://portswigger.net/web-security/server-side-template-injection', 'https://cwe.mitre.org/data/definitions/1336.html', 'https://nvd.nist.gov/vuln/detail/CVE-2022-29078', 'https://owasp.org/Top10/A03_2021-Injection/'],
    cwe: ['CWE-1336', 'CWE-94'],
    equivalents: {},
  },
  (r) => {
    const source = (v: N) => snippet(r.ctx, v);
    /** The handler's route pattern limits its parameters (`/:page(about|help)`), so a view name from them is one of a fixed set. */
    const constrainedRoute = (node: N): boolean => {
      for (let cur = r.a.parent(node); cur; cur = r.a.parent(cur)) {
        if (cur.type !== 'CallExpression') continue;
        const route = staticString(r.a, cur.arguments[0]);
        if (route !== undefined && /:\w+\(/.test(route)) return true;
      }
      return false;
    };
    /** Request input reaches the template text, also as the replacement of a `.replace` (`tpl.replace('NAME', req.query.name)`). */
    const templateTainted = (text: N): boolean => {
      const edits = (c: N) => /^(replace|replaceAll)$/.test(calleeName(c) ?? '');
      if (containsRequestInput(r.a, text, { through: edits })) return true;
      const v = unwrap(resolveValue(r.a, text));
      return v?.type === 'CallExpression' && edits(v) && v.arguments.some((x: N) => x.type !== 'SpreadElement' && containsRequestInput(r.a, x));
    };
    /** The template engine function a call invokes: `ejs.render`, `_.template`, `new nunjucks.Template`. */
    const engineCall = (node: N): string | undefined => {
      const ref = calledModuleFunction(r.a, node);
      if (ref) {
        if (TEMPLATE_FUNCTIONS.has(ref.module) && ref.path.length === 0) return ref.module;
        if (ref.module === 'nunjucks' && node.type === 'NewExpression' && ref.path.join('.') === 'Template') return 'new nunjucks.Template';
        return ref.path.length === 1 && TEMPLATE_ENGINES.get(ref.module)?.includes(ref.path[0]) ? `${ref.module}.${ref.path[0]}` : undefined;
      }
      const callee = unwrap(node.callee);
      if (callee.type !== 'MemberExpression' || unwrap(callee.object).type !== 'Identifier') return undefined;
      const obj = unwrap(callee.object);
      const mod = TEMPLATE_GLOBALS.get(obj.name);
      const fn = propertyKey(callee);
      if (!mod || r.a.binding(obj) || !fn || !TEMPLATE_ENGINES.get(mod)?.includes(fn)) return undefined;
      return `${obj.name}.${fn}`;
    };
    const on = (node: N) => {
      const call = engineCall(node);
      if (call) {
        const text = node.arguments[0];
        if (text && text.type !== 'SpreadElement' && templateTainted(text)) r.at(node, 'template', { call, source: source(text) }, 'critical');
        return;
      }
      // res.render(view, req.body) / res.render(view, { ...req.query })
      const callee = unwrap(node.callee);
      if (node.type !== 'CallExpression' || callee.type !== 'MemberExpression' || propertyKey(callee) !== 'render') return;
      const chain = memberChain(r.a, callee.object);
      if (!chain || !['res', 'response'].includes(chain[chain.length - 1])) return;
      // res.render(req.params.page) / res.render('pages/' + req.query.p): the caller names the template file
      const view = node.arguments[0];
      if (view && view.type !== 'SpreadElement' && !isStatic(r.a, view)) {
        const fileOnly = { throughPath: true, serverOnly: true, stop: (c: N) => PATH_SANITISERS.test(calleeName(c) ?? '') };
        const parts = concatParts(view).filter((x): x is N => typeof x !== 'string' && !isStatic(r.a, x));
        const guarded = (v: N) => onlyConstantPath(r.a, node, v) || validatedInFunction(r.a, node, v);
        if (containsRequestInput(r.a, view, fileOnly) && !guarded(view) && !(parts.length > 0 && parts.every(guarded)) && !constrainedRoute(node)) {
          r.at(node, 'view', { call: `${chain.join('.')}.render`, source: source(view) }, 'medium');
        }
      }
      const opts = node.arguments[1];
      if (!opts || opts.type === 'SpreadElement') return;
      const o = unwrap(resolveValue(r.a, opts));
      const spread = o?.type === 'ObjectExpression' ? o.properties.find((p: N) => p.type === 'SpreadElement' && isRequestInput(r.a, p.argument, 0, true)) : undefined;
      if (isRequestInput(r.a, opts, 0, true) || spread) r.at(node, 'renderOptions', { call: `${chain.join('.')}.render`, source: source(spread ? spread.argument : opts) });
    };
    return { CallExpression: on, NewExpression: on };
  },
);

export const insecureDeserialization = codeRule(
  {
    id: 'code/insecure-deserialization',
    title: 'Untrusted data deserialised with a code-executing deserialiser',
    description:
      'OWASP A08:2021 Software and Data Integrity Failures. `node-serialize`\'s `unserialize` (and `serialize-to-js`\'s `deserialize`, `funcster`) restore functions by evaluating them: a payload containing an immediately-invoked function expression (`_$$ND_FUNC$$_function(){...}()`) runs on the server as soon as it is deserialised. Output of `serialize-javascript` is JavaScript, and turning it back with `eval` is code execution too. js-yaml `load`/`safeLoad` given a schema with the `!!js/function` type (`DEFAULT_FULL_SCHEMA` in js-yaml 3, the `all`/`function` types of js-yaml-js-types) build functions from the document, which run when the result is called or converted to a string.',
    severity: 'high',
    messages: {
      request: '`{{fn}}` deserialises request input and can execute attacker code (CVE-2017-5941). Use `JSON.parse` and validate the result against a schema.',
      dynamic: '`{{fn}}` evaluates serialised functions; if the data is ever attacker-controlled this is remote code execution. Use `JSON.parse` and validate the result.',
      yamlRequest: '`{{fn}}` parses request input with a schema that includes `!!js/function`, so the document can define functions that run when the result is called or turned into a string. Use the default schema (js-yaml 4 `load`, js-yaml 3 `safeLoad`) without js-yaml-js-types.',
      yaml: '`{{fn}}` parses YAML with a schema that includes `!!js/function` (`DEFAULT_FULL_SCHEMA` or js-yaml-js-types), which builds functions from the document; use the default schema unless every document is trusted.',
    },
    remediation: 'Exchange data as JSON and parse it with `JSON.parse`, validating it against a schema; never deserialise formats that can carry functions.',
    references: ['https://cwe.mitre.org/data/definitions/502.html', 'https://nvd.nist.gov/vuln/detail/CVE-2017-5941', 'https://owasp.org/Top10/A08_2021-Software_and_Data_Integrity_Failures/'],
    cwe: ['CWE-502'],
    equivalents: { codeql: ['js/unsafe-deserialization'], bearer: ['javascript_express_unsafe_deserialization'] },
  },
  (r) => ({
    CallExpression(node: N) {
      const ref = calledModuleFunction(r.a, node);
      if (isModuleFn(ref, ['js-yaml'], ['load', 'loadAll', 'safeLoad', 'safeLoadAll'])) {
        // js-yaml with a schema that has the !!js/function type (DEFAULT_FULL_SCHEMA in js-yaml 3, js-yaml-js-types in 4)
        const data = node.arguments[0];
        const schema = node.arguments.slice(1).map((x: N) => objectLiteral(r.a, x)?.props.get('schema')).find(Boolean);
        if (!data || data.type === 'SpreadElement' || isStatic(r.a, data) || schema?.type !== 'Property' || !runsFunctions(r.a, schema.value)) return;
        const fn = `js-yaml.${ref!.path[0]}`;
        const fromRequest = containsRequestInput(r.a, data);
        r.at(node, fromRequest ? 'yamlRequest' : 'yaml', { fn }, fromRequest ? 'critical' : 'high');
        return;
      }
      const ok =
        isModuleFn(ref, ['node-serialize'], ['unserialize']) ||
        isModuleFn(ref, ['serialize-to-js'], ['deserialize']) ||
        isModuleFn(ref, ['funcster'], ['deepDeserialize']) ||
        (ref?.module === 'serialize-javascript' && ref.path.length === 1 && ref.path[0] === 'deserialize');
      if (!ok) return;
      const data = node.arguments[0];
      if (!data || (data.type !== 'SpreadElement' && isStatic(r.a, data))) return;
      const fn = `${ref!.module}.${ref!.path[0]}`;
      if (data.type !== 'SpreadElement' && containsRequestInput(r.a, data)) r.at(node, 'request', { fn }, 'critical');
      else r.at(node, 'dynamic', { fn });
    },
  }),
);

/** Calls whose result keeps the pattern text of their receiver: splitting, filtering, and a `.replace` that does not insert backslashes (an escaper does). */
function keepsPattern(a: Analysis, call: N): boolean {
  const name = calleeName(call);
  if (name === 'split' || name === 'filter') return true;
  if (name !== 'replace' && name !== 'replaceAll') return false;
  const by = staticString(a, call.arguments[1]);
  return by !== undefined && !by.includes('\\');
}

/** The receiver is a string: a constant or template, one branch of `?:` that is, or request input itself. */
function isStringValue(a: Analysis, node: N, depth = 0): boolean {
  const v = unwrap(resolveValue(a, node));
  if (!v || depth > 5) return false;
  if ((v.type === 'Literal' && typeof v.value === 'string') || v.type === 'TemplateLiteral') return true;
  if (v.type === 'ConditionalExpression') return isStringValue(a, v.consequent, depth + 1) || isStringValue(a, v.alternate, depth + 1);
  if (v.type === 'BinaryExpression' && v.operator === '+') return isStringValue(a, v.left, depth + 1) || isStringValue(a, v.right, depth + 1);
  return isRequestInput(a, v, 0, true);
}

/** A js-yaml schema with the `!!js/function` type: `DEFAULT_FULL_SCHEMA`, or one extended with js-yaml-js-types' `all`/`function`. */
function runsFunctions(a: Analysis, node: N, depth = 0): boolean {
  const v = unwrap(resolveValue(a, node));
  if (!v || depth > 8) return false;
  const ref = moduleOf(a, v);
  if (ref?.module === 'js-yaml' && ref.path.join('.') === 'DEFAULT_FULL_SCHEMA') return true;
  if (ref?.module === 'js-yaml-js-types' && ref.path.length === 1 && (ref.path[0] === 'all' || ref.path[0] === 'function')) return true;
  if (v.type === 'ArrayExpression') return v.elements.some((e: N) => e && runsFunctions(a, e.type === 'SpreadElement' ? e.argument : e, depth + 1));
  if (v.type === 'CallExpression' && calleeName(v) === 'extend' && v.callee.type === 'MemberExpression') return runsFunctions(a, v.callee.object, depth + 1) || v.arguments.some((x: N) => runsFunctions(a, x.type === 'SpreadElement' ? x.argument : x, depth + 1));
  return false;
}

const REGEX_ESCAPERS = /^(escapeRegExp|escapeRegex|escapeStringRegexp|escapeStringRegExp|regexpEscape|escapeRegExpChars|quotemeta|escape|_escapeRegExp)$/i;

export const regexpInjection = codeRule(
  {
    id: 'code/regexp-injection',
    title: 'Regular expression built from request input (ReDoS)',
    description:
      'OWASP A03:2021 Injection / A05:2021. `new RegExp(input)` compiles a pattern chosen by the user, and so do `str.match(input)` and `str.search(input)`, which turn a string argument into a regular expression. A crafted pattern with nested quantifiers such as `(a+)+$` makes the regular-expression engine backtrack exponentially, blocking Node\'s single event loop and denying service to every user; metacharacters also change what the expression matches. Input a server receives is reported; the page\'s own URL in browser code is not (a crafted link only stalls the tab that opens it).',
    severity: 'medium',
    messages: {
      request: '`{{callee}}` compiles a pattern taken from request input; escape it first (e.g. `escape-string-regexp`, `_.escapeRegExp`) or match with `String.prototype.includes`.',
    },
    remediation: 'Escape user input before putting it in a regular expression (`escape-string-regexp`, lodash `escapeRegExp`), or use plain string methods; bound input length.',
    references: ['https://cwe.mitre.org/data/definitions/1333.html', 'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS', 'https://owasp.org/Top10/A03_2021-Injection/'],
    cwe: ['CWE-1333'],
    equivalents: { codeql: ['js/regex-injection'], eslint: ['security/detect-non-literal-regexp'], semgrep: ['javascript.lang.security.audit.detect-non-literal-regexp.detect-non-literal-regexp'], bearer: ['javascript_lang_regex_using_user_input'] },
  },
  (r) => {
    const stop = (call: N) => REGEX_ESCAPERS.test(calleeName(call) ?? '');
    const opts = { stop, through: (call: N) => keepsPattern(r.a, call), serverOnly: true };
    const on = (node: N) => {
      const c = unwrap(node.callee);
      if (c.type === 'MemberExpression' && node.type === 'CallExpression' && node.arguments.length === 1) {
        // `str.match(input)` / `str.search(input)` compile a non-RegExp argument with `new RegExp(input)`
        const name = propertyKey(c);
        const arg = node.arguments[0];
        if ((name === 'match' || name === 'search' || name === 'matchAll') && arg.type !== 'SpreadElement' && isStringValue(r.a, c.object) && containsRequestInput(r.a, arg, opts)) r.at(node, 'request', { callee: `String.prototype.${name}` });
        return;
      }
      if (c.type !== 'Identifier' || c.name !== 'RegExp' || r.a.binding(c)) return;
      const arg = node.arguments[0];
      if (!arg || arg.type === 'SpreadElement') return;
      if (containsRequestInput(r.a, arg, opts)) r.at(node, 'request', { callee: node.type === 'NewExpression' ? 'new RegExp' : 'RegExp' });
    };
    return { CallExpression: on, NewExpression: on };
  },
);

