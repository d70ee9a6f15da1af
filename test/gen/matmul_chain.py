#!/usr/bin/env python3
"""Writes a pd-dialect module whose forward is a chain of N matmuls by
16x16 weights (splats), each packed at load time: a model with N
parameters.

  matmul_chain.py N > chain.mlir
"""
import sys

n = int(sys.argv[1])
t = "tensor<?x16xf32>"
w = "tensor<16x16xf32>"
print("module attributes {pd.version = 2005001 : i64} {")
for i in range(n):
    print(f"  pd.parameter @w{i} : {w} = dense<0.01> : {w}")
print(f'  func.func @forward(%feed: {t} {{pd.name = "x"}}) -> ({t} {{pd.name = "y"}}) {{')
print(f'    %x0 = pd.feed %feed {{col = 0 : i32, pd.names = ["x"]}} : ({t}) -> {t}')
for i in range(n):
    print(f"    %w{i} = pd.get_parameter @w{i} : {w}")
    print(f'    %x{i + 1} = pd.matmul_v2 %x{i}, %w{i} {{pd.names = ["m{i}"]}} : ({t}, {w}) -> {t}')
print(f'    %y = pd.fetch %x{n} {{col = 0 : i32, pd.names = ["fetch"]}} : ({t}) -> {t}')
print(f"    return %y : {t}")
print("  }")
print("}")
