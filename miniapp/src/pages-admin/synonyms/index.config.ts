export default definePageConfig({ navigationBarTitleText: '热点同义词表' });
