/**
 * Licence identification from a licence file's text: distinctive phrases of each licence's official
 * text (whitespace, case and Markdown emphasis ignored), or `SPDX-License-Identifier:` lines.
 */

export type LicenceClass =
  /** OSI-approved open source licence. */
  | 'osi'
  /** A public-domain dedication that the OSI has not approved for software (CC0-1.0). */
  | 'public-domain'
  /** A licence for content, not software (OGL, Creative Commons BY/BY-SA/…). */
  | 'content'
  /** Not an open source licence (non-commercial, advertising clause, proprietary). */
  | 'not-open';

export interface LicenceMatch {
  id: string;
  cls: LicenceClass;
}

/** OSI-approved SPDX ids (the common ones; compared lower-case, `-only`/`-or-later`/`+` stripped). */
const OSI_SPDX = new Set(
  [
    '0BSD', 'AFL-3.0', 'AGPL-3.0', 'Apache-1.1', 'Apache-2.0', 'APSL-2.0', 'Artistic-2.0', 'BlueOak-1.0.0', 'BSD-1-Clause', 'BSD-2-Clause',
    'BSD-2-Clause-Patent', 'BSD-3-Clause', 'BSL-1.0', 'CAL-1.0', 'CDDL-1.0', 'CECILL-2.1', 'CPAL-1.0', 'ECL-2.0', 'EFL-2.0', 'EPL-1.0', 'EPL-2.0',
    'EUPL-1.1', 'EUPL-1.2', 'GPL-2.0', 'GPL-3.0', 'ISC', 'LGPL-2.0', 'LGPL-2.1', 'LGPL-3.0', 'LPPL-1.3c', 'MIT', 'MIT-0', 'MPL-1.1', 'MPL-2.0',
    'MPL-2.0-no-copyleft-exception', 'MS-PL', 'MS-RL', 'MulanPSL-2.0', 'NCSA', 'OFL-1.1', 'OSL-3.0', 'PostgreSQL', 'Python-2.0', 'UPL-1.0',
    'Unicode-3.0', 'Unicode-DFS-2016', 'Unlicense', 'W3C', 'Zlib', 'ZPL-2.1', 'GPL-1.0', 'Artistic-1.0',
  ].map((s) => s.toLowerCase()),
);

const CONTENT_SPDX = /^(ogl-uk-[123]\.0|cc-by(-sa)?-[1-4]\.0|odbl-1\.0|odc-by-1\.0|pddl-1\.0|gfdl-1\.[123])$/;
const NOT_OPEN_SPDX = /^(cc-by(-nc|-nd|-nc-sa|-nc-nd)-[1-4]\.0|bsd-4-clause|proprietary|licenseref-proprietary|busl-1\.1|sspl-1\.0|elastic-2\.0|commons-clause)$/;

/** Classify one SPDX id (a term of an expression). */
export function classifySpdx(id: string): LicenceClass | undefined {
  const base = id.toLowerCase().replace(/\+$/, '').replace(/-(only|or-later)$/, '');
  if (OSI_SPDX.has(base)) return 'osi';
  if (base === 'cc0-1.0') return 'public-domain';
  if (CONTENT_SPDX.test(base)) return 'content';
  if (NOT_OPEN_SPDX.test(base)) return 'not-open';
  return undefined;
}

/** Lower-case, Markdown emphasis and quotes normalised, whitespace collapsed. */
export function normaliseLicenceText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[*_#>]+/g, ' ')
    .replace(/\s+/g, ' ')
    // `**Permission is hereby granted**, free of charge`: no space left before the punctuation
    .replace(/ ([,.;:])/g, '$1');
}

interface Signature {
  id: string;
  cls: LicenceClass;
  /** Every phrase must appear (normalised text). */
  all: string[];
  /** None of these may appear. */
  none?: string[];
}

// Order matters: the more specific licence first (LGPL/AGPL before GPL, BSD-3 before BSD-2).
const SIGNATURES: Signature[] = [
  { id: 'AGPL-3.0', cls: 'osi', all: ['gnu affero general public license', 'version 3'] },
  { id: 'LGPL-3.0', cls: 'osi', all: ['gnu lesser general public license', 'version 3'] },
  { id: 'LGPL-2.1', cls: 'osi', all: ['gnu lesser general public license', 'version 2.1'] },
  { id: 'LGPL-2.0', cls: 'osi', all: ['gnu library general public license', 'version 2'] },
  { id: 'GPL-3.0', cls: 'osi', all: ['gnu general public license', 'version 3, 29 june 2007'] },
  { id: 'GPL-3.0', cls: 'osi', all: ['under the terms of the gnu general public license as published by the free software foundation, either version 3'] },
  { id: 'GPL-2.0', cls: 'osi', all: ['gnu general public license', 'version 2, june 1991'] },
  { id: 'GPL-2.0', cls: 'osi', all: ['under the terms of the gnu general public license as published by the free software foundation; either version 2'] },
  { id: 'Apache-2.0', cls: 'osi', all: ['apache license', 'version 2.0, january 2004'] },
  { id: 'Apache-2.0', cls: 'osi', all: ['licensed under the apache license, version 2.0'] },
  { id: 'MPL-2.0', cls: 'osi', all: ['mozilla public license', '2.0'], none: ['mozilla public license version 1.1'] },
  { id: 'EUPL-1.2', cls: 'osi', all: ['european union public licence', '1.2'] },
  { id: 'EUPL-1.1', cls: 'osi', all: ['european union public licence', 'v.1.1'] },
  { id: 'EPL-2.0', cls: 'osi', all: ['eclipse public license', 'v 2.0'] },
  { id: 'EPL-1.0', cls: 'osi', all: ['eclipse public license - v 1.0'] },
  { id: 'BSL-1.0', cls: 'osi', all: ['boost software license - version 1.0'] },
  { id: 'Artistic-2.0', cls: 'osi', all: ['the artistic license 2.0'] },
  { id: 'BlueOak-1.0.0', cls: 'osi', all: ['blue oak model license', 'version 1.0.0'] },
  { id: 'Python-2.0', cls: 'osi', all: ['python software foundation license version 2'] },
  { id: 'OFL-1.1', cls: 'osi', all: ['sil open font license', 'version 1.1'] },
  { id: 'BSD-4-Clause', cls: 'not-open', all: ['redistribution and use in source and binary forms', 'all advertising materials mentioning features or use of this software'] },
  { id: 'BSD-3-Clause', cls: 'osi', all: ['redistribution and use in source and binary forms', 'may be used to endorse or promote products derived from this software'] },
  { id: 'BSD-2-Clause', cls: 'osi', all: ['redistribution and use in source and binary forms', 'redistributions of source code must retain the above copyright notice'] },
  { id: 'MIT', cls: 'osi', all: ['permission is hereby granted, free of charge, to any person obtaining a copy'] },
  { id: '0BSD', cls: 'osi', all: ['permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted'], none: ['copyright notice and this permission notice appear in all copies'] },
  { id: 'ISC', cls: 'osi', all: ['permission to use, copy, modify, and', 'distribute this software for any purpose with or without fee is hereby granted'] },
  { id: 'Zlib', cls: 'osi', all: ["this software is provided 'as-is', without any express or implied warranty", 'permission is granted to anyone to use this software for any purpose'] },
  { id: 'Unlicense', cls: 'osi', all: ['this is free and unencumbered software released into the public domain'] },
  { id: 'PostgreSQL', cls: 'osi', all: ['permission to use, copy, modify, and distribute this software and its documentation for any purpose, without fee, and without a written agreement is hereby granted'] },
  { id: 'CC0-1.0', cls: 'public-domain', all: ['cc0 1.0 universal'] },
  { id: 'CC0-1.0', cls: 'public-domain', all: ['creativecommons.org/publicdomain/zero/1.0'] },
  { id: 'OGL-UK-3.0', cls: 'content', all: ['open government licence', 'version 3.0'] },
  { id: 'OGL-UK-3.0', cls: 'content', all: ['nationalarchives.gov.uk/doc/open-government-licence/version/3'] },
  { id: 'OGL-UK-3.0', cls: 'content', all: ['open government licence v3'] },
  { id: 'OGL-UK-3.0', cls: 'content', all: ['open government licence (ogl) v3'] },
  { id: 'OGL-UK', cls: 'content', all: ['open government licence'] },
  { id: 'BUSL-1.1', cls: 'not-open', all: ['business source license 1.1'] },
  { id: 'SSPL-1.0', cls: 'not-open', all: ['server side public license', 'version 1'] },
  { id: 'Elastic-2.0', cls: 'not-open', all: ['elastic license 2.0'] },
  { id: 'Commons-Clause', cls: 'not-open', all: ['"commons clause" license condition'] },
  { id: 'CC-BY-NC', cls: 'not-open', all: ['attribution-noncommercial'] },
  { id: 'CC-BY-NC', cls: 'not-open', all: ['creativecommons.org/licenses/by-nc'] },
  { id: 'CC-BY-ND', cls: 'not-open', all: ['attribution-noderivatives'] },
  { id: 'CC-BY-SA', cls: 'content', all: ['attribution-sharealike 4.0 international'] },
  { id: 'CC-BY', cls: 'content', all: ['attribution 4.0 international', 'creative commons'] },
  { id: 'CC-BY', cls: 'content', all: ['creativecommons.org/licenses/by/'] },
];

const SPDX_LINE = /SPDX-License-Identifier:\s*([^\r\n]*?)\s*(?:\*\/|-->)?\s*$/im;

export interface Identification {
  /** Every licence recognised, in order. */
  found: LicenceMatch[];
  /** The SPDX expression when the file declares one, with its offset. */
  spdx?: { expression: string; offset: number };
  /** True when the text claims all rights reserved without any licence grant recognised. */
  proprietary: boolean;
}

/** The licences a licence file's text grants. */
export function identifyLicence(text: string): Identification {
  const found: LicenceMatch[] = [];
  let spdx: Identification['spdx'];
  const m = SPDX_LINE.exec(text);
  if (m) {
    spdx = { expression: m[1], offset: m.index + m[0].indexOf(m[1]) };
    for (const term of m[1].split(/\s+|\(|\)/).filter((t) => t && !/^(and|or|with)$/i.test(t))) {
      const cls = classifySpdx(term);
      if (cls) found.push({ id: term, cls });
    }
  }
  const norm = normaliseLicenceText(text);
  const seen = new Set<string>();
  for (const sig of SIGNATURES) {
    if (seen.has(sig.id)) continue;
    if (sig.all.every((p) => norm.includes(p)) && !(sig.none ?? []).some((p) => norm.includes(p))) {
      // a generic OGL match only when no versioned OGL matched
      if (sig.id === 'OGL-UK' && seen.has('OGL-UK-3.0')) continue;
      seen.add(sig.id);
      found.push({ id: sig.id, cls: sig.cls });
    }
  }
  // the Commons Clause takes the right to sell away from the licence it is added to (MIT, Apache-2.0), and the
  // Business Source License names an open licence only as its future "Change License": neither is open source
  if (found.some((m) => m.id === 'Commons-Clause' || m.id === 'BUSL-1.1')) {
    for (let i = found.length - 1; i >= 0; i--) if (found[i].cls === 'osi') found.splice(i, 1);
  }
  const proprietary = found.length === 0 && /all rights reserved|proprietary and confidential|may not be (copied|reproduced|distributed)|unauthori[sz]ed copying/.test(norm);
  return { found, spdx, proprietary };
}
