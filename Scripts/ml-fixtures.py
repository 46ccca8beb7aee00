#!/usr/bin/env python3
"""Generate FieldML's own test models and their golden outputs.

Trains three SMALL Keras models on synthetic data, converts them to int8 .tflite with the
TensorFlow Lite converter, and runs seeded inputs through both reference interpreters:

  * TensorFlow Lite Micro's Python interpreter (tflite-micro)          -> "tflm_output"
  * LiteRT with OpResolverType.BUILTIN_REF (desktop reference kernels)  -> "reference_output"

Models (written to Tests/FieldMLTests/Fixtures/):
  vibration_autoencoder.tflite   FC autoencoder for vibration anomaly scores, int8 [1,64] -> [1,64]
  vibration_autoencoder_f32.tflite  the same network with float32 I/O (QUANTIZE/DEQUANTIZE)
  tiny_cnn.tflite                CONV_2D, MAX_POOL_2D, DEPTHWISE_CONV_2D (depth multiplier 2,
                                 dilation 2), LOGISTIC, MUL, ADD, AVERAGE_POOL_2D, RESHAPE,
                                 FULLY_CONNECTED, SOFTMAX; int8 [1,16,16,1] -> [1,4]

Float tensors are stored in the JSON as their IEEE-754 bit patterns (int32) so the comparison is
exact. Usage (python 3.11):
  python3 -m venv /tmp/ml-venv
  /tmp/ml-venv/bin/pip install tensorflow-cpu ai-edge-litert tflite-micro numpy
  /tmp/ml-venv/bin/python Scripts/ml-fixtures.py
"""
import hashlib
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter, OpResolverType
from tflite_micro.python.tflite_micro import runtime as tflm

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "FieldMLTests", "Fixtures")
CASES = 6


def vibration_data(rng, n, length=64, anomalous=False):
    t = np.arange(length, dtype=np.float32) / length
    x = np.zeros((n, length), dtype=np.float32)
    for i in range(n):
        f1 = rng.uniform(3, 5)
        f2 = rng.uniform(9, 12)
        x[i] = np.sin(2 * np.pi * f1 * t + rng.uniform(0, 6.28)) + 0.4 * np.sin(2 * np.pi * f2 * t)
        if anomalous:
            x[i] += 0.8 * np.sin(2 * np.pi * rng.uniform(20, 30) * t)
        x[i] += rng.normal(0, 0.1, length)
    return x


def autoencoder(rng):
    x = vibration_data(rng, 2000)
    inp = tf.keras.Input((64,), batch_size=1)
    h = tf.keras.layers.Dense(32, activation="relu")(inp)
    h = tf.keras.layers.Dense(8, activation="relu")(h)
    h = tf.keras.layers.Dense(32, activation="relu")(h)
    out = tf.keras.layers.Dense(64)(h)
    model = tf.keras.Model(inp, out)
    model.compile("adam", "mse")
    model.fit(x, x, epochs=15, batch_size=64, verbose=0)
    return model, x


def stripes(rng, n):
    x = np.zeros((n, 16, 16, 1), dtype=np.float32)
    y = np.zeros(n, dtype=np.int64)
    for i in range(n):
        k = rng.integers(0, 4)
        img = rng.normal(0, 0.3, (16, 16))
        period = rng.integers(2, 5)
        if k == 0:
            img[::period, :] += 1.0
        elif k == 1:
            img[:, ::period] += 1.0
        elif k == 2:
            for d in range(-16, 16, period):
                img += np.eye(16, k=d)
        else:
            img[4:12, 4:12] += 1.0
        x[i, :, :, 0] = img
        y[i] = k
    return x, y


def tiny_cnn(rng):
    x, y = stripes(rng, 1500)
    L = tf.keras.layers
    inp = tf.keras.Input((16, 16, 1), batch_size=1)
    c1 = L.Conv2D(8, 3, padding="same", activation="relu")(inp)
    p1 = L.MaxPooling2D(2)(c1)
    d1 = L.DepthwiseConv2D(3, padding="same", depth_multiplier=2, dilation_rate=2, activation="relu6")(p1)
    c2 = L.Conv2D(16, 1)(d1)
    g = L.Activation("sigmoid")(c2)
    m = L.Multiply()([c2, g])
    a = L.Add()([m, d1])
    ap = L.AveragePooling2D(2)(a)
    c3 = L.Conv2D(8, 3, strides=2, padding="same", activation="relu")(ap)
    f = L.Flatten()(c3)
    out = L.Dense(4, activation="softmax")(f)
    model = tf.keras.Model(inp, out)
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x, y, epochs=6, batch_size=64, verbose=0)
    return model, x


def convert(model, samples, int8_io=True):
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]

    def representative():
        for i in range(200):
            yield [samples[i : i + 1]]

    converter.representative_dataset = representative
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    if int8_io:
        converter.inference_input_type = tf.int8
        converter.inference_output_type = tf.int8
    return converter.convert()


def goldens(name, blob, rng):
    ref = Interpreter(model_content=blob, experimental_op_resolver_type=OpResolverType.BUILTIN_REF, num_threads=1)
    ref.allocate_tensors()
    idet = ref.get_input_details()[0]
    odet = ref.get_output_details()[0]
    micro = tflm.Interpreter.from_bytes(blob)
    is_float = idet["dtype"] == np.float32

    def encode(a):
        a = np.asarray(a).reshape(-1)
        if a.dtype == np.float32:
            return [int(v) for v in a.view(np.int32)]
        return [int(v) for v in a]

    cases = []
    for _ in range(CASES):
        if is_float:
            x = rng.uniform(-2.5, 2.5, idet["shape"]).astype(np.float32)
        else:
            x = rng.integers(-128, 128, idet["shape"]).astype(np.int8)
        ref.set_tensor(idet["index"], x)
        ref.invoke()
        reference = ref.get_tensor(odet["index"]).copy()
        micro.set_input(x, 0)
        micro.invoke()
        micro_out = micro.get_output(0).copy()
        cases.append({"input": encode(x), "tflm_output": encode(micro_out), "reference_output": encode(reference)})

    def describe(d):
        s, z = d["quantization"]
        return {"name": d["name"], "shape": [int(v) for v in d["shape"]], "dtype": np.dtype(d["dtype"]).name,
                "scale": float(s), "zero_point": int(z)}

    return {
        "model": name + ".tflite",
        "sha256": hashlib.sha256(blob).hexdigest(),
        "input": describe(idet),
        "output": [describe(odet)],
        "float_encoding": "float32 tensors are stored as IEEE-754 bit patterns (int32)",
        "tflm": "TensorFlow Lite Micro (pip tflite-micro), double rounding everywhere",
        "reference": "LiteRT %s BUILTIN_REF kernels, 1 thread" % getattr(sys.modules["ai_edge_litert"], "__version__", "?"),
        "cases": cases,
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    tf.keras.utils.set_random_seed(7)
    rng = np.random.default_rng(2026)
    ae, ae_x = autoencoder(rng)
    cnn, cnn_x = tiny_cnn(rng)
    models = {
        "vibration_autoencoder": convert(ae, ae_x),
        "vibration_autoencoder_f32": convert(ae, ae_x, int8_io=False),
        "tiny_cnn": convert(cnn, cnn_x),
    }
    for name, blob in models.items():
        with open(os.path.join(OUT, name + ".tflite"), "wb") as f:
            f.write(blob)
        data = goldens(name, blob, np.random.default_rng(len(name) * 101))
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(data, f, separators=(",", ":"))
        print(name, len(blob), "bytes")


if __name__ == "__main__":
    main()
