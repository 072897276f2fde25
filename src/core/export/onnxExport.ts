import { onnx } from 'onnx-proto';
import type { DenseSpec, NetworkSpec } from './networkSpec';
import { LEAKY_ALPHA } from './networkSpec';

// The network as one ONNX graph from the raw features to the probabilities: missing-value
// replacement (Equal + Where), the scaler (Sub, Mul), Gemm per dense layer with its activation,
// and the sigmoid or softmax output. Opset 13; written with protobufjs (onnx-proto).

export const ONNX_OPSET = 13;
/** ONNX's IR version for opset 13 (ONNX 1.8). */
const IR_VERSION = 7;
export const ONNX_INPUT = 'features';
export const ONNX_OUTPUT = 'probabilities';

type Node = onnx.INodeProto;

function floatTensor(name: string, dims: number[], values: ArrayLike<number>): onnx.ITensorProto {
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(Float32Array.from(values as ArrayLike<number>).buffer) };
}

function valueInfo(name: string, dims: (number | string)[]): onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}

function attribute(name: string, value: number, type: 'float' | 'int'): onnx.IAttributeProto {
  return type === 'float' ? { name, f: value, type: onnx.AttributeProto.AttributeType.FLOAT } : { name, i: value, type: onnx.AttributeProto.AttributeType.INT };
}

/** The nodes of one activation from `input` to `output`. */
function activationNodes(activation: DenseSpec['activation'], input: string, output: string, prefix: string): Node[] {
  switch (activation) {
    case 'linear':
      return [{ opType: 'Identity', input: [input], output: [output], name: `${prefix}_identity` }];
    case 'relu':
      return [{ opType: 'Relu', input: [input], output: [output], name: `${prefix}_relu` }];
    case 'elu':
      return [{ opType: 'Elu', input: [input], output: [output], name: `${prefix}_elu`, attribute: [attribute('alpha', 1, 'float')] }];
    case 'selu':
      // ONNX's defaults are Keras' constants.
      return [{ opType: 'Selu', input: [input], output: [output], name: `${prefix}_selu` }];
    case 'tanh':
      return [{ opType: 'Tanh', input: [input], output: [output], name: `${prefix}_tanh` }];
    case 'sigmoid':
      return [{ opType: 'Sigmoid', input: [input], output: [output], name: `${prefix}_sigmoid` }];
    case 'softplus':
      return [{ opType: 'Softplus', input: [input], output: [output], name: `${prefix}_softplus` }];
    case 'softmax':
      return [{ opType: 'Softmax', input: [input], output: [output], name: `${prefix}_softmax`, attribute: [attribute('axis', 1, 'int')] }];
    case 'leaky_relu':
      return [{ opType: 'LeakyRelu', input: [input], output: [output], name: `${prefix}_leaky_relu`, attribute: [attribute('alpha', LEAKY_ALPHA, 'float')] }];
    case 'swish':
      return [
        { opType: 'Sigmoid', input: [input], output: [`${prefix}_gate`], name: `${prefix}_swish_gate` },
        { opType: 'Mul', input: [input, `${prefix}_gate`], output: [output], name: `${prefix}_swish` },
      ];
  }
}

/** Missing-value replacement and scaling: the raw features to the network's inputs. */
function inputNodes(spec: NetworkSpec, initializers: onnx.ITensorProto[]): { nodes: Node[]; output: string } {
  const d = spec.features.length;
  const nodes: Node[] = [];
  let current = ONNX_INPUT;
  if (spec.missing) {
    initializers.push(floatTensor('missing_value', [1], [Math.fround(spec.missing.value)]), floatTensor('imputed_values', [1, d], spec.missing.fills));
    nodes.push({ opType: 'Equal', input: [current, 'missing_value'], output: ['is_missing'], name: 'find_missing' });
    nodes.push({ opType: 'Where', input: ['is_missing', 'imputed_values', current], output: ['imputed'], name: 'impute' });
    current = 'imputed';
  }
  const { offset, scale } = spec.preprocessing.scaler;
  initializers.push(floatTensor('scaler_offset', [1, d], offset), floatTensor('scaler_inverse_scale', [1, d], scale.map((s) => 1 / s)));
  nodes.push({ opType: 'Sub', input: [current, 'scaler_offset'], output: ['centred'], name: 'scaler_shift' });
  nodes.push({ opType: 'Mul', input: ['centred', 'scaler_inverse_scale'], output: ['scaled'], name: 'scaler_scale' });
  return { nodes, output: 'scaled' };
}

export interface OnnxMetadata {
  runId: string;
  runName: string;
  version: string;
  /** Extra key/value pairs (e.g. the fold this model scores). */
  extra?: Record<string, string>;
}

/** The ONNX model (serialised) of a network. */
export function onnxModel(spec: NetworkSpec, metadata: OnnxMetadata): Uint8Array {
  const initializers: onnx.ITensorProto[] = [];
  const { nodes, output: scaled } = inputNodes(spec, initializers);
  let current = scaled;
  spec.layers.forEach((layer, i) => {
    const prefix = `dense_${i + 1}`;
    initializers.push(floatTensor(`${prefix}_kernel`, [layer.inputs, layer.units], layer.kernel), floatTensor(`${prefix}_bias`, [layer.units], layer.bias));
    nodes.push({ opType: 'Gemm', input: [current, `${prefix}_kernel`, `${prefix}_bias`], output: [`${prefix}_linear`], name: `${prefix}_gemm` });
    const out = i === spec.layers.length - 1 ? ONNX_OUTPUT : `${prefix}_out`;
    for (const node of activationNodes(layer.activation, `${prefix}_linear`, out, prefix)) nodes.push(node);
    current = out;
  });
  const outputs = spec.layers[spec.layers.length - 1].units;
  const properties: Record<string, string> = {
    features: JSON.stringify(spec.features),
    classes: JSON.stringify(spec.classes),
    output: spec.output === 'sigmoid' ? `the probability of "${spec.classes[0]}" (one column)` : 'one probability per class, in the order of "classes"',
    hepml_run_id: metadata.runId,
    hepml_run_name: metadata.runName,
    hepml_version: metadata.version,
    ...metadata.extra,
  };
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'hepml-lab',
    producerVersion: metadata.version,
    modelVersion: 1,
    docString: `HEP ML Lab run ${metadata.runName} (${metadata.runId}): raw features in, probabilities out.`,
    graph: {
      name: metadata.runName,
      node: nodes,
      initializer: initializers,
      input: [valueInfo(ONNX_INPUT, ['N', spec.features.length])],
      output: [valueInfo(ONNX_OUTPUT, ['N', outputs])],
    },
    metadataProps: Object.entries(properties).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}
