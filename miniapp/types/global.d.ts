/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5';
    /** Base URL of the BFF's API, e.g. https://example.gov.cn/api (h5 default: same origin `/api`). */
    TARO_APP_API_BASE?: string;
    /** Origin of the h5 build (the BFF's), e.g. https://example.gov.cn: weapp opens the video room there in a <WebView>. */
    TARO_APP_H5_ORIGIN?: string;
    /** WeChat subscribe-message template of the inspection reminder: the BFF's WECHAT_REMINDER_TEMPLATE_ID. */
    TARO_APP_REMINDER_TEMPLATE_ID?: string;
    /** Map tiles of the 预选址 desk, e.g. https://tiles.example.gov.cn/{z}/{x}/{y}.png; unset: points and rings on a plain SVG. */
    TARO_APP_MAP_TILE_URL?: string;
    /** The office named in every desk's header, e.g. 海口市行政审批服务局 (default 行政审批服务局). */
    TARO_APP_OFFICE_NAME?: string;
  }
}
