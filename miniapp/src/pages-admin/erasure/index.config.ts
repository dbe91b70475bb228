export default definePageConfig({
  navigationBarTitleText: '删除居民个人信息',
});
