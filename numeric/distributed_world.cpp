#include "numeric/distributed_world.hpp"

#include <petscsys.h>

#include <cstdlib>
#include <string>

#include "core/error.hpp"

namespace tristage::numeric {

namespace {
World world;
}

bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS", "SLURM_STEP_NUM_TASKS"})
    if (std::getenv(v)) return true;
  return false;
}

const World& current_world() { return world; }

const World& distributed_world() {
  if (world.started) return world;
  if (!launched_by_mpi())
    throw usage_error("the distributed engine runs under MPI: start it as 'mpirun -np P tristage ...' (P processes), "
                      "or choose another engine for one process");
  // PETSc's own signal handlers would take SIGINT from the run's clean interruption.
  int argc = 2;
  char name[] = "tristage", no_handler[] = "-no_signal_handler";
  char* args[] = {name, no_handler, nullptr};
  char** argv = args;
  if (PetscInitialize(&argc, &argv, nullptr, nullptr) != 0)
    throw Error(Exit::resources, "MPI could not be started (PetscInitialize failed): check the mpirun line");
  MPI_Comm_rank(PETSC_COMM_WORLD, &world.rank);
  MPI_Comm_size(PETSC_COMM_WORLD, &world.size);
  MPI_Comm node;
  MPI_Comm_split_type(PETSC_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  MPI_Comm_size(node, &world.node_size);
  MPI_Comm_free(&node);
  world.started = true;
  return world;
}

void on_output_process(const std::function<void()>& step) {
  if (!world.started || world.size == 1) return step();
  int code = 0;
  std::string message;
  if (world.rank == 0) {
    try {
      step();
    } catch (const Error& e) {
      code = static_cast<int>(e.code());
      message = e.what();
    }
  }
  MPI_Bcast(&code, 1, MPI_INT, 0, PETSC_COMM_WORLD);
  if (code == 0) return;
  int length = static_cast<int>(message.size());
  MPI_Bcast(&length, 1, MPI_INT, 0, PETSC_COMM_WORLD);
  message.resize(static_cast<size_t>(length));
  MPI_Bcast(message.data(), length, MPI_CHAR, 0, PETSC_COMM_WORLD);
  throw Error(static_cast<Exit>(code), message);
}

void finish_distributed() {
  if (!world.started) return;
  PetscFinalize();
  world = World{};
}

void abort_distributed(int code) {
  MPI_Abort(PETSC_COMM_WORLD, code);
  std::_Exit(code);
}

}  // namespace tristage::numeric
