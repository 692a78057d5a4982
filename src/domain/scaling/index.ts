export * from './computeScalingDecision.js';
export * from './ScalingInput.js';
