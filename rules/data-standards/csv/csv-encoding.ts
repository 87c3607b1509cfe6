import type { Rule } from '../../../src/model/rule.js';
import { GOV_CSV_GUIDANCE, OPEN_DATA_STANDARDS, RFC4180 } from './parse.js';

/** Open data CSV files are UTF-8: a UTF-16 byte-order mark, or a U+FFFD replacement character, means they are not. */
const rule: Rule = {
  meta: {
    id: 'data-standards/csv-encoding',
    title: 'CSV file is not UTF-8',
    description:
      'The government tabular data standard requires CSV files to be encoded as UTF-8. A file saved as Windows-1252 or Latin-1 (the default of some spreadsheet exports) turns characters such as £, é, Gaelic accents and curly quotes into invalid bytes that readers replace with �, corrupting names and addresses; a UTF-16 file (the "Unicode Text" export of Excel) reads as NUL-padded garbage in tools that expect UTF-8.',
    severity: 'medium',
    kinds: ['csv'],
    messages: {
      encoding: 'This file contains bytes that are not valid UTF-8 (first at this line, {{count}} in all); re-save it as UTF-8.',
      utf16: 'This file is encoded as {{encoding}} (its byte-order mark says so), not UTF-8; re-save it as UTF-8 ("CSV UTF-8" in spreadsheet software, or `iconv -f UTF-16 -t UTF-8`).',
    },
    remediation: 'Export or convert the file as UTF-8 (e.g. "CSV UTF-8" in spreadsheet software, or `iconv -f WINDOWS-1252 -t UTF-8` / `iconv -f UTF-16 -t UTF-8`).',
    references: [GOV_CSV_GUIDANCE, RFC4180, 'https://www.rfc-editor.org/rfc/rfc3629'],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    if (ctx.file.encoding) {
      ctx.report({ messageId: 'utf16', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, data: { encoding: ctx.file.encoding.toUpperCase() } });
      return;
    }
    const first = text.indexOf('\uFFFD');
    if (first < 0) return;
    const count = text.split('\uFFFD').length - 1;
    ctx.report({ messageId: 'encoding', offsets: [first, first + 1], data: { count } });
  },
};
export default rule;
