const isWeapp = process.env.TARO_ENV === 'weapp';

// Main package: only what the first screen needs. Everything else is a subpackage (< 1 MB main, see
// scripts/size-check.ts). The video room is h5 only (agora-rtc-sdk-ng must never reach weapp); weapp
// opens the h5 room in a <WebView>.
export default defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [
    { root: 'packages/application', pages: ['detail/index', 'create/index', 'remote-request/index', 'materials/index', 'credit/index'] },
    { root: 'packages/presite', pages: ['request/index', 'detail/index'] },
    {
      root: 'packages/inspection',
      pages: ['booking/index', 'prepare/index', 'join/index', 'result/index', ...(isWeapp ? ['web-room/index'] : [])],
    },
    // 综合查一次, the business's side: notices, booking, results
    { root: 'packages/supervision', pages: ['visits/index'] },
    ...(isWeapp ? [] : [{ root: 'packages/room', pages: ['index'] }]),
    // inspector, expert and staff work in a browser (h5 only)
    ...(isWeapp ? [] : [
      { root: 'packages/inspector', pages: ['queue/index', 'room/index'] },
      { root: 'packages/expert', pages: ['opinion/index', 'invitations/index'] },
      { root: 'packages/joint', pages: ['plans/index', 'visits/index', 'visit/index'] },
      { root: 'packages/staff', pages: ['reviews/index', 'review/index', 'report/index', 'figures/index', 'acceptance/index', 'presite/index', 'approvals/index', 'assignment/index', 'repairs/index'] },
    ]),
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ededed',
    navigationBarTitleText: '远程踏勘',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f7f7f7',
  },
  // Since 2023-10-17 WeChat asks the user to agree to the privacy guide before private APIs run.
  __usePrivacyCheck__: true,
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于核对踏勘照片的拍摄地点与经营场所地址是否一致' },
  },
});
