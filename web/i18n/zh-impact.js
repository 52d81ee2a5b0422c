// 简体中文：二氧化碳当量和节能“这是怎么算的”明细，随 impact-how.js 加载；键与 en-impact.js 对应。
export default {
  impactCo2Row: '{kind}：退回 {n} 个 × {g} 克 = {kg} 千克 × 每千克 {factor} 千克二氧化碳当量 = {co2} 千克二氧化碳当量',
  impactEnergyRow: '{kind}：{kg} 千克 × 每千克 {factor} 兆焦 = {mj} 兆焦',
  impactNoFactor: '{kind}：{kg} 千克，此材质没有因子（不计入）',
  impactUsFactors: '这些二氧化碳当量因子来自美国环保署（WARM 模型），按美国电网和美国填埋场计算。数据中没有{place}有来源的因子，因此这里以美国因子代替。',
};
