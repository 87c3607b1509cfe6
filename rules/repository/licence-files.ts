/** Where a repository keeps its licence: root licence files (as licensee and Scorecard find them) and the REUSE layout. */
import type { ProjectContext, ProjectFile } from '../../src/engine/project.js';
import { readText } from './lib.js';

/**
 * Root licence files (the names licensee and Scorecard look for): LICENSE, LICENCE, COPYING, UNLICENSE,
 * with an extension or a suffix (LICENSE-MIT, LICENSE_1_0.txt); prefixed by a licence's name
 * (MIT-LICENSE, GPL-2.0-LICENSE.txt); the SIL Open Font License's OFL.
 */
export const LICENCE_FILE = /^(((mit|apache|0?bsd|isc|[al]?gpl|mpl|epl|eupl|artistic|afl|apsl|cc0|ofl|bsl|zlib|unlicen[cs]e)([.\-_]?v?\d+(\.\d+)*)?[-_]?)?(licen[cs]e|copying)|unlicen[cs]e|ofl)([.\-_][\w.-]*)?$/i;

/** COPYRIGHT files hold a licence in some projects (Debian's style) and only a copyright notice in others. */
const COPYRIGHT_FILE = /^copyright([.\-_][\w.-]*)?$/i;

/** Not a licence text: a licence checker's configuration or code (license-checker.json, licence-header.js; licensee skips .xml, .go and .gemspec too). */
const NOT_A_TEXT = /\.(jsx?|tsx?|json|ya?ml|toml|xml|py|sh|cfg|ini|go|gemspec)$/i;

/** Lines of a copyright notice (`Copyright (c) 2024 Council`, `All rights reserved`): no licence in them. */
function noticeOnly(text: string): boolean {
  return text.split(/\r?\n/).every((l) => !l.trim() || /^\s*(copyright\b|\(c\)|©|all rights reserved)/i.test(l));
}

/** REUSE layout: one licence text per SPDX id, named after it (`LICENSES/MIT.txt`). */
export const REUSE_LICENCE = /^LICENSES\/([^/]+?)(\.[a-z]+)?$/i;

export function rootLicenceFiles(project: ProjectContext): ProjectFile[] {
  return project.files.filter((f) => {
    if (f.path.includes('/') || NOT_A_TEXT.test(f.path)) return false;
    if (LICENCE_FILE.test(f.path)) return true;
    // a COPYRIGHT file counts when it holds more than a copyright notice (licensee: a notice alone is no licence)
    if (!COPYRIGHT_FILE.test(f.path)) return false;
    const text = readText(project, f.path);
    return text !== undefined && !noticeOnly(text);
  });
}
