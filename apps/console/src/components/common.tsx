import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Select, Tag, Typography, type FormInstance, type SelectProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { formatDate } from '../lib/format';
import { asSentence, fieldProblems } from '../lib/problem-fields';
import { label, STATUS_COLORS, STATUS_LABELS } from '../lib/labels';

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
      <Typography.Title level={2} className="page-title" style={{ marginBottom: 0 }}>
        {children}
      </Typography.Title>
      <div className="no-print">{extra}</div>
    </div>
  );
}

export function StatusTag({ status }: { status: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{label(STATUS_LABELS, status)}</Tag>;
}

export const DateText = ({ date }: { date: string | null | undefined }) => <span>{formatDate(date)}</span>;

/**
 * A failed request, with the API's Vietnamese `detail` and the fields it names. Given the `form` the
 * request came from, each named field of that form shows its message under itself (the field's label
 * names it) and the alert points there; fields the form does not have are listed in the alert.
 */
export function ProblemAlert({
  error,
  onClose,
  form,
}: {
  error: unknown;
  onClose?: () => void;
  form?: FormInstance;
}) {
  const problem = error instanceof ApiError ? error.problem : null;
  const problems = fieldProblems(problem?.errors);
  // The paths this form has a field for (known once the form is on screen, after the first render).
  const [onFormPaths, setOnFormPaths] = useState<readonly string[]>([]);
  useEffect(() => {
    const onForm = form ? problems.filter((p) => form.getFieldValue(p.name) !== undefined) : [];
    setOnFormPaths(onForm.map((p) => p.path));
    // Once per refusal: the fields' own validation clears the messages as the official corrects them.
    if (form && onForm.length) form.setFields(onForm.map((p) => ({ name: p.name, errors: [p.message] })));
  }, [error, form]);
  const onForm = problems.filter((p) => onFormPaths.includes(p.path));
  const elsewhere = problems.filter((p) => !onFormPaths.includes(p.path));
  if (!error) return null;
  // A validation refusal's detail is its field messages joined: the list says it already.
  const detail = problem?.detail ?? String((error as Error).message ?? error);
  const detailIsTheList =
    problems.length > 0 && detail === (problem?.errors ?? []).map((e) => e.message).join('; ');
  return (
    <Alert
      type="error"
      showIcon
      closable={!!onClose}
      onClose={onClose}
      role="alert"
      style={{ marginBottom: 16 }}
      message={problem?.title ?? 'Có lỗi xảy ra'}
      description={
        <>
          {detailIsTheList ? null : <div>{asSentence(detail)}</div>}
          {onForm.length ? <div>Kiểm tra các ô được đánh dấu đỏ dưới đây.</div> : null}
          {elsewhere.length ? (
            <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
              {elsewhere.map((e, i) => (
                <li key={i}>
                  <code>{e.path}</code>: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      }
    />
  );
}

/**
 * A command's failure. When what the user is looking at changed meanwhile (412, a stale If-Match), a
 * warning offers to reload it (`stale`: what changed, and the reload button's label), keeping what was
 * typed; any other problem as ProblemAlert.
 */
export function CommandProblem({
  error,
  stale,
  onReload,
  reloading,
  form,
}: {
  error: unknown;
  form?: FormInstance;
  stale: { message: string; description: string; reload: string };
  onReload: () => Promise<void>;
  reloading?: boolean;
}) {
  if (!(error instanceof ApiError && error.status === 412)) return <ProblemAlert error={error} form={form} />;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message={stale.message}
      description={stale.description}
      action={
        <Button loading={reloading} onClick={() => void onReload()}>
          {stale.reload}
        </Button>
      }
    />
  );
}

/** The largest page GET /units answers. */
const UNITS_PAGE_SIZE = 200;

/**
 * Every item of a paged list: asks page 1, 2, … of `pageSize` until a short page, or until `total`
 * items have come.
 */
export async function allPages<T>(
  pageSize: number,
  fetchPage: (page: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const answer = await fetchPage(page);
    items.push(...answer.items);
    if (answer.items.length < pageSize || items.length >= answer.total) return items;
  }
}

/** Every unit the user may see (GET /units, every page of it), cached for the session. */
export function useUnits() {
  return useQuery({
    queryKey: ['units'],
    queryFn: async () => {
      const items = await allPages(UNITS_PAGE_SIZE, (page) =>
        unwrap(api.GET('/api/v1/units', { params: { query: { page, pageSize: UNITS_PAGE_SIZE } } })),
      );
      return { items, total: items.length };
    },
    staleTime: 5 * 60_000,
  });
}

export function useUnitName(): (id: string | null | undefined) => string {
  const units = useUnits();
  return (id) => {
    if (!id) return '—';
    return units.data?.items.find((u) => u.id === id)?.name ?? id;
  };
}

/**
 * A searchable choice of a unit by name, among those the user may see; `active`: only units not merged
 * away; `except`: leaving that unit out.
 */
export function UnitSelect({
  active = false,
  except,
  ...props
}: SelectProps<string> & { active?: boolean; except?: string }) {
  const units = useUnits();
  const options = (units.data?.items ?? [])
    .filter((u) => (!active || !u.ceasedOn) && u.id !== except)
    .map((u) => ({ value: u.id, label: u.name }));
  return <Select showSearch optionFilterProp="label" options={options} {...props} />;
}

export function UnitName({ id }: { id: string | null | undefined }) {
  const name = useUnitName();
  return <span>{name(id)}</span>;
}
