import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import type { FocusEvent, KeyboardEvent } from 'react';

dayjs.extend(customParseFormat);

const FORMAT = 'DD/MM/YYYY';

/** A typed `dd/MM/yyyy` (or `d/M/yyyy`) as `YYYY-MM-DD`, or null when it is not a real date. */
export function parseTypedDate(text: string): string | null {
  const d = dayjs(text.trim(), ['DD/MM/YYYY', 'D/M/YYYY'], true);
  return d.isValid() ? d.format('YYYY-MM-DD') : null;
}

/**
 * A business date input: shows dd/MM/yyyy, holds `YYYY-MM-DD` (what the API takes). A date typed on
 * the keyboard counts when the field is left or Enter is pressed (Enter then does not submit the form).
 */
export function DateField({
  value,
  onChange,
  id,
  allowClear = false,
  ...rest
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  allowClear?: boolean;
  'aria-label'?: string;
}) {
  const commitTyped = (target: EventTarget) => {
    if (!(target instanceof HTMLInputElement)) return;
    const typed = parseTypedDate(target.value);
    if (typed && typed !== value) onChange?.(typed);
  };
  return (
    <DatePicker
      id={id}
      format={FORMAT}
      placeholder="dd/mm/yyyy"
      allowClear={allowClear}
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      onBlur={(e: FocusEvent<HTMLElement>) => commitTyped(e.target)}
      onKeyDown={(e: KeyboardEvent<HTMLElement>) => {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        commitTyped(e.target);
      }}
      {...rest}
    />
  );
}
