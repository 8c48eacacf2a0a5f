import { PrinterOutlined } from '@ant-design/icons';
import { Button, Skeleton, Space } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { useCase } from '../../api/cases';
import type { Schema } from '../../api/client';
import { PageTitle, ProblemAlert, useUnitName } from '../../components/common';
import { formatDate } from '../../lib/format';
import { CHANNEL_LABELS, label } from '../../lib/labels';

/** Giấy biên nhận: printed from the browser (A5), handed to the citizen at the desk. */
export default function ReceiptPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  // What the desk just registered (the names it typed, the PIN shown once) comes with the navigation.
  const state = location.state as {
    receipt?: Schema<'Receipt'>;
    names?: string[];
    anonymous?: boolean;
  } | null;
  const receipt = state?.receipt;
  const unitName = useUnitName();
  const view = useCase(id);
  const c = view.data;
  const xld = c?.deadlines.find((d) => d.ruleId === 'XLD') ?? c?.deadlines[0];
  const answerBy = receipt?.answerBy ?? xld?.dueOn ?? null;
  return (
    <>
      <PageTitle
        extra={
          <Space>
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
              In biên nhận
            </Button>
            <Link to="/tiep-nhan">
              <Button>Tiếp nhận đơn khác</Button>
            </Link>
            <Link to={`/ho-so/${id}`}>
              <Button>Xem hồ sơ</Button>
            </Link>
          </Space>
        }
      >
        Giấy biên nhận
      </PageTitle>
      <ProblemAlert error={view.error} />
      {!c ? (
        <Skeleton active />
      ) : (
        <article className="receipt" aria-label="Giấy biên nhận đơn">
          <div className="receipt-header">
            <div>
              <strong>{(receipt?.receivingUnitName ?? unitName(c.receivingUnitId)).toUpperCase()}</strong>
              <div>———</div>
              <div>Số: {c.trackingCode}</div>
            </div>
            <div>
              <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
              <div>
                <strong>Độc lập – Tự do – Hạnh phúc</strong>
              </div>
              <div>———</div>
              <div>
                <em>Ngày {formatDate(c.receivedAt)}</em>
              </div>
            </div>
          </div>
          <h1>GIẤY BIÊN NHẬN ĐƠN</h1>
          <p style={{ textAlign: 'center', marginTop: 0 }}>(khiếu nại, tố cáo, kiến nghị, phản ánh)</p>
          <table>
            <tbody>
              <tr>
                <td>Mã hồ sơ:</td>
                <td>
                  <strong style={{ fontSize: 18 }} data-testid="receipt-tracking-code">
                    {c.trackingCode}
                  </strong>
                </td>
              </tr>
              <tr>
                <td>Người gửi đơn:</td>
                <td>
                  {state?.anonymous
                    ? 'Đơn nặc danh'
                    : state?.names?.join(', ') || c.petitioners.map((p) => p.fullName).join(', ') || '—'}
                </td>
              </tr>
              {c.registryNo ? (
                <tr>
                  <td>Số đến:</td>
                  <td>{c.registryNo}</td>
                </tr>
              ) : null}
              <tr>
                <td>Trích yếu nội dung:</td>
                <td>{c.subject}</td>
              </tr>
              <tr>
                <td>Hình thức tiếp nhận:</td>
                <td>{label(CHANNEL_LABELS, c.channel)}</td>
              </tr>
              <tr>
                <td>Ngày nhận đơn:</td>
                <td>{formatDate(c.receivedAt)}</td>
              </tr>
              {answerBy ? (
                <tr>
                  <td>Hạn trả lời việc xử lý đơn:</td>
                  <td>
                    <strong>{formatDate(answerBy)}</strong>
                  </td>
                </tr>
              ) : null}
              {receipt?.lookupPin ? (
                <tr>
                  <td>Mã tra cứu (PIN):</td>
                  <td>
                    <strong className="hash" style={{ fontSize: 16 }}>
                      {receipt.lookupPin}
                    </strong>
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <p style={{ marginTop: 16 }}>
            Công dân dùng mã hồ sơ{receipt?.lookupPin ? ' và mã tra cứu' : ''} để theo dõi kết quả xử lý đơn.
          </p>
          <div
            style={{ display: 'flex', justifyContent: 'space-between', marginTop: 32, textAlign: 'center' }}
          >
            <div>
              <strong>NGƯỜI NỘP ĐƠN</strong>
              <div>
                <em>(Ký, ghi rõ họ tên)</em>
              </div>
            </div>
            <div>
              <strong>CÁN BỘ TIẾP NHẬN</strong>
              <div>
                <em>(Ký, ghi rõ họ tên)</em>
              </div>
            </div>
          </div>
        </article>
      )}
    </>
  );
}
