export default definePageConfig({
  navigationBarTitleText: '提醒与红黑榜设置',
});
