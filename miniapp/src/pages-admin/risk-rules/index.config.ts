export default definePageConfig({ navigationBarTitleText: '风险预警规则' });
