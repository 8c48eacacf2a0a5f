import { Inject, Injectable } from '@nestjs/common';
import { foldCaseEvents } from '../folds.js';
import { randomUUID } from 'node:crypto';
import {
  caseStreamId,
  toCaseView,
  completionsRecordedAt,
  type CaseState,
  type ExistingCase,
  type PreviousCaseFacts,
  type ProtectedPetitioner,
  vietnamDateOf,
  RESOLUTION_RULES,
  nameOn,
  type UnitState,
} from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import {
  DENUNCIATOR_MASK,
  maskPetitioner,
  can,
  requirePermission,
  type Principal,
  VaultError,
} from '../../../security/src/index.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import { becameDenunciation, dossierOf, markDenunciationLater, mayReadContent } from './case.dossier.js';
import { letterRef, sealLetter, sealedLettersOf, withLettersFrom } from './case.letter.js';
import { findBreak, rawStreamEvents, unitsNamedIn } from '../common/stream-history.js';
import type { PetitionerInput } from './case.inputs.js';

export const ERASED_MASK = '[đã xóa]';

/** A tracking code as `nextTrackingCode` makes them: `<UNIT PREFIX>-<year>-<number>`. */
export const TRACKING_CODE = /^[A-Za-z0-9]{1,12}-\d{4}-\d{6,9}$/;

export interface PetitionerView {
  fullName: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  /** Absent for a denunciator: nothing but the mask is shown. */
  representative?: boolean;
}

export interface PetitionerIdentity {
  fullName: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

/** The sealed petitioners recorded at receipt. */
/** The sealed petitioners: as registered, or as the latest amendment that replaced them. */
export function petitionersOf(events: StoredEvent[]): ProtectedPetitioner[] {
  let latest: ProtectedPetitioner[] = [];
  for (const e of events) {
    const list = (e.data as { petitioners?: ProtectedPetitioner[] } | undefined)?.petitioners;
    if ((e.type === 'CaseReceived' || e.type === 'CaseAmended') && Array.isArray(list)) latest = list;
  }
  return latest.map((p) => ({ ...p }));
}

export const foldStored = (events: StoredEvent[]): CaseState => foldCaseEvents(events);

/** The date the agency owes the citizen an answer on receipt: the open XLD deadline's due date. */
export function answerByOf(state: ExistingCase): string | null {
  const xld = state.deadlines.find((d) => d.deadline.ruleId === 'XLD' && d.status === 'open');
  return xld?.deadline.dueOn ?? null;
}

/** What the vault keeps of a petitioner: the name, and the id number, phone and address given. */
function identityOf(p: PetitionerInput): PetitionerIdentity {
  const identity: PetitionerIdentity = { fullName: p.fullName };
  if (p.idNumber) identity.idNumber = p.idNumber;
  if (p.phone) identity.phone = p.phone;
  if (p.address) identity.address = p.address;
  return identity;
}

/** Sealing a letter failed: refused when its key was erased with the petitioners, else thrown again. */
function letterErased(err: unknown): never {
  if (err instanceof VaultError && err.code === 'PERSON_ERASED')
    fail('ILLEGAL_TRANSITION', 'content: the letter of this case was erased with its petitioners');
  throw err;
}

/** Whether a case's petitioners are protected as denunciators: unless it is known not to be a denunciation. */
export function isConfidential(s: ExistingCase): boolean {
  if (becameDenunciation(s)) return true;
  const kind = s.kind ?? s.kindHint ?? null;
  return kind === null || kind === 'denunciation';
}

@Injectable()
export class CaseService {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly units: UnitDirectory,
  ) {}

  /** Loads a case the principal may see; unknown or out of scope → 404 (existence is not revealed). */
  async load(
    caseId: string,
    principal: Principal,
    asOf?: string,
  ): Promise<{ state: ExistingCase; events: StoredEvent[] }> {
    const events = await this.runtime.store.readStream(caseStreamId(caseId), asOf ? { asOf } : undefined);
    const state = foldStored(events);
    if (
      !state.exists ||
      !(await this.units.inScope(principal, [state.receivingUnitId, state.competentUnitId]))
    ) {
      fail('NOT_FOUND', `no case ${caseId}`);
    }
    if (asOf) {
      // A past version of a case that later became a denunciation is protected as one.
      const all = await this.runtime.store.readStream(caseStreamId(caseId));
      const now = foldStored(all);
      const everDenunciation = all.some((e) => (e.data as { kind?: unknown }).kind === 'denunciation');
      if (everDenunciation || (now.exists && isConfidential(now)))
        markDenunciationLater(state as ExistingCase);
    }
    return { state: state as ExistingCase, events };
  }

  async view(state: ExistingCase, events: StoredEvent[], position?: string | null, principal?: Principal) {
    const today = vietnamDateOf(this.runtime.clock());
    const view = toCaseView(state, today, completionsRecordedAt(events));
    const stored = petitionersOf(events);
    const confidential = isConfidential(state);
    // The letter is opened only for those who may read it (a denunciation's: those who may see its identities).
    const letters = mayReadContent(state, principal) ? sealedLettersOf(events) : [];
    // The identities and the letters in one vault query (their keys are rows of the same table).
    const identities = confidential ? [] : stored.map((p) => ({ personRef: p.personRef, sealed: p.sealed }));
    const opened =
      identities.length + letters.length > 0
        ? await this.runtime.vault.openMany<object>([...identities, ...letters])
        : [];
    const petitioners = this.masked(
      state,
      stored,
      opened.slice(0, identities.length) as (PetitionerIdentity | null)[],
    );
    // Beside each deadline (same order): the length, unit and legal basis it was computed with.
    const deadlineBasis = state.deadlines.map(({ deadline: d }) => ({
      ruleId: d.ruleId,
      length: d.length,
      unit: d.unit,
      legalBasis: d.legalBasis,
    }));
    const withLetters = withLettersFrom(
      events,
      letters,
      opened.slice(identities.length) as ({ text?: unknown } | null)[],
      ERASED_MASK,
    );
    return {
      ...view,
      deadlineBasis,
      ...dossierOf(state, withLetters, principal),
      petitioners,
      ...(position ? { position: Number(position) } : {}),
    };
  }

  async maskedPetitioners(state: ExistingCase, stored: ProtectedPetitioner[]): Promise<PetitionerView[]> {
    return this.masked(state, stored, isConfidential(state) ? [] : await this.openIdentities(stored));
  }

  /** `maskedPetitioners` with the identities already opened (none needed for a confidential case). */
  private masked(
    state: ExistingCase,
    stored: ProtectedPetitioner[],
    opened: (PetitionerIdentity | null)[],
  ): PetitionerView[] {
    if (isConfidential(state)) return stored.map(() => ({ fullName: DENUNCIATOR_MASK })); // nothing else: not even the role
    return stored.map((p, i) => {
      const identity = opened[i];
      if (!identity) return { fullName: ERASED_MASK, representative: p.representative };
      const masked = maskPetitioner(identity, { confidential: false });
      return { ...masked, representative: p.representative } as PetitionerView;
    });
  }

  async openIdentities(petitioners: ProtectedPetitioner[]): Promise<(PetitionerIdentity | null)[]> {
    return this.runtime.vault.openMany<PetitionerIdentity>(
      petitioners.map((p) => ({ personRef: p.personRef, sealed: p.sealed })),
    );
  }

  /** The receipt of docs/reference/api-contract.md (`POST /cases`): what the desk hands the citizen. */
  async receiptOf(
    state: ExistingCase,
    lookupPin: string | null,
    /** The receiving unit as the caller just read it (saves reading its stream again). */
    receivingUnit?: UnitState,
  ) {
    return {
      trackingCode: state.trackingCode,
      receivedAt: state.receivedAt,
      receivingUnitId: state.receivingUnitId,
      receivingUnitName: await this.unitName(state.receivingUnitId, state.receivedAt, receivingUnit),
      subject: state.subject,
      answerBy: answerByOf(state),
      lookupUrl: this.lookupUrl(state.trackingCode),
      lookupPin,
    };
  }

  /** The public lookup page of a case; never holds the PIN (the QR code adds it as `#pin=`). */
  lookupUrl(trackingCode: string): string {
    return `${this.runtime.config.publicUrl}/tra-cuu?ma=${encodeURIComponent(trackingCode)}`;
  }

  /** The unit's name on a date (its current name when it had none yet), null for an unknown unit. */
  async unitName(unitId: string, on: string, known?: UnitState): Promise<string | null> {
    const unit = known ?? (await this.units.state(unitId));
    if (unit.status === 'none') return null;
    return nameOn(unit, on) ?? unit.names.at(-1)?.name ?? null;
  }

  /** Seals new petitioners as at registration (each a new person with its own data key). */
  async sealPetitioners(
    list: readonly PetitionerInput[],
    /** Deterministic references (the import, so that a resumed import seals the same persons). */
    personRefOf?: (i: number) => string,
  ): Promise<ProtectedPetitioner[]> {
    const out: ProtectedPetitioner[] = [];
    for (const [i, p] of list.entries()) {
      const personRef = personRefOf ? personRefOf(i) : randomUUID();
      out.push({
        personRef,
        sealed: await this.runtime.vault.seal(personRef, identityOf(p)),
        representative: p.representative ?? false,
      });
    }
    return out;
  }

  /**
   * What a registration seals: the letter under the case's letter key and each petitioner as a new
   * person, every data key created in one vault statement (`sealLetter` and `sealPetitioners` at once).
   */
  async sealRegistration(
    caseId: string,
    content: string,
    list: readonly PetitionerInput[],
  ): Promise<{ sealedContent: string; petitioners: ProtectedPetitioner[] }> {
    const persons = list.map((p) => ({
      personRef: randomUUID(),
      value: identityOf(p),
      representative: p.representative ?? false,
    }));
    let sealed: string[];
    try {
      sealed = await this.runtime.vault.sealMany([
        { personRef: letterRef(caseId), value: { text: content } },
        ...persons,
      ]);
    } catch (err) {
      // The persons are new references: only the letter's key can have been erased.
      letterErased(err);
    }
    return {
      sealedContent: sealed[0],
      petitioners: persons.map((p, i) => ({
        personRef: p.personRef,
        sealed: sealed[i + 1],
        representative: p.representative,
      })),
    };
  }

  /** The tracking code of a case being created with a known id: the one issued to it before, or a new one. */
  async trackingCodeFor(unitId: string, year: string, caseId: string): Promise<string> {
    const issued = await this.runtime.pool.query<{ code: string }>(
      'SELECT code FROM tracking_codes WHERE case_id = $1 LIMIT 1',
      [caseId],
    );
    return issued.rows[0]?.code ?? this.nextTrackingCode(unitId, year, caseId);
  }

  /**
   * `<PREFIX>-<year>-<number>`, short enough to read over the phone: the prefix is the unit id's
   * letters and digits, at most 8 (`DT` for units created without an id of their own, whose ids are
   * UUIDs). Counters are kept per prefix, and every code is recorded in `tracking_codes`, whose
   * primary key makes codes unique system-wide: two units with the same prefix share its counter, and
   * a code issued before (an older counter) is skipped.
   */
  async nextTrackingCode(unitId: string, year: string, caseId: string): Promise<string> {
    const letters = unitId.toUpperCase().replace(/[^A-Z0-9]/g, '');
    const uuidLike = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(unitId);
    const prefix = (uuidLike ? '' : letters.slice(0, 8)) || 'DT';
    for (let attempt = 0; attempt < 1000; attempt++) {
      // One statement: the counter moves on, and its code is recorded unless it was issued before
      // (then no row comes back and the next number is tried). The number is padded to 6 digits at
      // least, never cut.
      const taken = await this.runtime.pool.query<{ code: string }>(
        `WITH counter AS (
           INSERT INTO tracking_counters (unit_id, year, last_value) VALUES ($1, $2, 1)
           ON CONFLICT (unit_id, year) DO UPDATE SET last_value = tracking_counters.last_value + 1
           RETURNING unit_id, year, last_value)
         INSERT INTO tracking_codes (code, case_id)
         SELECT unit_id || '-' || $4::text || '-' ||
                CASE WHEN last_value >= 100000 THEN last_value::text ELSE lpad(last_value::text, 6, '0') END,
                $3
           FROM counter
         ON CONFLICT (code) DO NOTHING RETURNING code`,
        [prefix, Number(year), caseId, year],
      );
      if (taken.rowCount === 1) return taken.rows[0].code;
    }
    throw new Error(`no free tracking code under ${prefix}-${year}`);
  }

  /**
   * What the level-2 guard needs of the level-1 case a complaint names (docs/reference/api-contract.md, Case commands: classify): a case in
   * the caller's scope, else 400 naming previousCaseId (its existence is not revealed).
   */
  async previousCaseFacts(caseId: string, principal: Principal): Promise<PreviousCaseFacts> {
    const missing = () =>
      fail('VALIDATION_FAILED', 'previousCaseId: no such case', [
        { path: 'previousCaseId', message: 'no such case in your scope' },
      ]);
    if (!(await this.exists(caseId))) return missing();
    const state = foldStored(await this.runtime.store.readStream(caseStreamId(caseId)));
    if (
      !state.exists ||
      !(await this.units.inScope(principal, [state.receivingUnitId, state.competentUnitId]))
    )
      return missing();
    const resolution = [...state.deadlines]
      .reverse()
      .find((d) => RESOLUTION_RULES.includes(d.deadline.ruleId));
    return {
      kind: state.kind,
      level: state.level,
      status: state.status,
      decidedAt: state.decidedAt,
      resolutionDueOn: resolution?.deadline.dueOn ?? null,
      resolutionPaused: resolution?.status === 'paused',
    };
  }

  /** The id of the case with this tracking code (from the case summaries), null when none. */
  async caseIdByTrackingCode(trackingCode: string): Promise<string | null> {
    if (!TRACKING_CODE.test(trackingCode)) return null;
    const r = await this.runtime.pool.query<{ case_id: string }>(
      'SELECT case_id FROM rm_cases WHERE tracking_code = $1 LIMIT 1',
      [trackingCode.toUpperCase()],
    );
    return r.rows[0]?.case_id ?? null;
  }

  /** For reading: a case id, or a tracking code (`GET /cases/:idOrTrackingCode`). */
  async resolveForReading(idOrTrackingCode: string): Promise<string> {
    if (!TRACKING_CODE.test(idOrTrackingCode) || (await this.exists(idOrTrackingCode)))
      return idOrTrackingCode;
    return (await this.caseIdByTrackingCode(idOrTrackingCode)) ?? idOrTrackingCode;
  }

  async exists(caseId: string): Promise<boolean> {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(caseId)) return false;
    return (await this.runtime.store.streamHead(caseStreamId(caseId))) !== null;
  }

  /** Seals a letter under the case's letter key (architecture.md decision 7). */
  async sealLetter(caseId: string, text: string): Promise<string> {
    try {
      return await sealLetter(this.runtime.vault, caseId, text);
    } catch (err) {
      letterErased(err);
    }
  }

  /**
   * The history of a case whose stream cannot be read or folded (a damaged event): the events as
   * stored, with the break marked (which version, why), instead of a 500. Scoped by the units its
   * events name. `cause` is rethrown when no break is found: the failure was something else.
   */
  async damagedHistory(caseId: string, principal: Principal, cause: unknown) {
    const streamId = caseStreamId(caseId);
    const events = await rawStreamEvents(this.runtime, streamId).catch(() => {
      throw cause;
    });
    if (events.length === 0 || !(await this.units.inScope(principal, unitsNamedIn(events))))
      fail('NOT_FOUND', `no case ${caseId}`);
    requirePermission(principal, 'case.read.history');
    const damaged = await findBreak(this.runtime, streamId, events, foldStored);
    if (!damaged) throw cause;
    return { events, damaged };
  }

  mayReadHistory(principal: Principal): boolean {
    return can(principal, 'case.read.history');
  }
}
