export { train, type TrainOptions, type TrainSummary, type TokenSource, type StopReason } from './train.js';
export { readCheckpoint, listCheckpoints, resolveCheckpoint, checkSameConfig, type Checkpoint, type TrainerState } from './checkpoint.js';
export { writeTokenFile, tokenDtypeFor, tokenFileLength, type TokenDtype } from './token-file.js';
