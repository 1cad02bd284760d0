#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

#include <physics/constants.h>
#include <physics/electrolyte.h>
#include <physics/input_error.h>
#include <physics/kinetics/electrode_reaction.h>

#include <cmath>

namespace NOxFlow::Physics
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  namespace
  {
    /// Parses "A: 1, B: -2" into (species index, value) pairs.
    std::vector<std::pair<unsigned int, double>>
    parse_species_map(const std::string &text,
                      const std::string &parameter,
                      const Electrolyte &electrolyte)
    {
      std::vector<std::pair<unsigned int, double>> result;
      for (const auto &item : dealii::Utilities::split_string_list(text, ','))
        {
          const auto key_value =
            dealii::Utilities::split_string_list(item, ':');
          if (key_value.size() != 2)
            throw_input_error(parameter,
                              text,
                              "write 'species: number' pairs separated by "
                              "commas, e.g. 'NO3-: -1, NO2-: 1'.");
          double value = 0.;
          try
            {
              value = dealii::Utilities::string_to_double(key_value[1]);
            }
          catch (...)
            {
              throw_input_error(parameter,
                                text,
                                "'" + key_value[1] + "' is not a number.");
            }
          result.emplace_back(electrolyte.index(key_value[0], parameter),
                              value);
        }
      return result;
    }

    /// prod (c/c_ref)^order and its derivatives.
    double
    concentration_factor(
      const std::vector<std::pair<unsigned int, double>> &orders,
      const std::vector<double>                          &c,
      const double                                        c_ref,
      std::vector<double>                                &d_factor)
    {
      double              factor = 1.;
      std::vector<double> terms(orders.size()), d_terms(orders.size());
      for (unsigned int k = 0; k < orders.size(); ++k)
        {
          const double x     = c[orders[k].first] / c_ref;
          const double order = orders[k].second;
          if (order == 1.)
            {
              terms[k]   = x;
              d_terms[k] = 1. / c_ref;
            }
          else if (order == 0.)
            {
              terms[k]   = 1.;
              d_terms[k] = 0.;
            }
          else
            {
              const double xp = std::max(x, 0.);
              terms[k]        = std::pow(xp, order);
              d_terms[k] =
                xp > 0. ? order * std::pow(xp, order - 1.) / c_ref : 0.;
            }
          factor *= terms[k];
        }
      std::fill(d_factor.begin(), d_factor.end(), 0.);
      for (unsigned int k = 0; k < orders.size(); ++k)
        {
          double others = d_terms[k];
          for (unsigned int m = 0; m < orders.size(); ++m)
            if (m != k)
              others *= terms[m];
          d_factor[orders[k].first] += others;
        }
      return factor;
    }
  } // namespace

  void
  ElectrodeReaction::declare_parameters(ParameterHandler               &prm,
                                        const std::vector<std::string> &names)
  {
    prm.enter_subsection("Electrode reactions");
    prm.declare_entry("Names",
                      "",
                      Patterns::List(Patterns::Anything()),
                      "Electrode reactions, comma separated; each gets a "
                      "subsection of its own name.");
    for (const auto &name : names)
      {
        prm.enter_subsection(name);
        prm.declare_entry("Electrode",
                          "",
                          Patterns::Anything(),
                          "Name of the electrode (see subsection Electrodes) "
                          "it runs on; for a couple that runs on several "
                          "(a redox mediator reduced at one electrode and "
                          "oxidised at the other), their names, comma "
                          "separated: each electrode gets the same kinetics, "
                          "reported as <reaction>@<electrode>.");
        prm.declare_entry("Electrons",
                          "1",
                          Patterns::Integer(1, 100),
                          "Electrons n transferred, written as a reduction "
                          "ox + n e- -> red.");
        prm.declare_entry(
          "Stoichiometry",
          "",
          Patterns::Anything(),
          "Coefficients of the reduction, 'species: nu' with nu "
          "< 0 consumed, e.g. 'NO3-: -1, NO2-: 1, OH-: 2'. "
          "Leave out water and gases; they must be neutral.");
        prm.declare_entry("Equilibrium potential",
                          "0",
                          Patterns::Double(),
                          "E0 of the reduction, V (on the scale of the "
                          "electrode potentials).");
        prm.declare_entry("Equilibrium potential temperature coefficient",
                          "0",
                          Patterns::Double(),
                          "dE0/dT, V/K: E0 at Operation/Temperature is E0 + "
                          "dE0/dT (T - 298.15 K) (e.g. -0.00085 for HER in "
                          "base vs SHE).");
        prm.declare_entry("Activation energy",
                          "0",
                          Patterns::Double(),
                          "Ea of i0, J/mol: i0 at Operation/Temperature is "
                          "i0 exp(-Ea/R (1/T - 1/298.15 K)); 0 keeps i0 "
                          "(alkaline HER and OER: typically 30-60 kJ/mol).");
        prm.declare_entry("Exchange current density",
                          "1",
                          Patterns::Double(),
                          "i0, A/m2 (> 0), at Reference concentration: "
                          "i = i0 [prod (c_red/c_ref)^g exp(alpha_a F eta/RT)"
                          " - prod (c_ox/c_ref)^g exp(-alpha_c F eta/RT)], "
                          "eta = phi_s - phi_l - E0; positive i is anodic.");
        prm.declare_entry("Anodic transfer coefficient",
                          "0.5",
                          Patterns::Double(0., 5.),
                          "alpha_a (-) in exp(alpha_a F eta / RT): no "
                          "factor n in the exponent, so a rate law written "
                          "with n alpha F eta / RT needs alpha_a = n alpha; "
                          "Tafel slope b = ln(10) RT / (alpha_a F) "
                          "(59 mV/dec at alpha 1, 25 C).");
        prm.declare_entry("Cathodic transfer coefficient",
                          "0.5",
                          Patterns::Double(0., 5.),
                          "alpha_c (-) in exp(-alpha_c F eta / RT): no "
                          "factor n in the exponent (n alpha_c of a rate law "
                          "written with n); Tafel slope b = ln(10) RT / "
                          "(alpha_c F), 118 mV/dec at 0.5.");
        prm.declare_entry("Kinetics",
                          "butler-volmer",
                          Patterns::Selection(
                            "butler-volmer|cathodic tafel|anodic tafel|linear"),
                          "Both branches, only the cathodic or anodic one, or "
                          "linear (i0 (alpha_a + alpha_c) F eta / RT).");
        prm.declare_entry("Reference concentration",
                          "1000",
                          Patterns::Double(),
                          "c_ref of the concentration factors, mol/m3 (> 0).");
        prm.declare_entry("Mass transfer coefficient",
                          "0",
                          Patterns::Double(0.),
                          "Porous electrodes: film coefficient k_m between "
                          "pore electrolyte and surface, m/s (0: none); "
                          "needs one oxidant of order 1.");
        prm.declare_entry("Oxidant orders",
                          "",
                          Patterns::Anything(),
                          "Orders g of the cathodic branch, e.g. 'NO3-: 1'.");
        prm.declare_entry("Reductant orders",
                          "",
                          Patterns::Anything(),
                          "Orders g of the anodic branch, e.g. 'OH-: 1'.");
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }

  std::vector<std::string>
  ElectrodeReaction::parse_reaction_names(ParameterHandler &prm)
  {
    prm.enter_subsection("Electrode reactions");
    const auto names =
      dealii::Utilities::split_string_list(prm.get("Names"), ',');
    prm.leave_subsection();
    return names;
  }

  void
  ElectrodeReaction::parse_parameters(ParameterHandler  &prm,
                                      const std::string &reaction_name,
                                      const Electrolyte &electrolyte)
  {
    const std::string path = "Electrode reactions/" + reaction_name + "/";
    prm.enter_subsection("Electrode reactions");
    prm.enter_subsection(reaction_name);
    name                  = reaction_name;
    electrode             = prm.get("Electrode");
    n_electrons           = prm.get_integer("Electrons");
    equilibrium_potential = prm.get_double("Equilibrium potential");
    temperature_coefficient =
      prm.get_double("Equilibrium potential temperature coefficient");
    activation_energy         = prm.get_double("Activation energy");
    exchange_current_density  = prm.get_double("Exchange current density");
    alpha_anodic              = prm.get_double("Anodic transfer coefficient");
    alpha_cathodic            = prm.get_double("Cathodic transfer coefficient");
    reference_concentration   = prm.get_double("Reference concentration");
    mass_transfer_coefficient = prm.get_double("Mass transfer coefficient");
    const std::string kinetics = prm.get("Kinetics");
    law            = kinetics == "butler-volmer"  ? KineticsLaw::butler_volmer :
                     kinetics == "cathodic tafel" ? KineticsLaw::cathodic_tafel :
                     kinetics == "linear"         ? KineticsLaw::linear :
                                                    KineticsLaw::anodic_tafel;
    stoichiometry  = parse_species_map(prm.get("Stoichiometry"),
                                      path + "Stoichiometry",
                                      electrolyte);
    oxidant_orders = parse_species_map(prm.get("Oxidant orders"),
                                       path + "Oxidant orders",
                                       electrolyte);
    reductant_orders = parse_species_map(prm.get("Reductant orders"),
                                         path + "Reductant orders",
                                         electrolyte);
    prm.leave_subsection();
    prm.leave_subsection();

    if (electrode.empty())
      throw_input_error(path + "Electrode",
                        "",
                        "name the electrode this reaction runs on.");
    if (!(exchange_current_density > 0.))
      throw_input_error(path + "Exchange current density",
                        exchange_current_density,
                        "give i0 > 0 in A/m2.");
    if (!(reference_concentration > 0.))
      throw_input_error(path + "Reference concentration",
                        reference_concentration,
                        "give c_ref > 0 in mol/m3.");
    check(electrolyte);
  }

  void
  ElectrodeReaction::set_temperature(const double t)
  {
    // From the current temperature, so that calling it twice is harmless.
    equilibrium_potential += temperature_coefficient * (t - kelvin);
    // Arrhenius, as van 't Hoff with the activation energy.
    exchange_current_density *=
      Constants::van_t_hoff_factor(activation_energy, t) /
      Constants::van_t_hoff_factor(activation_energy, kelvin);
    kelvin    = t;
    f_over_rt = Constants::f_over_rt_at(t);
  }

  void
  ElectrodeReaction::check(const Electrolyte &electrolyte) const
  {
    double charge = 0.;
    for (const auto &[i, nu] : stoichiometry)
      {
        if (i >= electrolyte.n_species())
          throw_input_error("Electrode reactions/" + name + "/Stoichiometry",
                            i,
                            "species index out of range.");
        charge += nu * electrolyte[i].charge;
      }
    if (std::abs(charge + n_electrons) > 1e-12)
      throw_input_error("Electrode reactions/" + name + "/Stoichiometry",
                        "sum nu z = " + std::to_string(charge),
                        "the reduction does not conserve charge: with " +
                          std::to_string(n_electrons) +
                          " electrons, sum nu z over the ions must be -" +
                          std::to_string(n_electrons) +
                          ". Check the coefficients and 'Electrons'.");
    if (mass_transfer_coefficient > 0. &&
        (oxidant_orders.size() != 1 || oxidant_orders.front().second != 1. ||
         law == KineticsLaw::anodic_tafel))
      throw_input_error("Electrode reactions/" + name +
                          "/Mass transfer coefficient",
                        mass_transfer_coefficient,
                        "a film coefficient needs a cathodic branch with one "
                        "oxidant of order 1 (Oxidant orders = X: 1); set 0.");
  }

  void
  ElectrodeReaction::evaluate(const std::vector<double> &c,
                              const double               f_eta,
                              ReactionRate              &rate) const
  {
    const unsigned int n = c.size();
    rate.d_concentration.assign(n, 0.);
    if (law == KineticsLaw::linear)
      {
        const double slope =
          exchange_current_density * (alpha_anodic + alpha_cathodic);
        rate.current_density        = slope * f_eta;
        rate.d_scaled_overpotential = slope;
        return;
      }
    std::vector<double> d_ox(n), d_red(n);

    double anodic = 0., d_anodic = 0.;
    if (law != KineticsLaw::cathodic_tafel)
      {
        const double e = std::exp(alpha_anodic * f_eta);
        const double g = concentration_factor(reductant_orders,
                                              c,
                                              reference_concentration,
                                              d_red);
        anodic         = g * e;
        d_anodic       = alpha_anodic * anodic;
        for (unsigned int j = 0; j < n; ++j)
          rate.d_concentration[j] += exchange_current_density * d_red[j] * e;
      }
    double cathodic = 0., d_cathodic = 0.;
    if (law != KineticsLaw::anodic_tafel)
      {
        const double e = std::exp(-alpha_cathodic * f_eta);
        const double g = concentration_factor(oxidant_orders,
                                              c,
                                              reference_concentration,
                                              d_ox);
        // Film resistance: the surface concentration is c k_m / (k_m + k_e)
        // with the kinetic rate constant k_e = i0 e / (n F c_ref); then
        // d(e film)/d(f eta) = -alpha_c e film^2.
        double film = 1., d_film_factor = 1.;
        if (mass_transfer_coefficient > 0.)
          {
            const double k_e =
              exchange_current_density * e /
              (n_electrons * Constants::faraday * reference_concentration);
            film =
              mass_transfer_coefficient / (mass_transfer_coefficient + k_e);
            d_film_factor = film;
          }
        cathodic   = g * e * film;
        d_cathodic = -alpha_cathodic * cathodic * d_film_factor;
        for (unsigned int j = 0; j < n; ++j)
          rate.d_concentration[j] -=
            exchange_current_density * d_ox[j] * e * film;
      }
    rate.current_density = exchange_current_density * (anodic - cathodic);
    rate.d_scaled_overpotential =
      exchange_current_density * (d_anodic - d_cathodic);
  }

  double
  ElectrodeReaction::production_per_current(const unsigned int i) const
  {
    for (const auto &[species, nu] : stoichiometry)
      if (species == i)
        return -nu / (n_electrons * Constants::faraday);
    return 0.;
  }

  double
  potential_for_current(const std::vector<const ElectrodeReaction *> &reactions,
                        const std::vector<double>                    &c,
                        const double                                  f_phi_l,
                        const double target_current)
  {
    ReactionRate rate;
    const auto   residual = [&](const double f_phi_s) {
      double total = 0.;
      for (const auto *r : reactions)
        {
          r->evaluate(c,
                      f_phi_s - f_phi_l -
                        r->f_over_rt * r->equilibrium_potential,
                      rate);
          total += rate.current_density;
        }
      return total - target_current;
    };
    // The total current grows monotonically with the electrode potential.
    const double f_rt =
      reactions.empty() ? Constants::f_over_rt : reactions.front()->f_over_rt;
    double low  = f_phi_l - 10. * f_rt;
    double high = f_phi_l + 10. * f_rt;
    if (!(residual(low) <= 0. && residual(high) >= 0.))
      throw InputError("The electrode reactions cannot carry a current density "
                       "of " +
                       std::to_string(target_current) +
                       " A/m2 at any potential within 10 V of the electrolyte "
                       "(a reactant missing at the inlet, or no reaction "
                       "of that direction). Fix: add a reaction or the "
                       "missing reactant.");
    for (unsigned int it = 0; it < 200 && high - low > 1e-10; ++it)
      {
        const double mid                  = 0.5 * (low + high);
        (residual(mid) < 0. ? low : high) = mid;
      }
    return 0.5 * (low + high);
  }
} // namespace NOxFlow::Physics
