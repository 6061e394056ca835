export default definePageConfig({ navigationBarTitleText: '预选址结果' });
