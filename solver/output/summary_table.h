#ifndef noxflow_solver_output_summary_table_h
#define noxflow_solver_output_summary_table_h

#include <solver/output/product_outputs.h>
#include <solver/transport/cell_diagnostics.h>
#include <solver/transport/nernst_planck_model.h>

#include <fstream>
#include <string>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief The run summary: one tab-separated row per accepted operating
   * point, flushed at once so a running job can be watched. Current
   * densities in mA/cm2, potentials in V, concentrations in mol/m3 (mM).
   * Written by the first MPI rank only.
   */
  class SummaryTable
  {
  public:
    /// @p cathode and @p anode: electrodes whose potential difference is
    /// the cell voltage (-1 if none). @p products: the product columns;
    /// @p ohmic_names: a name for the ohmic drop of each region of the
    /// reports (CellReport::regions). With @p resume_rows >= 0 the file of
    /// a checkpointed run is kept up to that many rows and continued.
    template <int dim>
    SummaryTable(const std::string              &filename,
                 const NernstPlanckModel<dim>   &model,
                 const ProductOutputs           &products,
                 const std::vector<std::string> &ohmic_names,
                 const int                       cathode,
                 const int                       anode,
                 const bool                      write,
                 const int                       resume_rows = -1);

    void
    add_row(const unsigned int step,
            const double       control_value,
            const CellReport  &report,
            const unsigned int newton_iterations,
            const unsigned int linear_iterations,
            const double       wall_seconds);

    /// Column names, in order.
    const std::vector<std::string> &
    columns() const
    {
      return names;
    }

  private:
    std::string              filename;
    std::ofstream            file;
    std::vector<std::string> names;
    int                      cathode, anode;
    /// Molar feed of each gas (mol/s) with a gas channel fed at a rate.
    std::vector<double>       gas_feed;
    std::vector<unsigned int> reaction_electrode;
    unsigned int              n_ohmic, n_products;
    bool                      with_conversion, with_nitrogen, with_solid;
  };

  /// Cell voltage phi_s(anode) - phi_s(cathode), V.
  double
  cell_voltage(const CellReport &report, const int cathode, const int anode);
} // namespace NOxFlow

#endif
