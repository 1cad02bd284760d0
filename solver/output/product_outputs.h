#ifndef noxflow_solver_output_product_outputs_h
#define noxflow_solver_output_product_outputs_h

#include <solver/output/product_settings.h>
#include <solver/transport/cell_diagnostics.h>
#include <solver/transport/nernst_planck_model.h>

#include <string>
#include <vector>

namespace NOxFlow
{
  /// mmol/(cm2 h) in one mol/(m2 s), the unit of production rates in
  /// outputs (1 mmol/(cm2 h) of NH3 is 214 mA/cm2 at 8 e-).
  constexpr double mmol_per_cm2_h = 1e3 * 3600. / 1e4;

  /**
   * @brief What a cell makes, from the integrals of a CellReport: the
   * Faradaic efficiency and production rate of each product, the
   * conversion of the reactant and the nitrogen balance
   * (`subsection Products`).
   *
   * With equilibria the unknowns are component totals (NH3_total = NH3 +
   * NH4+), so a product or the reactant is counted with its equilibrium
   * partners: as the total whose primary species it is. Everything that
   * can be checked against the model is checked on construction, before a
   * run writes anything.
   */
  class ProductOutputs
  {
  public:
    ProductOutputs() = default;

    /// Throws an InputError naming the Products parameter if a product or
    /// the reactant is not a transported primary species (the
    /// electroneutrality species, or one that an equilibrium makes from
    /// others), if reactions on two electrodes make a product, or if the
    /// nitrogen atoms contradict a homogeneous reaction.
    template <int dim>
    ProductOutputs(const ProductSettings        &settings,
                   const NernstPlanckModel<dim> &model);

    /// Fills report.products, conversion and the nitrogen fields from the
    /// currents, production, inflow and outflow of @p report.
    void
    evaluate(CellReport &report) const;

    /// Product names, in the order of report.products.
    std::vector<std::string>
    product_names() const;

    /// The reactant ("" if none).
    const std::string &
    reactant() const
    {
      return reactant_name;
    }

    bool
    has_nitrogen_balance() const
    {
      return !nitrogen.empty();
    }

  private:
    struct Product
    {
      std::string name;
      double      electrons = 0.;
      /// Mol of the product (with its partners) made per coulomb of each
      /// reaction's current (signed as the current).
      std::vector<double> per_coulomb;
    };

    std::vector<Product> products;
    std::string          reactant_name;
    /// Transported unknown of the reactant (its total) and the species
    /// naming it.
    unsigned int reactant_component = 0;
    unsigned int reactant_primary   = 0;
    /// Nitrogen atoms per species (empty: no balance), and the primary
    /// species of each transported unknown (the N of a total is its
    /// primary's).
    std::vector<double>       nitrogen;
    std::vector<unsigned int> transported_primaries;
    /// Electrode of each reaction.
    std::vector<unsigned int> reaction_electrode;
  };
} // namespace NOxFlow

#endif
