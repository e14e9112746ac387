import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { guessRegistryFormat, parseRegistryImport, splitCsv } from '../../../shared/fleet/registry-import';

// The registry file a supervisor imports: CSV as spreadsheets write it, or JSON; every bad row
// named with its line; nothing accepted while one row is bad.

describe('registry import parsing', () => {
  test('CSV as spreadsheets write it: BOM, CRLF, quoted commas, quotes and line breaks, semicolons', () => {
    const text = '\uFEFFDevice ID,Name,Zone,X,Y\r\nD1,"Board ""A"", east",Hall,1.5,2\r\n\r\nD2,"Two\nlines",Hall,,\r\n';
    const outcome = parseRegistryImport(text);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.format, 'csv');
    assert.deepEqual(outcome.entries, [
      { id: 'D1', name: 'Board "A", east', zone: 'Hall', position: { x: 1.5, y: 2 } },
      { id: 'D2', name: 'Two\nlines', zone: 'Hall', position: null },
    ]);
    const semicolons = parseRegistryImport('id;location;building;floor;room\nD9;Pump room;B2;F-1;R3\n');
    assert.ok(semicolons.ok);
    assert.deepEqual(semicolons.entries[0], { id: 'D9', name: 'Pump room', zone: 'B2 / F-1 / R3', position: null });
  });

  test('line numbers follow the file, past quoted line breaks; every bad row is listed', () => {
    const text = 'id,name,zone,x,y\n"D1","multi\nline",Z,,\n,nameless,Z,,\nD1,again,Z,,\nD4,bad x,Z,east,1\nD5,half,Z,3,\n';
    const outcome = parseRegistryImport(text);
    assert.equal(outcome.ok, false);
    assert.deepEqual(!outcome.ok && outcome.issues.map((i) => [i.line, i.field]), [
      [4, 'id'],
      [5, 'id'],
      [6, 'x'],
      [7, 'y'],
    ]);
  });

  test('the header must name an id and only known columns', () => {
    const outcome = parseRegistryImport('name,colour\nA,red\n');
    assert.equal(outcome.ok, false);
    assert.deepEqual(!outcome.ok && outcome.issues.map((i) => [i.line, i.field]), [
      [1, 'colour'],
      [1, 'id'],
    ]);
    assert.equal(parseRegistryImport('id,zone\n').ok, false, 'a header alone names no device');
  });

  test('JSON: the registry message shape or a bare list, positions checked, numbers as ids', () => {
    assert.equal(guessRegistryFormat('  {"devices": []}'), 'json');
    assert.equal(guessRegistryFormat('id,zone'), 'csv');
    const ok = parseRegistryImport('{"devices": [{"id": 7, "zone": "Z", "position": {"x": 1, "y": 2}}, {"id": "B"}]}');
    assert.ok(ok.ok);
    assert.deepEqual(ok.entries, [
      { id: '7', name: '7', zone: 'Z', position: { x: 1, y: 2 } },
      { id: 'B', name: 'B', zone: 'unassigned', position: null },
    ]);
    const bad = parseRegistryImport('[{"id": "A", "position": {"x": "1"}}, 3, {"id": "A"}]');
    assert.equal(bad.ok, false);
    assert.deepEqual(!bad.ok && bad.issues.map((i) => [i.line, i.field]), [
      [1, 'devices[0].position'],
      [2, 'devices[1]'],
    ]);
    const broken = parseRegistryImport('{"devices": [', 'json');
    assert.equal(!broken.ok && broken.issues[0]?.field, 'file');
  });

  test('splitCsv keeps the line each row starts on', () => {
    assert.deepEqual(splitCsv('a,b\n"x\ny",z\nq,r', ',').map((r) => r.line), [1, 2, 4]);
  });
});
