/** What the unit use cases take as input: plain data, already validated by whoever received it. */
export interface CreateUnitInput {
  id?: string;
  name: string;
  level: 'central' | 'province' | 'commune' | 'department' | 'agency';
  parentId?: string;
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
