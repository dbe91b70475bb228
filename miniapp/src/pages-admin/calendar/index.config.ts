export default definePageConfig({
  navigationBarTitleText: '节假日日历',
});
