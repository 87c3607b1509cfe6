import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { BUILD_MANIFEST, codeDigestNow } from '../../src/engine/code-identity.js';
import { fromRoot } from '../../src/paths.js';

/** Set a built file's times for the duration of `fn`. */
function withTime(file: string, when: Date, fn: () => void): void {
  const { atime, mtime } = statSync(file);
  try {
    utimesSync(file, when, when);
    fn();
  } finally {
    utimesSync(file, atime, mtime);
  }
}

describe('the running code\'s identity', () => {
  it('is the digest npm run build recorded, while no code file is newer than the record', () => {
    expect(existsSync(BUILD_MANIFEST), `${BUILD_MANIFEST}: run npm run build`).toBe(true);
    const recorded = (JSON.parse(readFileSync(BUILD_MANIFEST, 'utf8')) as { digest: string }).digest;
    expect(codeDigestNow()).toEqual({ digest: recorded, from: 'record' });
    // npm installs give every file one old date: the record still holds
    withTime(fromRoot('dist', 'src', 'paths.js'), new Date('1985-10-26T08:15:00Z'), () => expect(codeDigestNow()).toEqual({ digest: recorded, from: 'record' }));
  });

  it('is computed from the files\' content when one is newer than the record, and is the same for the same code', () => {
    const recorded = codeDigestNow().digest;
    withTime(fromRoot('dist', 'src', 'paths.js'), new Date(Date.now() + 60_000), () => expect(codeDigestNow()).toEqual({ digest: recorded, from: 'content' }));
  });
});
