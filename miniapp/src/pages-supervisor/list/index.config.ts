export default definePageConfig({
  navigationBarTitleText: '诉求清单',
  enablePullDownRefresh: true,
});
