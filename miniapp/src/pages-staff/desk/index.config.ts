export default definePageConfig({
  navigationBarTitleText: '登记诉求',
});
