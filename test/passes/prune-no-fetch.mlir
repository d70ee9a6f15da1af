// RUN: pd-opt %s --pd-prune -verify-diagnostics
// A program without fetch ops needs fetch targets.

// expected-error@+1 {{the program has no fetch ops: name its outputs with --fetch (candidates: h)}}
func.func @nofetch(%x: tensor<4xf32> {pd.name = "x"}) {
  %h = pd.relu %x {pd.names = ["h"]} : (tensor<4xf32>) -> tensor<4xf32>
  return
}
