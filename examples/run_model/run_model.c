/* Loads a pd artifact and runs its forward method on zeros of the first
 * input's shape, with each dynamic dim set to BATCH. The README's example. */
#include <pd_runtime.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: run_model ARTIFACT.so BATCH\n");
    return 2;
  }
  char *error = NULL;
  pd_model *model = pd_model_load(argv[1], &error);
  if (!model) {
    fprintf(stderr, "%s\n", error);
    pd_string_free(error);
    return 1;
  }
  int forward = pd_model_find_method(model, "forward");
  int rank = pd_model_input_rank(model, forward, 0);
  int64_t dims[8];
  for (int i = 0; i < rank && i < 8; ++i) {
    int64_t d = pd_model_input_dims(model, forward, 0)[i];
    dims[i] = d < 0 ? atoll(argv[2]) : d;
  }
  pd_tensor *input = pd_tensor_create(PD_FLOAT32, dims, rank, &error);
  pd_tensor *output = NULL;
  if (!input || pd_model_run(model, forward, &input, 1, &output, 1, &error)) {
    fprintf(stderr, "%s\n", error);
    pd_string_free(error);
    return 1;
  }
  printf("%s: [", pd_model_output_name(model, forward, 0));
  for (int i = 0; i < pd_tensor_rank(output); ++i)
    printf("%s%lld", i ? ", " : "", (long long)pd_tensor_dims(output)[i]);
  printf("], first value %g\n", ((const float *)pd_tensor_data(output))[0]);
  pd_tensor_free(output);
  pd_tensor_free(input);
  pd_model_free(model);
  return 0;
}
