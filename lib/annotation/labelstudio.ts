/**
 * Label Studio round trip: tasks to import (with pre-annotations as `predictions`) and a labeling
 * config, then the tool's JSON export back into {@link AnnotatedItem}s.
 * Format: https://labelstud.io/guide/task_format (tasks carry `data`; each annotation has
 * `completed_by` and a `result` list of regions with `from_name`, `to_name`, `type`, `value`).
 */
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { LmforgeError } from '../errors.js';
import type { DataRecord } from '../data/record.js';
import { writeFileAtomic } from '../util/atomic.js';
import { escapeXml, prepareExport, type ExportStats } from './prepare-export.js';
import { finishImport, isObject, loadExport, RejectLog, type ImportOptions } from './import-common.js';
import type { Annotation, AnnotatedItem, ExportCommonOptions, ImportResult, Span } from './types.js';

export interface LabelStudioValue {
  choices?: string[];
  start?: number;
  end?: number;
  text?: string;
  labels?: string[];
}

export interface LabelStudioResult {
  id?: string;
  from_name: string;
  to_name: string;
  type: 'choices' | 'labels';
  value: LabelStudioValue;
  origin?: string;
}

export interface LabelStudioTask {
  data: { text: string; lmforge_id: string };
  predictions?: { model_version: string; score?: number; result: LabelStudioResult[] }[];
}

export interface LabelStudioExport {
  tasks: LabelStudioTask[];
  /** The labeling interface (XML) for the project. */
  labelConfig: string;
  /**
   * Body for Label Studio's create-project API: title, label_config, expert_instruction (the
   * guidelines), and the overlap settings that make several annotators label every task.
   */
  project: {
    title: string;
    label_config: string;
    expert_instruction: string;
    show_instruction: boolean;
    maximum_annotations: number;
    overlap_cohort_percentage: number;
  };
  stats: ExportStats;
}

export interface LabelStudioExportOptions extends ExportCommonOptions {
  /** Project title (default 'lmforge annotation'). */
  title?: string;
  /** Control tag name (default 'label'); results come back with this `from_name`. */
  fromName?: string;
  /** Annotators per task (Label Studio `maximum_annotations`, with 100% overlap); default 3. */
  annotatorsPerTask?: number;
}

/** The labeling config for a text classification (single choice) or span labelling project. */
export function labelStudioConfig(task: 'classification' | 'spans', labels: readonly string[], fromName = 'label'): string {
  const name = escapeXml(fromName);
  if (task === 'classification') {
    return [
      '<View>',
      '  <Text name="text" value="$text"/>',
      `  <Choices name="${name}" toName="text" choice="single" showInline="true">`,
      ...labels.map((l) => `    <Choice value="${escapeXml(l)}"/>`),
      '  </Choices>',
      '</View>',
    ].join('\n');
  }
  return [
    '<View>',
    `  <Labels name="${name}" toName="text">`,
    ...labels.map((l) => `    <Label value="${escapeXml(l)}"/>`),
    '  </Labels>',
    '  <Text name="text" value="$text"/>',
    '</View>',
  ].join('\n');
}

/**
 * Records → Label Studio tasks. Text is PII-redacted first unless `redact: false`; the lmforge id
 * travels in `data.lmforge_id`; pre-annotations become `predictions` (shown to annotators).
 */
export function toLabelStudioTasks(records: readonly DataRecord[], options: LabelStudioExportOptions): LabelStudioExport {
  const where = 'toLabelStudioTasks';
  const { items, stats } = prepareExport(records, options, where);
  const fromName = options.fromName ?? 'label';
  const annotatorsPerTask = options.annotatorsPerTask ?? 3;
  if (!Number.isInteger(annotatorsPerTask) || annotatorsPerTask < 1) {
    throw new LmforgeError('E_OPTION', `${where}: options.annotatorsPerTask must be a positive integer, got ${String(annotatorsPerTask)}`);
  }
  const tasks = items.map(({ record, text, preannotation }): LabelStudioTask => {
    const task: LabelStudioTask = { data: { text, lmforge_id: record.id } };
    if (preannotation) {
      const result: LabelStudioResult[] = [];
      if (options.task === 'classification' && preannotation.label !== undefined) {
        result.push({ from_name: fromName, to_name: 'text', type: 'choices', value: { choices: [preannotation.label] } });
      }
      if (options.task === 'spans') {
        (preannotation.spans ?? []).forEach((s, i) => {
          result.push({
            id: `${record.id}-p${i}`,
            from_name: fromName,
            to_name: 'text',
            type: 'labels',
            value: { start: s.start, end: s.end, text: text.slice(s.start, s.end), labels: [s.label] },
          });
        });
      }
      const pred: { model_version: string; score?: number; result: LabelStudioResult[] } = { model_version: options.modelVersion ?? 'lmforge', result };
      if (preannotation.score !== undefined) pred.score = preannotation.score;
      task.predictions = [pred];
    }
    return task;
  });
  const labelConfig = labelStudioConfig(options.task, options.labels, fromName);
  return {
    tasks,
    labelConfig,
    project: {
      title: options.title ?? 'lmforge annotation',
      label_config: labelConfig,
      expert_instruction: options.guidelines ?? '',
      show_instruction: options.guidelines !== undefined,
      maximum_annotations: annotatorsPerTask,
      overlap_cohort_percentage: 100,
    },
    stats,
  };
}

/** Writes `tasks.json`, `label_config.xml` and `project.json` (guidelines included) into `dir`. */
export async function writeLabelStudioProject(dir: string, exp: LabelStudioExport): Promise<{ tasks: string; config: string; project: string }> {
  await mkdir(dir, { recursive: true });
  const paths = { tasks: join(dir, 'tasks.json'), config: join(dir, 'label_config.xml'), project: join(dir, 'project.json') };
  await writeFileAtomic(paths.tasks, JSON.stringify(exp.tasks, null, 1) + '\n');
  await writeFileAtomic(paths.config, exp.labelConfig + '\n');
  await writeFileAtomic(paths.project, JSON.stringify(exp.project, null, 2) + '\n');
  return paths;
}

export interface LabelStudioImportOptions extends ImportOptions {
  /** Only read results of this control (`from_name`); default: all choices/labels results. */
  fromName?: string;
  /** Task data key holding the text (default 'text'). */
  textField?: string;
}

function annotatorOf(completedBy: unknown): string | undefined {
  if (typeof completedBy === 'number' && Number.isFinite(completedBy)) return String(completedBy);
  if (typeof completedBy === 'string' && completedBy.length > 0) return completedBy;
  if (isObject(completedBy)) {
    if (typeof completedBy['email'] === 'string') return completedBy['email'];
    if (typeof completedBy['id'] === 'number' || typeof completedBy['id'] === 'string') return String(completedBy['id']);
  }
  return undefined;
}

/**
 * Parses a Label Studio JSON export (an array of tasks, each with `annotations`; the pre-1.0
 * `completions` key is read too). Tasks or annotations that cannot be used go to `rejects` with the
 * file, item index, field path and reason; cancelled annotations are counted as skipped.
 */
export function parseLabelStudioExport(data: unknown, file: string, options: Omit<LabelStudioImportOptions, 'rejectsPath' | 'file'> = {}): ImportResult {
  const where = 'importLabelStudio';
  if (!Array.isArray(data)) {
    throw new LmforgeError('E_UNKNOWN_FORMAT', `${where}: ${file} is not a Label Studio JSON export (expected a JSON array of tasks, got ${data === null ? 'null' : typeof data}); export the project as "JSON"`);
  }
  const textField = options.textField ?? 'text';
  const log = new RejectLog(file);
  const result: ImportResult = { items: [], rejects: log.rejects, stats: { items: data.length, annotations: 0, skipped: 0, rejected: 0 } };
  let withoutData = 0;
  data.forEach((task, i) => {
    if (!isObject(task)) {
      log.add(i, undefined, '', 'item is not an object');
      return;
    }
    const toolId = typeof task['id'] === 'number' || typeof task['id'] === 'string' ? String(task['id']) : undefined;
    const taskData = task['data'];
    if (!isObject(taskData)) {
      withoutData++;
      log.add(i, toolId, 'data', 'missing task data (not a Label Studio JSON task; JSON-MIN and CSV exports are not supported)');
      return;
    }
    const text = taskData[textField];
    if (typeof text !== 'string') {
      log.add(i, toolId, `data.${textField}`, 'missing or not a string');
      return;
    }
    const id = typeof taskData['lmforge_id'] === 'string' ? taskData['lmforge_id'] : toolId ?? `item-${i}`;
    const key = Array.isArray(task['annotations']) ? 'annotations' : Array.isArray(task['completions']) ? 'completions' : undefined;
    if (key === undefined) {
      log.add(i, id, 'annotations', 'missing annotations list (expected `annotations`, or `completions` from Label Studio < 1.0)');
      return;
    }
    const item: AnnotatedItem = { id, text, annotations: [], meta: toolId !== undefined ? { labelStudioId: toolId } : {} };
    const seenAnnotators = new Set<string>();
    (task[key] as unknown[]).forEach((ann, j) => {
      const at = `${key}[${j}]`;
      result.stats.annotations++;
      if (!isObject(ann)) {
        log.add(i, id, at, 'annotation is not an object');
        return;
      }
      if (ann['was_cancelled'] === true || ann['skipped'] === true) {
        result.stats.skipped++;
        return;
      }
      const annotator = annotatorOf(ann['completed_by']);
      if (annotator === undefined) {
        log.add(i, id, `${at}.completed_by`, 'missing annotator (expected a user id, email or {id, email})');
        return;
      }
      if (seenAnnotators.has(annotator)) {
        log.add(i, id, `${at}.completed_by`, `second annotation by annotator ${annotator} on this task (the first one is kept)`);
        return;
      }
      const res = ann['result'];
      if (!Array.isArray(res)) {
        log.add(i, id, `${at}.result`, 'missing result list');
        return;
      }
      const out: Annotation = { annotator, spans: [] };
      for (let k = 0; k < res.length; k++) {
        const problem = readResult(res[k], text, options.fromName, out);
        if (problem) {
          log.add(i, id, `${at}.result[${k}]${problem.field ? '.' + problem.field : ''}`, problem.reason);
          return;
        }
      }
      seenAnnotators.add(annotator);
      item.annotations.push(out);
    });
    result.items.push(item);
  });
  if (data.length > 0 && withoutData === data.length) {
    throw new LmforgeError('E_UNKNOWN_FORMAT', `${where}: none of the ${data.length} items in ${file} has a 'data' object; this is not a Label Studio JSON export (JSON-MIN/CSV or another tool?)`);
  }
  result.stats.rejected = log.rejects.length;
  return result;
}

function readResult(r: unknown, text: string, fromName: string | undefined, out: Annotation): { field: string; reason: string } | undefined {
  if (!isObject(r)) return { field: '', reason: 'result entry is not an object' };
  if (fromName !== undefined && r['from_name'] !== fromName) return undefined;
  const value = r['value'];
  if (!isObject(value)) return { field: 'value', reason: 'missing value object' };
  if (r['type'] === 'choices') {
    const choices = value['choices'];
    if (!Array.isArray(choices) || choices.length === 0 || !choices.every((c) => typeof c === 'string')) {
      return { field: 'value.choices', reason: 'expected a non-empty list of strings' };
    }
    if (choices.length > 1) return { field: 'value.choices', reason: `multiple choices (${choices.join(', ')}) on a single-label item are not supported` };
    if (out.label !== undefined && out.label !== choices[0]) return { field: 'value.choices', reason: 'a second, different choice for the same item' };
    out.label = choices[0] as string;
    return undefined;
  }
  if (r['type'] === 'labels') {
    const { start, end, labels } = value;
    if (!Number.isInteger(start)) return { field: 'value.start', reason: 'missing or not an integer' };
    if (!Number.isInteger(end)) return { field: 'value.end', reason: 'missing or not an integer' };
    if ((start as number) < 0 || (end as number) > text.length || (start as number) >= (end as number)) {
      return { field: 'value.start', reason: `span [${start}, ${end}) is outside the text (length ${text.length})` };
    }
    if (!Array.isArray(labels) || labels.length === 0 || !labels.every((l) => typeof l === 'string')) {
      return { field: 'value.labels', reason: 'expected a non-empty list of strings' };
    }
    for (const label of labels as string[]) {
      const span: Span = { start: start as number, end: end as number, label };
      span.text = text.slice(span.start, span.end);
      out.spans!.push(span);
    }
    return undefined;
  }
  return { field: 'type', reason: `unsupported result type ${JSON.stringify(r['type'])} (only 'choices' and 'labels' on text)` };
}

/**
 * Reads a Label Studio JSON export (a path, or the parsed array) and returns the annotated items.
 * With `rejectsPath`, the rejects are also written there as JSONL (atomically, even when empty).
 */
export async function importLabelStudio(source: string | readonly unknown[], options: LabelStudioImportOptions = {}): Promise<ImportResult> {
  const { data, file } = await loadExport(source, options, 'importLabelStudio');
  const parseOpts: Omit<LabelStudioImportOptions, 'rejectsPath' | 'file'> = {};
  if (options.fromName !== undefined) parseOpts.fromName = options.fromName;
  if (options.textField !== undefined) parseOpts.textField = options.textField;
  return finishImport(parseLabelStudioExport(data, file, parseOpts), options);
}
