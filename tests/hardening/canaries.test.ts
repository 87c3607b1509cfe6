import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cli, tempTree } from '../support/cli.js';
import type { ScanResult } from '../../src/model/finding.js';

// Unique, well-formed but fake credentials planted in every kind of file.
const AWS = 'AKIAQ7CANARY3X9ZT4WB';
const SLACK = 'xoxb-120394857612-5678123409876-Zc4nAryTok3nQwErTyUiOp12';
const PG = 'pgCanaryPassw0rd7Qx';
const NOTIFY = 'canarykey-3f1e2d4c-5b6a-4789-8abc-def012345678-9a8b7c6d-5e4f-4321-8fed-cba987654321';
const CANARIES = [AWS, SLACK, PG, NOTIFY];

const FILES: Record<string, string> = {
  'infra/main.tf': `provider "aws" {\n  access_key = "${AWS}"\n}\n`,
  'k8s/pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      env:\n        - name: SLACK_TOKEN\n          value: "${SLACK}"\n`,
  Dockerfile: `FROM node:20\nENV DATABASE_URL=postgres://app:${PG}@db.internal:5432/app\nUSER node\n`,
  '.github/workflows/ci.yml': `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${SLACK}\n`,
  'src/app.ts': `export const notify = '${NOTIFY}';\nexport const aws = "${AWS}";\n`,
  'web/index.html': `<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><script>const k = "${AWS}";</script></body></html>\n`,
  'api/openapi.json': JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1', 'x-key': SLACK }, paths: {} }, null, 2),
  '.env': `SLACK_TOKEN=${SLACK}\nDATABASE_URL=postgres://app:${PG}@db.internal/app\n`,
  'data/export.csv': `id,token\n1,${AWS}\n`,
  'docker-compose.yml': `services:\n  app:\n    image: app:1.0\n    environment:\n      NOTIFY_API_KEY: ${NOTIFY}\n`,
};

describe('canary secrets never leave in any output', () => {
  it('are found, and absent from text, JSON, SARIF, Markdown, HTML, JUnit, CSV, OSCAL and the baseline', () => {
    const dir = tempTree(FILES);
    const out = tempTree({});
    const formats = ['json', 'sarif', 'markdown', 'html', 'junit', 'csv', 'oscal'];
    const r = cli(['scan', dir, '--fail-on', 'none', '--format', 'text', ...formats.flatMap((f) => ['--format', `${f}=${path.join(out, `report.${f}`)}`])]);
    expect(r.code).toBe(0);
    const b = cli(['baseline', dir, '--output', path.join(out, 'baseline.json')]);
    expect(b.code).toBe(0);
    const result = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as ScanResult;
    const secretFindings = result.findings.filter((f) => f.pack === 'secrets');
    // the canaries really were detected (so their absence below means redaction, not a miss)
    for (const file of ['infra/main.tf', 'k8s/pod.yaml', 'src/app.ts', '.env']) expect(secretFindings.some((f) => f.file === file), file).toBe(true);
    const outputs = [r.stdout, r.stderr, b.stdout, b.stderr, ...readdirSync(out).map((f) => readFileSync(path.join(out, f), 'utf8'))];
    for (const text of outputs) for (const canary of CANARIES) expect(text.includes(canary), `a canary leaked: ${canary.slice(0, 6)}…`).toBe(false);
  });
});
