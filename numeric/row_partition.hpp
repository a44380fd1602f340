#pragma once
// How the n rows of K, of the Krylov basis and of every n-vector are split among processes. One process holds all
// of them (the serial engines); under MPI each rank holds one contiguous block (the distributed engine). Every
// reduction the Krylov process and the observables need goes through here, so the same code runs on either.
#include <Eigen/Dense>

namespace tristage::numeric {

class RowPartition {
 public:
  RowPartition(long n, long first, long count) : n_(n), first_(first), count_(count) {}
  virtual ~RowPartition() = default;

  long size() const { return n_; }         // n: all rows
  long first() const { return first_; }    // this process's rows are [first, first + count)
  long count() const { return count_; }

  // values[0..length) summed over all processes, in place (one process: nothing to do).
  virtual void sum(double* values, long length) const { (void)values, (void)length; }
  // The local rows of every process stacked: rows x cols on every process (one process: the block itself).
  virtual Eigen::MatrixXd gather(const Eigen::MatrixXd& local) const { return local; }
  virtual int processes() const { return 1; }

 private:
  long n_, first_, count_;
};

// One process, all rows.
inline RowPartition whole_rows(long n) { return RowPartition(n, 0, n); }

}  // namespace tristage::numeric
