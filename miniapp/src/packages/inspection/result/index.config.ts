export default definePageConfig({ navigationBarTitleText: '踏勘结果' });
