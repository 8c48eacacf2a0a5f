import { FIELD_LABELS, KIND_LABELS } from '../../../labels/src/index.js';
import { FIELDS } from '../../../read-models/src/index.js';
import type { RegisterCaseInput } from '../cases/case.inputs.js';

/**
 * The Open311 service list (GeoReport v2, `GET /open311/v2/services`): the kinds of letter another
 * system may file. Only petitions (kiến nghị) and reflections (phản ánh): complaints and
 * denunciations have legal forms and protections (a denunciator's identity, the complainant's
 * signature) that an anonymous machine channel cannot carry; they come through the desk or the portal.
 */
export interface Open311ServiceEntry {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
  /** donthu's kind hint for a letter filed under this code (not published). */
  kindHint: NonNullable<RegisterCaseInput['kindHint']>;
}

export interface Open311AttributeValue {
  key: string;
  name: string;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: Open311AttributeValue[];
}

export const OPEN311_SERVICES: readonly Open311ServiceEntry[] = [
  {
    service_code: 'kien-nghi',
    service_name: KIND_LABELS.petition,
    description:
      'Kiến nghị với cơ quan nhà nước về chính sách, pháp luật, việc quản lý (Luật Tiếp công dân 2013, Điều 2).',
    metadata: true,
    type: 'realtime',
    keywords: 'kiến nghị, đề xuất, petition',
    group: 'Phản ánh, kiến nghị',
    kindHint: 'petition',
  },
  {
    service_code: 'phan-anh',
    service_name: KIND_LABELS.reflection,
    description:
      'Phản ánh với cơ quan nhà nước về một sự việc, hành vi cần được xem xét, xử lý (Luật Tiếp công dân 2013, Điều 2).',
    metadata: true,
    type: 'realtime',
    keywords: 'phản ánh, sự việc, reflection',
    group: 'Phản ánh, kiến nghị',
    kindHint: 'reflection',
  },
];

type FieldCode = NonNullable<RegisterCaseInput['field']>;

/** donthu's `field` (lĩnh vực), as the `field` attribute's values, in the console's words (libs/labels). */
export const FIELD_VALUES: readonly { key: FieldCode; name: string }[] = FIELDS.filter(
  (key): key is FieldCode => key !== 'unspecified',
).map((key) => ({ key, name: FIELD_LABELS[key] }));

export const SUBJECT_MAX = 300;

/** The attributes every service takes (`GET /open311/v2/services/{code}`), as `attribute[<code>]`. */
export const OPEN311_ATTRIBUTES: readonly Open311Attribute[] = [
  {
    variable: true,
    code: 'subject',
    datatype: 'string',
    required: false,
    datatype_description: `Tối đa ${SUBJECT_MAX} ký tự; nếu bỏ trống, lấy câu đầu của nội dung (description).`,
    order: 1,
    description: 'Tiêu đề (trích yếu) của kiến nghị, phản ánh',
  },
  {
    variable: true,
    code: 'field',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: 'Một trong các giá trị dưới đây; nếu bỏ trống, cơ quan sẽ xác định khi phân loại.',
    order: 2,
    description: 'Lĩnh vực',
    values: FIELD_VALUES.map((v) => ({ key: v.key, name: v.name })),
  },
];

export const serviceByCode = (code: unknown): Open311ServiceEntry | undefined =>
  typeof code === 'string' ? OPEN311_SERVICES.find((s) => s.service_code === code) : undefined;

/** Statuses in which donthu has finished with a letter: GeoReport's `closed`. */
const CLOSED = new Set(['rejected', 'guided', 'archived', 'resolved', 'closed', 'withdrawn', 'terminated']);

export const open311Status = (status: string): 'open' | 'closed' => (CLOSED.has(status) ? 'closed' : 'open');
