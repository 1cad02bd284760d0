#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

#include <physics/constants.h>
#include <physics/electrolyte.h>
#include <physics/input_error.h>
#include <physics/named_values.h>
#include <physics/transport/onsager_conductivity.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace NOxFlow::Physics
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  void
  Electrolyte::declare_parameters(ParameterHandler               &prm,
                                  const std::vector<std::string> &names)
  {
    prm.enter_subsection("Species");
    prm.declare_entry("Names",
                      "",
                      Patterns::List(Patterns::Anything()),
                      "Dissolved species, comma separated (e.g. K+, OH-, "
                      "NO3-). Each gets a subsection of its own name.");
    prm.declare_entry("Electroneutrality species",
                      "",
                      Patterns::Anything(),
                      "Charged species whose concentration follows from "
                      "electroneutrality instead of a transport equation; "
                      "choose the inert majority counter-ion (e.g. K+).");
    prm.declare_entry(
      "Concentrated-solution correction",
      "none",
      Patterns::Selection("none|debye-huckel-onsager"),
      "none: dilute Nernst-Planck, conductivity F^2/RT sum z^2 D c "
      "(Nernst-Einstein; 27.2 S/m for 1 M KOH at 25 C, measured 21.5). "
      "debye-huckel-onsager: every ion's migration (not its diffusion) "
      "scaled by the Debye-Hueckel-Onsager-Falkenhagen conductivity ratio "
      "of a 1:1 electrolyte at the inlet's ionic strength and the case's "
      "temperature (0.79 for 1 M KOH at 25 C: 21.4 S/m), so the "
      "conductivity is the measured one while transference numbers and the "
      "salt's diffusivity stay; for concentrated supporting electrolytes "
      "(0.1-3 M).");
    prm.declare_entry("Mean ion size",
                      "3.5e-10",
                      Patterns::Double(),
                      "Distance of closest approach a of the ions in the "
                      "Debye-Hueckel-Onsager correction, m (3-5e-10).");
    for (const auto &name : names)
      {
        prm.enter_subsection(name);
        prm.declare_entry("Charge",
                          "0",
                          Patterns::Integer(-10, 10),
                          "Charge number z.");
        prm.declare_entry(
          "Diffusivity",
          "1e-9",
          Patterns::Double(),
          "Molecular diffusivity in water at 25 C, m2/s (> 0).");
        prm.declare_entry(
          "Diffusivity activation energy",
          "0",
          Patterns::Double(),
          "Temperature dependence of the diffusivity, J/mol: D(T) = "
          "D(25 C) exp(-E/R (1/T - 1/298.15 K)). 0: Stokes-Einstein with "
          "water's viscosity (about 17 kJ/mol near 25-60 C); OH- and H+, "
          "which move by proton hopping, have less (12.8 and 10.0 kJ/mol "
          "from their limiting conductivities at 25 and 100 C).");
        prm.declare_entry("Inlet concentration",
                          "0",
                          Patterns::Double(),
                          "Concentration at inlets and bulk boundaries, "
                          "mol/m3 (= mM), >= 0.");
        prm.declare_entry(
          "Boundary concentrations",
          "",
          Patterns::Anything(),
          "Concentrations on particular concentration boundaries, "
          "'boundary: mol/m3' pairs, e.g. 'anode_collector: 0' for an "
          "anolyte without nitrate; the other concentration boundaries "
          "hold the inlet concentration. Each such boundary must be "
          "electroneutral: give the electroneutrality species its value "
          "there too.");
        prm.declare_entry("Initial concentration",
                          "-1",
                          Patterns::Double(),
                          "Initial guess, mol/m3; -1 takes the inlet value.");
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }

  std::vector<std::string>
  Electrolyte::parse_species_names(ParameterHandler &prm)
  {
    prm.enter_subsection("Species");
    const auto names =
      dealii::Utilities::split_string_list(prm.get("Names"), ',');
    prm.leave_subsection();
    return names;
  }

  void
  Electrolyte::parse_parameters(ParameterHandler &prm)
  {
    species.clear();
    const auto names = parse_species_names(prm);
    prm.enter_subsection("Species");
    const std::string eliminated_name = prm.get("Electroneutrality species");
    for (const auto &name : names)
      {
        prm.enter_subsection(name);
        Species s;
        s.name        = name;
        s.charge      = prm.get_integer("Charge");
        s.diffusivity = prm.get_double("Diffusivity");
        s.diffusivity_activation_energy =
          prm.get_double("Diffusivity activation energy");
        if (!(s.diffusivity_activation_energy >= 0. &&
              s.diffusivity_activation_energy < 1e5))
          throw_input_error("Species/" + name +
                              "/Diffusivity activation energy",
                            s.diffusivity_activation_energy,
                            "give 0 (Stokes-Einstein) or an activation "
                            "energy in J/mol, e.g. 12800 for OH-.");
        s.inlet_concentration   = prm.get_double("Inlet concentration");
        s.initial_concentration = prm.get_double("Initial concentration");
        s.boundary_concentrations =
          parse_named_values(prm.get("Boundary concentrations"),
                             "Species/" + name + "/Boundary concentrations",
                             "anode_collector: 0");
        if (s.initial_concentration < 0.)
          s.initial_concentration = s.inlet_concentration;
        species.push_back(s);
        prm.leave_subsection();
      }
    const bool onsager =
      prm.get("Concentrated-solution correction") == "debye-huckel-onsager";
    const double size = prm.get_double("Mean ion size");
    prm.leave_subsection();
    check_and_index(eliminated_name);
    if (onsager)
      {
        if (!(size > 1e-11 && size < 1e-8))
          throw_input_error("Species/Mean ion size",
                            size,
                            "give the distance of closest approach in m, "
                            "e.g. 3.5e-10.");
        use_onsager_correction(size);
      }
  }

  Electrolyte::Electrolyte(const std::vector<Species> &species_data,
                           const std::string &electroneutrality_species)
    : species(species_data)
  {
    check_and_index(electroneutrality_species);
  }

  void
  Electrolyte::check_and_index(const std::string &eliminated_name)
  {
    if (species.empty())
      throw_input_error("Species/Names",
                        "",
                        "list at least two ions, e.g. 'K+, OH-'.");
    for (unsigned int i = 0; i < species.size(); ++i)
      {
        const Species &s    = species[i];
        const auto     path = "Species/" + s.name;
        for (unsigned int j = 0; j < i; ++j)
          if (species[j].name == s.name)
            throw_input_error("Species/Names",
                              s.name,
                              "name each species once.");
        if (!(s.diffusivity > 0.) || !std::isfinite(s.diffusivity))
          throw_input_error(path + "/Diffusivity",
                            s.diffusivity,
                            "give a positive diffusivity in m2/s (about 1e-9 "
                            "for ions in water).");
        if (!(s.inlet_concentration >= 0.))
          throw_input_error(path + "/Inlet concentration",
                            s.inlet_concentration,
                            "concentrations are >= 0 mol/m3.");
      }

    eliminated = index(eliminated_name, "Species/Electroneutrality species");
    if (species[eliminated].charge == 0)
      throw_input_error("Species/Electroneutrality species",
                        eliminated_name,
                        "name a charged species (its concentration balances "
                        "the charge of the others).");
    transported.clear();
    for (unsigned int i = 0; i < species.size(); ++i)
      if (i != eliminated)
        transported.push_back(i);

    check_neutral(inlet_concentrations(),
                  "Species/" + eliminated_name + "/Inlet concentration",
                  "");
    for (const auto &boundary : boundaries_with_own_concentrations())
      check_neutral(boundary_concentrations(boundary),
                    "Species/" + eliminated_name + "/Boundary concentrations",
                    boundary);
  }

  void
  Electrolyte::check_neutral(const std::vector<double> &c_given,
                             const std::string         &entry,
                             const std::string         &boundary) const
  {
    // Electroneutral with a non-negative counter-ion.
    auto         c      = c_given;
    double       charge = 0., scale = 0.;
    const double given = c_given[eliminated];
    for (unsigned int i = 0; i < species.size(); ++i)
      {
        charge += species[i].charge * c[i];
        scale += std::abs(species[i].charge) * c[i];
      }
    apply_electroneutrality(c);
    const auto text = [](const double x) {
      std::ostringstream out;
      out << x;
      return out.str();
    };
    const std::string value =
      boundary.empty() ? text(given) : boundary + ": " + text(given);
    const std::string where =
      boundary.empty() ? "the inlet" : "boundary '" + boundary + "'";
    for (unsigned int i = 0; i < species.size(); ++i)
      if (!(c_given[i] >= 0.))
        throw_input_error("Species/" + species[i].name +
                            "/Boundary concentrations",
                          boundary + ": " + text(c_given[i]),
                          "concentrations are >= 0 mol/m3.");
    if (c[eliminated] < 0.)
      throw_input_error(entry,
                        value,
                        "this species set cannot be electroneutral at " +
                          where +
                          ": the other ions carry charge of the same "
                          "sign as " +
                          species[eliminated].name +
                          ". Choose an electroneutrality species of the "
                          "opposite charge, or other concentrations.");
    if (std::abs(charge) > 1e-6 * std::max(scale, 1e-300))
      throw_input_error(entry,
                        value,
                        where + " is not electroneutral (sum z c = " +
                          text(charge) + " mol/m3); set it to " +
                          (boundary.empty() ? "" : boundary + ": ") +
                          text(c[eliminated]) + ".");
  }

  unsigned int
  Electrolyte::index(const std::string &name, const std::string &context) const
  {
    for (unsigned int i = 0; i < species.size(); ++i)
      if (species[i].name == name)
        return i;
    const std::string known =
      join_names(species, [](const Species &s) { return s.name; });
    throw_input_error(context,
                      name,
                      "'" + name +
                        "' is not a species; declared species: " + known + ".");
  }

  void
  Electrolyte::apply_electroneutrality(std::vector<double> &c) const
  {
    double charge = 0.;
    for (const unsigned int i : transported)
      charge += species[i].charge * c[i];
    c[eliminated] = -charge / species[eliminated].charge;
  }

  double
  Electrolyte::eliminated_derivative(const unsigned int j) const
  {
    return -static_cast<double>(species[j].charge) / species[eliminated].charge;
  }

  double
  Electrolyte::conductivity(const std::vector<double> &c) const
  {
    double sum = 0.;
    for (unsigned int i = 0; i < species.size(); ++i)
      sum +=
        species[i].charge * species[i].charge * species[i].diffusivity * c[i];
    return Constants::faraday * f_over_rt() * migration * sum;
  }

  void
  Electrolyte::use_onsager_correction(const double size)
  {
    onsager_correction = true;
    ion_size           = size;
    update_migration_factor();
  }

  void
  Electrolyte::update_migration_factor()
  {
    migration = 1.;
    if (!onsager_correction)
      return;
    const auto c     = inlet_concentrations();
    double     ionic = 0.; // mol/L
    for (unsigned int i = 0; i < species.size(); ++i)
      ionic +=
        0.5 * species[i].charge * species[i].charge * c[i] / Constants::molar;
    if (!(ionic > 0.))
      return;
    // Equivalent conductivity at infinite dilution, S cm2/mol.
    const double lambda0 = conductivity(c) / (ionic * Constants::molar) * 1e4;
    const double ratio =
      onsager_conductivity_ratio(lambda0, ionic, kelvin, ion_size);
    if (!(ratio > 0.3))
      throw_input_error("Species/Concentrated-solution correction",
                        "debye-huckel-onsager",
                        "the inlet's ionic strength (" + std::to_string(ionic) +
                          " M) is beyond the correction's range; use none "
                          "and effective diffusivities.");
    migration = ratio;
  }

  double
  Electrolyte::diffusivity_factor(const Species &s, const double t)
  {
    if (s.diffusivity_activation_energy > 0.)
      return std::exp(-s.diffusivity_activation_energy /
                      Constants::gas_constant *
                      (1. / t - 1. / Constants::temperature));
    return diffusivity_factor(t);
  }

  double
  Electrolyte::diffusivity_factor(const double t)
  {
    return t / Constants::temperature *
           Constants::water_viscosity(Constants::temperature) /
           Constants::water_viscosity(t);
  }

  void
  Electrolyte::set_temperature(const double t)
  {
    // From the current temperature, so that calling it twice is harmless.
    for (auto &s : species)
      s.diffusivity *= diffusivity_factor(s, t) / diffusivity_factor(s, kelvin);
    kelvin = t;
    // Water's ion product: Delta H = 55.84 kJ/mol (CRC Handbook).
    pkw = 14. - std::log10(Constants::van_t_hoff_factor(55.84e3, t));
    update_migration_factor();
  }

  bool
  Electrolyte::has_ph() const
  {
    for (const auto &s : species)
      if (s.name == "OH-" || s.name == "H+")
        return true;
    return false;
  }

  double
  Electrolyte::ph(const std::vector<double> &c) const
  {
    // Kw = 1e-14 M^2 at 25 C with ideal activities.
    for (unsigned int i = 0; i < species.size(); ++i)
      if (species[i].name == "OH-")
        return pkw + std::log10(c[i] / Constants::molar);
    for (unsigned int i = 0; i < species.size(); ++i)
      if (species[i].name == "H+")
        return -std::log10(c[i] / Constants::molar);
    return std::numeric_limits<double>::quiet_NaN();
  }

  std::vector<std::string>
  Electrolyte::boundaries_with_own_concentrations() const
  {
    std::vector<std::string> names;
    for (const auto &s : species)
      for (const auto &[boundary, c] : s.boundary_concentrations)
        if (std::find(names.begin(), names.end(), boundary) == names.end())
          names.push_back(boundary);
    return names;
  }

  std::vector<double>
  Electrolyte::boundary_concentrations(const std::string &name) const
  {
    auto c = inlet_concentrations();
    for (unsigned int i = 0; i < species.size(); ++i)
      for (const auto &[boundary, value] : species[i].boundary_concentrations)
        if (boundary == name)
          c[i] = value;
    return c;
  }

  std::vector<double>
  Electrolyte::inlet_concentrations() const
  {
    std::vector<double> c;
    for (const auto &s : species)
      c.push_back(s.inlet_concentration);
    return c;
  }

  std::vector<double>
  Electrolyte::initial_concentrations() const
  {
    std::vector<double> c;
    for (const auto &s : species)
      c.push_back(s.initial_concentration);
    apply_electroneutrality(c);
    return c;
  }
} // namespace NOxFlow::Physics
