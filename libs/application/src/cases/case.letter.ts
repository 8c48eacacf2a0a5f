import type {
  EventStore,
  ReadAllOfTypesOptions,
  ReadAllOptions,
  StoredEvent,
} from '../../../event-store/src/index.js';
import type { PersonalDataVault } from '../../../security/src/index.js';
import { VaultError } from '../../../security/src/index.js';

/**
 * A letter's text (`content`) is sealed in every `CaseReceived` and `CaseAmended`, whatever the desk
 * hinted (architecture.md decision 7: the kind is known only at classification, and events are
 * immutable). Each case has its own data key in the vault, beside the per-person keys, under the
 * reference `letter-<caseId>`; it is erased when every petitioner the case ever named is erased
 * (erasure.ts). Events recorded before sealing hold `content` in clear: readers take `sealedContent`
 * when it is there, else `content`.
 */
export const letterRef = (caseId: string): string => `letter-${caseId}`;

const LETTER_EVENTS = new Set(['CaseReceived', 'CaseAmended']);

export async function sealLetter(vault: PersonalDataVault, caseId: string, text: string): Promise<string> {
  return vault.seal(letterRef(caseId), { text });
}

/** The letter's text, or null when its key was erased. Throws `VaultError` on a damaged blob. */
export async function openLetter(
  vault: PersonalDataVault,
  caseId: string,
  sealed: string,
): Promise<string | null> {
  const opened = await vault.open<{ text?: unknown }>(letterRef(caseId), sealed);
  if (opened === null) return null;
  return typeof opened.text === 'string' ? opened.text : '';
}

/** A sealed letter of `events`: the event's index, and what the vault opens it with. */
export interface SealedLetter {
  index: number;
  personRef: string;
  sealed: string;
}

/** The sealed letters of `events`, in order (what `withLettersOpened` opens). */
export function sealedLettersOf(events: ReadonlyArray<Pick<StoredEvent, 'type' | 'data'>>): SealedLetter[] {
  const sealed: SealedLetter[] = [];
  events.forEach((e, index) => {
    const d = e.data as { caseId?: unknown; sealedContent?: unknown };
    if (LETTER_EVENTS.has(e.type) && typeof d.sealedContent === 'string' && typeof d.caseId === 'string')
      sealed.push({ index, personRef: letterRef(d.caseId), sealed: d.sealedContent });
  });
  return sealed;
}

/**
 * The events with the letters `sealed` (from `sealedLettersOf(events)`) replaced by what the vault
 * opened (`opened[i]` for `sealed[i]`, null when the key was erased): copies, the events given are
 * not changed. For a caller that opens the letters in the same vault query as other values.
 */
export function withLettersFrom<E extends Pick<StoredEvent, 'type' | 'data'>>(
  events: E[],
  sealed: readonly SealedLetter[],
  opened: ReadonlyArray<{ text?: unknown } | null>,
  erased: string,
): E[] {
  if (sealed.length === 0) return events;
  const out = [...events];
  sealed.forEach(({ index }, i) => {
    const { sealedContent: _sealed, ...rest } = events[index].data as Record<string, unknown>;
    void _sealed;
    out[index] = { ...events[index], data: { ...rest, content: textOf(opened[i] ?? null) ?? erased } };
  });
  return out;
}

/**
 * The events with each sealed letter opened into `content` (copies; the events given are not
 * changed). `unreadable` stands for a letter whose key was erased, or, with `tolerant`, one that
 * cannot be opened (for read models, which must go on: the letter is then simply not searchable).
 */
export async function withLettersOpened<E extends Pick<StoredEvent, 'type' | 'data'>>(
  vault: PersonalDataVault,
  events: E[],
  options: { erased: string; tolerant?: boolean },
): Promise<E[]> {
  const sealed = sealedLettersOf(events);
  if (sealed.length === 0) return events;
  // One query per batch of cases; when one letter cannot be opened, each is opened on its own.
  let opened: ({ text?: unknown } | null)[];
  try {
    opened = await vault.openMany<{ text?: unknown }>(sealed);
  } catch (err) {
    if (!options.tolerant || !(err instanceof VaultError)) throw err;
    opened = [];
    for (const item of sealed) {
      try {
        opened.push(await vault.open<{ text?: unknown }>(item.personRef, item.sealed));
      } catch (inner) {
        if (!(inner instanceof VaultError)) throw inner;
        opened.push(null);
      }
    }
  }
  return withLettersFrom(events, sealed, opened, options.erased);
}

const textOf = (opened: { text?: unknown } | null): string | null =>
  opened === null ? null : typeof opened.text === 'string' ? opened.text : '';

/**
 * The runner's `openLetters` (projection-runner.ts): the letters of a batch opened for the projections
 * that read them (the case list's search copy); an erased or unreadable letter reads as ''.
 */
export const letterOpener =
  (vault: PersonalDataVault) =>
  <E extends Pick<StoredEvent, 'type' | 'data'>>(events: E[]): Promise<E[]> =>
    withLettersOpened(vault, events, { erased: '', tolerant: true });

/**
 * The event store as the projections read it: the global log with every letter opened, so that the
 * case list can keep a searchable copy of the letters of cases that are not denunciations (and drop
 * it when a case becomes one). Everything else is the store itself.
 */
export function lettersOpenedForReadModels(store: EventStore, vault: PersonalDataVault): EventStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'readAll') {
        return async (options: ReadAllOptions) =>
          withLettersOpened(vault, await target.readAll(options), { erased: '', tolerant: true });
      }
      if (prop === 'readAllOfTypes') {
        const read = target.readAllOfTypes?.bind(target);
        return (
          read &&
          (async (options: ReadAllOfTypesOptions) => {
            const batch = await read(options);
            return {
              ...batch,
              events: await withLettersOpened(vault, batch.events, { erased: '', tolerant: true }),
            };
          })
        );
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
