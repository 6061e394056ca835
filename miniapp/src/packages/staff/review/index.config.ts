export default definePageConfig({ navigationBarTitleText: '踏勘审核' });
