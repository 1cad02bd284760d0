#ifndef noxflow_solver_output_product_settings_h
#define noxflow_solver_output_product_settings_h

#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace NOxFlow
{
  namespace Physics
  {
    class Electrolyte;
  }

  /**
   * @brief `subsection Products`: what the cell is for, so that the run
   * reports it: the reactant whose conversion counts, the products with
   * the electrons each takes from the reactant (for their Faradaic
   * efficiency and production rate), and the nitrogen atoms of each
   * species (for the nitrogen balance).
   */
  struct ProductSettings
  {
    /// A species and a number given for it in the case file.
    struct Entry
    {
      std::string species;
      double      value = 0.;
    };

    /// Species whose conversion 1 - out/in is reported; empty: none.
    std::string reactant;
    /// Products and electrons per molecule made from the reactant.
    std::vector<Entry> faradaic_products;
    /// Nitrogen atoms per species; empty: no nitrogen balance.
    std::vector<Entry> nitrogen_atoms;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Reads `subsection Products`; throws an InputError naming the
    /// parameter for an unknown species, a repeated one or a bad number.
    void
    parse_parameters(dealii::ParameterHandler   &prm,
                     const Physics::Electrolyte &electrolyte);
  };
} // namespace NOxFlow

#endif
