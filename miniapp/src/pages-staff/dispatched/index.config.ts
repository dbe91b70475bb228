export default definePageConfig({
  navigationBarTitleText: '已派出',
  enablePullDownRefresh: true,
});
