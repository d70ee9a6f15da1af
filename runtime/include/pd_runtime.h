/*===- pd_runtime.h - load and run pd's compiled CPU artifacts ----*- C -*-===//
 *
 * An artifact is OUT.so (written by `pd-export --emit=cpu -o OUT`) next to
 * OUT.pdiparams. The runtime maps the parameters, checks every call's inputs
 * against the artifact's signature and never links LLVM or MLIR.
 *
 * Errors: functions that can fail take `char **error`; on failure they
 * return NULL or non-zero and, when `error` is not NULL, set it to a
 * malloc'd one-line message the caller frees with pd_string_free.
 *
 * Threads: one loaded model may run from several threads at once. Its
 * kernels run on a pool of threads the model owns (pd_model_set_threads;
 * by default one per core); outputs are the same, bit for bit, at any
 * thread count.
 *===----------------------------------------------------------------------===*/
#ifndef PD_RUNTIME_H
#define PD_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#if defined(PD_RUNTIME_EXPORT)
#define PD_API __attribute__((visibility("default")))
#else
#define PD_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Element types; the values are Paddle's VarType codes. */
typedef enum {
  PD_BOOL = 0, PD_INT16 = 1, PD_INT32 = 2, PD_INT64 = 3, PD_FLOAT16 = 4,
  PD_FLOAT32 = 5, PD_FLOAT64 = 6, PD_UINT8 = 20, PD_INT8 = 21,
  PD_BFLOAT16 = 22
} pd_dtype;

typedef struct pd_tensor pd_tensor;
typedef struct pd_model pd_model;

/* Tensors. create: zero-filled, owned; wrap: the caller's memory, which must
 * outlive the tensor and is never freed by the runtime. */
PD_API pd_tensor *pd_tensor_create(pd_dtype dtype, const int64_t *dims, int rank,
                            char **error);
PD_API pd_tensor *pd_tensor_wrap(pd_dtype dtype, const int64_t *dims, int rank,
                          void *data, char **error);
PD_API void pd_tensor_free(pd_tensor *tensor);
PD_API pd_dtype pd_tensor_dtype(const pd_tensor *tensor);
PD_API int pd_tensor_rank(const pd_tensor *tensor);
PD_API const int64_t *pd_tensor_dims(const pd_tensor *tensor);
PD_API void *pd_tensor_data(pd_tensor *tensor);
PD_API size_t pd_tensor_size_bytes(const pd_tensor *tensor);

/* Models. `path` is the artifact OUT.so; its parameters are OUT.pdiparams. */
PD_API pd_model *pd_model_load(const char *path, char **error);
PD_API void pd_model_free(pd_model *model);

/* The signature: methods, and each method's inputs and outputs (dims use -1
 * for a dynamic dim). Indices count from 0; names stay valid with the model. */
PD_API const char *pd_model_signature_json(const pd_model *model);
PD_API int pd_model_method_count(const pd_model *model);
PD_API const char *pd_model_method_name(const pd_model *model, int method);
PD_API int pd_model_input_count(const pd_model *model, int method);
PD_API int pd_model_output_count(const pd_model *model, int method);
PD_API const char *pd_model_input_name(const pd_model *model, int method, int input);
PD_API const char *pd_model_output_name(const pd_model *model, int method, int output);
PD_API pd_dtype pd_model_input_dtype(const pd_model *model, int method, int input);
PD_API int pd_model_input_rank(const pd_model *model, int method, int input);
PD_API const int64_t *pd_model_input_dims(const pd_model *model, int method, int input);
/* The index of method `name`, or -1. */
PD_API int pd_model_find_method(const pd_model *model, const char *name);

/* Runs `method` on `inputs` (in signature order) into `outputs[0..num_outputs)`:
 * an entry that is NULL receives a new tensor the caller frees; an entry
 * that holds a tensor (of the output's dtype and, after the run, its dims:
 * one from an earlier run, say) is written in place, so that a steady loop
 * of runs allocates nothing; the kernel that computes a result may write it
 * there directly (when the tensor is 64-byte aligned, as pd_tensor_create
 * makes it, and shares no memory with an input). Some dims are known only
 * after the run (-1 in the signature, and not an input's: the boxes NMS
 * keeps): a tensor of other dims that pd_tensor_create made (or an earlier
 * run) is given the run's dims and memory; one of pd_tensor_wrap's is an
 * error. pd_tensor_rank/pd_tensor_dims then say what the run made. After a
 * failed run an output's contents are unspecified. */
PD_API int pd_model_run(pd_model *model, int method, pd_tensor *const *inputs,
                 int num_inputs, pd_tensor **outputs, int num_outputs,
                 char **error);

/* The number of threads the model's kernels run on (1 or more; by default
 * the machine's cores). Not to be called while the model runs. */
PD_API int pd_model_set_threads(pd_model *model, int threads, char **error);
PD_API int pd_model_thread_count(const pd_model *model);

PD_API void pd_string_free(char *string);

#ifdef __cplusplus
}
#endif

#endif /* PD_RUNTIME_H */
