import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildUnitsFile } from './build-admin-units.ts';

describe('config/admin-units/units.json', () => {
  it('is what the build script derives from the verbatim sources', () => {
    const dir = new URL('../config/admin-units/', import.meta.url);
    const committed = JSON.parse(fs.readFileSync(new URL('units.json', dir), 'utf8'));
    expect(buildUnitsFile(new URL('source/', dir))).toEqual(committed);
  });
});
