export default definePageConfig({ navigationBarTitleText: '踏勘报告' });
