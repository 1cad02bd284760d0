#include <physics/chemistry/speciation.h>
#include <physics/input_error.h>

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <utility>

namespace NOxFlow::Physics
{
  namespace
  {
    /// Smallest scaled total of a positive component that is speciated as
    /// such (1e-7 mol/m3 at c_ref = 1 M); below it the total scales its
    /// species.
    constexpr double floor_total = 1e-10;

    /// The total T and dT/du of the unknown @p u of a positive total
    /// (positive_species).
    std::pair<double, double>
    positive_total_of(const double u)
    {
      constexpr double log_threshold = Speciation::log_threshold;
      if (u >= log_threshold)
        return {u, 1.};
      const double t =
        log_threshold * std::exp(std::max(u / log_threshold - 1., -700.));
      return {t, t / log_threshold};
    }

    /// Inverse of the small dense matrix @p m (row major, n x n) by
    /// Gauss-Jordan with partial pivoting; false if singular.
    bool
    invert(std::vector<double>  m,
           const unsigned int   n,
           std::vector<double> &inverse)
    {
      inverse.assign(n * n, 0.);
      for (unsigned int i = 0; i < n; ++i)
        inverse[i * n + i] = 1.;
      for (unsigned int col = 0; col < n; ++col)
        {
          unsigned int pivot = col;
          for (unsigned int r = col + 1; r < n; ++r)
            if (std::abs(m[r * n + col]) > std::abs(m[pivot * n + col]))
              pivot = r;
          if (!(std::abs(m[pivot * n + col]) > 0.))
            return false;
          for (unsigned int k = 0; k < n; ++k)
            {
              std::swap(m[col * n + k], m[pivot * n + k]);
              std::swap(inverse[col * n + k], inverse[pivot * n + k]);
            }
          const double scale = 1. / m[col * n + col];
          for (unsigned int k = 0; k < n; ++k)
            {
              m[col * n + k] *= scale;
              inverse[col * n + k] *= scale;
            }
          for (unsigned int r = 0; r < n; ++r)
            if (r != col && m[r * n + col] != 0.)
              {
                const double f = m[r * n + col];
                for (unsigned int k = 0; k < n; ++k)
                  {
                    m[r * n + k] -= f * m[col * n + k];
                    inverse[r * n + k] -= f * inverse[col * n + k];
                  }
              }
        }
      return true;
    }
  } // namespace

  Speciation::Speciation(const Electrolyte                      &electrolyte,
                         const std::vector<HomogeneousReaction> &equilibria,
                         const double                            c_ref,
                         const bool positive_species)
    : positive_species(positive_species)
  {
    const unsigned int n = electrolyte.n_species();
    const unsigned int r = equilibria.size();
    eliminated           = electrolyte.eliminated_species();
    for (unsigned int s = 0; s < n; ++s)
      {
        names.push_back(electrolyte[s].name);
        charges.push_back(electrolyte[s].charge);
      }

    // One secondary species per equilibrium: its first reactant not yet
    // taken, else its first product.
    std::vector<bool>         secondary(n, false);
    std::vector<unsigned int> secondary_of(r);
    for (unsigned int k = 0; k < r; ++k)
      {
        const auto &nu = equilibria[k].stoichiometry;
        if (nu[eliminated] != 0.)
          throw_input_error("Species/Electroneutrality species",
                            names[eliminated],
                            "it takes part in the equilibrium '" +
                              equilibria[k].name +
                              "'; choose an inert counter-ion (e.g. K+).");
        int pick = -1;
        for (const double sign : {-1., 1.})
          for (unsigned int s = 0; s < n && pick < 0; ++s)
            if (nu[s] * sign > 0. && !secondary[s])
              pick = s;
        if (pick < 0)
          throw_input_error("Homogeneous reactions/" + equilibria[k].name +
                              "/Equation",
                            equilibria[k].equation,
                            "it involves no species that the other "
                            "equilibria leave free; remove the duplicate.");
        secondary[pick] = true;
        secondary_of[k] = pick;
        equilibria_stoichiometry.push_back(nu);
        double net = 0.;
        for (const double v : nu)
          net += v;
        equilibria_log_constant.push_back(
          std::log(equilibria[k].equilibrium_constant) - net * std::log(c_ref));
      }

    // ln c_sec = N_S^-1 (ln K - N_P ln c_P).
    std::vector<double> n_s(r * r), n_s_inverse;
    for (unsigned int k = 0; k < r; ++k)
      for (unsigned int i = 0; i < r; ++i)
        n_s[k * r + i] = equilibria[k].stoichiometry[secondary_of[i]];
    if (!invert(n_s, r, n_s_inverse))
      throw_input_error("Homogeneous reactions/Names",
                        equilibria.back().name,
                        "the equilibria are not independent (one follows "
                        "from the others); remove one.");
    coefficients.assign(n, std::vector<double>(n, 0.));
    log_constant.assign(n, 0.);
    for (unsigned int s = 0; s < n; ++s)
      if (!secondary[s])
        coefficients[s][s] = 1.;
    for (unsigned int i = 0; i < r; ++i)
      {
        const unsigned int j = secondary_of[i];
        for (unsigned int k = 0; k < r; ++k)
          {
            const double m = n_s_inverse[i * r + k];
            log_constant[j] += m * equilibria_log_constant[k];
            for (unsigned int p = 0; p < n; ++p)
              if (!secondary[p])
                coefficients[j][p] -= m * equilibria[k].stoichiometry[p];
          }
      }

    reactive_index.assign(n, -1);
    positive.assign(n, true);
    for (unsigned int p = 0; p < n; ++p)
      {
        if (secondary[p])
          continue;
        bool involved = false;
        for (unsigned int s = 0; s < n; ++s)
          {
            if (coefficients[s][p] < 0.)
              positive[p] = false;
            if (secondary[s] && std::abs(coefficients[s][p]) > 1e-14)
              involved = true;
          }
        if (involved)
          {
            reactive_index[p] = reactive_primaries.size();
            reactive_primaries.push_back(p);
          }
        if (p != eliminated)
          transported.push_back(p);
      }
    for (unsigned int s = 0; s < n; ++s)
      if (secondary[s] || reactive_index[s] >= 0)
        reactive_species.push_back(s);
  }

  std::string
  Speciation::component_name(const unsigned int k) const
  {
    const unsigned int p = transported[k];
    return reactive_index[p] >= 0 ? names[p] + "_total" : names[p];
  }

  double
  Speciation::eliminated_derivative(const unsigned int k) const
  {
    return -static_cast<double>(charges[transported[k]]) / charges[eliminated];
  }

  std::vector<double>
  Speciation::totals(const std::vector<double> &c) const
  {
    std::vector<double> t(transported.size(), 0.);
    for (unsigned int k = 0; k < transported.size(); ++k)
      for (unsigned int s = 0; s < c.size(); ++s)
        t[k] += coefficients[s][transported[k]] * c[s];
    return t;
  }

  std::vector<double>
  Speciation::unknowns(const std::vector<double> &c) const
  {
    auto u = totals(c);
    if (positive_species)
      for (unsigned int k = 0; k < u.size(); ++k)
        if (positive[transported[k]] && u[k] < log_threshold)
          u[k] = log_threshold *
                 (1. + std::log(std::max(u[k], 1e-12) / log_threshold));
    return u;
  }

  double
  Speciation::equilibrium_defect(const std::vector<double> &c) const
  {
    double defect = 0.;
    for (unsigned int k = 0; k < equilibria_stoichiometry.size(); ++k)
      {
        double sum = -equilibria_log_constant[k];
        for (unsigned int s = 0; s < c.size(); ++s)
          if (equilibria_stoichiometry[k][s] != 0.)
            sum += equilibria_stoichiometry[k][s] * std::log(c[s]);
        defect = std::max(defect, std::abs(sum));
      }
    return defect;
  }

  double
  Speciation::reactive_concentration(const unsigned int         s,
                                     const std::vector<double> &x) const
  {
    double exponent = log_constant[s];
    for (unsigned int q = 0; q < x.size(); ++q)
      exponent += coefficients[s][reactive_primaries[q]] * x[q];
    return std::exp(std::min(exponent, 600.));
  }

  template <int dim>
  void
  Speciation::solve_reactive_block(const std::vector<double> &target,
                                   Point<dim>                &p) const
  {
    const unsigned int nq        = reactive_primaries.size();
    const auto         objective = [&](const std::vector<double> &x) {
      double g = 0.;
      for (const unsigned int s : reactive_species)
        g += reactive_concentration(s, x);
      for (unsigned int q = 0; q < nq; ++q)
        g -= target[q] * x[q];
      return g;
    };
    std::vector<double> gradient(nq), m(nq * nq), step(nq), trial(nq);
    bool                polished = false;
    for (unsigned int iteration = 0; iteration < 200; ++iteration)
      {
        std::fill(gradient.begin(), gradient.end(), 0.);
        std::fill(m.begin(), m.end(), 0.);
        std::vector<double> scale(nq, 0.);
        for (unsigned int q = 0; q < nq; ++q)
          gradient[q] = -target[q], scale[q] = std::abs(target[q]);
        for (const unsigned int s : reactive_species)
          {
            const double c = reactive_concentration(s, p.x);
            for (unsigned int q = 0; q < nq; ++q)
              {
                const double a = coefficients[s][reactive_primaries[q]];
                gradient[q] += a * c;
                scale[q] += std::abs(a) * c;
                for (unsigned int r = 0; r < nq; ++r)
                  m[q * nq + r] +=
                    c * a * coefficients[s][reactive_primaries[r]];
              }
          }
        invert(m, nq, p.work);
        bool converged = true;
        for (unsigned int q = 0; q < nq; ++q)
          converged = converged && std::abs(gradient[q]) <= 1e-13 * scale[q];
        if (converged && polished)
          break;
        double slope = 0., largest = 0.;
        for (unsigned int q = 0; q < nq; ++q)
          {
            step[q] = 0.;
            for (unsigned int r = 0; r < nq; ++r)
              step[q] -= p.work[q * nq + r] * gradient[r];
            slope += step[q] * gradient[q];
            largest = std::max(largest, std::abs(step[q]));
          }
        // Within 1e-13 of the totals, one more full step takes Newton to
        // round-off. Stopping at the test instead leaves c wrong by up to
        // 1e-13 c, by an amount that depends on the warm start (the node
        // speciated before): in a fast flow that noise times the advection
        // of a molar species is a residual floor above Newton's tolerance.
        if (converged)
          {
            for (unsigned int q = 0; q < nq; ++q)
              p.x[q] += step[q];
            polished = true;
            continue;
          }
        // At most a factor e^8 per step, then backtrack on G (Armijo).
        double       t  = largest > 8. ? 8. / largest : 1.;
        const double g0 = objective(p.x);
        for (unsigned int halving = 0; halving < 40; ++halving, t *= 0.5)
          {
            for (unsigned int q = 0; q < nq; ++q)
              trial[q] = p.x[q] + t * step[q];
            if (objective(trial) <=
                g0 + 1e-4 * t * slope + 1e-15 * std::abs(g0))
              break;
          }
        p.x = trial;
      }
  }

  template <int dim>
  void
  Speciation::speciate(const double *u,
                       const double  rho_fix,
                       Point<dim>   &p) const
  {
    const unsigned int n  = coefficients.size();
    const unsigned int nt = transported.size();
    const unsigned int nq = reactive_primaries.size();
    p.c.resize(n);
    p.d_c.resize(n);
    for (auto &row : p.d_c)
      row.assign(nt, 0.);

    // Totals of every primary; the electroneutrality species' is linear.
    double rho = rho_fix;
    for (unsigned int k = 0; k < nt; ++k)
      {
        const unsigned int s = transported[k];
        p.c[s]               = u[k];
        p.d_c[s][k]          = 1.;
        rho += charges[s] * u[k];
        p.d_c[eliminated][k] = eliminated_derivative(k);
      }
    p.c[eliminated] = -rho / charges[eliminated];
    if (nq == 0)
      return;

    // Reactive block: minimise G(x) = sum_j exp(ln K_j + a_j x) - T x over
    // x = ln c of the reactive primaries; grad G = totals(x) - T.
    // A total that can only be positive (NH3 + NH4+) is speciated at the
    // smooth maximum T_eff = (T + sqrt(T^2 + 4 f^2)) / 2 of itself and the
    // floor f (zero in an inlet's bulk, undershoots next to an electrode
    // edge); its own species are then scaled by T / T_eff, so they sum to T
    // exactly and go negative with it, while H+ and OH- stay positive. The
    // map stays smooth, so Newton sees no kink.
    std::vector<double> target(nq);
    auto               &ratio = p.ratio;
    auto               &slope = p.slope;
    ratio.assign(nq, 1.);
    slope.assign(nq, 1.);
    for (unsigned int q = 0; q < nq; ++q)
      {
        const unsigned int s = reactive_primaries[q];
        target[q]            = p.c[s];
        if (positive[s] && positive_species)
          {
            const auto [t, dt] = positive_total_of(target[q]);
            target[q]          = t;
            slope[q]           = dt;
          }
        else if (positive[s])
          {
            // Written without cancellation for t << 0: t + root =
            // 4 f^2 / (root - t).
            const double t      = target[q];
            const double f2     = floor_total * floor_total;
            const double root   = std::sqrt(t * t + 4. * f2);
            const double t_plus = t >= 0. ? t + root : 4. * f2 / (root - t);
            target[q]           = 0.5 * t_plus;
            slope[q]            = 0.5 * t_plus / root;
            ratio[q]            = t / target[q];
          }
      }
    if (p.x.size() != nq)
      {
        p.x.resize(nq);
        for (unsigned int q = 0; q < nq; ++q)
          p.x[q] = std::log(std::max(std::abs(target[q]), 1e-10));
      }
    solve_reactive_block(target, p);
    // p.work holds M^-1 = dx/dT at the final x (at T_eff).
    for (const unsigned int s : reactive_species)
      {
        p.c[s] = reactive_concentration(s, p.x);
        for (unsigned int k = 0; k < nt; ++k)
          {
            const int q = reactive_index[transported[k]];
            if (q < 0)
              continue;
            double a_y = 0.;
            for (unsigned int r = 0; r < nq; ++r)
              a_y +=
                coefficients[s][reactive_primaries[r]] * p.work[r * nq + q];
            p.d_c[s][k] = p.c[s] * a_y;
          }
      }
    if (std::all_of(slope.begin(), slope.end(), [](double v) {
          return v == 1.;
        }))
      return;
    p.c_floor   = p.c;
    p.d_c_floor = p.d_c;
    for (unsigned int k = 0; k < nt; ++k)
      if (const int q = reactive_index[transported[k]];
          q >= 0 && positive[transported[k]])
        {
          const double total = ratio[q] * target[q];
          const double d_ratio =
            (target[q] - total * slope[q]) / (target[q] * target[q]);
          for (const unsigned int s : reactive_species)
            if (coefficients[s][transported[k]] != 0. && !positive_species)
              {
                for (unsigned int l = 0; l < nt; ++l)
                  p.d_c[s][l] = p.d_c_floor[s][l] * ratio[q];
                p.d_c[s][k] = p.d_c_floor[s][k] * slope[q] * ratio[q] +
                              p.c_floor[s] * d_ratio;
                p.c[s] = p.c_floor[s] * ratio[q];
              }
            else
              p.d_c[s][k] = p.d_c_floor[s][k] * slope[q];
        }
  }

  template <int dim>
  void
  Speciation::keep_positive(const double *u,
                            const double  rho_fix,
                            Point<dim>   &p) const
  {
    const unsigned int nt = transported.size();
    for (unsigned int k = 0; k < nt; ++k)
      {
        const unsigned int s = transported[k];
        if (reactive_index[s] >= 0 || !positive[s])
          continue;
        const auto [t, dt] = positive_total_of(u[k]);
        p.c[s]             = t;
        p.d_c[s][k]        = dt;
      }
    // Electroneutrality of the species as they are.
    double rho = rho_fix;
    for (unsigned int s = 0; s < p.c.size(); ++s)
      if (s != eliminated)
        rho += charges[s] * p.c[s];
    p.c[eliminated] = -rho / charges[eliminated];
    for (unsigned int k = 0; k < nt; ++k)
      {
        double d = 0.;
        for (unsigned int s = 0; s < p.c.size(); ++s)
          if (s != eliminated)
            d += charges[s] * p.d_c[s][k];
        p.d_c[eliminated][k] = -d / charges[eliminated];
      }
  }

  template <int dim>
  void
  Speciation::evaluate(const double *u,
                       const double  rho_fix,
                       Point<dim>   &p) const
  {
    speciate(u, rho_fix, p);
    if (positive_species)
      keep_positive(u, rho_fix, p);
  }

  template <int dim>
  void
  Speciation::evaluate(const double                 *u,
                       const dealii::Tensor<1, dim> *grad_u,
                       const double                  rho_fix,
                       Point<dim>                   &p) const
  {
    speciate(u, rho_fix, p);
    if (positive_species)
      keep_positive(u, rho_fix, p);
    const unsigned int n  = coefficients.size();
    const unsigned int nt = transported.size();
    p.grad_c.assign(n, dealii::Tensor<1, dim>());
    for (unsigned int s = 0; s < n; ++s)
      for (unsigned int k = 0; k < nt; ++k)
        p.grad_c[s] += p.d_c[s][k] * grad_u[k];
  }

  template void
  Speciation::evaluate(const double *, double, Point<2> &) const;
  template void
  Speciation::evaluate(const double *, double, Point<3> &) const;
  template void
  Speciation::evaluate(const double *,
                       const dealii::Tensor<1, 2> *,
                       double,
                       Point<2> &) const;
  template void
  Speciation::evaluate(const double *,
                       const dealii::Tensor<1, 3> *,
                       double,
                       Point<3> &) const;
} // namespace NOxFlow::Physics
