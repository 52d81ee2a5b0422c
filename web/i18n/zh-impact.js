// 简体中文：各项数字下“这是怎么算的”的说明与明细，随 impact-how.js 加载；键与 en-impact.js 对应。
export default {
  impactCo2Row: '{kind}：退回 {n} 个 × {g} 克 = {kg} 千克 × 每千克 {factor} 千克二氧化碳当量 = {co2} 千克二氧化碳当量',
  impactEnergyRow: '{kind}：{kg} 千克 × 每千克 {factor} 兆焦 = {mj} 兆焦',
  impactNoFactor: '{kind}：{kg} 千克，此材质没有因子（不计入）',
  impactUsFactors: '这些二氧化碳当量因子来自美国环保署（WARM 模型），按美国电网和美国填埋场计算。数据中没有{place}有来源的因子，因此这里以美国因子代替。',
  how_deposits: '您买的每个容器按 {date} 有效的{name}规则判定：{lines}。乘以 52 周。',
  how_refund: '每个容器的退款（等于押金，“半额退还”方案中更少）乘以您退回的容器数：{n} 个中的 {share}。',
  how_left: '支付的押金减去拿回的退款{fee}。无人认领的押金通常用于维持回收体系或归政府所有。',
  how_fee: '，另加 {fee} 不退还的费用',
  how_co2: '按材质统计的退回容器数 × 典型容器重量 × {set} 中回收（而非填埋）的排放因子。',
  how_energy: '按材质统计的退回重量 × 每千克回收节约的一次能源，按每千瓦时 3.6 兆焦换算。',
  how_equiv: '避免的二氧化碳当量，除以每种等效物的排放因子。',
  none: '无',
};
