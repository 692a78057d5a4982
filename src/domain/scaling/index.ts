export * from './blockErrorVerdict.js';
export * from './computeScalingDecision.js';
export * from './ScalingInput.js';
