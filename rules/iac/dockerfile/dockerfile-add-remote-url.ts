import type { Rule } from '../../../src/model/rule.js';
import { copySources, instructionsWithTriggers, rangeOf, REMOTE_SOURCE } from './lib.js';

/** ADD <url> downloads at build time with no integrity check unless --checksum is given. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-add-remote-url',
    title: 'ADD downloads a remote file without a checksum',
    description:
      '`ADD https://…` (or a Git URL) fetches content at build time and puts it in the image without verifying it: if the server, the DNS or the network path is compromised, or the file simply changes, the image silently gets different content. Downloading with `RUN curl` followed by a checksum check, or `ADD --checksum=sha256:…`, makes the build fail instead.',
    severity: 'medium',
    kinds: ['dockerfile'],
    messages: {
      remote: '`ADD {{url}}` downloads remote content with no integrity check (expected `ADD --checksum=sha256:<hash>` or `RUN curl -fsSLo <file> <url> && echo "<sha256>  <file>" | sha256sum -c -`); verify what you download.',
    },
    remediation: 'Use `ADD --checksum=sha256:<hash> <url> <dest>`, or `RUN curl -fsSLo /tmp/f <url> && echo "<sha256>  /tmp/f" | sha256sum -c -`; for Git sources pin a commit with `--checksum`. Use COPY for local files.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#add',
      'https://docs.docker.com/build/building/best-practices/#add-or-copy',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8', '10'], caf: ['A4', 'B4'], cwe: ['CWE-494'] },
    equivalents: { checkov: ['CKV_DOCKER_4'], trivy: ['AVD-DS-0005'], hadolint: ['DL3020'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    for (const inst of instructionsWithTriggers(ctx.document.dockerfile)) {
      if (inst.getKeyword() !== 'ADD') continue;
      const { sources, flags } = copySources(inst);
      if (flags.has('checksum') && flags.get('checksum')) continue;
      const url = sources.find((s) => REMOTE_SOURCE.test(s));
      if (url) ctx.report({ messageId: 'remote', range: rangeOf(inst), data: { url } });
    }
  },
};
export default rule;
