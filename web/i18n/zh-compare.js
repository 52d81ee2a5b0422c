// 简体中文：“方案比较”（web/compare.js），随其加载；键与 sections/compare.html 和 en-compare.js 对应。
export default {
  compareIntro: '您填写的容器，在各方案下一年的情况，由与上方数字相同的核心计算。各方案以其本国货币计算。',
  compareWith: '比较的方案',
  compareAlso: '再比较（可选）',
  compareCaption: '您家在各方案下的一年',
  compareColFigure: '项目',
  compareNone: '— 无 —',
  compareRowRate: '退回比例',
  compareRowCovered: '每年有押金的容器',
  compareRowCo2: '避免的温室气体（千克二氧化碳当量）',
  compareRowEnergy: '节约的能源（千瓦时）',
  compareFixFirst: '请先改正上方表格中的数量，再进行比较。',
  compareFailed: '{name}：核心未能计算这户的数字。',
};
