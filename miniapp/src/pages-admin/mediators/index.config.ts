export default definePageConfig({ navigationBarTitleText: '调解组织' });
