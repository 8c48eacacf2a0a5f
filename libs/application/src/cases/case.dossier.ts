import type { ExistingCase } from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import { DENUNCIATOR_MASK, mayReadIdentities, type Principal } from '../../../security/src/index.js';

/** A dialogue as the dossier shows it: when, with whom, the minutes and the outcome. */
export interface DialogueMinutes {
  dialogueId: string;
  heldAt: string;
  noticeOn: string | null;
  participants: string[];
  minutes: string;
  outcome: string;
}

/** The parts of the case view (docs/reference/api-contract.md `GET /cases/:id`) that are read from the letter and the acts. */
export interface CaseDossier {
  content: string;
  field: string | null;
  signerCount: number | null;
  forwardedBy: string | null;
  registryNo: string | null;
  decision: { decidedAt: string; decisionNo: string | null; outcome: string; summary: string } | null;
  dialogueMinutes: DialogueMinutes[];
}

/**
 * Past versions (`?asOf=`) of a case that is, or has been, a denunciation: protected as one whatever
 * they say of themselves (docs/reference/api-contract.md, The case view: once a case is a denunciation, every view of every past version
 * shows only `[bảo mật]`). `CaseService.load` marks them.
 */
const DENUNCIATION_LATER = new WeakSet<ExistingCase>();

export function markDenunciationLater(state: ExistingCase): void {
  DENUNCIATION_LATER.add(state);
}

export const becameDenunciation = (state: ExistingCase): boolean => DENUNCIATION_LATER.has(state);

const isDenunciation = (s: ExistingCase): boolean =>
  becameDenunciation(s) || s.kind === 'denunciation' || (s.kind === null && s.kindHint === 'denunciation');

/**
 * Who may read the letter's text: everyone who may read the case, except for a denunciation (letters
 * often begin with the writer's name), which only those who may see its identities read.
 */
export function mayReadContent(state: ExistingCase, principal: Principal | undefined): boolean {
  if (!isDenunciation(state)) return true;
  return (
    principal !== undefined &&
    mayReadIdentities(principal, {
      confidential: true,
      handlerId: state.handlerId,
      competentUnitId: state.competentUnitId,
    })
  );
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Reads the dossier from the case's events (the latest amendment of each field wins). */
export function dossierOf(state: ExistingCase, events: StoredEvent[], principal?: Principal): CaseDossier {
  let content = '';
  let field: string | null = null;
  let signerCount: number | null = null;
  let forwardedBy: string | null = null;
  let registryNo: string | null = null;
  let decision: CaseDossier['decision'] = null;
  const dialogueMinutes: DialogueMinutes[] = [];
  for (const e of events) {
    const d = e.data as Record<string, unknown>;
    if (e.type === 'CaseReceived' || e.type === 'CaseAmended') {
      if (typeof d.content === 'string') content = d.content;
      if (typeof d.field === 'string') field = d.field;
      if (typeof d.signerCount === 'number') signerCount = d.signerCount;
      if (typeof d.forwardedBy === 'string') forwardedBy = d.forwardedBy;
      if (typeof d.registryNo === 'string') registryNo = d.registryNo;
    } else if (e.type === 'CaseResolved') {
      decision = {
        decidedAt: String(d.decidedAt),
        decisionNo: str(d.decisionNo),
        outcome: String(d.outcome),
        summary: String(d.summary ?? ''),
      };
    } else if (e.type === 'DialogueRecorded') {
      dialogueMinutes.push({
        dialogueId: String(d.dialogueId),
        heldAt: String(d.heldAt),
        noticeOn: str(d.noticeOn),
        participants: Array.isArray(d.participants) ? d.participants.map(String) : [],
        minutes: String(d.minutes ?? ''),
        outcome: String(d.outcome),
      });
    }
  }
  return {
    content: mayReadContent(state, principal) ? content : DENUNCIATOR_MASK,
    field,
    signerCount,
    forwardedBy,
    registryNo,
    decision,
    dialogueMinutes,
  };
}
