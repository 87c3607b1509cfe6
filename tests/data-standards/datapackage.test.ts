import { describe, expect, it } from 'vitest';
import { castCell, brokenConstraint, compilePattern, strptime, type Field } from '../../rules/data-standards/datapackage/table-schema.js';
import { classifyLicence } from '../../rules/data-standards/datapackage/open-data-licence.js';
import { pathProblem } from '../../rules/data-standards/datapackage/datapackage-descriptor.js';
import { isDescriptorName, resolvePath } from '../../rules/data-standards/datapackage/common.js';

const field = (over: Partial<Field>): Field => ({
  name: 'f', type: 'string', format: 'default', missingValues: [''], trueValues: ['true', 'True', 'TRUE', '1'], falseValues: ['false', 'False', 'FALSE', '0'],
  decimalChar: '.', bareNumber: true, delimiter: ',', itemType: 'string', constraints: {}, ...over,
});
const valid = (f: Partial<Field>, values: string[]) => values.filter((v) => !castCell(field(f), v).ok);

describe('Table Schema types', () => {
  it('casts numbers and integers with their options', () => {
    expect(valid({ type: 'number' }, ['1', '-1.5', '.5', '1e3', 'NaN', 'INF', '-INF', '1,000', 'abc', '1.2.3'])).toEqual(['1,000', 'abc', '1.2.3']);
    expect(valid({ type: 'number', decimalChar: ',', groupChar: '.' }, ['1.234,5', '12,5', '1,2,3'])).toEqual(['1,2,3']);
    expect(valid({ type: 'number', bareNumber: false }, ['€95', '95%', '$1.50', 'EUR 3'])).toEqual([]);
    // with decimalChar `,` a `.` is neither the decimal point nor (unless it is groupChar) a separator
    expect(valid({ type: 'number', decimalChar: ',' }, ['1,5', '1.234', '1.234,5'])).toEqual(['1.234', '1.234,5']);
    expect(valid({ type: 'number', decimalChar: ',', bareNumber: false }, ['1234.', '1.234.', '12,5 €'])).toEqual(['1.234.']);
    expect(valid({ type: 'integer' }, ['0', '-12', '+3', '1.0', '1e3', ''])).toEqual(['1.0', '1e3', '']);
    expect(valid({ type: 'integer', groupChar: ',' }, ['1,000,000'])).toEqual([]);
  });
  it('casts booleans with custom true/false values', () => {
    expect(valid({ type: 'boolean' }, ['true', 'FALSE', '1', '0', 'yes', 'Y'])).toEqual(['yes', 'Y']);
    expect(valid({ type: 'boolean', trueValues: ['Y'], falseValues: ['N'] }, ['Y', 'N', 'true'])).toEqual(['true']);
  });
  it('casts dates, times and date-times in default, any and strptime formats', () => {
    expect(valid({ type: 'date' }, ['2025-01-31', '2024-02-29', '2025-02-29', '31/01/2025', '2025-1-3'])).toEqual(['2025-02-29', '31/01/2025', '2025-1-3']);
    expect(valid({ type: 'date', format: '%d/%m/%Y' }, ['31/01/2025', '1/2/2025', '2025-01-31', '31/13/2025'])).toEqual(['2025-01-31', '31/13/2025']);
    expect(valid({ type: 'date', format: '%d %b %Y' }, ['3 Jan 2025', '3 January 2025'])).toEqual(['3 January 2025']);
    expect(valid({ type: 'date', format: 'any' }, ['whenever'])).toEqual([]);
    expect(valid({ type: 'time' }, ['09:00:00', '23:59:59.5', '24:00:00', '9:00'])).toEqual(['24:00:00', '9:00']);
    expect(valid({ type: 'datetime' }, ['2025-04-01T09:00:00Z', '2025-04-01T09:00:00+01:00', '2025-04-01 09:00:00', '2025-04-01'])).toEqual(['2025-04-01']);
    expect(valid({ type: 'datetime', format: '%d/%m/%Y %H:%M' }, ['01/04/2025 09:30', '01/04/2025 9:30pm'])).toEqual(['01/04/2025 9:30pm']);
    expect(valid({ type: 'datetime', format: '%d/%m/%Y %I:%M%p' }, ['01/04/2025 9:30pm', '01/04/2025 13:30pm'])).toEqual(['01/04/2025 13:30pm']);
  });
  it('casts years, year-months, durations and geopoints', () => {
    expect(valid({ type: 'year' }, ['2025', '25', 'MMXXV'])).toEqual(['25', 'MMXXV']);
    expect(valid({ type: 'yearmonth' }, ['2025-04', '2025-13', '2025/04'])).toEqual(['2025-13', '2025/04']);
    expect(valid({ type: 'duration' }, ['P1Y2M10DT2H30M', 'PT36H', 'P3W', 'P', 'PT', '1 day'])).toEqual(['P', 'PT', '1 day']);
    expect(valid({ type: 'geopoint' }, ['-3.19, 55.95', '90,45', '200, 10', '55.95N'])).toEqual(['200, 10', '55.95N']);
    expect(valid({ type: 'geopoint', format: 'array' }, ['[-3.19, 55.95]', '[1]'])).toEqual(['[1]']);
    expect(valid({ type: 'geopoint', format: 'object' }, ['{"lon": -3.19, "lat": 55.95}', '{"lat": 1}'])).toEqual(['{"lat": 1}']);
  });
  it('casts strings by format, JSON objects/arrays and v2 lists', () => {
    expect(valid({ format: 'email' }, ['a@b.scot', 'a@b', 'a b@c.uk'])).toEqual(['a@b', 'a b@c.uk']);
    expect(valid({ format: 'uri' }, ['https://gov.scot', 'mailto:a@b', 'gov.scot'])).toEqual(['gov.scot']);
    expect(valid({ format: 'uuid' }, ['123e4567-e89b-12d3-a456-426614174000', '123'])).toEqual(['123']);
    expect(valid({ format: 'wkt' }, ['POINT (30 10)', 'SRID=4326;POINT(-3.19 55.95)', 'POLYGON Z ((0 0 1, 1 0 1, 0 1 1, 0 0 1))', 'GEOMETRYCOLLECTION (POINT (40 10), LINESTRING (10 10, 20 20))', 'MULTIPOINT EMPTY', 'POLYGON ((30 10, 40 40, 30 10)', 'POINT (1 a)', 'string'])).toEqual(['POLYGON ((30 10, 40 40, 30 10)', 'POINT (1 a)', 'string']);
    expect(valid({ type: 'object' }, ['{}', '[]', '{"a":1}', 'x'])).toEqual(['[]', 'x']);
    expect(valid({ type: 'array' }, ['[]', '{}'])).toEqual(['{}']);
    expect(valid({ type: 'list', itemType: 'integer', delimiter: ';' }, ['1;2;3', '1;x'])).toEqual(['1;x']);
  });
});

describe('Table Schema constraints', () => {
  const broken = (f: Partial<Field>, raw: string) => {
    const c = castCell(field(f), raw);
    return c.ok ? brokenConstraint(field(f), c, raw)?.constraint : 'type';
  };
  it('checks bounds in the field type, lengths, patterns and enums', () => {
    expect(broken({ type: 'integer', constraints: { minimum: 0, maximum: 10 } }, '-1')).toBe('minimum');
    expect(broken({ type: 'integer', constraints: { minimum: 0, maximum: 10 } }, '10')).toBeUndefined();
    expect(broken({ type: 'number', constraints: { exclusiveMaximum: 10 } }, '10')).toBe('exclusiveMaximum');
    expect(broken({ type: 'date', constraints: { minimum: '2020-01-01' } }, '2019-12-31')).toBe('minimum');
    expect(broken({ type: 'date', format: '%d/%m/%Y', constraints: { maximum: '31/12/2020' } }, '01/01/2021')).toBe('maximum');
    expect(broken({ constraints: { maxLength: 3 } }, 'abcd')).toBe('maxLength');
    expect(broken({ constraints: { minLength: 2 } }, 'é')).toBe('minLength');
    expect(broken({ type: 'array', constraints: { maxLength: 1 } }, '[1,2]')).toBe('maxLength');
    expect(broken({ constraints: { pattern: compilePattern('S\\d{8}'), patternText: 'S\\d{8}' } }, 'S12000033')).toBeUndefined();
    expect(broken({ constraints: { pattern: compilePattern('S\\d{8}'), patternText: 'S\\d{8}' } }, 'xS12000033')).toBe('pattern');
    expect(broken({ type: 'integer', constraints: { enum: [1, 2] } }, '01')).toBeUndefined();
    expect(broken({ type: 'integer', constraints: { enum: ['1', '2'] } }, '3')).toBe('enum');
    expect(broken({ constraints: { enum: ['A'] } }, 'a')).toBe('enum');
  });
  it('reads strptime patterns it knows, and gives up on others', () => {
    expect(strptime('%Y-%m-%dT%H:%M:%S%z')).toBeDefined();
    expect(strptime('%Q')).toBeUndefined();
    expect(valid({ type: 'date', format: '%Q' }, ['anything'])).toEqual([]);
  });
});

describe('Data Package paths and licences', () => {
  it('finds descriptors by name', () => {
    expect(isDescriptorName('data/datapackage.json')).toBe('datapackage');
    expect(isDescriptorName('bins.datapackage.yaml')).toBe('datapackage');
    expect(isDescriptorName('bins.package.json')).toBe('package');
    expect(isDescriptorName('package.json')).toBeUndefined();
  });
  it('keeps resource paths inside the package', () => {
    expect(resolvePath('pkg', './data/a.csv')).toBe('pkg/data/a.csv');
    expect(resolvePath('pkg', '../a.csv')).toBeUndefined();
    expect(pathProblem('/etc/passwd')).toMatch(/absolute/);
    expect(pathProblem('data\\a.csv')).toMatch(/backslash/);
    expect(pathProblem('a/../../b.csv')).toMatch(/\.\./);
    expect(pathProblem('ftp://x/a.csv')).toMatch(/http/);
    expect(pathProblem('mailto:data@example.gov.uk')).toMatch(/http/);
    expect(pathProblem('javascript:alert(1)')).toMatch(/http/);
    expect(pathProblem('https://x/a.csv')).toBeUndefined();
  });
  it('classifies open data licences by id, URL and title', () => {
    for (const l of ['OGL-UK-3.0', 'uk-ogl', 'CC-BY-4.0', 'cc-by-sa', 'CC0-1.0', 'ODC-BY-1.0', 'ODbL-1.0', 'odc-pddl', 'other-open', 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', 'https://creativecommons.org/licenses/by/4.0/', 'Open Government Licence v3.0', 'MIT']) expect(classifyLicence(l), l).toBe('open');
    for (const l of ['CC-BY-NC-4.0', 'cc-by-nd', 'other-closed', 'https://creativecommons.org/licenses/by-nc-sa/4.0/', 'Non-Commercial Government Licence', 'All rights reserved']) expect(classifyLicence(l), l).toBe('not-open');
    expect(classifyLicence('notspecified')).toBe('unspecified');
    expect(classifyLicence('Example Council Licence')).toBe('unknown');
  });
});
