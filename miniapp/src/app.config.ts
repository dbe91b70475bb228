export default defineAppConfig({
  // The first page is the H5 home and the QR landing page.
  pages: ['pages/report/index', 'pages/ticket/index', 'pages/mine/index', 'pages/privacy/index'],
  // Staff pages are a subpackage so the residents' main package stays small.
  subPackages: [
    {
      root: 'pages-staff',
      pages: ['login/index', 'inbox/index', 'ticket/index', 'desk/index', 'invites/index', 'dispatched/index', 'messages/index', 'duty/index'],
    },
    // Supervisors' reports (督办): a subpackage of its own, nothing of it in the main package.
    {
      root: 'pages-supervisor',
      pages: ['home/index', 'list/index', 'ranking/index', 'breaches/index'],
    },
    // Administration (admins, H5): home, calendar, categories, audit; units, staff, QR locations,
    // posters, risk pages and mediators (reached from the home's links).
    {
      root: 'pages-admin',
      pages: [
        'home/index',
        'calendar/index',
        'categories/index',
        'audit/index',
        'units/index',
        'staff/index',
        'locations/index',
        'posters/index',
        'risk-rules/index',
        'risk-tasks/index',
        'mediators/index',
        'integrations/index',
        'alert-settings/index',
        'synonyms/index',
        'erasure/index',
      ],
    },
  ],
  // "Nearby places" for residents without a QR code (pages/report).
  permission: {
    'scope.userLocation': { desc: '用于查找您附近的“码上办”反映地点' },
  },
  // chooseLocation: a point on the map when there is no QR code (issue 13).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  // Request pages stay out of WeChat search (src/sitemap.json, copied next to app.json).
  sitemapLocation: 'sitemap.json',
  window: {
    navigationBarTitleText: '码上办',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  // WeChat's privacy check (issue 13): privacy APIs wait for the resident's agreement through
  // wx.onNeedPrivacyAuthorization (lib/privacy.ts, components/PrivacyPopup.tsx). weapp only.
  ...(process.env.TARO_ENV === 'weapp' ? { __usePrivacyCheck__: true } : {}),
});
