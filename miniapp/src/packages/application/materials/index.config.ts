export default definePageConfig({ navigationBarTitleText: '申请材料' });
