import { describe, expect, it } from 'vitest';
import { copyCsv } from './copy-csv.ts';

describe('copyCsv', () => {
  it('tells null from the empty string and quotes what needs quoting', () => {
    expect(copyCsv([[null, '', 'a,b', 'say "hi"', 'line\nbreak', 3, { k: 1 }]])).toBe(
      ',"","a,b","say ""hi""","line\nbreak",3,"{""k"":1}"\n',
    );
  });
});
