/**
 * `model.summary()`: the table Keras 3 prints, with the same columns, widths (an 80-column
 * console), number formats and totals.
 */
import { BYTES_PER_ELEMENT } from '../core/dtype.js';
import type { Layer, LayerWeight } from '../nn/layer.js';
import type { LayerNode } from '../nn/symbolic.js';
import type { Graph } from './graph.js';
import { isInputLayer } from './graph.js';
import { fmtLayerShape } from './shapes.js';
import type { Model } from './model.js';

/** Options of `summary`. */
export interface SummaryOptions {
  /** Receives the whole summary text. Default `console.log`; pass `() => {}` to only return it. */
  printFn?: (text: string) => void;
}

const SEQUENTIAL_WIDTHS = [31, 22, 13];
const FUNCTIONAL_WIDTHS = [19, 17, 10, 17];

/** Builds the summary text of `model`, prints it through `printFn` and returns it. */
export function summarize(model: Model, options: SummaryOptions = {}): string {
  const graph = model.graphOrNull;
  const sequential = model.className === 'Sequential' || graph === null || isChain(graph);
  const layers =
    model.className === 'Sequential' ? model.layers.filter((l) => !isInputLayer(l)) : model.layers;
  const header = ['Layer (type)', 'Output Shape', 'Param #'];
  if (!sequential) header.push('Connected to');
  const rows = layers.map((layer) => {
    const node = graph ? graph.nodes.find((n) => n.layer === layer) : undefined;
    const params = layer.built ? layer.countParams().toLocaleString('en-US') : '0 (unbuilt)';
    const row = [`${layer.name} (${layer.className})`, outputShape(layer, node, graph), params];
    if (!sequential) row.push(connections(layer, graph!));
    return row;
  });
  const trainable = model.trainableWeights;
  const nonTrainable = model.nonTrainableWeights;
  const optimizer = optimizerSize(model);
  const total = count(trainable) + count(nonTrainable) + optimizer.count;
  const totalBytes = bytes(trainable) + bytes(nonTrainable) + optimizer.bytes;
  const lines = [
    `Model: "${model.name}"`,
    ...table(header, rows, sequential ? SEQUENTIAL_WIDTHS : FUNCTIONAL_WIDTHS),
  ];
  lines.push(` Total params: ${fmtCount(total)} (${readableSize(totalBytes)})`);
  lines.push(
    ` Trainable params: ${fmtCount(count(trainable))} (${readableSize(bytes(trainable))})`,
  );
  lines.push(
    ` Non-trainable params: ${fmtCount(count(nonTrainable))} (${readableSize(bytes(nonTrainable))})`,
  );
  if (optimizer.built) {
    lines.push(
      ` Optimizer params: ${fmtCount(optimizer.count)} (${readableSize(optimizer.bytes)})`,
    );
  }
  const text = lines.join('\n');
  (options.printFn ?? console.log)(text);
  return text;
}

/** The optimizer's state, shown (as Keras does) once training has created its slots. */
function optimizerSize(model: Model): { built: boolean; count: number; bytes: number } {
  const weights = model.optimizer?.getWeights() ?? [];
  const built = weights.some((w) => w.value.rank > 0);
  const result = {
    built,
    count: built ? sum(weights.map((w) => w.value.size)) : 0,
    bytes: built ? sum(weights.map((w) => w.value.size * BYTES_PER_ELEMENT[w.value.dtype])) : 0,
  };
  for (const w of weights) w.value.dispose();
  return result;
}

/** A linear graph: one input, each node fed by the previous one, no layer used twice. */
function isChain(graph: Graph): boolean {
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) return false;
  let previous = graph.inputs[0]!;
  const layers = new Set<Layer>();
  for (const node of graph.nodes) {
    if (node.inputs.length !== 1 || node.inputs[0] !== previous || node.outputs.length !== 1)
      return false;
    if (layers.has(node.layer)) return false;
    layers.add(node.layer);
    previous = node.outputs[0]!;
  }
  return true;
}

function outputShape(layer: Layer, node: LayerNode | undefined, graph: Graph | null): string {
  const outputs =
    node?.outputs ??
    graph?.inputs.filter((t) => t.sourceLayer === layer) ??
    layer.inboundNodes.at(-1)?.outputs;
  if (!outputs || outputs.length === 0) return '?';
  if (outputs.length === 1) return fmtLayerShape(outputs[0]!.shape);
  return `[${outputs.map((t) => fmtLayerShape(t.shape)).join(', ')}]`;
}

function connections(layer: Layer, graph: Graph): string {
  const parts: string[] = [];
  for (const node of graph.nodes) {
    if (node.layer !== layer) continue;
    for (const t of node.inputs) {
      const producer = t.node;
      const nodeIndex = producer ? Math.max(0, t.sourceLayer.inboundNodes.indexOf(producer)) : 0;
      parts.push(`${t.sourceLayer.name}[${nodeIndex}][${t.outputIndex}]`);
    }
  }
  return parts.length > 0 ? parts.join(', ') : '-';
}

function count(weights: readonly LayerWeight[]): number {
  return sum(weights.map((w) => w.value.size));
}

function bytes(weights: readonly LayerWeight[]): number {
  return sum(weights.map((w) => w.value.size * BYTES_PER_ELEMENT[w.value.dtype]));
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function fmtCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Bytes as Keras prints them: `51.79 KB`, `0.00 B`. */
export function readableSize(size: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  for (const unit of units) {
    if (size / 1024 < 1) return `${size.toFixed(2)} ${unit}`;
    size /= 1024;
  }
  return `${size.toFixed(2)} PB`;
}

/**
 * Word-wraps `text` into lines of at most `width` characters; a word longer than a line is cut
 * with an ellipsis, as rich (which Keras prints with) does.
 */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const raw of text.split(' ')) {
    const word = raw.length > width ? `${raw.slice(0, width - 1)}…` : raw;
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/** A box-drawn table with a heavy header and a rule between rows; column 3 is right-aligned. */
function table(header: string[], rows: string[][], widths: number[]): string[] {
  const rule = (l: string, m: string, r: string, h: string): string =>
    l + widths.map((w) => h.repeat(w + 2)).join(m) + r;
  const cells = (values: string[], edge: string): string[] => {
    const wrapped = values.map((v, i) => wrap(v, widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      const parts = wrapped.map((w, i) => {
        const text = w[k] ?? '';
        return i === 2 ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
      });
      out.push(`${edge} ${parts.join(` ${edge} `)} ${edge}`);
    }
    return out;
  };
  const lines = [rule('┏', '┳', '┓', '━'), ...cells(header, '┃'), rule('┡', '╇', '┩', '━')];
  rows.forEach((row, i) => {
    if (i > 0) lines.push(rule('├', '┼', '┤', '─'));
    lines.push(...cells(row, '│'));
  });
  lines.push(rule('└', '┴', '┘', '─'));
  return lines;
}
