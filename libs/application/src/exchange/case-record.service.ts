import { Inject, Injectable } from '@nestjs/common';
import { caseBusinessDate, caseStreamId, type ExistingCase } from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import {
  ForbiddenError,
  mayReadIdentities,
  requirePermission,
  type Principal,
  DENUNCIATOR_MASK,
} from '../../../security/src/index.js';
import { CaseService, ERASED_MASK, isConfidential, petitionersOf } from '../cases/case.service.js';
import { handleCommandWithRetries } from '../commands/handle-command.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import type { CaseRecord, CaseRecordDocument, CaseRecordEvent } from './case-record.adapters.js';

export interface CaseRecordRequest {
  /** The unit whose system receives the record. */
  receiverUnitId: string;
  /** Petitioners in clear: needs reasonCode + reason, the right to see them, and a receiver who may. */
  includeIdentities: boolean;
  reasonCode?: string;
  reason?: string;
  correlationId: string;
}

/** Fields of event data never exported: secrets of this system (sealed blobs, the PIN's hash) and the letter (in `case.content` once). */
const NEVER = new Set(['sealed', 'sealedContent', 'content', 'lookupPinHash']);
/** Also left out of a confidential case's history unless its identities are exported: they may name the denunciator. */
const CONFIDENTIAL = new Set(['participants', 'minutes', 'summary', 'reason', 'correctionReason', 'note']);

function redact(value: unknown, drop: (key: string) => boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => redact(v, drop));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !drop(k))
        .map(([k, v]) => [k, redact(v, drop)]),
    );
  return value;
}

const PAPER_TITLES: Record<string, string> = {
  receipt: 'Giấy biên nhận đơn',
  'acceptance-notice': 'Thông báo thụ lý',
  'non-acceptance': 'Thông báo không thụ lý',
  'transfer-slip': 'Phiếu chuyển đơn',
  guidance: 'Phiếu hướng dẫn',
};

/**
 * A case's full record for transfer to another unit's system (docs/exchange.md): the case, its
 * deadlines, the documents it produced and its history with hashes. Identities follow the rules of
 * `GET /cases/:id/petitioners` on both sides: they are exported in clear only when the caller may see
 * them, says why, and the receiver may see them too — a denunciator's identity goes only to the unit
 * competent to settle the denunciation (Luật Tố cáo 2018, Art. 8(3), 47) — and each such export is
 * recorded as a disclosure (`disclosure-<caseId>`, `document: "record.json"`, the receiver named).
 * Otherwise they are masked as in any case view.
 */
@Injectable()
export class CaseRecordService {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly cases: CaseService,
    private readonly units: UnitDirectory,
  ) {}

  async export(idOrTrackingCode: string, principal: Principal, req: CaseRecordRequest): Promise<CaseRecord> {
    const caseId = await this.cases.resolveForReading(idOrTrackingCode);
    const { state, events } = await this.cases.load(caseId, principal);
    requirePermission(principal, 'case.record');
    if (!(await this.units.exists(req.receiverUnitId)))
      fail('VALIDATION_FAILED', 'receiverUnitId: no such unit', [
        { path: 'receiverUnitId', message: 'no such unit' },
      ]);
    const confidential = isConfidential(state);
    const stored = petitionersOf(events);
    let petitioners: Record<string, unknown>[];
    if (req.includeIdentities) {
      if (!req.reasonCode || !req.reason)
        fail('VALIDATION_FAILED', 'reasonCode and reason are required to export identities', [
          { path: req.reasonCode ? 'reason' : 'reasonCode', message: 'required with includeIdentities' },
        ]);
      if (
        !mayReadIdentities(principal, {
          confidential,
          handlerId: state.handlerId,
          competentUnitId: state.competentUnitId,
        })
      )
        throw new ForbiddenError(
          confidential
            ? "a denunciator's identity is exported only by the assigned handler or a head of the competent unit"
            : 'exporting identities needs the right to see them',
        );
      if (confidential && req.receiverUnitId !== state.competentUnitId)
        throw new ForbiddenError(
          "a denunciator's identity is exported only to the unit competent to settle the denunciation",
        );
      const opened = await this.cases.openIdentities(stored);
      petitioners = stored.map((p, i) => {
        const identity = opened[i];
        return identity
          ? { personRef: p.personRef, ...identity, representative: p.representative }
          : { personRef: p.personRef, fullName: ERASED_MASK, erased: true, representative: p.representative };
      });
      await this.recordDisclosure(
        state,
        stored.map((p) => p.personRef),
        principal,
        req,
        confidential,
      );
    } else {
      petitioners = (await this.cases.maskedPetitioners(state, stored)) as unknown as Record<
        string,
        unknown
      >[];
    }
    const disclosed = req.includeIdentities;
    const { deadlines, deadlineBasis, ...rest } = await this.cases.view(state, events, null, principal);
    const caseView: Record<string, unknown> = { ...rest };
    if (confidential && !disclosed) {
      caseView.content = DENUNCIATOR_MASK;
      if (Array.isArray(caseView.dialogueMinutes)) caseView.dialogueMinutes = [];
      if (caseView.decision && typeof caseView.decision === 'object')
        caseView.decision = { ...(caseView.decision as object), summary: DENUNCIATOR_MASK };
    }
    const drop = (key: string) => NEVER.has(key) || (confidential && !disclosed && CONFIDENTIAL.has(key));
    const history: CaseRecordEvent[] = events.map((e) => ({
      position: Number(e.globalPosition),
      version: e.version,
      type: e.type,
      businessDate: caseBusinessDate(e.type, e.data),
      lateEntry: e.data.lateEntry === true,
      imported: e.data.imported === true,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
      actor: { id: e.metadata.actor.id, name: e.metadata.actor.name },
      data: redact(e.data, drop) as Record<string, unknown>,
      hash: e.hash,
      prevHash: e.prevHash,
    }));
    const today = this.runtime.clock();
    const senderUnitId = principal.unitId ?? state.competentUnitId ?? state.receivingUnitId;
    const on = today.toISOString().slice(0, 10);
    return {
      format: 'donthu.case-record',
      formatVersion: 1,
      exportedAt: today.toISOString(),
      exportedBy: { id: principal.id, name: principal.name, unitId: principal.unitId },
      sender: {
        unitId: senderUnitId,
        name: senderUnitId ? await this.cases.unitName(senderUnitId, on) : null,
      },
      receiver: { unitId: req.receiverUnitId, name: await this.cases.unitName(req.receiverUnitId, on) },
      identities: disclosed ? 'included' : 'masked',
      case: { ...caseView, petitioners },
      deadlines: deadlines.map((d, i) => ({ ...d, ...(deadlineBasis[i] ?? {}) })),
      documents: this.documentsOf(state, events),
      history,
      integrity: {
        streamId: caseStreamId(state.caseId),
        events: events.length,
        headHash: events.at(-1)?.hash ?? null,
      },
    };
  }

  /** The papers the case's acts call for (rendered by donthu on request), the decision and the dialogue minutes. */
  private documentsOf(state: ExistingCase, events: StoredEvent[]): CaseRecordDocument[] {
    const paper = (kind: string, on: string | null): CaseRecordDocument => ({
      kind,
      title: PAPER_TITLES[kind] ?? kind,
      on,
      path: `/api/v1/cases/${state.caseId}/documents/${kind}.pdf`,
    });
    const docs: CaseRecordDocument[] = [paper('receipt', state.receivedAt)];
    for (const e of events) {
      const d = e.data as Record<string, unknown>;
      const at = typeof d.at === 'string' ? d.at : null;
      if (e.type === 'CaseAccepted')
        docs.push(paper('acceptance-notice', typeof d.acceptedAt === 'string' ? d.acceptedAt : null));
      else if (e.type === 'CaseRejected') docs.push(paper('non-acceptance', at));
      else if (e.type === 'CaseTransferred') docs.push(paper('transfer-slip', at));
      else if (e.type === 'CaseGuided') docs.push(paper('guidance', at));
      else if (e.type === 'DialogueRecorded')
        docs.push({
          kind: 'dialogue-minutes',
          title: 'Biên bản đối thoại',
          on: typeof d.heldAt === 'string' ? d.heldAt : null,
        });
      else if (e.type === 'CaseResolved')
        docs.push({
          kind: 'decision',
          title: 'Quyết định, kết luận giải quyết',
          on: typeof d.decidedAt === 'string' ? d.decidedAt : null,
          number: typeof d.decisionNo === 'string' ? d.decisionNo : null,
        });
    }
    return docs;
  }

  /** Through the one command loop, before anything is answered; a failure to record fails the export. */
  private async recordDisclosure(
    state: ExistingCase,
    personRefs: string[],
    principal: Principal,
    req: CaseRecordRequest,
    confidential: boolean,
  ): Promise<void> {
    await handleCommandWithRetries(
      this.runtime,
      `disclosure-${state.caseId}`,
      (_history, ctx) => [
        {
          type: 'IdentityDisclosed',
          data: {
            caseId: state.caseId,
            disclosedTo: {
              id: principal.id,
              name: principal.name,
              roles: principal.roles,
              unitId: principal.unitId,
            },
            reasonCode: req.reasonCode,
            reason: req.reason,
            document: 'record.json',
            receiverUnitId: req.receiverUnitId,
            at: ctx.now,
            confidential,
            personRefs,
          },
        },
      ],
      {
        actor: { id: principal.id, name: principal.name, roles: principal.roles },
        correlationId: req.correlationId,
      },
    );
  }
}
