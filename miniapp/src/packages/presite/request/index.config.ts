export default definePageConfig({ navigationBarTitleText: '预选址咨询' });
