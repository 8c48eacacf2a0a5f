import { describe, expect, it } from '@jest/globals';
import { FIGURE_LABELS } from '../../../labels/src/index.js';
import { figurePaths } from './statistics.figures.js';

describe('the names of the report figures (libs/labels)', () => {
  it('name every figure the report counts, and no other', () => {
    expect(Object.keys(FIGURE_LABELS).sort()).toEqual([...figurePaths()].sort());
  });
});
