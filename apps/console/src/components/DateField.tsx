import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

/** A business date input: shows dd/MM/yyyy, holds `YYYY-MM-DD` (what the API takes). */
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
  return (
    <DatePicker
      id={id}
      format="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      allowClear={allowClear}
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      {...rest}
    />
  );
}
