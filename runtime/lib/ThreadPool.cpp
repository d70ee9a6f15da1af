//===- ThreadPool.cpp - the threads a model's kernels run on ----------------===//
//
// One job at a time. The caller publishes it (fields, then its generation),
// wakes the workers and takes pieces itself; a worker takes pieces only of
// the job whose generation it woke for. Before publishing the next job the
// caller waits until no worker is inside the last one, and it retracts the
// last job's generation first, so a late worker never reads fields that are
// being rewritten.
//
//===----------------------------------------------------------------------===//

#include "ThreadPool.h"

#include <chrono>

using namespace pd::runtime;

namespace {
constexpr uint64_t kNoJob = ~uint64_t(0);
/// Whether this thread runs a piece of a job now: a parallel loop inside
/// one (a kernel that a task calls) runs on this thread.
thread_local bool inPiece = false;

/// Step `spins` of a busy wait: first pauses (a few microseconds, no
/// system call, so a job of a band's tiles reaches a spinning worker at
/// once), then yields, so that more threads than cores still progress.
inline void relax(int spins) {
#if defined(__x86_64__) || defined(__i386__)
  if (spins < 256) {
    __builtin_ia32_pause();
    return;
  }
#endif
  std::this_thread::yield();
}
}

ThreadPool::ThreadPool(int threads) {
  for (int i = 1; i < threads; ++i)
    workers.emplace_back([this] { workerLoop(0); });
  // (A worker that starts after the destructor began sees `stopping`.)
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> guard(lock);
    stopping = true;
    generation.fetch_add(1);
  }
  wake.notify_all();
  for (std::thread &worker : workers)
    worker.join();
}

void ThreadPool::work(Job &j) {
  inPiece = true;
  int64_t begin = j.next.load(std::memory_order_relaxed);
  while (begin < j.n) {
    int64_t end = begin + pieceFor(j.n - begin, j.grain);
    if (!j.next.compare_exchange_weak(begin, end, std::memory_order_relaxed))
      continue;
    j.fn(j.data, begin, end);
    j.done.fetch_add(end - begin, std::memory_order_acq_rel);
    begin = j.next.load(std::memory_order_relaxed);
  }
  inPiece = false;
}

void ThreadPool::workerLoop(uint64_t seen) {
  for (;;) {
    // Spin a little (a run's next kernel comes soon), then sleep.
    auto spinUntil = std::chrono::steady_clock::now() + std::chrono::microseconds(200);
    for (int spins = 1; generation.load() == seen; ++spins) {
      if (spins % 64 == 0 && std::chrono::steady_clock::now() >= spinUntil)
        break;
      relax(spins);
    }
    {
      std::unique_lock<std::mutex> guard(lock);
      wake.wait(guard, [&] { return stopping || generation.load() != seen; });
      if (stopping)
        return;
    }
    seen = generation.load();
    inside.fetch_add(1);
    if (job.generation.load() == seen)
      work(job);
    inside.fetch_sub(1);
  }
}

void ThreadPool::parallelFor(int64_t n, int64_t grain, pd_task_fn fn,
                             void *data) {
  if (n <= 0)
    return;
  if (workers.empty() || n <= grain || inPiece || !busy.try_lock()) {
    fn(data, 0, n);
    return;
  }
  job.generation.store(kNoJob);
  while (inside.load() != 0)
    std::this_thread::yield();
  job.fn = fn;
  job.data = data;
  job.n = n;
  job.grain = grain;
  job.next.store(0, std::memory_order_relaxed);
  job.done.store(0, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> guard(lock);
    job.generation.store(generation.fetch_add(1) + 1);
  }
  wake.notify_all();
  work(job);
  for (int spins = 0; job.done.load(std::memory_order_acquire) < n; ++spins)
    relax(spins);
  busy.unlock();
}
