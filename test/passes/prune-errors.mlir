// RUN: pd-opt %s --pd-prune=fetch=nope -verify-diagnostics
// An unknown fetch name lists what can be fetched.

// expected-error@+1 {{unknown fetch target 'nope'; candidates: h}}
func.func @unknown(%x: tensor<4xf32> {pd.name = "x"}) {
  %h = pd.relu %x {pd.names = ["h"]} : (tensor<4xf32>) -> tensor<4xf32>
  return
}
