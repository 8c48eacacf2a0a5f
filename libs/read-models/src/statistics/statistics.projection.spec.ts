import { describe, expect, it } from '@jest/globals';
import { openSpans, type StatisticsCaseState } from './statistics.projection.js';

const state = (timeline: [string, string][], closedOn: string | null = null): StatisticsCaseState => ({
  caseId: 'c',
  trackingCode: 'T',
  receivingUnitId: 'a',
  competentUnitId: null,
  kind: null,
  level: null,
  channel: 'post',
  field: null,
  resolutionDeadlineNo: null,
  resolutionDueOn: null,
  timeline: timeline.map(([on, unitId]) => ({ on, unitId })),
  closedOn,
});

describe('statistics.v1: the spans a case is open under one responsible unit', () => {
  it('a letter received and never moved is open from its receipt on', () => {
    expect(openSpans(state([['2026-03-02', 'a']]))).toEqual([
      { unitId: 'a', from: '2026-03-02', until: null },
    ]);
  });

  it('classified to another unit, then transferred: one span per unit, each ending where the next begins', () => {
    expect(
      openSpans(
        state([
          ['2026-03-02', 'a'],
          ['2026-03-05', 'b'],
          ['2026-03-09', 'c'],
        ]),
      ),
    ).toEqual([
      { unitId: 'a', from: '2026-03-02', until: '2026-03-05' },
      { unitId: 'b', from: '2026-03-05', until: '2026-03-09' },
      { unitId: 'c', from: '2026-03-09', until: null },
    ]);
  });

  it('a move on the day of receipt leaves no empty span; a move back joins the earlier span', () => {
    expect(
      openSpans(
        state([
          ['2026-03-02', 'a'],
          ['2026-03-02', 'b'],
        ]),
      ),
    ).toEqual([{ unitId: 'b', from: '2026-03-02', until: null }]);
    expect(
      openSpans(
        state([
          ['2026-03-02', 'a'],
          ['2026-03-04', 'b'],
          ['2026-03-04', 'a'],
        ]),
      ),
    ).toEqual([{ unitId: 'a', from: '2026-03-02', until: null }]);
  });

  it('the first closing act ends the case, even one dated before a later move was recorded', () => {
    expect(
      openSpans(
        state(
          [
            ['2026-03-02', 'a'],
            ['2026-03-10', 'b'],
          ],
          '2026-03-08',
        ),
      ),
    ).toEqual([{ unitId: 'a', from: '2026-03-02', until: '2026-03-08' }]);
    expect(openSpans(state([['2026-03-02', 'a']], '2026-03-02'))).toEqual([]);
  });

  it('points are taken in date order (a back-dated act recorded later), ties in the order recorded', () => {
    expect(
      openSpans(
        state([
          ['2026-03-02', 'a'],
          ['2026-03-20', 'c'],
          ['2026-03-10', 'b'],
        ]),
      ),
    ).toEqual([
      { unitId: 'a', from: '2026-03-02', until: '2026-03-10' },
      { unitId: 'b', from: '2026-03-10', until: '2026-03-20' },
      { unitId: 'c', from: '2026-03-20', until: null },
    ]);
  });
});
