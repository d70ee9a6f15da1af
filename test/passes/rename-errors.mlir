// RUN: echo '{"a": "c", "b": "c"}' > %t.json
// RUN: pd-opt %s --pd-rename-variables="mode=map map-file=%t.json" -verify-diagnostics
// RUN: echo '[1, 2]' > %t.bad.json
// RUN: not pd-opt %s --pd-rename-variables="mode=map map-file=%t.bad.json" 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: not a JSON object of old name to new name
// RUN: not pd-opt %s --pd-rename-variables=mode=sideways 2>&1 | FileCheck %s --check-prefix=MODE
// MODE: unknown rename mode 'sideways' (structured, jit-load or map)

// Never two variables with one name.
// expected-error@+1 {{renaming would give 'a' and 'b' one name, 'c'}}
module {
  pd.parameter @a : tensor<4xf32>
  pd.parameter @b : tensor<4xf32>
}
// RUN: not pd-opt %s --pd-rename-variables="mode=map map-file=%t.nothere.json" 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: nothere.json: No such file or directory
