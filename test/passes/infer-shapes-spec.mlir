// RUN: pd-opt %s -split-input-file --pd-infer-shapes="input-spec=x:-1x100" -verify-diagnostics
// RUN: not pd-opt %s --pd-infer-shapes="input-spec=y:4" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: input spec names 'y', which is not an input of @spec (inputs: x)

// An input spec that contradicts the model is reported at the first op it
// breaks; an op with no shape rule keeps its types, with a warning.
func.func @spec(%arg0: tensor<?x784xf32> {pd.name = "x"}, %w: tensor<784x10xf32>) {
  // expected-warning@+1 {{no shape rule for 'custom': its results keep the types the program declared}}
  %c = "pd.generic"(%arg0) <{type = "custom", inputs = ["X"], input_sizes = array<i32: 1>,
      outputs = ["Out"], output_sizes = array<i32: 1>, attrs = {}}> {pd.names = ["c"]}
      : (tensor<?x784xf32>) -> tensor<?x784xf32>
  // expected-error@+1 {{inner dims differ: 'tensor<?x100xf32>' and 'tensor<784x10xf32>'}}
  %y = pd.matmul_v2 %arg0, %w {pd.names = ["y"]} : (tensor<?x784xf32>, tensor<784x10xf32>) -> tensor<?x10xf32>
  return
}
