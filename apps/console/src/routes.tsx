import { createBrowserRouter, type RouteObject } from 'react-router';
import { Shell } from './components/Shell';
import { SignInPage } from './pages/SignInPage';

/** Each page is its own chunk, loaded when first visited: the initial JavaScript stays small. */
const page = (load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const routes: RouteObject[] = [
  { path: '/dang-nhap', element: <SignInPage /> },
  // The citizen's lookup: public, no sign-in, mobile first (docs/citizens.md).
  { path: '/tra-cuu', ...page(() => import('./pages/public/LookupPage')) },
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, ...page(() => import('./pages/HomePage')) },
      { path: 'tiep-nhan', ...page(() => import('./pages/desk/IntakePage')) },
      { path: 'tiep-nhan/hom-nay', ...page(() => import('./pages/desk/TodayPage')) },
      { path: 'bien-nhan/:id', ...page(() => import('./pages/desk/ReceiptPage')) },
      { path: 'ho-so-cua-toi', ...page(() => import('./pages/cases/MyCasesPage')) },
      { path: 'ho-so', ...page(() => import('./pages/cases/CaseListPage')) },
      { path: 'ho-so/:id', ...page(() => import('./pages/cases/CaseDossierPage')) },
      { path: 'giam-sat', ...page(() => import('./pages/supervisor/BoardsPage')) },
      { path: 'thong-ke', ...page(() => import('./pages/supervisor/StatisticsPage')) },
      { path: 'to-chuc', ...page(() => import('./pages/supervisor/OrganisationPage')) },
      { path: 'thu-truong', ...page(() => import('./pages/head/HeadPage')) },
      { path: 'tiep-cong-dan', ...page(() => import('./pages/head/ReceptionPage')) },
      { path: 'thanh-tra', ...page(() => import('./pages/inspections/InspectionsPage')) },
      { path: 'thanh-tra/:id', ...page(() => import('./pages/inspections/InspectionPage')) },
      { path: 'kiem-tra', ...page(() => import('./pages/auditor/AuditPage')) },
      { path: 'ghi-muon', ...page(() => import('./pages/auditor/LateEntriesPage')) },
      { path: 'quan-tri', ...page(() => import('./pages/admin/AdminPage')) },
      { path: '*', ...page(() => import('./pages/NotFoundPage')) },
    ],
  },
];

export const router = createBrowserRouter(routes);
