/** What the unit use cases take as input: plain data, already validated by whoever received it. */
export interface CreateUnitInput {
  id?: string;
  name: string;
  level: 'central' | 'province' | 'commune' | 'department' | 'agency';
  parentId?: string;
  /** The first day the unit exists (default 1990-01-01). */
  from?: string;
}

export interface AppointHeadInput {
  personId: string;
  fullName: string;
  from: string;
  acting?: boolean;
}

export interface MergeUnitInput {
  intoUnitId: string;
  effectiveOn: string;
}

export interface CancelMergerInput {
  reason: string;
}

export interface NameDelegateInput {
  delegateId: string;
  from: string;
  to?: string;
}
