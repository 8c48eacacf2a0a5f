/**
 * The officials of the demo organisation (seed-demo.ts), one or more for each role, for the console's
 * demo sign-in (DEMO_SIGN_IN=1 on the embedded database only). Heads are the heads the seed appoints;
 * `cb-xuly` is the handler the seed assigns cases to.
 */
export interface DemoOfficialData {
  id: string;
  name: string;
  role: 'reception' | 'handler' | 'head' | 'supervisor' | 'auditor' | 'admin';
  /** The post, as a Vietnamese official would name it. */
  title: string;
  unitId: string | null;
  unitName: string;
}

export const DEMO_OFFICIALS: readonly DemoOfficialData[] = [
  {
    id: 'tiepdan-gv',
    name: 'Nguyễn Thị Mai',
    role: 'reception',
    title: 'Công chức tiếp công dân',
    unitId: 'nb-giavien',
    unitName: 'UBND xã Gia Viễn',
  },
  {
    id: 'tiepdan-nb',
    name: 'Lương Văn Sơn',
    role: 'reception',
    title: 'Chuyên viên Ban Tiếp công dân tỉnh',
    unitId: 'nb',
    unitName: 'UBND tỉnh Ninh Bình',
  },
  {
    id: 'cb-xuly',
    name: 'Hoàng Văn Thắng',
    role: 'handler',
    title: 'Chuyên viên xử lý đơn',
    unitId: 'nb',
    unitName: 'UBND tỉnh Ninh Bình',
  },
  {
    id: 'ct-gv',
    name: 'Đinh Công Lý',
    role: 'head',
    title: 'Chủ tịch UBND xã',
    unitId: 'nb-giavien',
    unitName: 'UBND xã Gia Viễn',
  },
  {
    id: 'ct-nb',
    name: 'Trần Minh Đức',
    role: 'head',
    title: 'Chủ tịch UBND tỉnh',
    unitId: 'nb',
    unitName: 'UBND tỉnh Ninh Bình',
  },
  {
    id: 'gs-nb',
    name: 'Ngô Thị Thu',
    role: 'supervisor',
    title: 'Chuyên viên theo dõi, đôn đốc',
    unitId: 'nb',
    unitName: 'UBND tỉnh Ninh Bình',
  },
  {
    id: 'ttv-nb',
    name: 'Phan Văn Kiên',
    role: 'auditor',
    title: 'Thanh tra viên',
    unitId: 'nb',
    unitName: 'UBND tỉnh Ninh Bình',
  },
  {
    id: 'admin',
    name: 'Quản trị viên',
    role: 'admin',
    title: 'Quản trị hệ thống',
    unitId: null,
    unitName: 'Toàn hệ thống',
  },
];
