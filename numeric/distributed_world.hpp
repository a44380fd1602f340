#pragma once
// The MPI processes of the distributed engine, through PETSc: started on first use (never for the other engines),
// finished at the program's end. Only rank 0 writes results and speaks on stderr.
#include <functional>

namespace tristage::numeric {

struct World {
  int rank = 0, size = 1;
  int node_size = 1;    // ranks on this machine (they share its memory)
  bool started = false;
};

// Whether the program was started by an MPI launcher (mpirun, srun): read from the environment, starts nothing.
bool launched_by_mpi();

// Starts MPI and PETSc on the first call. Throws a usage error when the program was not started by mpirun.
const World& distributed_world();

// The world as it is: one process unless distributed_world() was called.
const World& current_world();

// Whether this process writes results and messages (rank 0, or not distributed).
inline bool output_process() { return current_world().rank == 0; }

// Runs `step` on the output process alone (e.g. checking the output folder). Under MPI the other ranks learn its
// outcome: when it throws a tristage Error, every rank throws the same, so that all stop alike.
void on_output_process(const std::function<void()>& step);

// PETSc and MPI finished, if started. Call once, at the end.
void finish_distributed();

// After an error on some ranks: every rank stops with `code` (the others may be waiting in a collective).
[[noreturn]] void abort_distributed(int code);

}  // namespace tristage::numeric
