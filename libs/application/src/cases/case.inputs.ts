/**
 * What the case use cases take as input: plain data, already validated by whoever received it (the
 * HTTP layer's DTOs satisfy these shapes; the demo seeder builds them directly).
 */
export interface PetitionerInput {
  fullName: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  representative?: boolean;
}

export interface RegisterCaseInput {
  receivedAt: string;
  channel: 'in_person' | 'post' | 'online' | 'hotline' | 'forwarded' | 'reception_session';
  receivingUnitId: string;
  petitioners: PetitionerInput[];
  signerCount?: number;
  subject: string;
  content: string;
  field?:
    'land' | 'compensation' | 'site_clearance' | 'housing' | 'policy' | 'justice' | 'corruption' | 'other';
  kindHint?: 'complaint' | 'denunciation' | 'petition' | 'reflection';
  /** A letter without a name: petitioners: []. */
  anonymous?: boolean;
  forwardedBy?: string;
  registryNo?: string;
}
