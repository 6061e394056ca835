export default definePageConfig({ navigationBarTitleText: '综合检查' });
