// RUN: not pd-opt %s --pd-infer-shapes="input-spec=x" 2>&1 | FileCheck %s --check-prefix=FORM
// FORM: input spec 'x' is not NAME:DIMS[:DTYPE]
// RUN: not pd-opt %s --pd-infer-shapes="input-spec=x:2xq" 2>&1 | FileCheck %s --check-prefix=DIM
// DIM: input spec 'x:2xq': 'q' is not a dim (a size, -1, ? or None)
// RUN: not pd-opt %s --pd-infer-shapes="input-spec=x:2x4:float128" 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: input spec 'x:2x4:float128': unknown dtype 'float128'
// RUN: pd-opt %s --pd-infer-shapes="input-spec=x:2x4:float16" | FileCheck %s
// CHECK: func.func @f(%arg0: tensor<2x4xf16> {pd.name = "x"})
func.func @f(%arg0: tensor<?x4xf32> {pd.name = "x"}) {
  return
}
