export default defineAppConfig({
  // The first page is the H5 home and the QR landing page.
  pages: ['pages/report/index', 'pages/ticket/index', 'pages/mine/index'],
  // Staff pages are a subpackage so the residents' main package stays small.
  subPackages: [
    {
      root: 'pages-staff',
      pages: ['login/index', 'inbox/index', 'ticket/index'],
    },
  ],
  window: {
    navigationBarTitleText: '码上办',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
});
