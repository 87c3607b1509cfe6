/** Browser and desktop (Electron) trust boundaries: Electron's renderer isolation, cross-window messaging. */
import { memberName, moduleOf, objectLiteral, propertyKey, resolveValue, staticString, unwrap, walk, FUNCTION_NODE_TYPES, type Analysis, type N } from './lib/analysis.js';
import { codeRule } from './lib/kit.js';
import type { Severity } from '../../src/model/severity.js';

/** Electron classes whose options carry `webPreferences` for the renderer they create. */
const ELECTRON_VIEWS = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);
const ELECTRON_MODULES = new Set(['electron', 'electron/main', '@electron/remote']);

/** `new BrowserWindow(…)` from Electron (or `remote.BrowserWindow`); an undeclared `BrowserWindow` is Electron's too. */
function isElectronView(a: Analysis, node: N): boolean {
  const callee = unwrap(node.callee);
  const ref = moduleOf(a, callee);
  if (ref) return ELECTRON_MODULES.has(ref.module) && ELECTRON_VIEWS.has(ref.path[ref.path.length - 1] ?? '');
  return callee.type === 'Identifier' && ELECTRON_VIEWS.has(callee.name) && !a.binding(callee);
}

/** A `webPreferences` setting that weakens the renderer when it has the given literal value. */
interface Weakening {
  value: boolean;
  messageId: string;
  severity: Severity;
}

const WEAKENINGS: Record<string, Weakening> = {
  nodeIntegration: { value: true, messageId: 'nodeIntegration', severity: 'high' },
  nodeIntegrationInWorker: { value: true, messageId: 'nodeIntegration', severity: 'high' },
  nodeIntegrationInSubFrames: { value: true, messageId: 'nodeIntegration', severity: 'high' },
  contextIsolation: { value: false, messageId: 'contextIsolation', severity: 'high' },
  webSecurity: { value: false, messageId: 'webSecurity', severity: 'high' },
  allowRunningInsecureContent: { value: true, messageId: 'insecureContent', severity: 'high' },
  sandbox: { value: false, messageId: 'sandbox', severity: 'medium' },
  experimentalFeatures: { value: true, messageId: 'experimental', severity: 'medium' },
};

/** Chromium switches that turn off web security or certificate checks for the whole app. */
const INSECURE_SWITCHES = new Set(['disable-web-security', 'ignore-certificate-errors', 'allow-running-insecure-content', 'no-sandbox', 'disable-site-isolation-trials']);

function literalBoolean(a: Analysis, node: N): boolean | undefined {
  const v = unwrap(resolveValue(a, node));
  return v?.type === 'Literal' && typeof v.value === 'boolean' ? v.value : undefined;
}

export const electronInsecurePreferences = codeRule(
  {
    id: 'code/electron-insecure-preferences',
    title: 'Electron window weakens renderer isolation (nodeIntegration, contextIsolation, webSecurity, sandbox)',
    description:
      'Electron\'s security checklist. A renderer shows web content; its `webPreferences` decide what that content can reach. With `nodeIntegration` (or its worker and sub-frame variants) on, or `contextIsolation` off, any script in the page (an XSS, a compromised CDN script, a page navigated to) gets Node.js and so runs commands on the user\'s machine. `webSecurity: false` turns off the same-origin policy, `allowRunningInsecureContent` lets an HTTPS page run HTTP scripts, `sandbox: false` takes the renderer out of Chromium\'s sandbox and `experimentalFeatures` enables untested Blink features. The same holds for the command-line switches `disable-web-security`, `ignore-certificate-errors`, `allow-running-insecure-content` and `no-sandbox`. Only values written explicitly are reported: the defaults of current Electron (since 20) are the safe ones.',
    severity: 'high',
    messages: {
      nodeIntegration: '`{{key}}: true` gives the pages this window loads access to Node.js, so any script injected into them can run commands on the user\'s machine; remove it and expose only the functions the page needs through a preload script and `contextBridge`.',
      contextIsolation: '`contextIsolation: false` runs the preload script and Electron\'s internals in the page\'s own JavaScript context, so page scripts can reach privileged APIs; remove it (the default is true) and use `contextBridge.exposeInMainWorld`.',
      webSecurity: '`webSecurity: false` turns off the same-origin policy in this window, so any page it loads can read other sites\' data; remove it (the default is true).',
      insecureContent: '`allowRunningInsecureContent: true` lets HTTPS pages in this window run scripts and styles loaded over plain HTTP, which a network attacker can replace; remove it and load every resource over HTTPS.',
      sandbox: '`sandbox: false` takes this window\'s renderer out of Chromium\'s sandbox, so a compromised page has the process\'s full rights; remove it (the default since Electron 20 is true) and move privileged work to the main process.',
      experimental: '`experimentalFeatures: true` enables Chromium\'s experimental web platform features in this window, untested for security; remove it.',
      commandSwitch: 'The Chromium switch `{{name}}` weakens the security of every window of the app (same-origin policy, certificate checks or sandbox); remove it.',
    },
    remediation: 'Keep Electron\'s secure defaults: `nodeIntegration: false`, `contextIsolation: true`, `sandbox: true`, `webSecurity: true`; expose what the page needs through a preload script with `contextBridge`, and never pass `disable-web-security`, `ignore-certificate-errors` or `no-sandbox` switches.',
    references: ['https://www.electronjs.org/docs/latest/tutorial/security', 'https://www.electronjs.org/docs/latest/api/structures/web-preferences', 'https://cwe.mitre.org/data/definitions/1188.html'],
    cwe: ['CWE-1188', 'CWE-693'],
    sbd: ['2', '8'],
    equivalents: { codeql: ['js/enabling-electron-renderer-node-integration', 'js/disabling-electron-websecurity', 'js/enabling-electron-insecure-content'] },
  },
  (r) => ({
    NewExpression(node: N) {
      if (!isElectronView(r.a, node) || !node.arguments[0]) return;
      const options = objectLiteral(r.a, node.arguments[0]);
      const prefs = options?.props.get('webPreferences');
      const values = prefs && objectLiteral(r.a, prefs.value);
      if (!values) return;
      for (const [key, prop] of values.props) {
        const weak = WEAKENINGS[key];
        if (weak && literalBoolean(r.a, prop.value) === weak.value) r.at(prop, weak.messageId, { key }, weak.severity);
      }
    },
    CallExpression(node: N) {
      // app.commandLine.appendSwitch('disable-web-security')
      const callee = unwrap(node.callee);
      if (callee.type !== 'MemberExpression' || propertyKey(callee) !== 'appendSwitch' || memberName(callee.object) !== 'commandLine' || !node.arguments[0]) return;
      const name = staticString(r.a, node.arguments[0]);
      if (name !== undefined && INSECURE_SWITCHES.has(name)) r.at(node, 'commandSwitch', { name });
    },
  }),
);

/** `'*'` as postMessage's target origin, positionally or as `{ targetOrigin: '*' }`. */
function wildcardTarget(a: Analysis, arg: N | undefined): N | undefined {
  if (!arg) return undefined;
  if (staticString(a, arg) === '*') return arg;
  const options = objectLiteral(a, arg);
  const target = options?.props.get('targetOrigin');
  return target && staticString(a, target.value) === '*' ? target : undefined;
}

export const postMessageAnyOrigin = codeRule(
  {
    id: 'code/postmessage-any-origin',
    title: 'postMessage sends data to any origin (\'*\')',
    description:
      'HTML Living Standard, cross-document messaging. `otherWindow.postMessage(data, \'*\')` delivers the message to whatever page the other window holds at that moment: if it has been navigated elsewhere (a pop-up the user followed, a frame an attacker re-pointed), that site receives the data. Naming the expected origin makes the browser drop the message when the recipient is not that origin. Worker and MessagePort `postMessage` take no origin and are not reported.',
    severity: 'low',
    messages: {
      wildcard: '`postMessage` is called with the target origin `\'*\'`, so any page the receiving window has navigated to gets this message; pass the receiver\'s origin instead (e.g. `\'https://www.example.gov.uk\'`).',
    },
    remediation: 'Pass the exact origin of the intended receiver as the second argument (`win.postMessage(data, \'https://service.gov.scot\')`), or `window.location.origin` for a window of the same site.',
    references: ['https://developer.mozilla.org/en-US/docs/Web/API/Window/postMessage#security_concerns', 'https://html.spec.whatwg.org/multipage/web-messaging.html#authors', 'https://cwe.mitre.org/data/definitions/345.html'],
    cwe: ['CWE-345', 'CWE-201'],
    equivalents: { codeql: ['js/cross-window-information-leak'] },
  },
  (r) => ({
    CallExpression(node: N) {
      const callee = unwrap(node.callee);
      if (callee.type !== 'MemberExpression' || propertyKey(callee) !== 'postMessage') return;
      const target = wildcardTarget(r.a, node.arguments[1]);
      if (target) r.at(target, 'wildcard');
    },
  }),
);

/** The window object in a page: `window`, `globalThis.window`, `self.window`, `top`/`parent` are other windows. */
function isWindow(node: N): boolean {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name === 'window';
  return n.type === 'MemberExpression' && propertyKey(n) === 'window';
}

/** The function a handler argument stands for: inline, or a function or const-bound function of this file. */
function handlerFunction(a: Analysis, node: N): N | undefined {
  const n = unwrap(resolveValue(a, node));
  if (FUNCTION_NODE_TYPES.has(n?.type)) return n;
  if (n?.type === 'Identifier') {
    const b = a.binding(n);
    if (b?.kind === 'function' && b.decl && FUNCTION_NODE_TYPES.has(b.decl.type)) return b.decl;
  }
  return undefined;
}

/**
 * Whether a message handler uses the message's data without looking at who sent it: it reads `.data`
 * of its event (or destructures `data`), and nowhere names `origin` or `source` (the checks the
 * standard recommends). A handler that passes the whole event on is not judged: the check may be there.
 */
function usesDataUnchecked(fn: N): boolean {
  const param = fn.params[0] ? unwrap(fn.params[0]) : undefined;
  if (!param) return false;
  let readsData = false;
  let checked = false;
  let passedOn = false;
  if (param.type === 'ObjectPattern') {
    for (const p of param.properties) {
      const k = p.type === 'Property' ? propertyKey(p) : undefined;
      if (k === 'data') readsData = true;
      if (k === 'origin' || k === 'source' || p.type === 'RestElement') checked = true;
    }
  }
  const name = param.type === 'Identifier' ? param.name : undefined;
  walk(fn.body, (n: N) => {
    if (n.type === 'MemberExpression') {
      const k = propertyKey(n);
      if (k === 'origin' || k === 'source') checked = true;
      if (k === 'data' && name && unwrap(n.object).type === 'Identifier' && unwrap(n.object).name === name) readsData = true;
    } else if (n.type === 'Identifier' && (n.name === 'origin' || n.name === 'source')) checked = true;
    else if (name && (n.type === 'CallExpression' || n.type === 'NewExpression') && n.arguments.some((x: N) => unwrap(x).type === 'Identifier' && unwrap(x).name === name)) passedOn = true;
    else if (n.type === 'Literal' && (n.value === 'origin' || n.value === 'source')) checked = true;
  });
  return readsData && !checked && !passedOn;
}

export const messageOriginUnchecked = codeRule(
  {
    id: 'code/message-origin-unchecked',
    title: 'Window message handler trusts messages from any origin',
    description:
      'HTML Living Standard, cross-document messaging: "Authors should check the origin attribute to ensure that messages are only accepted from domains that they expect to receive messages from." Any page that can get a reference to this window (one that opens it, or frames it) can send it a message. A handler on `window` that acts on `event.data` without comparing `event.origin` (or `event.source`) with what it expects lets any site drive it: inject HTML, trigger actions with the user\'s session, or read replies. Handlers in workers (`self.onmessage`) and on MessagePorts are not reported, nor are handlers that pass the whole event on to other code, which may do the check.',
    severity: 'medium',
    messages: {
      unchecked: 'This `message` handler on `window` uses `event.data` without checking `event.origin`, so any site that can reach this window controls what it does; return early unless `event.origin` is the origin you expect.',
    },
    remediation: 'Start the handler with `if (event.origin !== \'https://expected.example\') return;` (an exact comparison, not `indexOf` or a prefix), and treat `event.data` as untrusted input even then.',
    references: ['https://html.spec.whatwg.org/multipage/web-messaging.html#authors', 'https://developer.mozilla.org/en-US/docs/Web/API/Window/postMessage#security_concerns', 'https://cwe.mitre.org/data/definitions/346.html'],
    cwe: ['CWE-346', 'CWE-940'],
    equivalents: { codeql: ['js/missing-origin-check'] },
  },
  (r) => ({
    CallExpression(node: N) {
      // window.addEventListener('message', handler)
      const callee = unwrap(node.callee);
      if (callee.type !== 'MemberExpression' || propertyKey(callee) !== 'addEventListener' || !isWindow(callee.object)) return;
      if (!node.arguments[0] || staticString(r.a, node.arguments[0]) !== 'message' || !node.arguments[1]) return;
      const fn = handlerFunction(r.a, node.arguments[1]);
      if (fn && usesDataUnchecked(fn)) r.at(node.arguments[0], 'unchecked');
    },
    AssignmentExpression(node: N) {
      // window.onmessage = handler
      const left = unwrap(node.left);
      if (node.operator !== '=' || left.type !== 'MemberExpression' || propertyKey(left) !== 'onmessage' || !isWindow(left.object)) return;
      const fn = handlerFunction(r.a, node.right);
      if (fn && usesDataUnchecked(fn)) r.at(left, 'unchecked');
    },
  }),
);
