// 简体中文：“历年回收率”（web/history.js），随其加载；键与 sections/history.html 和 en-history.js 对应。
export default {
  historyIntro: '各方案历年公布的回收率，并标出押金调整的日期。可用键盘聚焦数据点或标记查看详情。',
  historyScheme: '方案',
  historyLegendRate: '公布的回收率',
  historyLegendChange: '押金调整',
  historyTable: '以表格显示回收率和押金调整',
  historyTableCaption: '公布的回收率和押金调整',
  historyColYear: '年份',
  historyColRate: '回收率',
  historyColChange: '押金调整',
  historyChartTitle: '历年回收率：{name}',
  historyDesc: '{name}：{first}年至{last}年公布的{n}个回收率；标出{m}次押金调整。',
  historyPoint: '{name}，{year}年：回收率{rate}',
  historyChange: '{date}押金调整：{from} → {to}（{kind}）',
  historyStart: '{date}开始收取押金：{to}（{kind}）',
  historyAxisYear: '年份',
  historyAxisRate: '回收率',
};
