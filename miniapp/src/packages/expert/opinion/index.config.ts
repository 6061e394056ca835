export default definePageConfig({ navigationBarTitleText: '专家意见' });
