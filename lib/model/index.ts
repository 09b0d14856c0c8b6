export * from './contracts.js';
export { GPT, type CreateGPTOptions, type ParameterReport, type ModuleParameters } from './gpt.js';
export { type GPTConfig, GPT2_DEFAULTS, resolveConfig, toHfConfig, fromHfConfig } from './config.js';
export { readSafetensorsHeader, type SafetensorsHeader } from './safetensors.js';
export { loadPretrained, savePretrained, weightFiles, hfKeyToParam } from './hf.js';
export {
  applyLora,
  mergeLora,
  unmergeLora,
  saveAdapter,
  loadAdapter,
  printTrainableParameters,
  trainableParametersLine,
  loraConfigOf,
  type LoraOptions,
  type LoraConfigResolved,
} from './lora.js';
