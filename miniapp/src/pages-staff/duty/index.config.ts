export default definePageConfig({
  navigationBarTitleText: '值班表',
});
