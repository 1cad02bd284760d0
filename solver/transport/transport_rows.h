#ifndef noxflow_solver_transport_transport_rows_h
#define noxflow_solver_transport_transport_rows_h

#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/discretization.h>
#include <solver/transport/nernst_planck_model.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief How the transport equations are combined into rows: every row is
   * a weighted sum of species equations, sum_s weight(r, s) (equation of s).
   *
   * Rows 0 .. n_t-1 are the balances of the transported totals (advected),
   * row n_t is charge conservation, sum_s z_s (equation of s), which is not
   * advected since sum_s z_s c_s = 0.
   *
   * With kinetic volume reactions and kinetic_invariants, the species rows
   * are recombined node by node so that each reaction's rate enters one row
   * only (its pivot); the other rows become balances of reaction invariants
   * (e.g. NH3 + NH4+), free of the rate. Each pivot row is then divided by
   * 1 + Da, Da the cell Damkoehler number of its reaction at the node
   * (set_row_scale()), so that a fast rate no longer outweighs every
   * transport residual. Both are invertible row operations, fixed during a
   * Newton solve: the discrete solution and the Newton direction are those
   * of the plain balances; the residual norm (line search, convergence) and
   * the conditioning are not.
   */
  template <int dim>
  class TransportRows
  {
  public:
    TransportRows(const Discretization<dim>    &discretization,
                  const NernstPlanckModel<dim> &model,
                  const bool                    kinetic_invariants);

    unsigned int
    n_rows() const
    {
      return weight_table.size();
    }

    /// Weight of species @p s in row @p r.
    double
    weight(const unsigned int r, const unsigned int s) const
    {
      return weight_table[r][s];
    }

    /// Species with a nonzero weight in row @p r.
    const std::vector<unsigned int> &
    species_of(const unsigned int r) const
    {
      return row_species[r];
    }

    /// Coefficient of the rate of volume reaction @p k in row @p r (exactly
    /// zero where it was eliminated).
    double
    reaction_weight(const unsigned int r, const unsigned int k) const
    {
      return rate_weight[r][k];
    }

    /// kinetic_invariants: sets the factors of the pivot rows from the
    /// rates' derivatives at the ghosted @p solution; otherwise nothing.
    void
    set_row_scale(const dealii::PETScWrappers::MPI::Vector &solution);

    /// Applies the row factors to an assembled Jacobian and vectors (null
    /// pointers are skipped).
    void
    scale(
      dealii::PETScWrappers::MPI::SparseMatrix                *jacobian,
      const std::vector<dealii::PETScWrappers::MPI::Vector *> &vectors) const;

  private:
    /// Gauss-Jordan elimination of the rates (kinetic_invariants).
    void
    eliminate_rates();

    /// Fills weight_table and row_species from row_combination.
    void
    set_weights();

    const Discretization<dim>             &discretization;
    const NernstPlanckModel<dim>          &model;
    std::vector<std::vector<double>>       row_combination;
    std::vector<std::vector<double>>       rate_weight;
    std::vector<std::vector<double>>       weight_table;
    std::vector<std::vector<unsigned int>> row_species;
    /// Row of the species rows that carries volume reaction k, or -1.
    std::vector<int> pivot_row;
    /// int |grad phi_i|^2 of each pivot row's DoF i (zero elsewhere).
    dealii::PETScWrappers::MPI::Vector diffusion_diagonal;
    /// Factor of every row after assembly (1 / (1 + Da) on pivot rows).
    dealii::PETScWrappers::MPI::Vector row_scale;
    bool                               scale_rows = false;
  };
} // namespace NOxFlow

#endif
