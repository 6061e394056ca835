export default definePageConfig({ navigationBarTitleText: '我的综合检查' });
