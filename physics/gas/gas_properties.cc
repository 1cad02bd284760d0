#include <physics/constants.h>
#include <physics/gas/gas_properties.h>
#include <physics/input_error.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace NOxFlow::Physics
{
  namespace
  {
    constexpr double angstrom = 1e-10;

    /**
     * Lennard-Jones parameters and molar masses: Poling, Prausnitz and
     * O'Connell, The Properties of Gases and Liquids, 5th ed., Appendix B
     * (Svehla, NASA TR R-132, 1962).
     *
     * Henry solubilities at 298.15 K and their van 't Hoff constants from
     * Sander, Atmos. Chem. Phys. 15 (2015) 4399, which lists several
     * sources per gas; the reviewed ones taken: NO, N2, O2, CO2 from the
     * JPL evaluation (Sander et al. 2011), N2O from JPL 2011/2015 and
     * Wilhelm et al. (Chem. Rev. 77 (1977) 219), 2600 K (2700 K is Warneck
     * and Williams' single value), H2 from Fernandez-Prini et al. (J. Phys.
     * Chem. Ref. Data 32 (2003) 903), Ar and He from Wilhelm et al.
     *
     * Gas parameters h_G,0: Weisenberger and Schumpe, AIChE J. 42 (1996)
     * 298 (O2 is their reference, 0 by definition).
     */
    const std::vector<GasSpecies> &
    gas_table()
    {
      static const std::vector<GasSpecies> table = {
        {"NO", 30.006e-3, 3.492 * angstrom, 116.7, 1.9e-5, 1600., 0.0060},
        {"N2O", 44.013e-3, 3.828 * angstrom, 232.4, 2.4e-4, 2600., -0.0085},
        {"N2", 28.014e-3, 3.798 * angstrom, 71.4, 6.4e-6, 1300., -0.0010},
        {"H2", 2.016e-3, 2.827 * angstrom, 59.7, 7.8e-6, 530., -0.0218},
        {"O2", 31.999e-3, 3.467 * angstrom, 106.7, 1.3e-5, 1500., 0.},
        {"Ar", 39.948e-3, 3.542 * angstrom, 93.3, 1.4e-5, 1500., 0.0057},
        {"He", 4.003e-3, 2.551 * angstrom, 10.22, 3.8e-6, 92., -0.0353},
        {"CO2", 44.010e-3, 3.941 * angstrom, 195.2, 3.3e-4, 2400., -0.0172}};
      return table;
    }

    struct SechenovIon
    {
      const char *name;
      /// The same ion with its charge as a number ("Mg2+"), or nullptr.
      const char *alias;
      double      h;
    };

    /**
     * Ion parameters h_i, m3/kmol: Weisenberger and Schumpe, AIChE J. 42
     * (1996) 298 (H+ is their reference, 0 by definition).
     */
    const std::vector<SechenovIon> &
    ion_table()
    {
      static const std::vector<SechenovIon> table = {
        {"H+", nullptr, 0.},         {"Li+", nullptr, 0.0754},
        {"Na+", nullptr, 0.1143},    {"K+", nullptr, 0.0922},
        {"Rb+", nullptr, 0.0839},    {"Cs+", nullptr, 0.0759},
        {"NH4+", nullptr, 0.0556},   {"Mg++", "Mg2+", 0.1694},
        {"Ca++", "Ca2+", 0.1762},    {"OH-", nullptr, 0.0839},
        {"F-", nullptr, 0.0920},     {"Cl-", nullptr, 0.0318},
        {"Br-", nullptr, 0.0269},    {"I-", nullptr, 0.0039},
        {"NO2-", nullptr, 0.0795},   {"NO3-", nullptr, 0.0128},
        {"ClO4-", nullptr, 0.0492},  {"HCO3-", nullptr, 0.0967},
        {"H2PO4-", nullptr, 0.0906}, {"CO3--", "CO32-", 0.1423},
        {"SO4--", "SO42-", 0.1117},  {"HPO4--", "HPO42-", 0.1499},
        {"PO4---", "PO43-", 0.2119}};
      return table;
    }

    /// Neufeld, Janzen and Aziz, J. Chem. Phys. 57 (1972) 1100: Omega(1,1)*
    /// of the Lennard-Jones 12-6 potential at the reduced temperature @p t
    /// (fitted for 0.3 <= T* <= 100).
    double
    diffusion_collision_integral(const double t)
    {
      return 1.06036 / std::pow(t, 0.15610) + 0.19300 / std::exp(0.47635 * t) +
             1.03587 / std::exp(1.52996 * t) + 1.76474 / std::exp(3.89411 * t);
    }

    /// Neufeld, Janzen and Aziz: Omega(2,2)* (viscosity) at @p t.
    double
    viscosity_collision_integral(const double t)
    {
      return 1.16145 / std::pow(t, 0.14874) + 0.52487 / std::exp(0.77320 * t) +
             2.16178 / std::exp(2.43787 * t);
    }

    /// "a, b, c".
    std::string
    listed(const std::vector<std::string> &names)
    {
      return join_names(names, [](const std::string &n) { return n; });
    }
  } // namespace

  GasSpecies
  gas_species(const std::string &name, const std::string &parameter)
  {
    for (const auto &gas : gas_table())
      if (gas.name == name)
        return gas;
    throw_input_error(parameter,
                      name,
                      "use one of the known gases: " +
                        listed(known_gas_species()) + ".");
  }

  std::vector<std::string>
  known_gas_species()
  {
    std::vector<std::string> names;
    for (const auto &gas : gas_table())
      names.push_back(gas.name);
    return names;
  }

  double
  binary_diffusivity(const GasSpecies &a,
                     const GasSpecies &b,
                     const double      temperature,
                     const double      pressure)
  {
    // Eq. 11-3.2 is in cm2/s with bar, g/mol and Angstrom.
    const double sigma   = 0.5 * (a.lj_sigma + b.lj_sigma) / angstrom;
    const double epsilon = std::sqrt(a.lj_epsilon_over_k * b.lj_epsilon_over_k);
    const double molar_mass =
      2e3 / (1. / a.molar_mass + 1. / b.molar_mass); // g/mol
    const double bar   = pressure / 1e5;
    const double omega = diffusion_collision_integral(temperature / epsilon);
    const double cm2_per_s =
      0.00266 * std::pow(temperature, 1.5) /
      (bar * std::sqrt(molar_mass) * sigma * sigma * omega);
    return 1e-4 * cm2_per_s;
  }

  unsigned int
  atoms_in(const std::string &formula, const std::string &element)
  {
    unsigned int atoms = 0;
    std::size_t  k     = 0;
    while (k < formula.size())
      {
        // A symbol: an upper-case letter and its lower-case ones.
        std::size_t end = k + 1;
        while (end < formula.size() && std::islower(formula[end]))
          ++end;
        const std::string symbol = formula.substr(k, end - k);
        unsigned int      count  = 0;
        while (end < formula.size() && std::isdigit(formula[end]))
          count = 10 * count + (formula[end++] - '0');
        if (symbol == element)
          atoms += count == 0 ? 1 : count;
        k = end;
      }
    return atoms;
  }

  double
  gas_viscosity(const GasSpecies &s, const double temperature)
  {
    // Eq. 9-3.9 is in micropoise with g/mol and Angstrom.
    const double sigma = s.lj_sigma / angstrom;
    const double omega =
      viscosity_collision_integral(temperature / s.lj_epsilon_over_k);
    const double micropoise = 26.69 *
                              std::sqrt(1e3 * s.molar_mass * temperature) /
                              (sigma * sigma * omega);
    return 1e-7 * micropoise;
  }

  double
  mixture_viscosity(const std::vector<GasSpecies> &species,
                    const std::vector<double>     &fractions,
                    const double                   temperature)
  {
    std::vector<double> mu(species.size());
    for (unsigned int i = 0; i < species.size(); ++i)
      mu[i] = gas_viscosity(species[i], temperature);
    double mixture = 0.;
    for (unsigned int i = 0; i < species.size(); ++i)
      {
        if (fractions[i] <= 0.)
          continue;
        double weighted = 0.;
        for (unsigned int j = 0; j < species.size(); ++j)
          {
            const double m_ij = species[i].molar_mass / species[j].molar_mass;
            const double root =
              1. + std::sqrt(mu[i] / mu[j]) * std::pow(1. / m_ij, 0.25);
            weighted +=
              fractions[j] * root * root / std::sqrt(8. * (1. + m_ij));
          }
        mixture += fractions[i] * mu[i] / weighted;
      }
    return mixture;
  }

  double
  knudsen_diffusivity(const GasSpecies &s,
                      const double      pore_diameter,
                      const double      temperature)
  {
    const double mean_speed = std::sqrt(8. * Constants::gas_constant *
                                        temperature / (M_PI * s.molar_mass));
    return pore_diameter / 3. * mean_speed;
  }

  double
  bosanquet(const double molecular, const double knudsen)
  {
    if (std::isinf(knudsen))
      return molecular;
    return 1. / (1. / molecular + 1. / knudsen);
  }

  double
  bruggeman_gas_factor(const double porosity, const double liquid_saturation)
  {
    const double gas_fraction =
      std::max(0., porosity * (1. - liquid_saturation));
    return std::pow(gas_fraction, 1.5);
  }

  std::optional<double>
  sechenov_ion(const std::string &ion)
  {
    for (const auto &entry : ion_table())
      if (ion == entry.name || (entry.alias && ion == entry.alias))
        return entry.h;
    return std::nullopt;
  }

  std::vector<std::string>
  known_sechenov_ions()
  {
    std::vector<std::string> names;
    for (const auto &entry : ion_table())
      names.emplace_back(entry.name);
    return names;
  }

  double
  henry_solubility(const GasSpecies                &gas,
                   const double                     temperature,
                   const std::vector<DissolvedIon> &ions)
  {
    // Trace ions without data are skipped: see the header for the bound.
    constexpr double trace             = 1.; // mol/m3
    double           log10_salting_out = 0.;
    for (const auto &ion : ions)
      {
        const auto h = sechenov_ion(ion.name);
        if (h)
          log10_salting_out +=
            (*h + gas.sechenov_gas) * ion.concentration / Constants::molar;
        else if (ion.concentration > trace)
          throw_input_error("Species/" + ion.name,
                            ion.concentration,
                            "salting-out is tabulated for: " +
                              listed(known_sechenov_ions()) + ".");
      }
    const double water =
      gas.henry_298 *
      std::exp(gas.henry_temperature *
               (1. / temperature - 1. / Constants::temperature));
    return water * std::pow(10., -log10_salting_out);
  }
} // namespace NOxFlow::Physics
