import { ApplicationCommand, type CommandMeta } from '../bus/messages.js';
import type { InspectionCommandResult } from './inspection.service.js';
import type { ConcludeInspectionInput, DecideInspectionInput } from './inspection.inputs.js';

/**
 * The inspection commands as messages on the CommandBus: plain data, one `@CommandHandler` each
 * (`inspection.handlers.ts`); each answers the inspection's view after it.
 */

/** A command on an inspection stream (the bus labels its span and metrics `inspection`). */
export abstract class InspectionCommandMessage extends ApplicationCommand<InspectionCommandResult> {
  static override readonly stream: string = 'inspection';
}

/** A command on an existing inspection. */
abstract class OnInspection<I> extends InspectionCommandMessage {
  constructor(
    readonly inspectionId: string,
    readonly input: I,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** A command on one recommendation of an inspection. */
abstract class OnRecommendation<I> extends InspectionCommandMessage {
  constructor(
    readonly inspectionId: string,
    readonly recommendationId: string,
    readonly input: I,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** POST /inspections. The inspection's id derives from the Idempotency-Key when there is one. */
export class DecideInspection extends InspectionCommandMessage {
  constructor(
    readonly input: DecideInspectionInput,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** POST /inspections/:id/conclusion (recommendation ids r1, r2, … are assigned by the handler). */
export class ConcludeInspection extends OnInspection<ConcludeInspectionInput> {}
/** POST /inspections/:id/directive. */
export class IssueDirective extends OnInspection<{ issuedOn: string }> {}
/** POST /inspections/:id/close. */
export class CloseInspection extends OnInspection<{ closedOn: string }> {}
/** POST /inspections/:id/recommendations/:rid/waive. */
export class WaiveRecommendation extends OnRecommendation<{ at: string; reason: string }> {}
/** POST /inspections/:id/recommendations/:rid/plan. */
export class SubmitRemediationPlan extends OnRecommendation<{ submittedOn: string; actions: string[] }> {}
/** POST /inspections/:id/recommendations/:rid/reports. */
export class ReportProgress extends OnRecommendation<{
  reportedOn: string;
  progress: string;
  done: boolean;
}> {}
