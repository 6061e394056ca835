export default definePageConfig({ navigationBarTitleText: '踏勘队列' });
