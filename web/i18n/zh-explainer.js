// 简体中文：“押金是怎么回事”说明，随说明模块加载；键与 explainer.js 对应。
export default {
  exTitle: '押金是怎么回事',
  exPay: '在{place}买一个{kind}时，您多付 {amount} 押金。',
  exReturn: '把空{kind}送回商店或自动回收机。',
  exBack: '您拿回这 {amount}。没人退回的容器，押金就无人认领。',
};
