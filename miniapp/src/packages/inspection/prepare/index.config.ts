export default definePageConfig({ navigationBarTitleText: '踏勘前准备' });
