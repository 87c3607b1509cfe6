import { describe, expect, it } from 'vitest';
import { readXml, type XmlValue } from '../../rules/privacy/lib/xml.js';

/** label = value @ what the offsets point at */
function show(text: string, values: XmlValue[]): string[] {
  return values.map((v) => `${v.label}=${v.value} @${text.slice(v.nameOffsets[0], v.nameOffsets[1])}|${text.slice(v.valueOffset, v.valueOffset + 3)}`);
}

describe('XML reader (saxes)', () => {
  it('leaf element text with the element name and value positions', () => {
    const text = '<people>\n  <person>\n    <name>Morag Henderson</name>\n    <email>\n      morag.h@virginmedia.com\n    </email>\n  </person>\n</people>\n';
    const r = readXml(text);
    expect(r.error).toBeUndefined();
    expect(show(text, r.values)).toEqual(['name=Morag Henderson @name|Mor', 'email=morag.h@virginmedia.com @email|mor']);
  });

  it('attribute values, in either quote, with spaces around =, skipping namespace declarations and xsi:/xml: attributes', () => {
    const text = `<r xmlns="urn:a" xmlns:p="urn:p" xml:lang="en" xsi:nil="false" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n  <p:person p:nhsNumber = '4579193717' email="c.bryce@btinternet.com" empty=""/>\n</r>`;
    const r = readXml(text);
    expect(show(text, r.values)).toEqual(['person/@nhsNumber=4579193717 @p:nhsNumber|457', 'person/@email=c.bryce@btinternet.com @email|c.b']);
    expect(r.values[0].name).toBe('nhsNumber');
  });

  it('CDATA sections and mixed text and CDATA', () => {
    const text = '<a><email><![CDATA[ruaridh.munro@gmail.com]]></email><note>see <![CDATA[<b>]]> here</note></a>';
    const r = readXml(text);
    expect(show(text, r.values)).toEqual(['email=ruaridh.munro@gmail.com @email|rua', 'note=see <b> here @note|see']);
  });

  it('namespaced element names are reported by their local name, positioned at the qualified name', () => {
    const text = '<m:list xmlns:m="urn:m"><m:telephone>07958 214963</m:telephone></m:list>';
    expect(show(text, readXml(text).values)).toEqual(['telephone=07958 214963 @m:telephone|079']);
  });

  it('predefined, character and internal DTD entities are expanded', () => {
    const text = '<!DOCTYPE d [\n<!ENTITY dom "hotmail.co.uk">\n]>\n<d><e>eilidh.s&#64;&dom;</e><f a="x &amp; y &#x41;"/></d>';
    const r = readXml(text);
    expect(r.values.map((v) => `${v.label}=${v.value}`)).toEqual(['e=eilidh.s@hotmail.co.uk', 'f/@a=x & y A']);
  });

  it('comments, processing instructions and elements with children are not values', () => {
    const text = '<?xml version="1.0"?>\n<?xml-stylesheet href="s.xsl"?>\n<a>\n  <!-- <email>old@gmail.com</email> -->\n  <b>text <c>inner</c> more</b>\n</a>';
    expect(readXml(text).values.map((v) => `${v.label}=${v.value}`)).toEqual(['c=inner']);
  });

  it('positions stay right after CRLF line ends and astral characters', () => {
    const text = '<a>\r\n  <n>\u{1F600}\u{1F600}</n>\r\n  <email>jo.bloggs.1@gmail.com</email>\r\n</a>';
    const r = readXml(text);
    expect(show(text, r.values)).toEqual(['n=\u{1F600}\u{1F600} @n|\u{1F600}\u{D83D}', 'email=jo.bloggs.1@gmail.com @email|jo.']);
  });

  it('a document that is not well-formed gives its first error and no values', () => {
    const r = readXml('<a>\n  <b>one</b>\n  <c>two\n</a>\n');
    expect(r.values).toEqual([]);
    expect(r.error?.line).toBe(4);
    expect(r.error?.message).toMatch(/c/);
    expect(readXml('<a>x &undefined; y</a>').error).toBeDefined();
    expect(readXml('<a/><b/>').error).toBeDefined();
  });
});
