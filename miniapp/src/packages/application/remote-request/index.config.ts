export default definePageConfig({ navigationBarTitleText: '申请远程踏勘' });
