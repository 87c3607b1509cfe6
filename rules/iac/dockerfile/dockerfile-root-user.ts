import type { Rule } from '../../../src/model/rule.js';
import { fromLspRange } from '../../../src/parsers/dockerfile.js';

const ROOT_USERS = new Set(['root', '0', 'root:root', '0:0']);

/** The final stage must switch to a non-root user: containers otherwise run as root. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-root-user',
    title: 'Container image runs as root',
    description:
      'A container whose final stage never sets a non-root USER runs its process as root. If the process is compromised, root in the container makes escaping to the host and tampering with the image far easier. The final build stage decides the user the image runs as.',
    severity: 'high',
    kinds: ['dockerfile'],
    messages: {
      missing: 'The final stage (FROM {{image}}) never sets USER, so the container runs as root; add `USER <non-root user>` after the last RUN that needs root.',
      root: 'The final stage sets `USER {{user}}`, so the container runs as root; switch to a non-root user (e.g. `USER 10001`).',
    },
    remediation: 'Create an unprivileged user (or use the base image\'s, e.g. `node`) and add `USER <name or uid>` in the final stage, after the steps that need root.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#user',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250'] },
    equivalents: { checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'], kics: ['fd54f200-402c-4333-a5a4-36ef6709af2f'], hadolint: ['DL3002'], trivy: ['AVD-DS-0002'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const instructions = ctx.document.dockerfile.getInstructions();
    const froms = instructions.filter((i) => i.getKeyword() === 'FROM');
    const last = froms[froms.length - 1];
    if (!last) return;
    const lastStart = last.getRange().start.line;
    const users = instructions.filter((i) => i.getKeyword() === 'USER' && i.getRange().start.line > lastStart);
    const final = users[users.length - 1];
    if (!final) {
      // `FROM scratch` images have no users at all; distroless ":nonroot" images set one themselves.
      const image = last.getArgumentsContent()?.split(/\s+/)[0] ?? '';
      if (image === 'scratch' || /nonroot/.test(image)) return;
      ctx.report({ messageId: 'missing', range: fromLspRange(last.getRange()), data: { image } });
      return;
    }
    const user = (final.getArgumentsContent() ?? '').trim();
    if (ROOT_USERS.has(user) || /^(root|0):/.test(user)) ctx.report({ messageId: 'root', range: fromLspRange(final.getRange()), data: { user } });
  },
};
export default rule;
