export default definePageConfig({ navigationBarTitleText: '远程踏勘审批' });
