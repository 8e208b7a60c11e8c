import type { AreaMessages } from '../index';

// The embeddable usage chart (components/UsageChart.vue).
const messages: AreaMessages = {
  en: {
    title: 'Usage',
    period: 'Period',
    metric: 'Metric',
    periods: { day: '24 hours', week: '7 days', month: '30 days' },
    metrics: { requests: 'Requests', tokens: 'Tokens', cost: 'Cost' },
    errors: 'Errors',
    empty: 'No requests in this period.',
    chartLabel: '{metric} over time',
  },
  'zh-CN': {
    title: '用量',
    period: '时间段',
    metric: '指标',
    periods: { day: '24 小时', week: '7 天', month: '30 天' },
    metrics: { requests: '请求数', tokens: 'Token 数', cost: '费用' },
    errors: '错误数',
    empty: '该时间段内没有请求。',
    chartLabel: '{metric}随时间变化',
  },
};
export default messages;
