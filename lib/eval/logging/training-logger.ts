/**
 * One callback that sends the training loop's events where the seed's `report_to` would: a JSONL log
 * (always readable by `diagnoseRun`) and, optionally, TensorBoard event files.
 */
import { checkArg } from '../../errors.js';
import type { TrainEvent } from '../../model/contracts.js';
import { toTrainEvent } from '../diagnostics/history.js';
import { JsonlLogger } from './jsonl.js';
import { TensorBoardWriter } from './tensorboard.js';

export interface TrainingLoggerOptions {
  /** JSONL file to append events to. */
  jsonlPath?: string;
  /** Directory for TensorBoard event files (`tensorboard --logdir <dir>`). */
  tensorboardDir?: string;
}

export interface TrainingLogger {
  onProgress(event: TrainEvent): void;
  close(): void;
  readonly jsonl?: JsonlLogger;
  readonly tensorboard?: TensorBoardWriter;
}

export function trainingLogger(options: TrainingLoggerOptions): TrainingLogger {
  checkArg(typeof options === 'object' && options !== null, 'options', 'an object', options);
  checkArg(options.jsonlPath !== undefined || options.tensorboardDir !== undefined, 'options', 'an object with jsonlPath and/or tensorboardDir', options);
  const jsonl = options.jsonlPath !== undefined ? new JsonlLogger(options.jsonlPath) : undefined;
  const tensorboard = options.tensorboardDir !== undefined ? new TensorBoardWriter(options.tensorboardDir) : undefined;
  return {
    jsonl,
    tensorboard,
    onProgress(event: TrainEvent): void {
      const ev = toTrainEvent(event, 'event');
      jsonl?.log(ev);
      tensorboard?.logTrainEvent(ev);
    },
    close(): void {
      jsonl?.close();
      tensorboard?.close();
    },
  };
}
