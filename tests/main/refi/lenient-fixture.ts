import { strToU8, zipSync } from 'fflate';

/**
 * Builds a deliberately awkward `.qdpx` the way a variety of producers write them: a prefixed
 * `0:4` namespace, a `.qde` not named project.qde, `Sources/` capitalised, braced upper-case GUIDs
 * referenced in lower case, a BOM and CRLF in the text, emoji, code-point positions counting CRLF
 * as one (the selection names carry the quotes), inline text, cases and every variable type,
 * notes reached through NoteRef, Link and a note file, and things Casecoder does not represent.
 */

export const G = {
  userA: '{AAAAAAAA-0000-4000-8000-000000000001}',
  userB: 'bbbbbbbb-0000-4000-8000-000000000002',
  folder: 'CCCCCCCC-0000-4000-8000-000000000001',
  codeX: 'CCCCCCCC-0000-4000-8000-000000000002',
  codeY: 'cccccccc-0000-4000-8000-000000000003',
  src1: 'DDDDDDDD-0000-4000-8000-000000000001',
  src2: 'dddddddd-0000-4000-8000-000000000002',
  srcAbs: 'dddddddd-0000-4000-8000-000000000003',
  srcRel: 'dddddddd-0000-4000-8000-000000000004',
  srcGone: 'dddddddd-0000-4000-8000-000000000005',
  sel1: 'eeeeeeee-0000-4000-8000-000000000001',
  sel2: 'eeeeeeee-0000-4000-8000-000000000002',
  selAnn: 'eeeeeeee-0000-4000-8000-000000000003',
  selOut: 'eeeeeeee-0000-4000-8000-000000000004',
  selDangling: 'eeeeeeee-0000-4000-8000-000000000005',
  varRegion: 'ffffffff-0000-4000-8000-000000000001',
  varTier: 'ffffffff-0000-4000-8000-000000000002',
  varWatch: 'ffffffff-0000-4000-8000-000000000003',
  varDate: 'ffffffff-0000-4000-8000-000000000004',
  varCount: 'ffffffff-0000-4000-8000-000000000005',
  varWhen: 'ffffffff-0000-4000-8000-000000000006',
  case1: '11111111-0000-4000-8000-000000000001',
  caseNameless: '11111111-0000-4000-8000-000000000002',
  noteCode: '22222222-0000-4000-8000-000000000001',
  noteLinked: '22222222-0000-4000-8000-000000000002',
  noteFile: '22222222-0000-4000-8000-000000000003',
  noteLoose: '22222222-0000-4000-8000-000000000004',
  link: '33333333-0000-4000-8000-000000000001',
  set: '44444444-0000-4000-8000-000000000001',
  graph: '55555555-0000-4000-8000-000000000001',
  missingCode: '99999999-0000-4000-8000-000000000009',
};

/** Text of source 1 as stored: BOM, CRLF, astral characters. */
export const RAW1 = '\uFEFFThe minister 👩🏽‍⚖️ said:\r\n"Tier 2 is unfair."\r\n\r\nParliament passed the 𝒯IP law in 2015.';
export const INLINE2 = 'Inline text about prosecutions & <shelters>.';

/** Code-point position of `needle` in `text` with CRLF counted as one and the BOM not counted. */
function cp(text: string, needle: string): [number, number] {
  const t = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const i = t.indexOf(needle);
  if (i < 0) throw new Error(needle);
  const s = Array.from(t.slice(0, i)).length;
  return [s, s + Array.from(needle).length];
}

export function lenientQde(): string {
  const [s1, e1] = cp(RAW1, '"Tier 2 is unfair."');
  const [s2, e2] = cp(RAW1, 'Parliament passed the 𝒯IP law');
  const [sa, ea] = cp(INLINE2, 'prosecutions');
  return `<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!-- produced by hand, in the style of several vendors -->
<qda:Project xmlns:qda="urn:QDA-XML:project:0:4" name="Lenient study" origin="SomeTool 3.1" creatingUserGUID="${G.userA}">
 <qda:Users><qda:User guid="${G.userA}" name="Ana"/><qda:User guid="${G.userB}" id="BB"/></qda:Users>
 <qda:CodeBook><qda:Codes>
  <qda:Code guid="${G.folder}" name="Themes" isCodable="false">
   <qda:Description>Folder of themes</qda:Description>
   <qda:Code guid="${G.codeX}" name="Pressure" isCodable="true" color="#F0A"><qda:NoteRef targetGUID="${G.noteCode.toUpperCase()}"/></qda:Code>
   <qda:Code guid="${G.codeY}" name="Reform" isCodable="1" color="#00ff00"/>
  </qda:Code>
 </qda:Codes></qda:CodeBook>
 <qda:Variables>
  <qda:Variable guid="${G.varRegion}" name="region" typeOfVariable="Text"/>
  <qda:Variable guid="${G.varTier}" name="tier" typeOfVariable="Float"/>
  <qda:Variable guid="${G.varWatch}" name="watchlist" typeOfVariable="Boolean"/>
  <qda:Variable guid="${G.varDate}" name="visited" typeOfVariable="Date"/>
  <qda:Variable guid="${G.varCount}" name="interviews" typeOfVariable="Integer"/>
  <qda:Variable guid="${G.varWhen}" name="exported" typeOfVariable="DateTime"/>
 </qda:Variables>
 <qda:Cases>
  <qda:Case guid="${G.case1}" name="Ruritania">
   <qda:Description>A small kingdom</qda:Description>
   <qda:CodeRef targetGUID="${G.codeX}"/>
   <qda:VariableValue><qda:VariableRef targetGUID="${G.varRegion}"/><qda:TextValue>Europe</qda:TextValue></qda:VariableValue>
   <qda:VariableValue><qda:VariableRef targetGUID="${G.varTier}"/><qda:FloatValue>2.5</qda:FloatValue></qda:VariableValue>
   <qda:VariableValue><qda:VariableRef targetGUID="${G.varWatch}"/><qda:BooleanValue>true</qda:BooleanValue></qda:VariableValue>
   <qda:VariableValue><qda:VariableRef targetGUID="${G.varDate}"/><qda:DateValue>2016-03-01</qda:DateValue></qda:VariableValue>
   <qda:VariableValue><qda:VariableRef targetGUID="${G.varCount}"/><qda:IntegerValue>twelve</qda:IntegerValue></qda:VariableValue>
   <qda:VariableValue><qda:VariableRef targetGUID="${G.varWhen}"/><qda:DateTimeValue>2016-03-01T10:00:00Z</qda:DateTimeValue></qda:VariableValue>
   <qda:SourceRef targetGUID="{${G.src1}}"/>
  </qda:Case>
  <qda:Case guid="${G.caseNameless}">
   <qda:VariableValue><qda:VariableRef targetGUID="${G.varCount}"/><qda:IntegerValue>3</qda:IntegerValue></qda:VariableValue>
   <qda:SourceRef targetGUID="${G.src2}"/>
  </qda:Case>
 </qda:Cases>
 <qda:Sources>
  <qda:TextSource guid="${G.src1}" name="interview 1" plainTextPath="internal://${G.src1}.txt" creatingUser="${G.userA.toLowerCase()}">
   <qda:PlainTextSelection guid="${G.sel1}" name="&quot;Tier 2 is unfair.&quot;" startPosition="${s1}" endPosition="${e1}" creatingUser="${G.userB}">
    <qda:Description>strong words</qda:Description>
    <qda:Coding guid="${G.sel1.replace('eeee', 'ffff')}"><qda:CodeRef targetGUID="${G.codeX}"/></qda:Coding>
    <qda:Coding guid="${G.sel1.replace('eeee', 'aaaa')}" creatingUser="${G.userA}"><qda:CodeRef targetGUID="${G.codeY}"/></qda:Coding>
   </qda:PlainTextSelection>
   <qda:PlainTextSelection guid="${G.sel2}" name="Parliament passed the 𝒯IP law" startPosition="${s2}" endPosition="${e2}">
    <qda:Coding guid="${G.sel2.replace('eeee', 'ffff')}" creatingUser="${G.userA}"><qda:CodeRef targetGUID="${G.codeY}"/></qda:Coding>
   </qda:PlainTextSelection>
   <qda:PlainTextSelection guid="${G.selOut}" name="" startPosition="5000" endPosition="5010">
    <qda:Coding guid="${G.selOut.replace('eeee', 'ffff')}" creatingUser="${G.userA}"><qda:CodeRef targetGUID="${G.codeY}"/></qda:Coding>
   </qda:PlainTextSelection>
  </qda:TextSource>
  <qda:TextSource guid="${G.src2}" name="inline note source">
   <qda:PlainTextContent>${INLINE2.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</qda:PlainTextContent>
   <qda:PlainTextSelection guid="${G.selAnn}" name="prosecutions" startPosition="${sa}" endPosition="${ea}"><qda:Description>check numbers</qda:Description></qda:PlainTextSelection>
   <qda:PlainTextSelection guid="${G.selDangling}" name="Inline" startPosition="0" endPosition="6">
    <qda:Coding guid="${G.selDangling.replace('eeee', 'ffff')}" creatingUser="${G.userA}"><qda:CodeRef targetGUID="${G.missingCode}"/></qda:Coding>
   </qda:PlainTextSelection>
   <qda:Coding guid="${G.src2.replace('dddd', 'ffff')}" creatingUser="${G.userB}"><qda:CodeRef targetGUID="${G.codeX}"/></qda:Coding>
   <qda:VariableValue><qda:VariableRef targetGUID="${G.varRegion}"/><qda:TextValue>Asia</qda:TextValue></qda:VariableValue>
  </qda:TextSource>
  <qda:TextSource guid="${G.srcAbs}" name="on C" plainTextPath="absolute:///C:/data/elsewhere.txt"/>
  <qda:TextSource guid="${G.srcRel}" name="beside" plainTextPath="relative:///beside.txt"/>
  <qda:TextSource guid="${G.srcGone}" name="gone" plainTextPath="internal://${G.srcGone}.txt"/>
  <qda:PictureSource guid="66666666-0000-4000-8000-000000000001" name="photo.jpg" path="internal://photo.jpg"/>
 </qda:Sources>
 <qda:Notes>
  <qda:Note guid="${G.noteCode}" name="About pressure"><qda:PlainTextContent>Pressure means public ranking.</qda:PlainTextContent></qda:Note>
  <qda:Note guid="${G.noteLinked}" name="On the quote"><qda:PlainTextContent>Said twice.</qda:PlainTextContent></qda:Note>
  <qda:Note guid="${G.noteFile}" name="Field notes" plainTextPath="internal://${G.noteFile}.txt"/>
  <qda:Note guid="${G.noteLoose}" name="Loose"><qda:PlainTextContent>Loose note.</qda:PlainTextContent></qda:Note>
 </qda:Notes>
 <qda:Links><qda:Link guid="${G.link}" name="annotation" originGUID="${G.noteLinked}" targetGUID="${G.sel1}"/></qda:Links>
 <qda:Sets><qda:Set guid="${G.set}" name="Europe"><qda:MemberSource targetGUID="${G.src1}"/></qda:Set></qda:Sets>
 <qda:Graphs><qda:Graph guid="${G.graph}" name="Network"/></qda:Graphs>
 <qda:NoteRef targetGUID="${G.noteFile}"/>
</qda:Project>`;
}

/** The archive: `Lenient study.qde` at the root, capitalised `Sources/`, a stray directory entry. */
export function lenientQdpx(): Uint8Array {
  return zipSync({
    'Lenient study.qde': strToU8(lenientQde()),
    'Sources/': new Uint8Array(0),
    [`Sources/${G.src1}.txt`]: strToU8(RAW1),
    [`Sources/${G.noteFile}.txt`]: strToU8('Visited the ministry.\r\nMet two officials.'),
  });
}
