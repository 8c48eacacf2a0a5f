import { Inject, Injectable } from '@nestjs/common';
import type { ExistingCase } from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import {
  ForbiddenError,
  can,
  mayReadIdentities,
  requirePermission,
  type Principal,
  normaliseLookupPin,
  verifyLookupPin,
} from '../../../security/src/index.js';
import { CaseService, ERASED_MASK, isConfidential, petitionersOf } from '../cases/case.service.js';
import { fail } from '../common/problem.js';
import { recordDisclosure } from '../disclosure/disclosure.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import { letterheadOf, loadLetterheadOverrides } from './letterheads.js';
import { renderPdf } from './paper.render.js';
import { paperDocument, type PaperCase, type PaperFacts, type PaperKind } from './papers.js';

export interface PaperRequest {
  /** Only for the receipt (POST): the PIN the citizen was given, checked against the hash. */
  lookupPin?: string;
  /** With `reason`: print the petitioners' names, recorded as a disclosure (docs/reference/api-contract.md, /petitioners). */
  reasonCode?: string;
  reason?: string;
  correlationId: string;
}

/**
 * The official papers of a case, rendered on request. Names are printed only when the caller may see
 * the identities and says why (`reasonCode` + `reason`); each such production is recorded in
 * `disclosure-<caseId>` like a `/petitioners` call, naming the paper. A denunciation's papers (or a
 * letter announced as one) are produced only for those who may see its identities, and always as a
 * recorded disclosure. Otherwise the paper leaves a blank line for the name.
 */
@Injectable()
export class PaperService {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly cases: CaseService,
    private readonly units: UnitDirectory,
  ) {}

  async produce(
    idOrTrackingCode: string,
    kind: PaperKind,
    principal: Principal,
    req: PaperRequest,
  ): Promise<{ pdf: Buffer; trackingCode: string }> {
    const caseId = await this.cases.resolveForReading(idOrTrackingCode);
    const { state, events } = await this.cases.load(caseId, principal);
    requirePermission(principal, 'case.papers');
    const denunciation = (state.kind ?? state.kindHint) === 'denunciation';
    const confidential = isConfidential(state);
    const mayIdentities = mayReadIdentities(principal, {
      confidential,
      handlerId: state.handlerId,
      competentUnitId: state.competentUnitId,
    });
    if (denunciation && !mayIdentities)
      throw new ForbiddenError(
        "a denunciation's papers are produced only for the assigned handler and a head of the competent unit",
      );
    const withNames = req.reasonCode !== undefined || req.reason !== undefined;
    if (withNames && !(req.reasonCode && req.reason))
      fail('VALIDATION_FAILED', 'reasonCode and reason go together', [
        { path: req.reasonCode ? 'reason' : 'reasonCode', message: 'required with the other' },
      ]);
    if (denunciation && !withNames)
      fail('VALIDATION_FAILED', "reasonCode and reason are required for a denunciation's papers", [
        { path: 'reasonCode', message: 'required: each production is recorded as a disclosure' },
      ]);
    if (withNames && (!mayIdentities || !can(principal, 'identities.read')))
      throw new ForbiddenError('printing the names needs the right to see the identities of this case');
    if (req.lookupPin !== undefined) {
      if (kind !== 'receipt') fail('VALIDATION_FAILED', 'lookupPin: only the receipt carries the PIN');
      if (!(await verifyLookupPin(state.caseId, req.lookupPin, state.lookupPinHash)))
        fail('VALIDATION_FAILED', 'lookupPin: not the PIN of this case (reissue one if it was lost)', [
          { path: 'lookupPin', message: 'does not match' },
        ]);
    }
    const facts = await this.factsOf(kind, state, events, normaliseLookupPin(req.lookupPin));
    let petitionerNames: string[] | null = null;
    if (withNames) {
      const stored = petitionersOf(events);
      const opened = await this.cases.openIdentities(stored);
      petitionerNames = opened.map((p) => p?.fullName ?? ERASED_MASK);
      await this.recordDisclosure(
        state,
        stored.map((p) => p.personRef),
        kind,
        principal,
        req,
        confidential,
      );
    }
    const paperCase: PaperCase = {
      trackingCode: state.trackingCode,
      kind: state.kind,
      receivedAt: state.receivedAt,
      channel: state.channel,
      subject: state.subject,
      petitionerNames,
      receivingUnitName: await this.name(this.receivingUnitAtReceipt(state, events), state.receivedAt),
    };
    const letterhead = await this.letterhead(
      this.issuingUnit(kind, state, events),
      this.dateOf(facts, state),
    );
    return {
      pdf: await renderPdf(paperDocument(paperCase, facts, letterhead)),
      trackingCode: state.trackingCode,
    };
  }

  private async factsOf(
    kind: PaperKind,
    s: ExistingCase,
    events: StoredEvent[],
    lookupPin: string | null,
  ): Promise<PaperFacts> {
    const last = <T>(type: string, ok: (d: T) => boolean = () => true): T | undefined =>
      events
        .filter((e) => e.type === type)
        .map((e) => e.data as T)
        .filter(ok)
        .at(-1);
    const missing = (what: string): never =>
      fail('ILLEGAL_TRANSITION', `this case has no ${what}: the paper cannot be produced`);
    const competent = s.competentUnitId ?? s.receivingUnitId;
    switch (kind) {
      case 'receipt':
        return {
          paper: 'receipt',
          answerBy: this.xldDueOn(s),
          lookupUrl: this.cases.lookupUrl(s.trackingCode),
          lookupPin,
          receivedBy: events[0]?.metadata.actor.name ?? null,
        };
      case 'acceptance-notice': {
        const d = last<{
          acceptedAt: string;
          decisionNo?: string;
          resolutionDeadline: { deadlineNo: number } | null;
        }>('CaseAccepted');
        if (!d || s.acceptedAt === null) return missing('acceptance');
        const resolution = d.resolutionDeadline
          ? s.deadlines.find((x) => x.deadline.deadlineNo === d.resolutionDeadline!.deadlineNo)
          : undefined;
        return {
          paper: 'acceptance-notice',
          acceptedAt: d.acceptedAt,
          decisionNo: d.decisionNo ?? null,
          competentUnitName: await this.name(competent, d.acceptedAt),
          resolutionDueOn: resolution?.deadline.dueOn ?? null,
        };
      }
      case 'non-acceptance': {
        const d = last<{ at: string; reason: string }>('CaseRejected');
        if (!d) return missing('non-acceptance');
        return {
          paper: 'non-acceptance',
          at: d.at,
          reason: d.reason,
          competentUnitName: await this.name(competent, d.at),
        };
      }
      case 'transfer-slip': {
        const d = last<{ at: string; fromUnitId: string; toUnitId: string; reason: string; kind: string }>(
          'CaseTransferred',
          (t) => t.kind === 'ordinary',
        );
        if (!d) return missing('transfer');
        return {
          paper: 'transfer-slip',
          at: d.at,
          fromUnitName: await this.name(d.fromUnitId, d.at),
          toUnitName: await this.name(d.toUnitId, d.at),
          reason: d.reason,
        };
      }
      case 'guidance': {
        const d = last<{ at: string; agency: string; note?: string }>('CaseGuided');
        if (!d) return missing('guidance');
        return { paper: 'guidance', at: d.at, agency: d.agency, note: d.note ?? null };
      }
    }
  }

  private xldDueOn(s: ExistingCase): string | null {
    return s.deadlines.find((d) => d.deadline.ruleId === 'XLD')?.deadline.dueOn ?? null;
  }

  private receivingUnitAtReceipt(s: ExistingCase, events: StoredEvent[]): string {
    return (
      (events[0]?.data as { receivingUnitId?: string } | undefined)?.receivingUnitId ?? s.receivingUnitId
    );
  }

  /** The unit that issues the paper: the receiving desk, the competent unit, the unit that transfers. */
  private issuingUnit(kind: PaperKind, s: ExistingCase, events: StoredEvent[]): string {
    switch (kind) {
      case 'receipt':
        return this.receivingUnitAtReceipt(s, events);
      case 'transfer-slip': {
        const t = events
          .filter((e) => e.type === 'CaseTransferred' && (e.data as { kind: string }).kind === 'ordinary')
          .at(-1);
        return (t?.data as { fromUnitId?: string } | undefined)?.fromUnitId ?? s.receivingUnitId;
      }
      case 'guidance':
        return s.receivingUnitId;
      default:
        return s.competentUnitId ?? s.receivingUnitId;
    }
  }

  private dateOf(f: PaperFacts, s: ExistingCase): string {
    switch (f.paper) {
      case 'receipt':
        return s.receivedAt;
      case 'acceptance-notice':
        return f.acceptedAt;
      default:
        return f.at;
    }
  }

  private async name(unitId: string, on: string): Promise<string> {
    return (await this.cases.unitName(unitId, on)) ?? unitId;
  }

  private async letterhead(unitId: string, on: string) {
    const parentId = await this.units.parentOf(unitId);
    const parentName = parentId ? await this.cases.unitName(parentId, on) : null;
    const overrides = loadLetterheadOverrides(this.runtime.config.letterheadsFile);
    return letterheadOf(await this.name(unitId, on), parentName, overrides[unitId]);
  }

  private async recordDisclosure(
    s: ExistingCase,
    personRefs: string[],
    document: PaperKind,
    principal: Principal,
    req: PaperRequest,
    confidential: boolean,
  ): Promise<void> {
    await recordDisclosure(
      this.runtime,
      {
        caseId: s.caseId,
        to: principal,
        reasonCode: req.reasonCode ?? '',
        reason: req.reason ?? '',
        document: `${document}.pdf`,
        confidential,
        personRefs,
      },
      req.correlationId,
    );
  }
}
