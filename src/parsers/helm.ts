/**
 * Helm charts: render a chart with the `helm` CLI (when it is installed) so that the Kubernetes rules
 * can run on the manifests it produces, and tell which template files are plain YAML already.
 */
import { execFile } from 'node:child_process';
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';

export type HelmRenderResult = { rendered: Map<string, string> } | { error: string };

const RENDER_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** True when a template file has no `{{ … }}` template actions, so it parses as YAML as it stands. */
export function templateParsesAsYaml(text: string): boolean {
  return !text.includes('{{');
}

/** The absolute path of an executable on PATH (like `which`), or undefined. */
export async function findOnPath(command: string, envPath = process.env.PATH ?? '', platform = process.platform): Promise<string | undefined> {
  const exts = platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      try {
        const st = await stat(candidate);
        if (!st.isFile()) continue;
        if (platform !== 'win32') await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

const SOURCE_LINE = /^#\s*Source:\s*(\S.*?)\s*$/m;
const DOC_SEPARATOR = /^---[ \t]*(?:#.*)?$/m;

/**
 * Split `helm template` output into the YAML each template produced, keyed by the template's path
 * relative to the chart (`templates/deployment.yaml`, or `charts/redis/templates/master.yaml` for a
 * subchart). A template that yields several documents has them joined with `---`. Documents without a
 * `# Source:` comment are dropped (helm writes one for every rendered template).
 */
export function splitHelmTemplateOutput(output: string): Map<string, string> {
  const rendered = new Map<string, string>();
  const text = output.replace(/\r\n?/g, '\n');
  // split on document separators, keeping each document's text
  const chunks: string[] = [];
  let rest = text;
  for (;;) {
    const m = DOC_SEPARATOR.exec(rest);
    if (!m) {
      chunks.push(rest);
      break;
    }
    chunks.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length).replace(/^\n/, '');
  }
  for (const chunk of chunks) {
    const src = SOURCE_LINE.exec(chunk);
    if (!src) continue;
    const full = src[1].replace(/\\/g, '/');
    const slash = full.indexOf('/');
    const rel = slash < 0 ? full : full.slice(slash + 1);
    const body = chunk.replace(/\s+$/, '') + '\n';
    const prev = rendered.get(rel);
    rendered.set(rel, prev === undefined ? body : `${prev}---\n${body}`);
  }
  return rendered;
}

function firstLine(s: string): string {
  return (
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ''
  );
}

/**
 * Render a chart with `helm template <dir>` (default values, no cluster access). Returns the YAML per
 * template, or an error: helm not installed, or helm's first stderr line when rendering fails.
 */
export async function renderHelmChart(chartDir: string, options: { helmPath?: string; timeoutMs?: number } = {}): Promise<HelmRenderResult> {
  const helm = options.helmPath ?? (await findOnPath('helm'));
  if (!helm) return { error: 'helm is not installed (no `helm` executable on PATH), so the chart was not rendered' };
  const dir = path.resolve(chartDir);
  return new Promise((resolve) => {
    execFile(
      helm,
      ['template', dir],
      { timeout: options.timeoutMs ?? RENDER_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };
          if (e.killed || e.signal === 'SIGTERM') {
            resolve({ error: `helm template timed out after ${Math.round((options.timeoutMs ?? RENDER_TIMEOUT_MS) / 1000)} s` });
            return;
          }
          const line = firstLine(String(stderr ?? '')) || e.message;
          resolve({ error: `helm template failed: ${line}` });
          return;
        }
        resolve({ rendered: splitHelmTemplateOutput(String(stdout)) });
      },
    );
  });
}
