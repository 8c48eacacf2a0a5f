import { fireEvent, render, screen } from '@testing-library/react';
import { Form } from 'antd';
import { useState } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { Providers } from '../src/App';
import { UnitScopeFilter, type UnitScope } from '../src/components/UnitScopeFilter';

/** Ant Design's first render is slow on a loaded machine: a generous limit (no assertion on time). */
const SLOW = 30_000;

const wrap = (ui: React.ReactNode) =>
  render(
    <Providers>
      <MemoryRouter>{ui}</MemoryRouter>
    </Providers>,
  );

/** The filter of the boards, late entries and inspection tabs: one component, the same labels everywhere. */
describe('UnitScopeFilter (Đơn vị + Gồm đơn vị trực thuộc)', () => {
  it(
    'labels the unit select and the checkbox, and reports each change with the other part kept',
    () => {
      const seen: UnitScope[] = [];
      function Harness() {
        const [scope, setScope] = useState<UnitScope>({ unitId: 'nb', includeSubunits: true });
        return (
          <UnitScopeFilter
            label="Đơn vị thực hiện kiến nghị"
            value={scope}
            onChange={(next) => {
              seen.push(next);
              setScope(next);
            }}
          />
        );
      }
      wrap(<Harness />);
      expect(screen.getByLabelText('Đơn vị thực hiện kiến nghị').getAttribute('role')).toBe('combobox');
      const box = screen.getByRole('checkbox', { name: 'Gồm đơn vị trực thuộc' }) as HTMLInputElement;
      expect(box.checked).toBe(true);
      fireEvent.click(box);
      expect(seen).toEqual([{ unitId: 'nb', includeSubunits: false }]);
      expect(box.checked).toBe(false);
    },
    SLOW,
  );

  it(
    'as the control of a Form.Item: labelled "Đơn vị" by default, its value submitted as one field',
    async () => {
      const finish = vi.fn();
      wrap(
        <Form initialValues={{ scope: { unitId: 'nb', includeSubunits: true } }} onFinish={finish}>
          <Form.Item name="scope">
            <UnitScopeFilter />
          </Form.Item>
          <button type="submit">Xem</button>
        </Form>,
      );
      expect(screen.getByLabelText('Đơn vị').id).toBe('scope');
      fireEvent.click(screen.getByRole('checkbox', { name: 'Gồm đơn vị trực thuộc' }));
      fireEvent.click(screen.getByRole('button', { name: 'Xem' }));
      await vi.waitFor(() =>
        expect(finish).toHaveBeenCalledWith({ scope: { unitId: 'nb', includeSubunits: false } }),
      );
    },
    SLOW,
  );
});
