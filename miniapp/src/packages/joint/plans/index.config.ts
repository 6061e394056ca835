export default definePageConfig({ navigationBarTitleText: '综合查一次' });
