export default definePageConfig({ navigationBarTitleText: '视频踏勘' });
