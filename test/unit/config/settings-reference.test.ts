import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { HOST_USAGE } from '../../../electron/host/config/parse-args';
import type { FieldSpec } from '../../../electron/host/config/settings-schema';
import { SETTINGS_SCHEMA } from '../../../electron/host/config/settings-schema';
import {
  OVERRIDES,
  README_PATH,
  REFRESH_COMMAND,
  flattenSchema,
  readmeSection,
  renderSettingsReference,
  replaceReadmeSection,
} from '../../../electron/host/config/settings-reference';

describe('configuration reference', () => {
  it("README.md's section is the reference generated from the schema", () => {
    const section = readmeSection(readFileSync(README_PATH, 'utf8'));
    assert.notEqual(section, null, 'README.md has no <!-- settings-reference:start --> … <!-- settings-reference:end --> section');
    const expected = renderSettingsReference(SETTINGS_SCHEMA);
    assert.ok(section === expected, `README.md's configuration reference is out of date (a setting was added or changed). Refresh it with:\n  ${REFRESH_COMMAND}`);
  });

  it('lists every setting of the schema with its path, type, default, range and description', () => {
    const reference = renderSettingsReference(SETTINGS_SCHEMA);
    for (const { path, spec } of flattenSchema(SETTINGS_SCHEMA)) {
      assert.ok(spec.description.trim() !== '', `${path} has a description`);
      assert.ok(reference.includes(`| \`${path}\` |`), `${path} is in the reference`);
    }
    assert.match(reference, /\| `server\.port` \| whole number \| `5780` \| 0 – 65535 \| `--port N`, `EMBERWATCH_PORT` \| HTTP port/);
    assert.match(reference, /\| `mqtt\.connections\[\]\.url` \| string \| required \|/);
    assert.match(reference, /\| `backup\.keep` \| whole number \| `14` \| 1 – 1000 \|/);
    assert.match(reference, /\| `logs\.level` \| one of `debug`, `info`, `warn`, `error` \| `"info"` \|/);
  });

  it('reflects whatever the schema holds: a new field appears without touching the generator', () => {
    const extended: FieldSpec = {
      ...SETTINGS_SCHEMA,
      fields: {
        ...SETTINGS_SCHEMA.fields,
        reports: {
          kind: 'object',
          description: 'Reports.',
          fields: { shift_hours: { kind: 'number', description: 'Length of a shift | for the shift report.', min: 1, max: 24, default: 8 } },
        },
      },
    };
    const reference = renderSettingsReference(extended);
    assert.match(reference, /\| `reports\.shift_hours` \| number \| `8` \| 1 – 24 \| {2}\| Length of a shift \\\| for the shift report\. \|/);
  });

  it('names every flag of the host and every overridden setting that exists', () => {
    const flags = [...HOST_USAGE.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1] as string).filter((f) => f !== '--help');
    assert.ok(flags.length >= 8);
    const documented = OVERRIDES.flatMap((o) => (o.flag ?? '').split(/,\s*/).map((f) => f.split(' ')[0]));
    for (const flag of flags) assert.ok(documented.includes(flag), `${flag} (HOST_USAGE) is in OVERRIDES of settings-reference.ts`);
    const paths = new Set(flattenSchema(SETTINGS_SCHEMA).map((r) => r.path));
    for (const o of OVERRIDES) if (o.setting !== undefined) assert.ok(paths.has(o.setting), `${o.setting} is a setting`);
  });

  it('replaces only the text between the markers', () => {
    const readme = 'intro\n<!-- settings-reference:start -->\nold\n<!-- settings-reference:end -->\noutro\n';
    assert.equal(replaceReadmeSection(readme, 'new\n'), 'intro\n<!-- settings-reference:start -->\nnew\n<!-- settings-reference:end -->\noutro\n');
    assert.equal(readmeSection(replaceReadmeSection(readme, 'new\n')), 'new\n');
  });
});
