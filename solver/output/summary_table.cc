#include <solver/output/output_error.h>
#include <solver/output/summary_table.h>

#include <fstream>
#include <iomanip>
#include <limits>

namespace NOxFlow
{
  namespace
  {
    /// A/m2 -> mA/cm2.
    constexpr double to_ma_per_cm2 = 0.1;
  } // namespace

  double
  cell_voltage(const CellReport &report, const int cathode, const int anode)
  {
    if (cathode < 0 || anode < 0)
      return std::numeric_limits<double>::quiet_NaN();
    return report.electrodes[anode].potential -
           report.electrodes[cathode].potential;
  }

  template <int dim>
  SummaryTable::SummaryTable(const std::string              &filename,
                             const NernstPlanckModel<dim>   &model,
                             const ProductOutputs           &products,
                             const std::vector<std::string> &ohmic_names,
                             const int                       cathode,
                             const int                       anode,
                             const bool                      write,
                             const int                       resume_rows)
    : filename(filename)
    , cathode(cathode)
    , anode(anode)
    , reaction_electrode(model.reaction_electrode)
    , n_ohmic(ohmic_names.size())
    , n_products(products.product_names().size())
    , with_conversion(!products.reactant().empty())
    , with_nitrogen(products.has_nitrogen_balance())
    , with_solid(model.has_solid_phase())
  {
    const auto &e = model.electrolyte;
    names         = {"step",
                     "control",
                     "U_cell_V",
                     "U_eq_V",
                     "U_kin_cathode_V",
                     "U_kin_anode_V"};
    for (const auto &name : ohmic_names)
      names.push_back("U_ohm_" + name + "_V");
    if (with_solid)
      for (const auto *name : {"U_ohm_solid_cathode_V", "U_ohm_solid_anode_V"})
        names.push_back(name);
    names.push_back("U_conc_V");
    for (const auto &name : model.electrode_names)
      {
        names.push_back("phi_s_" + name + "_V");
        names.push_back("j_" + name + "_mA_cm2");
      }
    for (const auto &r : model.reactions)
      {
        names.push_back("j_" + r.name + "_mA_cm2");
        names.push_back("FE_" + r.name);
      }
    for (const auto &name : products.product_names())
      {
        names.push_back("FE_product_" + name);
        names.push_back("rate_" + name + "_mmol_cm2_h");
      }
    for (const auto &name : model.electrode_names)
      {
        for (unsigned int s = 0; s < e.n_species(); ++s)
          {
            names.push_back("cmin_" + name + "_" + e[s].name + "_mM");
            names.push_back("cmean_" + name + "_" + e[s].name + "_mM");
          }
        if (e.has_ph())
          names.push_back("pH_" + name);
      }
    for (unsigned int s = 0; s < e.n_species(); ++s)
      names.push_back("cout_" + e[s].name + "_mM");
    if (with_conversion)
      names.push_back("conversion_" + products.reactant());
    names.push_back("charge_balance");
    for (unsigned int s = 0; s < e.n_species(); ++s)
      names.push_back("balance_" + e[s].name);
    if (with_nitrogen)
      names.push_back("nitrogen_balance");
    // Gases fed through a gas-diffusion electrode, per cathode area.
    for (unsigned int i = 0; i < model.n_gas_species(); ++i)
      {
        names.push_back("gas_fed_" + model.gas->species[i].name +
                        "_mmol_cm2_h");
        names.push_back("gas_balance_" + model.gas->species[i].name);
        // Taken up over fed, with a gas channel fed at a rate.
        if (model.gas->feed_flow > 0.)
          {
            names.push_back("gas_utilisation_" + model.gas->species[i].name);
            gas_feed.push_back(model.gas->feed_flow * model.gas->feed[i]);
          }
      }
    for (const auto *name : {"newton_its", "linear_its", "wall_s"})
      names.push_back(name);

    if (write && resume_rows >= 0)
      {
        // Rows written after the checkpoint are dropped: they are redone.
        std::ifstream            in(filename);
        std::vector<std::string> kept;
        std::string              line;
        while (kept.size() < static_cast<std::size_t>(resume_rows) + 1 &&
               std::getline(in, line))
          kept.push_back(line);
        in.close();
        file.open(filename);
        for (const auto &l : kept)
          file << l << '\n';
        file.flush();
      }
    else if (write)
      {
        file.open(filename);
        for (unsigned int i = 0; i < names.size(); ++i)
          file << (i ? "\t" : "") << names[i];
        file << std::endl;
      }
  }

  void
  SummaryTable::add_row(const unsigned int step,
                        const double       control_value,
                        const CellReport  &report,
                        const unsigned int newton_iterations,
                        const unsigned int linear_iterations,
                        const double       wall_seconds)
  {
    if (!file.is_open())
      return;
    const double        nan = std::numeric_limits<double>::quiet_NaN();
    const auto         &v   = report.voltage;
    std::vector<double> row = {static_cast<double>(step),
                               control_value,
                               cell_voltage(report, cathode, anode),
                               v.equilibrium,
                               v.kinetic_cathode,
                               v.kinetic_anode};
    for (unsigned int k = 0; k < n_ohmic; ++k)
      row.push_back(k < v.ohmic.size() ? v.ohmic[k] : nan);
    if (with_solid)
      {
        row.push_back(v.ohmic_solid_cathode);
        row.push_back(v.ohmic_solid_anode);
      }
    row.push_back(v.concentration);
    for (const auto &er : report.electrodes)
      {
        row.push_back(er.potential);
        row.push_back(er.current / er.area * to_ma_per_cm2);
      }
    for (unsigned int r = 0; r < report.reaction_current.size(); ++r)
      {
        const double area = report.electrodes[reaction_electrode[r]].area;
        row.push_back(report.reaction_current[r] / area * to_ma_per_cm2);
        row.push_back(report.faradaic_efficiency[r]);
      }
    for (unsigned int k = 0; k < n_products; ++k)
      {
        const bool has = k < report.products.size();
        row.push_back(has ? report.products[k].faradaic_efficiency : nan);
        row.push_back(has ? report.products[k].rate * mmol_per_cm2_h : nan);
      }
    for (const auto &er : report.electrodes)
      {
        for (unsigned int s = 0; s < er.mean_concentration.size(); ++s)
          {
            row.push_back(er.min_concentration[s]);
            row.push_back(er.mean_concentration[s]);
          }
        if (!std::isnan(er.mean_ph))
          row.push_back(er.mean_ph);
      }
    for (const double c : report.outlet_concentration)
      row.push_back(c);
    if (with_conversion)
      row.push_back(report.conversion);
    row.push_back(report.charge_balance);
    for (const double b : report.species_balance)
      row.push_back(b);
    if (with_nitrogen)
      row.push_back(report.nitrogen_balance);
    for (unsigned int i = 0; i < report.gas_inflow.size(); ++i)
      {
        row.push_back(cathode < 0 ?
                        nan :
                        report.gas_inflow[i] / report.electrodes[cathode].area *
                          mmol_per_cm2_h);
        row.push_back(report.gas_balance[i]);
        if (i < gas_feed.size())
          row.push_back(gas_feed[i] > 0. ? report.gas_inflow[i] / gas_feed[i] :
                                           nan);
      }
    row.push_back(newton_iterations);
    row.push_back(linear_iterations);
    row.push_back(wall_seconds);

    file << std::setprecision(10);
    for (unsigned int i = 0; i < row.size(); ++i)
      file << (i ? "\t" : "") << row[i];
    file << '\n';
    check_written(file, filename);
  }

  template SummaryTable::SummaryTable(const std::string &,
                                      const NernstPlanckModel<2> &,
                                      const ProductOutputs &,
                                      const std::vector<std::string> &,
                                      int,
                                      int,
                                      bool,
                                      int);
  template SummaryTable::SummaryTable(const std::string &,
                                      const NernstPlanckModel<3> &,
                                      const ProductOutputs &,
                                      const std::vector<std::string> &,
                                      int,
                                      int,
                                      bool,
                                      int);
} // namespace NOxFlow
