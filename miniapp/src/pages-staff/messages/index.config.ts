export default definePageConfig({
  navigationBarTitleText: '提醒消息',
  enablePullDownRefresh: true,
});
