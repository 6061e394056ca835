export default definePageConfig({ navigationBarTitleText: '预选址审核' });
