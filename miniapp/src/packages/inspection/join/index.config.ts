export default definePageConfig({ navigationBarTitleText: '进入视频踏勘' });
