import { Checkbox, Space } from 'antd';
import { useId } from 'react';
import { UnitSelect } from './common';

/** A unit and whether its sub-units count too (`unitId`, `includeSubunits` of the lists and boards). */
export interface UnitScope {
  unitId?: string;
  includeSubunits: boolean;
}

/**
 * Đơn vị + "Gồm đơn vị trực thuộc": the unit filter of the boards, the late entries and the inspection
 * tabs, one component so that its labels, its accessibility and its behaviour are the same everywhere.
 * The unit select has a visible label tied to it (`label`, "Đơn vị" unless the list names the unit
 * otherwise); the checkbox is labelled by its text. Controlled (`value`, `onChange`), so it works alone
 * or as the control of a `Form.Item` (which gives its `id` to the select).
 */
export function UnitScopeFilter({
  value,
  onChange,
  id,
  label = 'Đơn vị',
  allowClear = false,
  placeholder,
  width = 260,
}: {
  value?: UnitScope;
  onChange?: (next: UnitScope) => void;
  id?: string;
  label?: string;
  allowClear?: boolean;
  placeholder?: string;
  width?: number;
}) {
  const ownId = useId();
  const selectId = id ?? ownId;
  const scope = value ?? { includeSubunits: true };
  return (
    <Space wrap size={[16, 8]} className="unit-scope-filter">
      <Space size={8}>
        <label htmlFor={selectId}>{label}</label>
        <UnitSelect
          id={selectId}
          style={{ width }}
          allowClear={allowClear}
          placeholder={placeholder}
          value={scope.unitId}
          onChange={(unitId?: string) => onChange?.({ ...scope, unitId })}
        />
      </Space>
      <Checkbox
        checked={scope.includeSubunits}
        onChange={(e) => onChange?.({ ...scope, includeSubunits: e.target.checked })}
      >
        Gồm đơn vị trực thuộc
      </Checkbox>
    </Space>
  );
}
