// 简体中文：分享图片（web/poster.js），随其加载；键与 en-poster.js 对应。
export default {
  posterTitle: '我家一年的饮料押金',
  posterRate: '退回比例',
  posterCo2: '避免的温室气体（二氧化碳当量）',
  posterCo2Unit: '{n} 千克',
  posterScan: '扫码打开这个结果，逐项核对每个数字及其来源。',
  posterFoot: 'ReturnLoop 押金计算器 · 无跟踪，无第三方请求',
  posterAlt: '分享图片：{place}，{date}。{figures}。附有此结果链接的二维码。',
  posterSave: '保存图片',
  posterHint: '在手机上，长按图片即可保存，或发送给聊天对象、分享到朋友圈。',
};
