//===- ThreadPool.h - the threads a model's kernels run on ------*- C++ -*-===//
//
// A model owns a pool: threads - 1 workers (pthreads, no OpenMP) that the
// compiled code's parallel loops hand pieces to, through the artifact ABI's
// parallel_for. The calling thread takes pieces too. Between jobs of one
// run the workers spin briefly before they sleep, so that a model's
// successive kernels do not pay a wake-up each.
//
//===----------------------------------------------------------------------===//
#ifndef PD_RUNTIME_THREADPOOL_H
#define PD_RUNTIME_THREADPOOL_H

#include "pd/Runtime/ArtifactAbi.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace pd::runtime {

class ThreadPool {
public:
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;

  int threads() const { return int(workers.size()) + 1; }

  /// Runs fn over [0, n) in pieces of at least `grain` iterations on the
  /// pool and the calling thread; returns when all pieces are done. When
  /// another caller holds the pool, or the caller runs a piece of a job
  /// (a nested loop), the loop runs on the calling thread.
  void parallelFor(int64_t n, int64_t grain, pd_task_fn fn, void *data);

private:
  struct Job {
    std::atomic<uint64_t> generation{~uint64_t(0)};
    pd_task_fn fn = nullptr;
    void *data = nullptr;
    int64_t n = 0, grain = 1;
    std::atomic<int64_t> next{0};
    std::atomic<int64_t> done{0};
  };
  /// The iterations to take of the `remaining` of a job of `grain`: a
  /// share that shrinks as the job runs out (guided scheduling), so that
  /// the threads finish together, and at least the grain.
  int64_t pieceFor(int64_t remaining, int64_t grain) const {
    int64_t piece = remaining / (2 * threads());
    piece = piece > grain ? piece : grain;
    return piece < remaining ? piece : remaining;
  }
  void work(Job &job);
  /// `seen`: the generation the pool had when it started the worker, so
  /// that a worker that starts late still takes the first job.
  void workerLoop(uint64_t seen);

  std::vector<std::thread> workers;
  std::mutex busy; // held by the caller whose job the pool runs
  std::mutex lock;
  std::condition_variable wake;
  Job job;
  std::atomic<uint64_t> generation{0};
  /// Workers inside work() now.
  std::atomic<int> inside{0};
  bool stopping = false;
};

} // namespace pd::runtime

#endif // PD_RUNTIME_THREADPOOL_H
