#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

#include <physics/chemistry/homogeneous_reaction.h>
#include <physics/electrolyte.h>
#include <physics/input_error.h>
#include <physics/parameter_list.h>

#include <cmath>
#include <sstream>

namespace NOxFlow::Physics
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  namespace
  {
    std::string
    trim(const std::string &s)
    {
      const auto first = s.find_first_not_of(" \t");
      if (first == std::string::npos)
        return "";
      return s.substr(first, s.find_last_not_of(" \t") - first + 1);
    }

    /// Adds "2 OH- + NO3-" to @p nu with @p sign; species split on " + "
    /// so that charges like "NH4+" stay intact.
    void
    add_side(const std::string   &side,
             const double         sign,
             const Electrolyte   &electrolyte,
             const std::string   &parameter,
             std::vector<double> &nu)
    {
      std::string rest  = " " + trim(side) + " ";
      std::size_t start = 0;
      while (start < rest.size())
        {
          auto end = rest.find(" + ", start);
          if (end == std::string::npos)
            end = rest.size();
          std::string term = trim(rest.substr(start, end - start));
          start            = end + 3;
          if (term.empty())
            throw_input_error(parameter,
                              side,
                              "write the species separated by ' + ' (with "
                              "spaces), e.g. 'NH4+ <-> NH3 + H+'.");
          double     coefficient = 1.;
          const auto space       = term.find(' ');
          if (space != std::string::npos)
            {
              const auto number = strict_number(term.substr(0, space));
              coefficient       = number.value_or(0.);
              if (coefficient <= 0.)
                throw_input_error(parameter,
                                  term,
                                  "a coefficient is a positive number "
                                  "before the species, e.g. '2 OH-'.");
              term = trim(term.substr(space + 1));
            }
          if (term == "H2O")
            continue;
          const unsigned int s = electrolyte.index(term, parameter);
          nu[s] += sign * coefficient;
        }
    }
  } // namespace

  std::vector<double>
  parse_reaction_equation(const std::string &equation,
                          const Electrolyte &electrolyte,
                          const std::string &parameter)
  {
    std::size_t arrow_at = std::string::npos, arrow_length = 0;
    for (const std::string arrow : {"<->", "->", "="})
      if ((arrow_at = equation.find(arrow)) != std::string::npos)
        {
          arrow_length = arrow.size();
          break;
        }
    if (arrow_at == std::string::npos)
      throw_input_error(parameter,
                        equation,
                        "write reactants '<->' products, e.g. "
                        "'H2O <-> H+ + OH-'.");
    std::vector<double> nu(electrolyte.n_species(), 0.);
    add_side(equation.substr(0, arrow_at), -1., electrolyte, parameter, nu);
    add_side(equation.substr(arrow_at + arrow_length),
             +1.,
             electrolyte,
             parameter,
             nu);
    double charge = 0., involved = 0.;
    for (unsigned int s = 0; s < nu.size(); ++s)
      {
        charge += nu[s] * electrolyte[s].charge;
        involved += std::abs(nu[s]);
      }
    if (std::abs(charge) > 1e-12)
      throw_input_error(parameter,
                        equation,
                        "the reaction does not conserve charge (products "
                        "minus reactants carry " +
                          std::to_string(charge) +
                          " elementary charges); balance it.");
    if (involved == 0.)
      throw_input_error(parameter,
                        equation,
                        "the reaction changes no dissolved species.");
    return nu;
  }

  void
  HomogeneousReaction::declare_parameters(ParameterHandler               &prm,
                                          const std::vector<std::string> &names)
  {
    prm.enter_subsection("Homogeneous reactions");
    prm.declare_entry("Names",
                      "",
                      Patterns::List(Patterns::Anything()),
                      "Reactions in the electrolyte volume (e.g. water, "
                      "ammonium), each with a subsection of its own name.");
    for (const auto &name : names)
      {
        prm.enter_subsection(name);
        prm.declare_entry("Equation",
                          "",
                          Patterns::Anything(),
                          "e.g. 'H2O <-> H+ + OH-' or 'NH4+ + OH- <-> NH3 + "
                          "H2O'; species separated by ' + ', optional "
                          "coefficients ('2 OH-'); H2O is the solvent.");
        prm.declare_entry("Type",
                          "equilibrium",
                          Patterns::Selection("equilibrium|kinetic"),
                          "equilibrium: instantaneous (reaction invariants "
                          "are transported, robust for any stiffness); "
                          "kinetic: mass-action rate k_f prod c - k_b prod c.");
        prm.declare_entry("pK",
                          "nan",
                          Patterns::Anything(),
                          "-log10 of the equilibrium constant in mol/L "
                          "units (water 14, NH4+ <-> NH3 + H+ 9.25).");
        prm.declare_entry("Reaction enthalpy",
                          "0",
                          Patterns::Double(),
                          "Delta H of the reaction as written, J/mol: K "
                          "follows van 't Hoff from its 25 C value (pK) at "
                          "Operation/Temperature (water 55840, NH4+ <-> NH3 "
                          "+ H+ 52210).");
        prm.declare_entry("Forward rate constant",
                          "-1",
                          Patterns::Double(),
                          "k_f in SI units (kinetic), e.g. m3/(mol s); -1 "
                          "takes k_b K.");
        prm.declare_entry("Backward rate constant",
                          "-1",
                          Patterns::Double(),
                          "k_b in SI units (kinetic); -1 takes k_f / K.");
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }

  std::vector<std::string>
  HomogeneousReaction::parse_names(ParameterHandler &prm)
  {
    prm.enter_subsection("Homogeneous reactions");
    const auto names =
      dealii::Utilities::split_string_list(prm.get("Names"), ',');
    prm.leave_subsection();
    return names;
  }

  void
  HomogeneousReaction::parse_parameters(ParameterHandler  &prm,
                                        const std::string &reaction_name,
                                        const Electrolyte &electrolyte)
  {
    const std::string path = "Homogeneous reactions/" + reaction_name + "/";
    prm.enter_subsection("Homogeneous reactions");
    prm.enter_subsection(reaction_name);
    name     = reaction_name;
    equation = prm.get("Equation");
    stoichiometry =
      parse_reaction_equation(equation, electrolyte, path + "Equation");
    equilibrium        = prm.get("Type") == "equilibrium";
    const auto pk_text = prm.get("pK");
    backward_rate      = prm.get_double("Backward rate constant");
    forward_rate       = prm.get_double("Forward rate constant");
    enthalpy           = prm.get_double("Reaction enthalpy");
    prm.leave_subsection();
    prm.leave_subsection();

    // "nan" (the default) or empty: no pK given (a kinetic reaction).
    const std::string pk_given = dealii::Utilities::trim(pk_text);
    const double      pk       = strict_number(pk_given).value_or(std::nan(""));
    if (!pk_given.empty() && pk_given != "nan" && std::isnan(pk))
      throw_input_error(path + "pK",
                        pk_text,
                        "give a number (decimal point, not comma), e.g. "
                        "9.25, or leave it out for a kinetic reaction.");
    // K in mol/L units -> mol/m3: one factor 1000 per net mole.
    double net_moles = 0.;
    for (const double nu : stoichiometry)
      net_moles += nu;
    if (std::isfinite(pk))
      equilibrium_constant = std::pow(10., -pk + 3. * net_moles);
    else if (equilibrium)
      throw_input_error(path + "pK",
                        pk_text,
                        "give -log10 K in mol/L units (e.g. 14 for water).");
    if (!equilibrium)
      {
        if (forward_rate < 0. && backward_rate < 0.)
          throw_input_error(path + "Forward rate constant",
                            forward_rate,
                            "a kinetic reaction needs a rate constant (and "
                            "pK or the other rate constant).");
        if (forward_rate < 0.)
          {
            forward_rate = backward_rate * equilibrium_constant;
            derived_rate = 1;
          }
        else if (backward_rate < 0.)
          {
            derived_rate = 2;
            if (!std::isfinite(pk))
              throw_input_error(path + "pK",
                                pk_text,
                                "give pK or the backward rate constant.");
            backward_rate = forward_rate / equilibrium_constant;
          }
      }
  }

  void
  HomogeneousReaction::set_temperature(const double t)
  {
    if (reference_constant_unset)
      {
        reference_constant       = equilibrium_constant;
        reference_constant_unset = false;
      }
    const double k =
      reference_constant * Constants::van_t_hoff_factor(enthalpy, t);
    if (derived_rate == 1)
      forward_rate *= k / equilibrium_constant;
    else if (derived_rate == 2)
      backward_rate *= equilibrium_constant / k;
    equilibrium_constant = k;
  }

  double
  HomogeneousReaction::side(const std::vector<double> &c,
                            const double               k,
                            const double               sign,
                            const int                  skip) const
  {
    // Each side is k prod c_s^n_s; its derivative in c_s replaces one
    // factor by n_s c_s^(n_s - 1) (no division, so c_s = 0 is fine).
    double value = k;
    for (unsigned int s = 0; s < c.size(); ++s)
      {
        const double n = sign * stoichiometry[s];
        if (n <= 0.)
          continue;
        // First order stays linear below zero (undershoots), so that
        // value and derivative agree; other orders are cut at zero.
        const double cs = n == 1. ? c[s] : std::max(c[s], 0.);
        value *= (static_cast<int>(s) == skip) ?
                   n * (n == 1. ? 1. : std::pow(cs, n - 1.)) :
                   (n == 1. ? cs : std::pow(cs, n));
      }
    return value;
  }

  double
  HomogeneousReaction::rate(const std::vector<double> &c,
                            std::vector<double>       &d_rate) const
  {
    d_rate.assign(c.size(), 0.);
    for (unsigned int s = 0; s < c.size(); ++s)
      if (stoichiometry[s] < 0.)
        d_rate[s] = side(c, forward_rate, -1., s);
      else if (stoichiometry[s] > 0.)
        d_rate[s] = -side(c, backward_rate, +1., s);
    return side(c, forward_rate, -1., -1) - side(c, backward_rate, +1., -1);
  }

  double
  HomogeneousReaction::gross_rate(const std::vector<double> &c) const
  {
    return std::abs(side(c, forward_rate, -1., -1)) +
           std::abs(side(c, backward_rate, +1., -1));
  }
} // namespace NOxFlow::Physics
