//===- DataMovement.td - shapes and data movement ----------*- tablegen -*-===//
//
// Ops that move, slice, join or describe data without arithmetic.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_DATAMOVEMENT_TD
#define PD_OPS_DATAMOVEMENT_TD

include "pd/Dialect/PdBase.td"

def Pd_Reshape2Op : Pd_PaddleOp<"reshape2",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$Shape_,
         Variadic<Pd_Tensor>:$ShapeTensor),
    (ins Pd_INTS:$shape),
    (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$XShape),
    [AttrSizedOperandSegments]> {
  let pirName = "pd_op.reshape";
  let pirOperands = ["X", "=shape|Shape|ShapeTensor"];
  let shapeRule = [{ return reshape(*this, resultTypes); }];
  let summary = "reshape (0 copies a dim, -1 infers one)";
}
def Pd_Transpose2Op : Pd_PaddleOp<"transpose2", (ins Pd_Tensor:$X),
    (ins Pd_INTS:$axis), (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$XShape)> {
  let pirName = "pd_op.transpose";
  let pirOperands = ["X"];
  let pirAttrs = ["axis=perm"];
  let shapeRule = [{ return transpose(*this, resultTypes); }];
  let summary = "permute dims by `axis`";
}
def Pd_FlattenContiguousRangeOp : Pd_PaddleOp<"flatten_contiguous_range",
    (ins Pd_Tensor:$X), (ins Pd_INT:$start_axis, Pd_INT:$stop_axis),
    (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$XShape)> {
  let pirName = "pd_op.flatten";
  let pirOperands = ["X"];
  let shapeRule = [{ return flatten(*this, resultTypes); }];
  let summary = "merge dims start_axis..stop_axis into one";
}
def Pd_Squeeze2Op : Pd_PaddleOp<"squeeze2", (ins Pd_Tensor:$X),
    (ins Pd_INTS:$axes), (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$XShape)> {
  let pirName = "pd_op.squeeze";
  let pirOperands = ["X", "=axes"];
  let shapeRule = [{ return squeeze(*this, resultTypes); }];
  let summary = "drop size-1 dims listed in `axes` (all when empty)";
}
def Pd_Unsqueeze2Op : Pd_PaddleOp<"unsqueeze2",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$AxesTensor,
         Variadic<Pd_Tensor>:$AxesTensorList),
    (ins Pd_INTS:$axes), (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$XShape),
    [AttrSizedOperandSegments]> {
  let pirName = "pd_op.unsqueeze";
  let pirOperands = ["X", "=axes"];
  let shapeRule = [{ return unsqueeze(*this, resultTypes); }];
  let summary = "insert size-1 dims at `axes`";
}
// PIR gives the inputs as one vector (builtin.combine) and the axis as a
// pd_op.full.
def Pd_ConcatOp : Pd_PaddleOp<"concat",
    (ins Variadic<Pd_Tensor>:$X, Optional<Pd_Tensor>:$AxisTensor),
    (ins Pd_INT:$axis), (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  let pirName = "pd_op.concat";
  let pirOperands = ["X", "=axis"];
  let shapeRule = [{ return concat(*this, resultTypes); }];
  let summary = "concatenate along `axis`";
}
// fluid's concat of a window of columns of each input.
def Pd_PartialConcatOp : Pd_PaddleOp<"partial_concat", (ins Variadic<Pd_Tensor>:$X),
    (ins Pd_INT:$start_index, Pd_INT:$length), (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.partial_concat";
  let pirOperands = ["X"];
  let shapeRule = [{ return partial(*this, resultTypes, true); }];
  let summary = "columns [start_index, + length) of [N, D] tensors, side by side";
}
// PIR's outputs are one vector that a builtin.split takes apart; the
// sections are a pd_op.full_int_array, the axis a pd_op.full.
def Pd_SplitOp : Pd_PaddleOp<"split",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$AxisTensor,
         Variadic<Pd_Tensor>:$SectionsTensorList),
    (ins Pd_INT:$axis, Pd_INT:$num, Pd_INTS:$sections),
    (outs Variadic<Pd_Tensor>:$Out), [AttrSizedOperandSegments]> {
  let pirName = "pd_op.split";
  let pirOperands = ["X", "=sections", "=axis"];
  let pirForms = [Pd_PirForm<"pd_op.split_with_num", ["X", "=axis"]>];
  let shapeRule = [{ return split(*this, resultTypes); }];
  let summary = "split X along `axis` into `num` equal parts, or `sections` (one may be -1)";
}
def Pd_StackOp : Pd_PaddleOp<"stack", (ins Variadic<Pd_Tensor>:$X),
    (ins Pd_INT:$axis), (outs Pd_Tensor:$Y)> {
  let pirName = "pd_op.stack";
  let pirOperands = ["X"];
  let shapeRule = [{ return stack(*this, resultTypes); }];
  let summary = "join tensors of one shape along a new dim `axis`";
}
// Rows of W by index. v1 reads Ids [..., 1] (its last dim goes).
def Pd_LookupTableV2Op : Pd_PaddleOp<"lookup_table_v2",
    (ins Pd_Tensor:$Ids, Pd_Tensor:$W), (ins Pd_LONG:$padding_idx),
    (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.embedding";
  let pirOperands = ["Ids", "W"];
  let shapeRule = [{ return lookupTable(*this, /*dropLastOne=*/false, resultTypes); }];
  let summary = "W[Ids] (rows of zeros where Ids is padding_idx, unless -1)";
}
def Pd_LookupTableOp : Pd_PaddleOp<"lookup_table",
    (ins Pd_Tensor:$W, Pd_Tensor:$Ids), (ins Pd_LONG:$padding_idx),
    (outs Pd_Tensor:$Out)> {
  let shapeRule = [{ return lookupTable(*this, /*dropLastOne=*/true, resultTypes); }];
  let summary = "W[Ids] of Ids [..., 1] (fluid 1.x's embedding)";
}
def Pd_SliceOp : Pd_PaddleOp<"slice",
    (ins Pd_Tensor:$Input, Optional<Pd_Tensor>:$StartsTensor,
         Optional<Pd_Tensor>:$EndsTensor, Variadic<Pd_Tensor>:$StartsTensorList,
         Variadic<Pd_Tensor>:$EndsTensorList),
    (ins Pd_INTS:$axes, Pd_INTS:$starts, Pd_INTS:$ends,
         Pd_INTS:$decrease_axis, Pd_INTS:$infer_flags),
    (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  let pirName = "pd_op.slice";
  let pirOperands = ["Input", "=starts|StartsTensor|StartsTensorList",
                       "=ends|EndsTensor|EndsTensorList"];
  let shapeRule = [{ return slice(*this, resultTypes); }];
  let summary = "slice [starts, ends) along `axes`";
}
def Pd_StridedSliceOp : Pd_PaddleOp<"strided_slice",
    (ins Pd_Tensor:$Input, Optional<Pd_Tensor>:$StartsTensor,
         Optional<Pd_Tensor>:$EndsTensor, Optional<Pd_Tensor>:$StridesTensor,
         Variadic<Pd_Tensor>:$StartsTensorList, Variadic<Pd_Tensor>:$EndsTensorList,
         Variadic<Pd_Tensor>:$StridesTensorList),
    (ins Pd_INTS:$axes, Pd_INTS:$starts, Pd_INTS:$ends, Pd_INTS:$strides,
         Pd_INTS:$decrease_axis, Pd_INTS:$infer_flags),
    (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  let pirName = "pd_op.strided_slice";
  let pirOperands = ["Input", "=starts|StartsTensor|StartsTensorList",
                       "=ends|EndsTensor|EndsTensorList",
                       "=strides|StridesTensor|StridesTensorList"];
  let shapeRule = [{ return slice(*this, resultTypes); }];
  let summary = "every stride-th element of [starts, ends) along `axes`";
}
// Input with a strided window replaced by a value (`x[1:4:2] = v`, what
// dy2static writes for an assignment to a slice): the window as
// strided_slice takes it, the value from ValueTensor or the `values`
// attribute (Paddle 2.x: fp32_values and its siblings) of `shape`,
// broadcast to the window without its decrease_axes and with size-1 dims
// at none_axes.
def Pd_SetValueOp : Pd_PaddleOp<"set_value",
    (ins Pd_Tensor:$Input, Optional<Pd_Tensor>:$ValueTensor,
         Variadic<Pd_Tensor>:$StartsTensorList, Variadic<Pd_Tensor>:$EndsTensorList,
         Variadic<Pd_Tensor>:$StepsTensorList),
    (ins Pd_LONGS:$axes, Pd_LONGS:$starts, Pd_LONGS:$ends, Pd_LONGS:$steps,
         Pd_LONGS:$decrease_axes, Pd_LONGS:$none_axes, Pd_LONGS:$shape,
         Pd_INT:$dtype, Pd_SCALARS:$values, Pd_FLOATS:$fp32_values,
         Pd_FLOAT64S:$fp64_values, Pd_INTS:$int32_values,
         Pd_LONGS:$int64_values, Pd_BOOLEANS:$bool_values,
         Pd_FLOATS:$fp16_values),
    (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  let pirName = "pd_op.set_value_with_tensor_";
  let pirOperands = ["Input", "ValueTensor", "=starts||StartsTensorList",
                     "=ends||EndsTensorList", "=steps||StepsTensorList"];
  let pirForms = [
    Pd_PirForm<"pd_op.set_value_with_tensor",
               ["Input", "ValueTensor", "=starts||StartsTensorList",
                "=ends||EndsTensorList", "=steps||StepsTensorList"]>,
    Pd_PirForm<"pd_op.set_value_", ["Input", "=starts||StartsTensorList",
                                    "=ends||EndsTensorList", "=steps||StepsTensorList"]>,
    Pd_PirForm<"pd_op.set_value", ["Input", "=starts||StartsTensorList",
                                   "=ends||EndsTensorList", "=steps||StepsTensorList"]>];
  let shapeRule = [{ return setValue(*this, resultTypes); }];
  let summary = "Input with a strided window set to a value";
}
// Rows (slices along `axis`) of X by index.
def Pd_GatherOp : Pd_PaddleOp<"gather",
    (ins Pd_Tensor:$X, Pd_Tensor:$Index, Optional<Pd_Tensor>:$Axis_),
    (ins Pd_INT:$axis, Pd_BOOLEAN:$overwrite), (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.gather";
  let pirOperands = ["X", "Index", "=axis"];
  let shapeRule = [{ return gather(*this, resultTypes); }];
  let summary = "slices of X along `axis` at Index (1-D)";
}
// X broadcast to `shape` (-1 keeps a dim).
def Pd_ExpandV2Op : Pd_PaddleOp<"expand_v2",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$Shape_,
         Variadic<Pd_Tensor>:$expand_shapes_tensor),
    (ins Pd_INTS:$shape), (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  let pirName = "pd_op.expand";
  let pirOperands = ["X", "=shape|Shape|expand_shapes_tensor"];
  let shapeRule = [{ return expand(*this, resultTypes); }];
  let summary = "X broadcast to `shape` (-1 keeps X's dim)";
}
def Pd_TileOp : Pd_PaddleOp<"tile",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$RepeatTimes_,
         Variadic<Pd_Tensor>:$repeat_times_tensor),
    (ins Pd_INTS:$repeat_times), (outs Pd_Tensor:$Out),
    [AttrSizedOperandSegments]> {
  let pirName = "pd_op.tile";
  let pirOperands = ["X", "=repeat_times|RepeatTimes|repeat_times_tensor"];
  let shapeRule = [{ return tile(*this, resultTypes); }];
  let summary = "X repeated `repeat_times` times along each dim";
}
// v1 of expand_v2: a tile (X repeated, not broadcast), one count per dim.
def Pd_ExpandOp : Pd_PaddleOp<"expand",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$ExpandTimes_,
         Variadic<Pd_Tensor>:$expand_times_tensor),
    (ins Pd_INTS:$expand_times), (outs Pd_Tensor:$Out),
    [AttrSizedOperandSegments]> {
  let shapeRule = [{ return tile(*this, resultTypes, "expand_times"); }];
  let summary = "X repeated `expand_times` times along each dim (fluid's tile)";
}
def Pd_PixelShuffleOp : Pd_UnaryOp<"pixel_shuffle",
    (ins Pd_INT:$upscale_factor, Pd_STRING:$data_format)> {
  let pirName = "pd_op.pixel_shuffle";
  let pirOperands = ["X"];
  let shapeRule = [{ return pixelShuffle(*this, resultTypes); }];
  let summary = "[N, C r^2, H, W] to [N, C, H r, W r]";
}
// fluid's flatten: a matrix of the dims before `axis` by those from it.
def Pd_Flatten2Op : Pd_PaddleOp<"flatten2", (ins Pd_Tensor:$X), (ins Pd_INT:$axis),
    (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$XShape)> {
  let shapeRule = [{ return flatten2(*this, resultTypes); }];
  let summary = "X as a matrix [dims before axis, dims from axis]";
}
// Each Out[i] is X[i] (1-D) broadcast along dim i of [len(X[0]), ...].
def Pd_MeshgridOp : Pd_PaddleOp<"meshgrid", (ins Variadic<Pd_Tensor>:$X), (ins),
    (outs Variadic<Pd_Tensor>:$Out)> {
  let pirName = "pd_op.meshgrid";
  let pirOperands = ["X"];
  let shapeRule = [{ return meshgrid(*this, resultTypes); }];
  let summary = "coordinate grids of 1-D tensors";
}
def Pd_ShapeOp : Pd_PaddleOp<"shape", (ins Pd_Tensor:$Input), (ins),
                             (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.shape";
  let pirOperands = ["Input"];
  let shapeRule = [{ return shapeOf(*this, 32, resultTypes); }];
  let summary = "the dims of Input as an int32 tensor";
}
// Paddle 3's int64 twin, with lower-case slots.
def Pd_Shape64Op : Pd_PaddleOp<"shape64", (ins Pd_Tensor:$input), (ins),
                               (outs Pd_Tensor:$out)> {
  let pirName = "pd_op.shape64";
  let pirOperands = ["input"];
  let shapeRule = [{ return shapeOf(*this, 64, resultTypes); }];
  let summary = "the dims of input as an int64 tensor";
}

// Constant padding of any rank (F.pad given 2 * rank paddings); PIR takes
// pad_value from a pd_op.full.
def Pd_PadOp : Pd_PaddleOp<"pad", (ins Pd_Tensor:$X),
    (ins Pd_INTS:$paddings, Pd_FLOAT:$pad_value), (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.pad";
  let pirOperands = ["X", "=pad_value"];
  let shapeRule = [{ return pad(*this, resultTypes); }];
  let summary = "paddings[2i] pad_values before dim i and paddings[2i + 1] after it";
}
// pad3d pads a 5-D tensor; Paddle pads a 4-D one through it (unsqueeze,
// pad3d, squeeze).
def Pd_Pad3dOp : Pd_PaddleOp<"pad3d",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$Paddings_),
    (ins Pd_INTS:$paddings, Pd_STRING:$mode, Pd_FLOAT:$value,
         Pd_STRING:$data_format),
    (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.pad3d";
  let pirOperands = ["X", "=paddings"];
  let pirAttrs = ["value=pad_value"];
  let shapeRule = [{ return pad3d(*this, resultTypes); }];
  let summary = "padding of W, H and D: constant, reflect, replicate or circular";
}
def Pd_FlipOp : Pd_UnaryOp<"flip", (ins Pd_INTS:$axis)> {
  let pirName = "pd_op.flip";
  let pirOperands = ["X"];
  let summary = "X with the order of `axis` reversed";
}
def Pd_IndexSelectOp : Pd_PaddleOp<"index_select",
    (ins Pd_Tensor:$X, Pd_Tensor:$Index), (ins Pd_INT:$dim),
    (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.index_select";
  let pirOperands = ["X", "Index"];
  let pirAttrs = ["dim=axis"];
  let shapeRule = [{ return indexSelect(*this, resultTypes); }];
  let summary = "out[.., i, ..] = X[.., Index[i], ..] along `dim`";
}

// Selections whose size depends on the data: the first K rows of buffers
// of the largest size (K counted as they are filled).
def Pd_WhereIndexOp : Pd_PaddleOp<"where_index", (ins Pd_Tensor:$Condition),
    (ins), (outs Pd_Tensor:$Out), [Pd_DataDependentShape]> {
  let pirName = "pd_op.nonzero";
  let pirOperands = ["Condition"];
  let shapeRule = [{ return whereIndex(*this, resultTypes); }];
  let summary = "the indices of Condition's non-zero elements, in row-major order";
}
// X's distinct values (of the flattened X, or slices along `axis`): in
// ascending order (`is_sorted`, what paddle.unique writes) or in the order
// they first appear (fluid's unique), with the position of each one's first
// occurrence (Indices), each element's unique value (Index, the inverse) and
// how often each occurs (Counts), in int32 or int64 (`dtype`). Fluid wrote
// only Out and Index.
def Pd_UniqueOp : Pd_PaddleOp<"unique", (ins Pd_Tensor:$X),
    (ins Pd_INT:$dtype, Pd_BOOLEAN:$return_index, Pd_BOOLEAN:$return_inverse,
         Pd_BOOLEAN:$return_counts, Pd_INTS:$axis, Pd_BOOLEAN:$is_sorted),
    (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$Indices, Optional<Pd_Tensor>:$Index,
          Optional<Pd_Tensor>:$Counts),
    [Pd_DataDependentShape, AttrSizedResultSegments]> {
  let pirName = "pd_op.unique";
  let pirOperands = ["X"];
  let shapeRule = [{
    return unique(*this, resultTypes, {getIndices() != nullptr,
                                       getIndex() != nullptr,
                                       getCounts() != nullptr});
  }];
  let summary = "the distinct values of X, their first positions, the inverse and counts";
}
def Pd_MaskedSelectOp : Pd_PaddleOp<"masked_select",
    (ins Pd_Tensor:$X, Pd_Tensor:$Mask), (ins), (outs Pd_Tensor:$Y),
    [Pd_DataDependentShape]> {
  let pirName = "pd_op.masked_select";
  let pirOperands = ["X", "Mask"];
  let shapeRule = [{ return maskedSelect(*this, resultTypes); }];
  let summary = "X's elements where Mask holds, in row-major order";
}

// X shifted cyclically by `shifts` along `axis` (the flattened X when axis
// is empty).
def Pd_RollOp : Pd_PaddleOp<"roll",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$ShiftsTensor),
    (ins Pd_LONGS:$shifts, Pd_LONGS:$axis), (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.roll";
  let pirOperands = ["X", "=shifts|ShiftsTensor"];
  let shapeRule = Pd_SameAsX;
  let summary = "X rolled by `shifts` along `axis`";
}

// The lower (upper) triangle of the last two dims from the `diagonal`-th
// diagonal on, zeros elsewhere. PIR has tril and triu.
def Pd_TrilTriuOp : Pd_UnaryOp<"tril_triu", (ins Pd_INT:$diagonal, Pd_BOOLEAN:$lower)> {
  let pirName = "pd_op.tril";
  let pirOperands = ["X"];
  let pirDefaults = ["lower=1"];
  let pirForms = [Pd_PirForm<"pd_op.triu", ["X"], [], ["lower=0"]>];
  let summary = "the lower or upper triangle of the last two dims";
}

// out[n, k] = X[n, Index[n, k]].
def Pd_IndexSampleOp : Pd_PaddleOp<"index_sample",
    (ins Pd_Tensor:$X, Pd_Tensor:$Index), (ins), (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.index_sample";
  let pirOperands = ["X", "Index"];
  let shapeRule = [{ return indexSample(*this, resultTypes); }];
  let summary = "per row of X, the elements at the row's indices";
}

// Input's elements at Index along `Axis` (Index's shape).
def Pd_TakeAlongAxisOp : Pd_PaddleOp<"take_along_axis",
    (ins Pd_Tensor:$Input, Pd_Tensor:$Index), (ins Pd_INT:$Axis),
    (outs Pd_Tensor:$Result)> {
  let pirName = "pd_op.take_along_axis";
  let pirOperands = ["Input", "Index"];
  let pirAttrs = ["Axis=axis"];
  let shapeRule = [{ return takeAlongAxis(*this, resultTypes); }];
  let summary = "Input's elements at Index along `Axis`";
}

// X's slices at the leading coordinates Index's last dim gives.
def Pd_GatherNdOp : Pd_PaddleOp<"gather_nd",
    (ins Pd_Tensor:$X, Pd_Tensor:$Index), (ins), (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.gather_nd";
  let pirOperands = ["X", "Index"];
  let shapeRule = [{ return gatherNd(*this, resultTypes); }];
  let summary = "slices of X at the coordinates in Index's last dim";
}

// X with its rows (first-dim slices) at Ids written in order from Updates'
// rows: replaced (the last of equal ids wins), or without `overwrite`
// zeroed and then summed into. Ids is 0-D, [n] or [n, 1].
def Pd_ScatterOp : Pd_PaddleOp<"scatter",
    (ins Pd_Tensor:$X, Pd_Tensor:$Ids, Pd_Tensor:$Updates),
    (ins Pd_BOOLEAN:$overwrite), (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.scatter";
  let pirOperands = ["X", "Ids", "Updates"];
  let pirForms = [Pd_PirForm<"pd_op.scatter_", ["X", "Ids", "Updates"]>];
  let shapeRule = [{ return scatter(*this, resultTypes); }];
  let summary = "X with the rows at Ids replaced by (or summed from) Updates";
}

// X with Updates' slices added in order at the leading coordinates that
// Index's last dim gives (gather_nd's inverse).
def Pd_ScatterNdAddOp : Pd_PaddleOp<"scatter_nd_add",
    (ins Pd_Tensor:$X, Pd_Tensor:$Index, Pd_Tensor:$Updates), (ins),
    (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.scatter_nd_add";
  let pirOperands = ["X", "Index", "Updates"];
  let shapeRule = [{ return scatterNdAdd(*this, resultTypes); }];
  let summary = "X with Updates added at the coordinates in Index's last dim";
}

// X's slices along `axis`, that dim dropped: one result per index.
def Pd_UnbindOp : Pd_PaddleOp<"unbind", (ins Pd_Tensor:$X), (ins Pd_INT:$axis),
                              (outs Variadic<Pd_Tensor>:$Out)> {
  let pirName = "pd_op.unbind";
  let pirOperands = ["X"];
  let shapeRule = [{ return unstack(*this, resultTypes); }];
  let summary = "the slices of X along `axis`";
}
def Pd_UnstackOp : Pd_PaddleOp<"unstack", (ins Pd_Tensor:$X),
                               (ins Pd_INT:$axis, Pd_INT:$num),
                               (outs Variadic<Pd_Tensor>:$Y)> {
  let pirName = "pd_op.unstack";
  let pirOperands = ["X"];
  let shapeRule = [{ return unstack(*this, resultTypes); }];
  let summary = "the slices of X along `axis` (stack's inverse)";
}

// X broadcast to Y's shape (to `target_shape`, -1 keeping X's dim, when Y
// is absent).
def Pd_ExpandAsV2Op : Pd_PaddleOp<"expand_as_v2",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$Y), (ins Pd_INTS:$target_shape),
    (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.expand_as";
  let pirOperands = ["X", "Y"];
  let shapeRule = [{ return expandAs(*this, resultTypes); }];
  let summary = "X broadcast to Y's shape";
}

// Each slice of X along `dim` repeated `Repeats` times in place.
def Pd_RepeatInterleaveOp : Pd_PaddleOp<"repeat_interleave",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$RepeatsTensor),
    (ins Pd_INT:$Repeats, Pd_INT:$dim), (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.repeat_interleave";
  let pirOperands = ["X"];
  let pirAttrs = ["Repeats=repeats", "dim=axis"];
  let shapeRule = [{ return repeatInterleave(*this, resultTypes); }];
  let summary = "slices of X along `dim`, each repeated";
}

// im2col: the kernel_sizes windows of X [N, C, H, W] as columns of
// [N, C * kh * kw, L]; paddings [top, left, bottom, right] are zeros.
def Pd_UnfoldOp : Pd_PaddleOp<"unfold", (ins Pd_Tensor:$X),
    (ins Pd_INTS:$kernel_sizes, Pd_INTS:$strides, Pd_INTS:$paddings,
         Pd_INTS:$dilations),
    (outs Pd_Tensor:$Y)> {
  let pirName = "pd_op.unfold";
  let pirOperands = ["X"];
  let shapeRule = [{ return unfold(*this, resultTypes); }];
  let summary = "sliding windows of an image as columns";
}

// TSM's shift of [N * seg_num, C, H, W] along time: the first
// C * shift_ratio channels take the previous segment's, the next as many
// the following segment's (zeros past the ends).
def Pd_TemporalShiftOp : Pd_UnaryOp<"temporal_shift",
    (ins Pd_INT:$seg_num, Pd_FLOAT:$shift_ratio, Pd_STRING:$data_format)> {
  let pirName = "pd_op.temporal_shift";
  let pirOperands = ["X"];
  let summary = "channels shifted along time segments";
}

#endif // PD_OPS_DATAMOVEMENT_TD
