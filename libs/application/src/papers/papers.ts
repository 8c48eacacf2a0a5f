import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { CHANNEL_LABELS, inSentence, KIND_LABELS, label } from '../../../labels/src/index.js';

/**
 * The official papers a case produces (docs/reference/api-contract.md, GET /cases/:id/documents/<kind>.pdf), as pdfmake
 * document definitions built from plain facts: no I/O here. The layouts follow the common form of
 * Vietnamese administrative documents (NĐ 30/2020: national title and motto, issuing body, number,
 * place and date, title, body, recipients, signature); the official forms they stand for were not
 * available to us, so every page says "layout provisional" in its footer (docs/citizens.md).
 */
export const PAPER_KINDS = [
  'receipt',
  'acceptance-notice',
  'non-acceptance',
  'transfer-slip',
  'guidance',
] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

export const isPaperKind = (value: string): value is PaperKind =>
  (PAPER_KINDS as readonly string[]).includes(value);

/** The issuing unit's letterhead (configuration, see docs/citizens.md). */
export interface Letterhead {
  /** The governing body, printed above the unit (e.g. "UBND TỈNH NINH BÌNH"); empty for none. */
  governingBody: string;
  /** The unit's name as printed (upper case). */
  name: string;
  /** The place before the date ("Ninh Bình, ngày …"). */
  place: string;
  /** The signer's title ("CHỦ TỊCH", "TRƯỞNG BAN"…). */
  signerTitle: string;
  /** The symbol after the number ("Số: …/TB-UBND"). */
  numberSymbol: string;
}

export type CaseKindName = 'complaint' | 'denunciation' | 'petition' | 'reflection';

export interface PaperCase {
  trackingCode: string;
  kind: CaseKindName | null;
  receivedAt: string;
  channel: string;
  subject: string;
  /** Petitioners' names, or null when the paper leaves a blank line for them. */
  petitionerNames: string[] | null;
  receivingUnitName: string;
}

export interface ReceiptFacts {
  paper: 'receipt';
  answerBy: string | null;
  lookupUrl: string;
  /** Only when printed with the PIN (POST …/receipt.pdf): the PIN and its QR code. */
  lookupPin: string | null;
  receivedBy: string | null;
}
export interface AcceptanceFacts {
  paper: 'acceptance-notice';
  acceptedAt: string;
  decisionNo: string | null;
  competentUnitName: string;
  resolutionDueOn: string | null;
}
export interface NonAcceptanceFacts {
  paper: 'non-acceptance';
  at: string;
  reason: string;
  competentUnitName: string;
}
export interface TransferFacts {
  paper: 'transfer-slip';
  at: string;
  fromUnitName: string;
  toUnitName: string;
  reason: string;
}
export interface GuidanceFacts {
  paper: 'guidance';
  at: string;
  agency: string;
  note: string | null;
}
export type PaperFacts = ReceiptFacts | AcceptanceFacts | NonAcceptanceFacts | TransferFacts | GuidanceFacts;

/** What each paper stands for, named in its footer with "layout provisional". */
const FORM_OF: Record<PaperKind, string> = {
  receipt: 'giấy biên nhận theo NĐ 154/2026 và TT 05/2021/TT-TTCP',
  'acceptance-notice':
    'thông báo thụ lý theo NĐ 124/2020 (sửa đổi bởi NĐ 155/2026) hoặc NĐ 31/2019 (sửa đổi bởi NĐ 156/2026)',
  'non-acceptance':
    'thông báo không thụ lý theo NĐ 124/2020 (sửa đổi bởi NĐ 155/2026) hoặc NĐ 31/2019 (sửa đổi bởi NĐ 156/2026)',
  'transfer-slip': 'phiếu chuyển đơn theo TT 05/2021/TT-TTCP',
  guidance: 'phiếu hướng dẫn theo TT 05/2021/TT-TTCP',
};

const LAW_OF: Record<CaseKindName, string> = {
  complaint: 'Luật Khiếu nại năm 2011',
  denunciation: 'Luật Tố cáo năm 2018',
  petition: 'Luật Tiếp công dân năm 2013',
  reflection: 'Luật Tiếp công dân năm 2013',
};

/** "ngày 16 tháng 11 năm 2026" from 2026-11-16. */
export function vietnameseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/** 16/11/2026 from 2026-11-16. */
export const shortDate = (iso: string): string => iso.split('-').reverse().join('/');

const BLANK = '……………………………………';

function names(c: PaperCase): string {
  if (!c.petitionerNames || c.petitionerNames.length === 0) return BLANK;
  return c.petitionerNames.join(', ');
}

/** The kind inside a sentence, in the words of libs/labels ("khiếu nại"). */
const kindWord = (c: PaperCase): string => (c.kind ? inSentence(KIND_LABELS[c.kind]) : 'đơn');
const letterOf = (c: PaperCase): string => (c.kind ? `đơn ${inSentence(KIND_LABELS[c.kind])}` : 'đơn');

function header(l: Letterhead, date: string, numberPrefix: string): Content {
  return {
    columns: [
      {
        width: '42%',
        stack: [
          ...(l.governingBody ? [{ text: l.governingBody.toUpperCase(), fontSize: 11 }] : []),
          { text: l.name.toUpperCase(), bold: true, fontSize: 11 },
          { text: '———', margin: [0, 0, 0, 4] },
          { text: `Số: ……/${numberPrefix}${l.numberSymbol ? `-${l.numberSymbol}` : ''}`, fontSize: 11 },
        ],
        alignment: 'center',
      },
      {
        width: '58%',
        stack: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, fontSize: 11 },
          { text: 'Độc lập - Tự do - Hạnh phúc', bold: true },
          { text: '———————', margin: [0, 0, 0, 4] },
          { text: `${l.place || '……'}, ${vietnameseDate(date)}`, italics: true },
        ],
        alignment: 'center',
      },
    ],
    margin: [0, 0, 0, 18],
  };
}

const title = (text: string, subtitle?: string): Content => ({
  stack: [
    { text, bold: true, fontSize: 14, alignment: 'center' },
    ...(subtitle ? [{ text: subtitle, bold: true, alignment: 'center' as const }] : []),
  ],
  margin: [0, 0, 0, 14],
});

const line = (label: string, value: string): Content => ({
  text: [{ text: `${label}: ` }, { text: value, bold: true }],
  margin: [0, 2, 0, 2],
});

const para = (text: string): Content => ({ text, margin: [0, 4, 0, 4], alignment: 'justify' });

function signature(l: Letterhead, signerTitle: string, note: string, name?: string | null): Content {
  return {
    columns: [
      {
        width: '50%',
        stack: [
          { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 11 },
          { text: '- Như trên;', fontSize: 10 },
          { text: `- Lưu: VT, hồ sơ ${l.numberSymbol || ''}.`.replace(' .', '.'), fontSize: 10 },
        ],
      },
      {
        width: '50%',
        stack: [
          { text: signerTitle.toUpperCase(), bold: true },
          { text: note, italics: true, fontSize: 10 },
          { text: name ?? '', margin: [0, 60, 0, 0], bold: true },
        ],
        alignment: 'center',
      },
    ],
    margin: [0, 20, 0, 0],
  };
}

function body(
  c: PaperCase,
  f: PaperFacts,
  l: Letterhead,
): { date: string; numberPrefix: string; content: Content[] } {
  switch (f.paper) {
    case 'receipt': {
      const content: Content[] = [
        title('GIẤY BIÊN NHẬN', 'Về việc tiếp nhận đơn'),
        para(`${c.receivingUnitName} đã tiếp nhận đơn của Ông/Bà: ${names(c)}`),
        line('Mã hồ sơ', c.trackingCode),
        line('Ngày tiếp nhận', shortDate(c.receivedAt)),
        line('Hình thức tiếp nhận', label(CHANNEL_LABELS, c.channel)),
        line('Nội dung (trích yếu)', c.subject),
        ...(f.answerBy
          ? [line('Thời hạn thông báo kết quả xử lý đơn', `chậm nhất ngày ${shortDate(f.answerBy)}`)]
          : []),
        para('Ông/Bà có thể tra cứu tình trạng giải quyết hồ sơ bằng mã hồ sơ và mã tra cứu tại địa chỉ:'),
        { text: f.lookupUrl, margin: [0, 0, 0, 6] },
      ];
      if (f.lookupPin) {
        content.push({
          columns: [
            {
              width: '*',
              stack: [
                line('Mã tra cứu (PIN)', f.lookupPin),
                para(
                  'Quét mã QR để tra cứu ngay. Đề nghị giữ kín mã tra cứu; nếu bị mất, cơ quan tiếp nhận sẽ cấp mã mới và mã cũ không còn dùng được.',
                ),
              ],
            },
            { width: 120, qr: `${f.lookupUrl}#pin=${f.lookupPin}`, fit: 110, alignment: 'right' },
          ],
          columnGap: 12,
        });
      } else {
        content.push(
          para(
            'Mã tra cứu (PIN) được ghi trên giấy biên nhận cấp khi tiếp nhận đơn; nếu bị mất, đề nghị cơ quan tiếp nhận cấp mã mới.',
          ),
        );
      }
      content.push(signature(l, 'Người tiếp nhận', '(Ký, ghi rõ họ tên)', f.receivedBy));
      return { date: c.receivedAt, numberPrefix: 'BN', content };
    }
    case 'acceptance-notice': {
      const kind = kindWord(c);
      return {
        date: f.acceptedAt,
        numberPrefix: 'TB',
        content: [
          title('THÔNG BÁO', `Về việc thụ lý giải quyết ${kind}`),
          para(`Kính gửi: Ông/Bà ${names(c)}`),
          para(
            `Ngày ${shortDate(c.receivedAt)}, ${c.receivingUnitName} nhận được ${letterOf(c)} của Ông/Bà về việc: ${c.subject} (mã hồ sơ ${c.trackingCode}).`,
          ),
          para(
            `Căn cứ ${c.kind ? LAW_OF[c.kind] : 'quy định của pháp luật'} và các văn bản hướng dẫn thi hành, xét thấy đơn đủ điều kiện thụ lý, ${f.competentUnitName} thông báo đã thụ lý giải quyết ${kind} kể từ ngày ${shortDate(f.acceptedAt)}${f.decisionNo ? ` (số ${f.decisionNo})` : ''}.`,
          ),
          ...(f.resolutionDueOn
            ? [para(`Thời hạn giải quyết theo quy định: đến ngày ${shortDate(f.resolutionDueOn)}.`)]
            : []),
          para(
            `Ông/Bà có thể tra cứu tình trạng giải quyết bằng mã hồ sơ ${c.trackingCode} và mã tra cứu đã được cấp.`,
          ),
          signature(l, l.signerTitle, '(Ký, ghi rõ họ tên, đóng dấu)'),
        ],
      };
    }
    case 'non-acceptance': {
      const kind = kindWord(c);
      return {
        date: f.at,
        numberPrefix: 'TB',
        content: [
          title('THÔNG BÁO', `Về việc không thụ lý giải quyết ${kind}`),
          para(`Kính gửi: Ông/Bà ${names(c)}`),
          para(
            `Ngày ${shortDate(c.receivedAt)}, ${c.receivingUnitName} nhận được ${letterOf(c)} của Ông/Bà về việc: ${c.subject} (mã hồ sơ ${c.trackingCode}).`,
          ),
          para(
            `Căn cứ ${c.kind ? LAW_OF[c.kind] : 'quy định của pháp luật'} và các văn bản hướng dẫn thi hành, ${f.competentUnitName} thông báo không thụ lý giải quyết ${kind} của Ông/Bà, với lý do: ${f.reason}.`,
          ),
          signature(l, l.signerTitle, '(Ký, ghi rõ họ tên, đóng dấu)'),
        ],
      };
    }
    case 'transfer-slip':
      return {
        date: f.at,
        numberPrefix: 'PC',
        content: [
          title('PHIẾU CHUYỂN ĐƠN'),
          para(`Kính gửi: ${f.toUnitName}`),
          para(
            `Ngày ${shortDate(c.receivedAt)}, ${f.fromUnitName} nhận được đơn của Ông/Bà ${names(c)} về việc: ${c.subject} (mã hồ sơ ${c.trackingCode}).`,
          ),
          para(
            `Sau khi xem xét, ${f.fromUnitName} chuyển đơn đến ${f.toUnitName} để xem xét, giải quyết theo thẩm quyền. Lý do: ${f.reason}.`,
          ),
          para(`Đề nghị ${f.toUnitName} thông báo kết quả xử lý cho người gửi đơn và ${f.fromUnitName}.`),
          signature(l, l.signerTitle, '(Ký, ghi rõ họ tên, đóng dấu)'),
        ],
      };
    case 'guidance':
      return {
        date: f.at,
        numberPrefix: 'HD',
        content: [
          title('PHIẾU HƯỚNG DẪN', 'Về việc gửi đơn đến cơ quan có thẩm quyền'),
          para(`Kính gửi: Ông/Bà ${names(c)}`),
          para(
            `Ngày ${shortDate(c.receivedAt)}, ${c.receivingUnitName} nhận được đơn của Ông/Bà về việc: ${c.subject} (mã hồ sơ ${c.trackingCode}).`,
          ),
          para(
            `Nội dung đơn không thuộc thẩm quyền giải quyết của ${c.receivingUnitName}. Đề nghị Ông/Bà gửi đơn đến ${f.agency} để được xem xét, giải quyết theo quy định của pháp luật.`,
          ),
          ...(f.note ? [para(f.note)] : []),
          signature(l, l.signerTitle, '(Ký, ghi rõ họ tên, đóng dấu)'),
        ],
      };
  }
}

/** The document definition of one paper. */
export function paperDocument(c: PaperCase, facts: PaperFacts, letterhead: Letterhead): TDocumentDefinitions {
  const { date, numberPrefix, content } = body(c, facts, letterhead);
  return {
    pageSize: 'A4',
    pageMargins: [70, 50, 50, 60],
    defaultStyle: { font: 'NotoSerif', fontSize: 12, lineHeight: 1.2 },
    info: { title: `${facts.paper} ${c.trackingCode}`, creator: 'donthu', producer: 'donthu' },
    content: [header(letterhead, date, numberPrefix), ...content],
    footer: (currentPage: number, pageCount: number) => ({
      text: `Mã hồ sơ ${c.trackingCode} · Trang ${currentPage}/${pageCount} · Bố cục tạm thời (layout provisional): chưa đối chiếu mẫu ${FORM_OF[facts.paper]}`,
      fontSize: 8,
      italics: true,
      alignment: 'center',
      margin: [40, 20, 40, 0],
    }),
  };
}
