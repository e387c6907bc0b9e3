#!/usr/bin/python3
"""Builds models/ets_grid.onnx: additive damped-trend exponential smoothing run over a
grid of (alpha, beta, phi) for a batch of series in one call.

Run with Debian's python3-onnx:  /usr/bin/python3 models/build_ets_grid.py
The TypeScript reference is src/main/services/forecasting/ets-reference.ts; the parity
test (test/forecasting/ets-parity.test.ts) checks the two agree on random inputs.

Inputs   y [B,T] float   series (unknown days: any value, masked)
         m [B,T] float   1 = observed, 0 = unknown (no update, state is propagated)
         l0 [B] float    initial level
         alpha, beta, phi [K] float  candidate parameters (beta is the trend gain
                         relative to alpha, ETS "beta*" form; phi = damping)
         steps [H] float 1..H (the horizon, as data so one graph serves any H)
Outputs  sse [B,K]       sum of squared one-step errors over observed days
         level, trend [B,K]  final state
         forecast [B,K,H]    level + trend * sum_{j<=h} phi^j
"""
import os
import onnx
from onnx import helper as h, TensorProto as TP

F = TP.FLOAT

body = h.make_graph(
    [
        h.make_node("Mul", ["phi", "b_in"], ["pb"]),
        h.make_node("Add", ["l_in", "pb"], ["f"]),
        h.make_node("Unsqueeze", ["y_t", "ax1"], ["y_col"]),
        h.make_node("Unsqueeze", ["m_t", "ax1"], ["m_col"]),
        h.make_node("Sub", ["y_col", "f"], ["e_raw"]),
        h.make_node("Mul", ["e_raw", "m_col"], ["e"]),
        h.make_node("Mul", ["e", "e"], ["e2"]),
        h.make_node("Add", ["sse_in", "e2"], ["sse_out"]),
        h.make_node("Mul", ["alpha", "e"], ["ae"]),
        h.make_node("Add", ["f", "ae"], ["l_out"]),
        h.make_node("Mul", ["alphabeta", "e"], ["abe"]),
        h.make_node("Add", ["pb", "abe"], ["b_out"]),
    ],
    "ets_step",
    [
        h.make_tensor_value_info("l_in", F, ["B", "K"]),
        h.make_tensor_value_info("b_in", F, ["B", "K"]),
        h.make_tensor_value_info("sse_in", F, ["B", "K"]),
        h.make_tensor_value_info("y_t", F, ["B"]),
        h.make_tensor_value_info("m_t", F, ["B"]),
    ],
    [
        h.make_tensor_value_info("l_out", F, ["B", "K"]),
        h.make_tensor_value_info("b_out", F, ["B", "K"]),
        h.make_tensor_value_info("sse_out", F, ["B", "K"]),
    ],
)

nodes = [
    h.make_node("Constant", [], ["ax1"], value=h.make_tensor("ax1v", TP.INT64, [1], [1])),
    h.make_node("Constant", [], ["ax2"], value=h.make_tensor("ax2v", TP.INT64, [1], [2])),
    h.make_node("Mul", ["alpha", "beta"], ["alphabeta"]),
    # initial state [B,K]: level = l0 broadcast, trend = 0, sse = 0
    h.make_node("Unsqueeze", ["l0", "ax1"], ["l0_col"]),
    h.make_node("Mul", ["l0_col", "zero_k"], ["zeros_bk"]),
    h.make_node("Add", ["zeros_bk", "l0_col"], ["l_init"]),
    h.make_node("Transpose", ["y"], ["yT"], perm=[1, 0]),
    h.make_node("Transpose", ["m"], ["mT"], perm=[1, 0]),
    h.make_node("Scan", ["l_init", "zeros_bk", "zeros_bk", "yT", "mT"],
                ["level", "trend", "sse"], num_scan_inputs=2, body=body),
    # damp_cum[K,H] = cumsum_h phi^h
    h.make_node("Unsqueeze", ["phi", "ax1"], ["phi_col"]),
    h.make_node("Pow", ["phi_col", "steps"], ["phi_pow"]),
    h.make_node("Constant", [], ["ax_h"], value=h.make_tensor("axh", TP.INT32, [], [1])),
    h.make_node("CumSum", ["phi_pow", "ax_h"], ["damp_cum"]),
    h.make_node("Unsqueeze", ["level", "ax2"], ["l3"]),
    h.make_node("Unsqueeze", ["trend", "ax2"], ["b3"]),
    h.make_node("Mul", ["b3", "damp_cum"], ["bdamp"]),
    h.make_node("Add", ["l3", "bdamp"], ["forecast"]),
]
# zero_k [K] = alpha * 0 (shape-only helper so the graph needs no shape ops)
nodes.insert(3, h.make_node("Constant", [], ["zero_f"], value=h.make_tensor("zf", F, [], [0.0])))
nodes.insert(4, h.make_node("Mul", ["alpha", "zero_f"], ["zero_k"]))

graph = h.make_graph(
    nodes,
    "ets_grid",
    [
        h.make_tensor_value_info("y", F, ["B", "T"]),
        h.make_tensor_value_info("m", F, ["B", "T"]),
        h.make_tensor_value_info("l0", F, ["B"]),
        h.make_tensor_value_info("alpha", F, ["K"]),
        h.make_tensor_value_info("beta", F, ["K"]),
        h.make_tensor_value_info("phi", F, ["K"]),
        h.make_tensor_value_info("steps", F, ["H"]),
    ],
    [
        h.make_tensor_value_info("sse", F, ["B", "K"]),
        h.make_tensor_value_info("level", F, ["B", "K"]),
        h.make_tensor_value_info("trend", F, ["B", "K"]),
        h.make_tensor_value_info("forecast", F, ["B", "K", "H"]),
    ],
)
model = h.make_model(graph, opset_imports=[h.make_opsetid("", 17)], producer_name="shelfcast")
model.ir_version = 8
onnx.checker.check_model(model, full_check=True)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ets_grid.onnx")
onnx.save(model, out)
print("wrote", out)
