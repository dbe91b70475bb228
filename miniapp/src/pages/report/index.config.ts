export default definePageConfig({
  navigationBarTitleText: '码上办 · 反映诉求',
});
