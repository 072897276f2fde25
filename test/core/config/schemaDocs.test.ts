// Hover docs come from the schema: description, default, allowed values and range of each key.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { documentationMarkdown, keyDocumentation } from '../../../src/core/config/schemaDocs';
import { REPO } from '../../helpers/paths';

describe('schema hover documentation', () => {
  it('documents a nested key with its description, default and range', () => {
    const doc = keyDocumentation(['training', 'learningRate']);
    assert.ok(doc?.description && doc.description.length > 10, 'description present');
    assert.ok(doc?.range?.includes('value'), `range given: ${doc?.range}`);
  });

  it('walks through arrays and $refs (a layer of model.hidden) and lists allowed values', () => {
    const doc = keyDocumentation(['model', 'hidden', 0, 'activation']);
    assert.ok(doc?.allowed?.includes('relu'), JSON.stringify(doc));
    assert.match(documentationMarkdown(doc!), /Allowed: .*`"relu"`/);
  });

  it('documents the keys of a data source and unknown keys not at all', () => {
    assert.ok(keyDocumentation(['data', 'sources', 0, 'selection'])?.description);
    assert.equal(keyDocumentation(['training', 'learnRate']), undefined);
  });

  it('the examples carry no $schema line (the extension contributes the schema)', () => {
    const configs = fs.readdirSync(path.join(REPO, 'examples'), { recursive: true }).map(String).filter((f) => f.endsWith('.hepml.json'));
    assert.ok(configs.length >= 5);
    for (const file of configs) assert.ok(!('$schema' in JSON.parse(fs.readFileSync(path.join(REPO, 'examples', file), 'utf8'))), file);
  });
});
